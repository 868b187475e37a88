"""finreg's benchmarks (issue #5): load, query, throughput; JSON + markdown in bench/results/.

    python -m bench.run --quick            # the 100k graph, under 3 minutes on 2 cores
    python -m bench.run --sizes 10k,100k,1M
    python -m bench.run --sizes 10M        # refused with an extrapolation past the limits

Every measurement names its method in the results; nothing here is asserted by tests.

This module is the harness: sizes, limits, the order of the steps, the results files. The
steps: bench.loading, bench.latency, bench.serving (HTTP and wrk); what they share:
bench.harness; the machine and commit: bench.provenance; the ratios and tables: bench.report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import time
from typing import Any

from bench.compare import slower_than_before
from bench.generate import parse_size
from bench.harness import RESULTS, dataset, log, worker
from bench.latency import bench_cold, bench_queries_in_process
from bench.loading import bench_load
from bench.provenance import commit, machine
from bench.report import markdown, ratios
from bench.serving import Server, bench_http, bench_wrk

# A size whose finreg load would pass these (extrapolated from the largest size measured) is
# skipped unless --force.
MAX_RSS_GIB = 12.0
MAX_LOAD_SECONDS = 20 * 60


def extrapolate(label: str, done: dict[str, Any]) -> dict[str, Any] | None:
    """Time and memory a size would take, scaled linearly from the largest size measured."""
    if not done:
        return None
    base_label, base = max(done.items(), key=lambda kv: kv[1]["input_triples"])
    factor = parse_size(label) / base["input_triples"]
    est: dict[str, Any] = {"from": base_label, "factor": round(factor, 2)}
    for key in ("finreg", "pyoxigraph", "pyoxigraph_bulk", "rdflib"):
        if key in base["load"]:
            r = base["load"][key]
            est[key] = {
                "seconds": round(r["seconds"] * factor),
                "maxrss_gib": round(r["maxrss_mib"] * factor / 1024, 1),
            }
    return est


def previous_loads() -> dict[str, Any]:
    """The largest size's load figures among earlier results files (the newest on a tie)."""
    best: tuple[int, float, str, dict[str, Any]] | None = None
    for path in RESULTS.glob("*.json"):
        sizes = json.loads(path.read_text("utf-8")).get("sizes", {})
        if not isinstance(sizes, dict):  # another benchmark's results (shacl_engines)
            continue
        for label, size in sizes.items():
            if "load" in size:
                key = (size["input_triples"], path.stat().st_mtime)
                if best is None or key > best[:2]:
                    best = (*key, f"{label} ({path.name})", size)
    return {best[2]: best[3]} if best else {}


def run_size(label: str, args: argparse.Namespace, loads: dict[str, Any]) -> dict[str, Any]:
    quick = args.quick
    result: dict[str, Any] = {"size": label, "input_triples": parse_size(label)}
    est = extrapolate(label, loads or previous_loads())
    if parse_size(label) > 2_000_000 and est is None and not args.force:
        result["skipped"] = "no smaller size measured to extrapolate from; --force to run it"
        return result
    if (
        est
        and not args.force
        and (
            est["finreg"]["maxrss_gib"] > MAX_RSS_GIB or est["finreg"]["seconds"] > MAX_LOAD_SECONDS
        )
    ):
        result["skipped"] = (
            f"finreg load extrapolated to {est['finreg']['seconds']} s and "
            f"{est['finreg']['maxrss_gib']} GiB peak RSS, past this run's limits "
            f"({MAX_LOAD_SECONDS} s, {MAX_RSS_GIB} GiB); --force to run it"
        )
        result["extrapolation"] = est
        log(result["skipped"])
        return result
    directory, manifest = dataset(label, args.seed, args.regenerate)
    result["input_triples"] = manifest["triples"]
    result["generator"] = {k: manifest[k] for k in ("counts", "files", "seconds")}
    skip_rdflib = bool(est and est.get("rdflib", {}).get("maxrss_gib", 0) > MAX_RSS_GIB)
    result["load"], store_dir = bench_load(directory, manifest, quick, skip_rdflib)
    loads[label] = result
    budget, min_n = (0.5, 5) if quick else (3.0, 30)
    budget = args.budget if args.budget is not None else budget
    min_n = args.min_n if args.min_n is not None else min_n
    result["queries"] = bench_queries_in_process(store_dir, manifest, budget, min_n)
    log("queries: cold (fresh process per query)")
    result["cold"] = bench_cold(
        store_dir,
        manifest,
        ["kg"] if quick else ["sparql", "kg"],
        args.cold_reps or (1 if quick else 3),
    )
    if not skip_rdflib:
        log("queries: plain rdflib SPARQL over an in-memory Graph (subprocess)")
        result["rdflib_queries"] = worker(
            "rdflib_queries",
            files=[str(directory / f) for f in manifest["files"]],
            manifest=manifest,
            budget=1.0 if quick else 3.0,
        )
    connections = [8] if quick else [8, 32]
    seconds = 8 if quick else 15
    log("http: finreg serve on 127.0.0.1, FINREG_CACHE=off")
    with Server(store_dir) as server:
        result["http"] = bench_http(server, manifest, budget, min_n)
        result["throughput"] = bench_wrk(server, manifest, connections, seconds)
    log("http: finreg serve on 127.0.0.1, FINREG_CACHE=on (reported beside, never a target)")
    with Server(store_dir, cache="on") as server:
        result["http_cache_on"] = bench_http(server, manifest, budget, min_n)
        result["throughput_cache_on"] = bench_wrk(server, manifest, [8], seconds)
    if not args.keep_store:
        shutil.rmtree(store_dir, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="finreg benchmarks (issue #5)")
    parser.add_argument(
        "--sizes", help="comma-separated: 10k,100k,1M,10M (default 10k,100k,1M; 100k with --quick)"
    )
    parser.add_argument("--quick", action="store_true", help="the 100k graph only, short budgets")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--regenerate", action="store_true", help="regenerate the data files")
    parser.add_argument("--force", action="store_true", help="run sizes past the limits anyway")
    parser.add_argument("--budget", type=float, help="seconds per query and layer (3; quick 0.5)")
    parser.add_argument("--min-n", type=int, help="least repetitions per query (30; quick 5)")
    parser.add_argument("--cold-reps", type=int, help="fresh processes per cold query (3; quick 1)")
    parser.add_argument("--keep-store", action="store_true", help="keep the loaded stores")
    args = parser.parse_args(argv)
    chosen = args.sizes or ("100k" if args.quick else "10k,100k,1M")
    sizes = [s.strip() for s in chosen.split(",") if s.strip()]
    started = time.perf_counter()
    info = commit()
    report: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        **info,
        "mode": "quick" if args.quick else "full",
        "machine": machine(),
        "method": METHOD,
        "sizes": {},
    }
    loads: dict[str, Any] = {}
    for label in sizes:
        log(f"=== {label} ===")
        report["sizes"][label] = run_size(label, args, loads)
    report["ratios"] = ratios(report)
    report["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    stem = f"{dt.date.today().isoformat()}-{info['commit']}" + ("-quick" if args.quick else "")
    (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (RESULTS / f"{stem}.md").write_text(markdown(report), encoding="utf-8")
    print(json.dumps(report["ratios"], indent=1))
    print(f"wrote {RESULTS / stem}.json and .md ({report['seconds']} s)")
    if args.quick:
        print(slower_than_before(report))
    return 0


METHOD = {
    "load": "Each loader runs in its own fresh subprocess over the same files; seconds are the "
    "load call only (imports excluded); triples/s = input triples / seconds (finreg's "
    "derived triples not counted); peak RSS = the subprocess's ru_maxrss (interpreter "
    "and imports included). finreg = kg.loaders.load_files on an on-disk "
    "EmbeddedStore; pyoxigraph = Store(path).load(path=..., to_graph=...) per file "
    "(transactional), and bulk_load; rdflib = Graph().parse(file) per file.",
    "queries": "Warm: same process, 1 warm-up run, then repetitions until the time budget "
    "(at least min_n). sparql = plain SPARQL on the raw pyoxigraph Store of the same "
    "on-disk store (union default graph); kg = kg.knowledge.KnowledgeGraph calls "
    "giving the same details as the GraphQL request; graphql = schema.execute "
    "in-process; http = POST /graphql to `finreg serve` on 127.0.0.1 (keep-alive, "
    "one client); floor = POST {__typename}; page = GET an entity's HTML page; "
    "sparql_endpoint = GET /sparql with the resolve question's text. rdflib = the same "
    "plain SPARQL over an in-memory rdflib Graph. Cold = first query in a fresh process "
    "right after opening the store read-only (OS page cache warm: caches are not dropped on a "
    "shared machine).",
    "throughput": "wrk, 1 thread pinned to the last core (taskset), N connections, round-robin "
    "over the mix of distinct GraphQL requests (bench.queries.mix: lineage from every chain "
    "start, each manifest name's timeline, resolution, owners, figures, search and events, "
    "events pages by kind and year), each first checked to answer without errors, against "
    "`finreg serve` (one uvicorn process, access log on, as shipped) on loopback.",
    "cache": "Every figure but those under http_cache_on and throughput_cache_on is measured "
    "with FINREG_CACHE=off (no answer kept in memory; ETags and the parsed-document cache "
    "stay, as they keep no answer).",
}


if __name__ == "__main__":
    raise SystemExit(main())
