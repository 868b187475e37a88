"""Load and lineage time on a SPARQL server (the Oxigraph server) beside the embedded store.

    python -m bench.remote                 # the 10k graph, 20 repetitions per question
    python -m bench.remote --size 100k --reps 50
    python -m bench.remote --size 1M --remote-only     # the 1M load through the server
    python -m bench.remote --size 1M --remote-only --serve-workers 1,2   # and finreg serve on it

Both stores get the same files through finreg's own loader (parse, term check, shapes,
write, publish), then answer the same lineage questions through ``KnowledgeGraph``. The
server runs on 127.0.0.1 with its own temporary database, without ``--union-default-graph``
(``--union`` to start it with), and finreg's default store settings (request timeout, request
size): a load of any size must pass with them. It is stopped at the end. Writes
``bench/results/<date>-<commit>-remote[-SIZE].json`` and prints a markdown table. Timings are
medians (p50) and 99th percentiles of wall time in this process; they include the HTTP round
trips to the server (two per query: the registry, then the question), which is the point.

With ``--serve-workers 1,2``, ``finreg serve --store URL --workers N`` then serves the loaded
server for each N in turn (``FINREG_CACHE=off``), and wrk sends it the throughput mix of
bench.serving (8 and 32 connections; wrk pinned to the last core): several API processes
over one SPARQL server, the way finreg grows past one process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import httpx

from bench.serving import Server, bench_wrk
from bench.stats import percentile
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.model import Direction
from kg.store import EmbeddedStore, Endpoint, GraphStore, RemoteStore

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def oxigraph(workdir: Path, port: int, *, union: bool = False) -> Iterator[Endpoint]:
    """The Oxigraph server (from the ``oxigraph`` package) on 127.0.0.1:``port``, and an
    endpoint with finreg's default settings."""
    binary = Path(sys.executable).with_name("oxigraph")
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(workdir), "--bind", f"127.0.0.1:{port}",
         *(["--union-default-graph"] if union else [])],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        yield Endpoint(query_url=f"{base}/query")
    finally:
        process.terminate()
        process.wait(timeout=20)


def timed(action: Callable[[], object], reps: int) -> dict[str, float]:
    """p50 and p99 in milliseconds of ``reps`` calls after one warm-up."""
    action()
    samples = []
    for _ in range(reps):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": statistics.median(samples), "p99_ms": percentile(samples, 99)}


def measure(store: GraphStore, files: list[Path], starts: dict[str, str], reps: int) -> dict:
    """Load ``files`` into ``store``, then time lineage from each start."""
    started = time.perf_counter()
    sent = getattr(store, "requests", 0)
    report = load_files(store, files, root=files[0].parent)
    seconds = time.perf_counter() - started
    graph = KnowledgeGraph(store)
    result: dict = {
        "load_seconds": seconds,
        "triples_per_second": report.triples / seconds,
        "triples": report.triples,
        "derived": report.derived,
        "phases": report.phases,
    }
    if isinstance(store, RemoteStore):
        result["requests"] = store.requests - sent
    for depth, iri in starts.items():
        entity = graph.entity(iri)
        if entity is None:
            raise SystemExit(f"{iri} is not in the loaded graph")
        result[f"lineage_d{depth}"] = timed(
            lambda e=entity: graph.lineage(e, Direction.DOWNSTREAM), reps
        )
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and write its results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10k", help="a generated graph under bench/data")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--port", type=int, default=17878)
    parser.add_argument(
        "--data",
        type=Path,
        help="the generated graph's folder (default: bench/data/SIZE, generated if missing)",
    )
    parser.add_argument(
        "--union", action="store_true", help="start the server with --union-default-graph"
    )
    parser.add_argument("--remote-only", action="store_true", help="skip the embedded store")
    parser.add_argument(
        "--serve-workers",
        help="comma-separated API process counts to serve the loaded server with (e.g. 1,2)",
    )
    parser.add_argument("--seconds", type=int, default=15, help="seconds per wrk run")
    args = parser.parse_args(argv)
    data = args.data or ROOT / "bench" / "data" / args.size
    if not (data / "manifest.json").exists():
        subprocess.run(
            [sys.executable, "-m", "bench.generate", "--triples", args.size, "--out", str(data)],
            check=True,
        )
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    files = sorted(data.glob("*.ttl"))
    starts = {depth: iris[0] for depth, iris in manifest["lineage_iris"].items()}
    local: dict | None = None
    serving: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.remote_only:
            embedded = EmbeddedStore.open(Path(tmp) / "embedded")
            try:
                local = measure(embedded, files, starts, args.reps)
            finally:
                embedded.close()
        with oxigraph(Path(tmp) / "server", args.port, union=args.union) as endpoint:
            remote_store = RemoteStore(endpoint)
            try:
                remote = measure(remote_store, files, starts, args.reps)
            finally:
                remote_store.close()
            for workers in [int(w) for w in (args.serve_workers or "").split(",") if w]:
                with Server(store_url=endpoint.query_url, workers=workers) as server:
                    serving[str(workers)] = bench_wrk(server, manifest, [8, 32], args.seconds)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    results = {
        "size": args.size,
        "commit": commit,
        "union_default_graph": args.union,
        "embedded": local,
        "oxigraph_server": remote,
        "serving_by_workers": serving,
    }
    suffix = "" if args.size == "10k" else f"-{args.size}"
    out = ROOT / "bench" / "results" / f"{date.today()}-{commit}-remote{suffix}.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"| {args.size} | embedded | Oxigraph server |\n| --- | --- | --- |")

    def cell(found: dict | None, text: Callable[[dict], str]) -> str:
        return text(found) if found is not None else "not run"

    load_s = cell(local, lambda r: f"{r['load_seconds']:,.1f}")
    per_s = cell(local, lambda r: f"{r['triples_per_second']:,.0f}")
    print(f"| load, s | {load_s} | {remote['load_seconds']:,.1f} ({remote['requests']} requests) |")
    print(f"| load, triples/s | {per_s} | {remote['triples_per_second']:,.0f} |")
    for depth in starts:
        key = f"lineage_d{depth}"
        there = remote[key]
        here = cell(local, lambda r, k=key: f"{r[k]['p50_ms']:.1f} / {r[k]['p99_ms']:.1f}")
        print(
            f"| lineage depth {depth}, p50 / p99 ms | {here} | "
            f"{there['p50_ms']:.1f} / {there['p99_ms']:.1f} |"
        )
    for workers, found in serving.items():
        for run in found.get("runs", []):
            errors = sum(run["errors"].values())
            print(
                f"| finreg serve, {workers} worker(s), {run['connections']} clients | | "
                f"{run['requests_per_s']:,.1f} req/s, p50 {run['p50_ms']:.0f} ms, "
                f"p99 {run['p99_ms']:.0f} ms, {errors} errors |"
            )
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
