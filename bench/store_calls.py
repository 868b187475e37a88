"""Each question's store calls on a loaded store, in process: the p50 of the finreg
``KnowledgeGraph`` calls (bench.queries), how many store queries one of them makes, and, with
``--detail``, the time and the text of each query a GraphQL request makes. To see where a
request's time goes before and after changing a query (issue #13); no target reads it.

    python -m bench.generate --triples 100k --out /tmp/g
    finreg load --data /tmp/g-store --root /tmp/g --quiet /tmp/g/*.ttl
    FINREG_CACHE=off python -m bench.store_calls /tmp/g-store /tmp/g/manifest.json \
        [--detail] [QUESTION...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import queries
from bench.stats import repeat


class _Timed:
    """Wraps a store's ``select``: each call's milliseconds and query text, in order."""

    def __init__(self, store: Any) -> None:
        self.calls: list[tuple[float, str]] = []
        inner: Callable[..., Any] = store.select

        def select(query: str, *args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            rows = inner(query, *args, **kwargs)
            lines = (line for line in query.splitlines() if not line.startswith("PREFIX"))
            self.calls.append(((time.perf_counter() - start) * 1000, " ".join(lines)))
            return rows

        store.select = select


def main() -> None:
    """Print each question's kg-call p50 and store queries per request."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("manifest", type=Path)
    parser.add_argument("questions", nargs="*", help="of bench.queries.SPECS (default: all)")
    parser.add_argument("--detail", action="store_true")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per measurement")
    args = parser.parse_intermixed_args()

    from api.context import Context
    from api.schema import build_schema
    from kg.knowledge import KnowledgeGraph
    from kg.settings import Settings
    from kg.store import EmbeddedStore

    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    store = EmbeddedStore.open(args.store, read_only=True)
    timed = _Timed(store)
    graph = KnowledgeGraph(store)
    settings = Settings(data_dir=args.store)
    schema = build_schema(settings)
    loop = asyncio.new_event_loop()
    for name, spec in queries.SPECS.items():
        if args.questions and name not in args.questions:
            continue
        request = queries.graphql_request(spec, manifest)

        def ask(request: dict[str, Any] = request) -> None:
            result = loop.run_until_complete(
                schema.execute(
                    request["query"],
                    variable_values=request["variables"],
                    context_value=Context(graph=graph, settings=settings),
                )
            )
            if result.errors:
                raise RuntimeError(result.errors[0].message)

        def kg_call(spec: queries.Spec = spec) -> object:
            return spec.kg(graph, manifest)

        timed.calls.clear()
        kg_call()
        kg_queries = len(timed.calls)
        timed.calls.clear()
        ask()
        asked = list(timed.calls)
        kg_p50 = repeat(kg_call, budget=args.budget, min_n=20)["p50_ms"]
        gql_p50 = repeat(ask, budget=args.budget, min_n=20)["p50_ms"]
        print(
            f"{name:12s} kg p50 {kg_p50:7.2f} ms, {kg_queries} store queries; "
            f"GraphQL in-process p50 {gql_p50:7.2f} ms, {len(asked)} store queries"
        )
        if args.detail:
            for ms, text in asked:
                print(f"    {ms:6.2f} ms  {text[:160]}")


if __name__ == "__main__":
    main()
