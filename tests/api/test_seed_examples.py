"""The GraphiQL examples answer real questions against the seed graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.examples import EXAMPLES, Example
from api.schema import build_schema
from kg.settings import Settings
from kg.store import GraphStore
from tests.api.conftest import execute


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.query.split("query ")[1].split()[0])
def test_example_answers_from_the_seed_graph(
    example: Example, seeded_store: GraphStore, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path)
    variables = json.loads(example.variables) if example.variables else None
    result = execute(build_schema(settings), seeded_store, settings, example.query, variables)
    assert not result.errors, result.errors
    assert result.data is not None
    assert result.data["entity"] is not None
