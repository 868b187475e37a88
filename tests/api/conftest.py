"""Fixtures for the API tests: a small graph of every entity kind, a schema, a runner."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from strawberry.types import ExecutionResult

from api.context import Context
from api.schema import FinregSchema, build_schema
from api.work import Workload
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import GraphStore
from tests.api.graph import CLAIMS, ENTITIES, FACTS
from tests.backends import Backend

Run = Callable[..., ExecutionResult]


def write_graph(folder: Path) -> list[Path]:
    """Write the API test graph as two Turtle files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "entities.ttl", folder / "facts.ttl"]
    paths[0].write_text(ENTITIES, encoding="utf-8")
    paths[1].write_text(FACTS, encoding="utf-8")
    return paths


def write_claims_graph(folder: Path) -> list[Path]:
    """Write the API test graph and its claims (tests.api.graph.CLAIMS) as three files."""
    paths = write_graph(folder)
    claims = folder / "claims.ttl"
    claims.write_text(CLAIMS, encoding="utf-8")
    return [*paths, claims]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default limits, a data directory under tmp_path, seeds from the test graph."""
    return Settings(data_dir=tmp_path / "data", seeds_dir=tmp_path / "seeds")


@pytest.fixture
def api_store(tmp_path: Path, backend: Backend) -> Iterator[GraphStore]:
    """A store on this run's backend holding the API test graph."""
    store = backend.store()
    load_files(store, write_graph(tmp_path / "graph"))
    yield store
    store.close()


@pytest.fixture
def claims_store(tmp_path: Path, backend: Backend) -> Iterator[GraphStore]:
    """A store on this run's backend holding the API test graph and its claims."""
    store = backend.store()
    load_files(store, write_claims_graph(tmp_path / "claims"))
    yield store
    store.close()


@pytest.fixture
def schema(settings: Settings) -> FinregSchema:
    """The schema with default limits."""
    return build_schema(settings)


def execute(
    schema: FinregSchema,
    store: GraphStore,
    settings: Settings,
    query: str,
    variables: dict[str, Any] | None = None,
    work: Workload | None = None,
) -> ExecutionResult:
    """Run one query through ``schema.execute`` against ``store`` (in ``work``'s threads if
    given, a fresh GraphQL workload otherwise)."""
    context = Context(graph=KnowledgeGraph(store), settings=settings)
    if work is not None:
        context.work = work
    return asyncio.run(schema.execute(query, variable_values=variables, context_value=context))


@pytest.fixture
def run(schema: FinregSchema, api_store: GraphStore, settings: Settings) -> Run:
    """Run a query against the test graph: ``run(query, **variables)``."""

    def runner(query: str, **variables: Any) -> ExecutionResult:
        return execute(schema, api_store, settings, query, variables or None)

    return runner


@pytest.fixture
def claims_run(schema: FinregSchema, claims_store: GraphStore, settings: Settings) -> Run:
    """Run a query against the test graph with its claims: ``claims_run(query, **variables)``."""

    def runner(query: str, **variables: Any) -> ExecutionResult:
        return execute(schema, claims_store, settings, query, variables or None)

    return runner
