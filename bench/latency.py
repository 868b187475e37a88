"""Query latency on the loaded store: warm in-process (plain SPARQL, KnowledgeGraph calls,
GraphQL), and cold (the first query of a fresh process)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from bench import queries
from bench.harness import log, worker
from bench.stats import repeat


def bench_queries_in_process(
    store_dir: Path, manifest: dict[str, Any], budget: float, min_n: int
) -> dict[str, dict[str, Any]]:
    from api.context import Context
    from api.schema import build_schema
    from kg.knowledge import KnowledgeGraph
    from kg.settings import Settings
    from kg.store import EmbeddedStore

    store = EmbeddedStore.open(store_dir)
    graph = KnowledgeGraph(store)
    settings = Settings(data_dir=store_dir)
    schema = build_schema(settings)
    loop = asyncio.new_event_loop()
    out: dict[str, dict[str, Any]] = {}
    try:
        for name, spec in queries.SPECS.items():
            log(f"queries: {name} (sparql, kg, graphql in-process)")
            request = queries.graphql_request(spec, manifest)

            def execute(request: dict[str, Any] = request, name: str = name) -> None:
                context = Context(graph=graph, settings=settings)
                result = loop.run_until_complete(
                    schema.execute(
                        request["query"],
                        variable_values=request["variables"],
                        context_value=context,
                    )
                )
                if result.errors:
                    raise RuntimeError(f"{name}: {result.errors[0].message}")

            row = {
                "sparql": repeat(
                    lambda spec=spec: queries.run_sparql(store._store, spec, manifest),
                    budget=budget,
                    min_n=min_n,
                ),
                "kg": repeat(
                    lambda spec=spec: spec.kg(graph, manifest), budget=budget, min_n=min_n
                ),
                "graphql": repeat(execute, budget=budget, min_n=min_n),
            }
            row["sparql"]["rows"] = queries.run_sparql(store._store, spec, manifest)
            out[name] = row
    finally:
        loop.close()
        store.close()
    return out


def bench_cold(
    store_dir: Path, manifest: dict[str, Any], layers: list[str], reps: int
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name in queries.SPECS:
        out[name] = {}
        for layer in layers:
            runs = [
                worker(
                    "cold_query",
                    store_dir=str(store_dir),
                    manifest=manifest,
                    query=name,
                    layer=layer,
                )
                for _ in range(reps)
            ]
            out[name][layer] = {
                "first_query_ms": round(
                    sorted(r["first_query_s"] for r in runs)[len(runs) // 2] * 1000, 3
                ),
                "open_ms": round(sorted(r["open_s"] for r in runs)[len(runs) // 2] * 1000, 3),
                "n": reps,
            }
    return out
