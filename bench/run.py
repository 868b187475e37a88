"""finreg's benchmarks (issue #5): load, query, throughput; JSON + markdown in bench/results/.

    python -m bench.run --quick            # the 100k graph, under 3 minutes on 2 cores
    python -m bench.run --sizes 10k,100k,1M
    python -m bench.run --sizes 10M        # refused with an extrapolation past the limits

Every measurement names its method in the results; nothing here is asserted by tests.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import queries
from bench.generate import Generator, parse_size
from bench.report import markdown, ratios
from bench.stats import repeat

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DATA = BENCH / "data"
RESULTS = BENCH / "results"
PY = sys.executable
FINREG = str(Path(PY).parent / "finreg")

MAX_RSS_GIB = 12.0
MAX_LOAD_SECONDS = 20 * 60
PACKAGES = [
    "pyoxigraph",
    "rdflib",
    "shacl",
    "strawberry-graphql",
    "starlette",
    "uvicorn",
    "httpx",
    "networkx",
    "pypinyin",
    "opencc-python-reimplemented",
    "graphql-core",
]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Machine and commit ----------------------------------------------------------------------


def machine() -> dict[str, Any]:
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    wrk = shutil.which("wrk")
    if wrk:
        out = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        versions["wrk"] = (out.stdout + out.stderr).split("\n")[0].strip()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 1024**2, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg(),
        "packages": versions,
    }


def commit() -> dict[str, Any]:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout

    import hashlib

    diff = git("diff", "HEAD", "--", "kg", "api", "ontology", "seeds")
    return {
        "commit": git("rev-parse", "--short", "HEAD").strip() or "unknown",
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no").strip()),
        # which uncommitted state of finreg was measured (sha1 of `git diff HEAD` there)
        "finreg_diff_sha1": hashlib.sha1(diff.encode()).hexdigest()[:12] if diff else None,
    }


# Workers ----------------------------------------------------------------------------------


def worker(task: str, timeout: float | None = None, **arguments: Any) -> dict[str, Any]:
    """Run one bench.workers task in a fresh process; its JSON answer plus wall time."""
    started = time.perf_counter()
    proc = subprocess.run(
        [PY, "-m", "bench.workers", task, json.dumps(arguments)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{task} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = round(time.perf_counter() - started, 3)
    return result


# Data -------------------------------------------------------------------------------------


def dataset(label: str, seed: int, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    directory = DATA / label
    manifest_path = directory / "manifest.json"
    target = parse_size(label)
    if not regenerate and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text("utf-8"))
        if manifest.get("target") == target and manifest.get("seed") == seed:
            return directory, manifest
    log(f"generating {label} ...")
    Generator(target, directory, seed).run()
    return directory, json.loads(manifest_path.read_text("utf-8"))


# Load -------------------------------------------------------------------------------------


def bench_load(
    directory: Path, manifest: dict[str, Any], quick: bool, skip_rdflib: bool
) -> tuple[dict[str, Any], Path]:
    files = [str(directory / f) for f in manifest["files"]]
    store_dir = directory / "store-finreg"
    shutil.rmtree(store_dir, ignore_errors=True)
    out: dict[str, Any] = {"files": manifest["files"], "input_triples": manifest["triples"]}
    log("load: finreg (kg.loaders.load_files, on-disk EmbeddedStore) ...")
    out["finreg"] = worker("load_finreg", files=files, store_dir=str(store_dir))
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        log("load: raw pyoxigraph Store(path).load (transactional) ...")
        out["pyoxigraph"] = worker("load_pyoxigraph", files=files, store_dir=tmp + "/tx")
        log("load: raw pyoxigraph bulk_load ...")
        out["pyoxigraph_bulk"] = worker(
            "load_pyoxigraph", files=files, store_dir=tmp + "/bulk", bulk=True
        )
    if not skip_rdflib:
        log("load: rdflib Graph().parse (in memory) ...")
        out["rdflib"] = worker("load_rdflib", files=files)
    n = manifest["triples"]
    for key in ("finreg", "pyoxigraph", "pyoxigraph_bulk", "rdflib"):
        if key in out:
            r = out[key]
            r["triples_per_s"] = round(n / r["seconds"])
            r["rss_mib_per_million"] = round(r["maxrss_mib"] / (n / 1e6), 1)
    return out, store_dir


# Queries ----------------------------------------------------------------------------------


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


# HTTP -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``finreg serve`` on 127.0.0.1 in a subprocess (the shipped command, access log on)."""

    def __init__(self, store_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="finreg-serve-", suffix=".log", delete=False)  # noqa: SIM115 (lives as long as the server)
        self.proc = subprocess.Popen(
            [
                FINREG,
                "serve",
                "--data",
                str(store_dir),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            cwd=REPO,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def __enter__(self) -> Server:
        import httpx

        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"finreg serve exited; see {self.log.name}")
            try:
                if httpx.get(self.url + "/readyz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("finreg serve did not become ready")

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        os.unlink(self.log.name)


def bench_http(
    server: Server, manifest: dict[str, Any], budget: float, min_n: int
) -> dict[str, Any]:
    import httpx

    out: dict[str, Any] = {}
    with httpx.Client(base_url=server.url, timeout=30) as client:

        def post(body: dict[str, Any]) -> None:
            response = client.post("/graphql", json=body)
            if response.status_code != 200 or "errors" in response.json():  # e.g. TIMEOUT
                raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")

        floor = {"query": "{__typename}"}
        out["floor"] = repeat(lambda: post(floor), budget=budget, min_n=max(min_n, 50))
        for name, spec in queries.SPECS.items():
            body = queries.graphql_request(spec, manifest)
            out[name] = repeat(lambda body=body: post(body), budget=budget, min_n=min_n)
    return out


def bench_wrk(
    server: Server, manifest: dict[str, Any], connections: list[int], seconds: int
) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if not wrk:
        return {"skipped": "wrk not installed (apt-get install -y wrk)"}
    mix = ["lineage_d1", "lineage_d5", "lineage_d20", "timeline", "search", "events_page"]
    bodies = []
    for name in mix:
        spec = queries.SPECS[name]
        if name.startswith("lineage"):  # every benchmark chain of that depth, not just one
            depth = name.removeprefix("lineage_d")
            for start in manifest["lineage"][depth][:5]:
                bodies.append({"query": spec.graphql, "variables": {"name": start}})
        else:
            bodies.append(queries.graphql_request(spec, manifest))
    out: dict[str, Any] = {
        "mix": mix,
        "bodies": len(bodies),
        "threads": 1,
        "seconds": seconds,
        "runs": [],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for body in bodies:
            fh.write(json.dumps(body, ensure_ascii=False) + "\n")
        path = fh.name
    try:
        for c in connections:
            log(f"throughput: wrk -t1 -c{c} -d{seconds}s (request mix of {len(bodies)})")
            proc = subprocess.run(
                [
                    wrk,
                    "-t1",
                    f"-c{c}",
                    f"-d{seconds}s",
                    "--timeout",
                    "30s",
                    "-s",
                    str(BENCH / "wrk_mix.lua"),
                    server.url + "/graphql",
                ],
                capture_output=True,
                text=True,
                env={**os.environ, "FINREG_BENCH_BODIES": path},
                timeout=seconds + 60,
            )
            line = next(x for x in proc.stdout.splitlines() if x.startswith("WRK_JSON "))
            r = json.loads(line.removeprefix("WRK_JSON "))
            out["runs"].append(
                {
                    "connections": c,
                    "requests_per_s": round(r["requests"] / (r["duration_us"] / 1e6), 1),
                    "p50_ms": r["p50_us"] / 1000,
                    "p90_ms": r["p90_us"] / 1000,
                    "p99_ms": r["p99_us"] / 1000,
                    "max_ms": r["max_us"] / 1000,
                    "requests": r["requests"],
                    "errors": {
                        k: r[k]
                        for k in (
                            "connect_errors",
                            "read_errors",
                            "write_errors",
                            "timeouts",
                            "status_errors",
                        )
                    },
                }
            )
    finally:
        os.unlink(path)
    return out


# One size ---------------------------------------------------------------------------------


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
        for label, size in json.loads(path.read_text("utf-8")).get("sizes", {}).items():
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
    log("http: finreg serve on 127.0.0.1")
    with Server(store_dir) as server:
        result["http"] = bench_http(server, manifest, budget, min_n)
        result["throughput"] = bench_wrk(
            server, manifest, [8] if quick else [4, 16], 8 if quick else 15
        )
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
    "one client); floor = POST {__typename}. rdflib = the same plain SPARQL over an "
    "in-memory rdflib Graph. Cold = first query in a fresh process right after "
    "opening the store read-only (OS page cache warm: caches are not dropped on a "
    "shared machine).",
    "throughput": "wrk, 1 thread, N connections, round-robin over the request mix, against "
    "`finreg serve` (one uvicorn process, access log on, as shipped) on loopback.",
}


if __name__ == "__main__":
    raise SystemExit(main())
