"""The benchmark's requests stay valid as the schema changes, its throughput mix is made of
distinct requests of every kind, and its comparison reports what got twice as slow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphql import parse, validate

from api.schema import build_schema
from bench import queries
from bench.compare import slower
from bench.generate import Generator
from kg.settings import Settings

pytestmark = pytest.mark.embedded_only


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("bench") / "10k"
    Generator(10_000, out).run()
    found: dict[str, object] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return found


def test_every_benchmark_request_is_valid_graphql(
    manifest: dict[str, object], tmp_path: Path
) -> None:
    schema = build_schema(Settings(data_dir=tmp_path))._schema
    texts = {spec.graphql for spec in queries.SPECS.values()}
    texts |= {body["query"] for body in queries.mix(manifest)}
    for text in texts:
        assert validate(schema, parse(text)) == [], text


def test_the_mix_is_distinct_requests_of_every_kind(manifest: dict[str, object]) -> None:
    bodies = queries.mix(manifest)
    lines = {json.dumps(body, sort_keys=True, ensure_ascii=False) for body in bodies}
    assert len(lines) == len(bodies) > 500
    kinds = {body["query"].split("(")[0] for body in bodies}
    assert len(kinds) == 8
    first = {body["query"].split("(")[0] for body in bodies[:8]}
    assert first == kinds  # interleaved: any stretch asks every kind
    assert len(queries.mix(manifest, size=100)) == 100


def test_the_comparison_names_what_got_twice_as_slow() -> None:
    def run(p50: float) -> dict[str, object]:
        layers = {"sparql": {"p50_ms": 1.0}, "kg": {"p50_ms": p50}, "graphql": {"p50_ms": 3.0}}
        return {"sizes": {"100k": {"queries": {"owners": layers}, "http": {}}}}

    assert slower(run(4.4), run(2.0)) == ["100k owners kg: 2.00 ms -> 4.40 ms (2.2x)"]
    assert slower(run(3.9), run(2.0)) == []
