"""Benchmark steps that run in a fresh subprocess each, so peak RSS and cold starts are their own.

    python -m bench.workers TASK '{"json": "arguments"}'

prints one JSON object on its last line of stdout. Tasks: load_finreg, load_pyoxigraph,
load_rdflib, cold_query, rdflib_queries.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_finreg(files: list[str], store_dir: str) -> dict[str, Any]:
    """``finreg load``'s path (kg.loaders.load_files) into an on-disk store; the phases are
    the ones the loader reports (check: parse, term check and shapes; write: the version
    graphs; publish: derived triples and the publishing update)."""
    from kg.loaders import load_files
    from kg.store import EmbeddedStore

    store = EmbeddedStore.open(Path(store_dir))
    started = time.perf_counter()
    report = load_files(store, [Path(f) for f in files], root=Path(files[0]).parent)
    seconds = time.perf_counter() - started
    store.close()
    return {
        "seconds": seconds,
        "triples": report.triples,
        "derived": report.derived,
        "phases": report.phases,
        "maxrss_mib": _maxrss_mib(),
    }


def load_pyoxigraph(files: list[str], store_dir: str, bulk: bool = False) -> dict[str, Any]:
    """Raw pyoxigraph: ``Store(path).load(...)`` (transactional) or ``bulk_load`` per file."""
    from pyoxigraph import NamedNode, RdfFormat, Store

    store = Store(store_dir)
    started = time.perf_counter()
    for f in files:
        graph = NamedNode(Path(f).resolve().as_uri())
        if bulk:
            store.bulk_load(path=f, format=RdfFormat.TURTLE, to_graph=graph)
        else:
            store.load(path=f, format=RdfFormat.TURTLE, to_graph=graph)
    store.flush()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "triples": len(store), "maxrss_mib": _maxrss_mib()}


def load_rdflib(files: list[str]) -> dict[str, Any]:
    """rdflib's default: ``Graph().parse(file)`` into the in-memory store."""
    from rdflib import Graph

    started = time.perf_counter()
    graph = Graph()
    for f in files:
        graph.parse(f, format="turtle")
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "triples": len(graph), "maxrss_mib": _maxrss_mib()}


def cold_query(store_dir: str, manifest: dict[str, Any], query: str, layer: str) -> dict[str, Any]:
    """The first query after opening the store in this fresh process (OS page cache warm)."""
    from bench import queries
    from kg.knowledge import KnowledgeGraph
    from kg.store import EmbeddedStore

    t0 = time.perf_counter()
    store = EmbeddedStore.open(Path(store_dir), read_only=True)
    opened = time.perf_counter() - t0
    spec = queries.SPECS[query]
    t1 = time.perf_counter()
    if layer == "sparql":
        queries.run_sparql(store._store, spec, manifest)  # raw pyoxigraph Store
    else:
        spec.kg(KnowledgeGraph(store), manifest)
    first = time.perf_counter() - t1
    return {"open_s": opened, "first_query_s": first}


def rdflib_queries(files: list[str], manifest: dict[str, Any], budget: float) -> dict[str, Any]:
    """Each question as plain rdflib SPARQL over an in-memory Graph of the same files."""
    from rdflib import Graph

    from bench import queries
    from bench.stats import summarise

    graph = Graph()
    for f in files:
        graph.parse(f, format="turtle")
    out: dict[str, Any] = {}
    for name, spec in queries.SPECS.items():
        text = queries.sparql_text(spec, manifest)
        samples: list[float] = []
        deadline = time.perf_counter() + budget
        rows = 0
        while not samples or (time.perf_counter() < deadline and len(samples) < 50):
            t = time.perf_counter()
            rows = len(list(graph.query(text)))
            samples.append(time.perf_counter() - t)
        out[name] = {**summarise(samples), "rows": rows}
    return out


TASKS = {
    "load_finreg": load_finreg,
    "load_pyoxigraph": load_pyoxigraph,
    "load_rdflib": load_rdflib,
    "cold_query": cold_query,
    "rdflib_queries": rdflib_queries,
}

if __name__ == "__main__":
    task, arguments = sys.argv[1], json.loads(sys.argv[2])
    result = TASKS[task](**arguments)
    sys.stdout.write("\n" + json.dumps(result) + "\n")
