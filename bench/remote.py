"""Load and lineage time on a SPARQL server (the Oxigraph server) beside the embedded store.

    python -m bench.remote                 # the 10k graph, 20 repetitions per question
    python -m bench.remote --size 100k --reps 50

Both stores get the same files through finreg's own loader (parse, term check, shapes, one
write), then answer the same lineage questions through ``KnowledgeGraph``. The server runs on
127.0.0.1 with its own temporary database; it is stopped at the end. Writes
``bench/results/<date>-<commit>-remote.json`` and prints a markdown table. Timings are medians
(p50) and 99th percentiles of wall time in this process; they include the HTTP round trips to
the server, which is the point.
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

from bench.stats import percentile
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.model import Direction
from kg.store import EmbeddedStore, Endpoint, GraphStore, RemoteStore

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def oxigraph(workdir: Path, port: int) -> Iterator[Endpoint]:
    """The Oxigraph server (from the ``oxigraph`` package) on 127.0.0.1:``port``."""
    binary = Path(sys.executable).with_name("oxigraph")
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(workdir), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
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
        yield Endpoint(query_url=f"{base}/query", timeout=60)
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
    report = load_files(store, files, root=files[0].parent)
    seconds = time.perf_counter() - started
    graph = KnowledgeGraph(store)
    result: dict = {
        "load_seconds": seconds,
        "triples_per_second": report.triples / seconds,
        "triples": report.triples,
    }
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
    args = parser.parse_args(argv)
    data = ROOT / "bench" / "data" / args.size
    if not (data / "manifest.json").exists():
        subprocess.run(
            [sys.executable, "-m", "bench.generate", "--triples", args.size, "--out", str(data)],
            check=True,
        )
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    files = sorted(data.glob("*.ttl"))
    starts = {depth: iris[0] for depth, iris in manifest["lineage_iris"].items()}
    with tempfile.TemporaryDirectory() as tmp:
        embedded = EmbeddedStore.open(Path(tmp) / "embedded")
        try:
            local = measure(embedded, files, starts, args.reps)
        finally:
            embedded.close()
        with oxigraph(Path(tmp) / "server", args.port) as endpoint:
            remote_store = RemoteStore(endpoint)
            try:
                remote = measure(remote_store, files, starts, args.reps)
            finally:
                remote_store.close()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    results = {"size": args.size, "commit": commit, "embedded": local, "oxigraph_server": remote}
    out = ROOT / "bench" / "results" / f"{date.today()}-{commit}-remote.json"
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"| {args.size} | embedded | Oxigraph server |\n| --- | --- | --- |")
    print(
        f"| load (triples/s) | {local['triples_per_second']:,.0f} "
        f"| {remote['triples_per_second']:,.0f} |"
    )
    for depth in starts:
        here, there = local[f"lineage_d{depth}"], remote[f"lineage_d{depth}"]
        print(
            f"| lineage depth {depth}, p50 / p99 ms | {here['p50_ms']:.1f} / "
            f"{here['p99_ms']:.1f} | {there['p50_ms']:.1f} / {there['p99_ms']:.1f} |"
        )
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
