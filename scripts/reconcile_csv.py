"""Reconcile a CSV of names against finreg as OpenRefine would, and count the outcomes.

    python scripts/reconcile_csv.py examples/reconcile.csv            # the seeds, in memory
    python scripts/reconcile_csv.py names.csv --url http://127.0.0.1:8000/reconcile
    python scripts/reconcile_csv.py examples/reconcile.csv --json     # for a program

The CSV has a header row with a ``name`` column, and optionally ``valid_on`` (a date on
which the name was borne: 2015, 2023-06 or 2024-12-30) and ``type`` (Company, Product...).
Each row is one reconciliation query, sent in batches by POST as OpenRefine sends them. A row
is a *match* when a candidate has ``match: true``, *candidates* when it has candidates but
no match, *none* when it has none. Without ``--url``, the script serves the seeds from an
in-memory store in this process (nothing is written to disk).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ONTOLOGY = "https://w3id.org/finreg/ontology#"


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of the CSV, each with its ``name`` (and ``valid_on``, ``type`` if given)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "name" not in rows[0]:
        raise SystemExit(f"{path}: the header row has no name column")
    return rows


def query_of(row: dict[str, str]) -> dict[str, Any]:
    """The reconciliation query for one row."""
    query: dict[str, Any] = {"query": row["name"], "limit": 3}
    if (row.get("valid_on") or "").strip():
        query["properties"] = [{"pid": "validOn", "v": row["valid_on"].strip()}]
    if (row.get("type") or "").strip():
        query["type"] = ONTOLOGY + row["type"].strip()
    return query


def outcome(candidates: list[dict[str, Any]]) -> str:
    """match, candidates or none."""
    if any(c.get("match") for c in candidates):
        return "match"
    return "candidates" if candidates else "none"


def reconcile(
    http: httpx.Client, endpoint: str, rows: list[dict[str, str]]
) -> list[dict[str, Any]]:
    """Each row with its outcome and candidates, in batches of the manifest's batchSize."""
    manifest = http.get(endpoint).raise_for_status().json()
    size = int(manifest.get("batchSize", 10))
    results: list[dict[str, Any]] = []
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        batch = {f"q{start + i}": query_of(row) for i, row in enumerate(chunk)}
        answer = http.post(endpoint, data={"queries": json.dumps(batch, ensure_ascii=False)})
        answer.raise_for_status()
        found = answer.json()
        for i, row in enumerate(chunk):
            candidates = found[f"q{start + i}"]["result"]
            results.append({**row, "outcome": outcome(candidates), "candidates": candidates})
    return results


@contextmanager
def seeds_service() -> Iterator[tuple[httpx.Client, str]]:
    """The finreg app over the seeds, in memory, served on a free loopback port while the
    rows are reconciled; a client and its /reconcile endpoint."""
    import socket
    import threading
    import time

    import uvicorn

    from api.app import create_app
    from kg.knowledge import KnowledgeGraph
    from kg.resources import seeds_dir
    from kg.settings import Settings

    graph = KnowledgeGraph.empty()
    graph.load(sorted(seeds_dir().glob("*.ttl")))
    app = create_app(Settings(data_dir=Path("/nonexistent")), graph=graph)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise SystemExit("the in-memory server did not start")
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            yield client, "/reconcile"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        graph.close()


def report(results: list[dict[str, Any]]) -> str:
    """One line per row, then the counts."""
    lines = []
    for r in results:
        best = r["candidates"][0] if r["candidates"] else None
        found = f"{best['name']} ({best['score']})" if best else "-"
        dated = f" @{r['valid_on']}" if r.get("valid_on") else ""
        lines.append(f"{r['outcome']:<10}  {r['name']}{dated}  ->  {found}")
    counts = Counter(r["outcome"] for r in results)
    lines.append(
        f"match: {counts['match']}, candidates only: {counts['candidates']}, "
        f"none: {counts['none']} ({len(results)} rows)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path, help="a CSV file with a name column")
    parser.add_argument("--url", help="a /reconcile endpoint (default: the seeds, in memory)")
    parser.add_argument("--json", action="store_true", help="print JSON: counts and rows")
    args = parser.parse_args(argv)
    rows = read_rows(args.csv)
    if args.url:
        with httpx.Client(timeout=60) as http:
            results = reconcile(http, args.url, rows)
    else:
        with seeds_service() as (http, endpoint):
            results = reconcile(http, endpoint, rows)
    if args.json:
        counts = Counter(r["outcome"] for r in results)
        print(
            json.dumps(
                {
                    "match": counts["match"],
                    "candidates": counts["candidates"],
                    "none": counts["none"],
                    "rows": results,
                },
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        print(report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
