"""Load test: many concurrent clients against ``finreg serve`` on loopback, for a bounded time.

    python -m bench.load_test.run                      # wrk if installed, 32 connections, 20 s
    python -m bench.load_test.run --client httpx --connections 16 --seconds 10
    python -m bench.load_test.run --output bench/results/load.json

It starts ``finreg serve`` itself on a fresh temporary data directory (which loads the seeds
on first start), waits for /readyz, checks that every request of the mix answers without
GraphQL errors, then drives a realistic mix round-robin: lineage (products and companies,
downstream, upstream and both, with and without asOf), timelines, ranked search, and pages of
events. It reports throughput, p50/p95/p99 latency, errors (HTTP, socket, GraphQL) and the
machine (nproc, memory), as text on stderr and JSON on stdout (or --output).

Clients: ``wrk`` (Debian's package, C, with bench/load_test/mix.lua) when on PATH, else a
bounded asyncio + httpx client (Python: on a small machine it competes with the server for
CPU, so its figures are a lower bound).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

LINEAGE = 'query($n: String!, $d: Direction!, $a: PartialDate) { lineage(name: $n, direction: $d, asOf: $a) { depth date notAfter from { name } to { name(lang: "en") } event { summary(lang: "en") sources { title publisher published } } } }'  # noqa: E501
TIMELINE = "query($n: String!) { entity(name: $n) { name names { value kind validFrom validTo } timeline { kind date notAfter summary sources { title published } } } }"  # noqa: E501
SEARCH = "query($t: String!) { search(text: $t, first: 20) { totalCount edges { score matched node { id kind name } } } }"  # noqa: E501
EVENTS = "query($k: [EventKind!], $f: PartialDate, $after: String) { events(kinds: $k, from: $f, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { kind date summary participants { role entity { name } } } } } }"  # noqa: E501


def mix() -> list[dict[str, Any]]:
    """The request bodies, in the proportions users send them."""
    bodies: list[dict[str, Any]] = []
    for name, direction, as_of in [
        ("花呗", "DOWNSTREAM", None),
        ("借呗", "DOWNSTREAM", None),
        ("阿里小贷", "DOWNSTREAM", None),
        ("阿里小贷", "DOWNSTREAM", "2015-06-30"),
        ("网商银行", "UPSTREAM", None),
        ("蚂蚁消金", "BOTH", None),
    ]:
        bodies.append({"query": LINEAGE, "variables": {"n": name, "d": direction, "a": as_of}})
    for name in ("蚂蚁商诚小贷", "阿里小贷", "狐狸互联网小额贷款公司", "蚂蚁集团"):
        bodies.append({"query": TIMELINE, "variables": {"n": name}})
    for text in ("huabei", "蚂蚁", "小贷", "consumer finance"):
        bodies.append({"query": SEARCH, "variables": {"t": text}})
    for kinds, start in [(None, None), (["BUSINESS_TRANSFER"], None), (None, "2023")]:
        bodies.append({"query": EVENTS, "variables": {"k": kinds, "f": start, "after": None}})
    return bodies


def mix_for_generated(manifest_path: Path) -> list[dict[str, Any]]:
    """The same kinds of request for a graph from bench.generate, named by its manifest."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    bodies: list[dict[str, Any]] = []
    for depth in sorted(manifest["lineage"], key=int):
        for name in manifest["lineage"][depth][:2]:
            for direction in ("DOWNSTREAM", "UPSTREAM"):
                bodies.append(
                    {"query": LINEAGE, "variables": {"n": name, "d": direction, "a": None}}
                )
    for name in (manifest["timeline"], manifest["resolve"]):
        bodies.append({"query": TIMELINE, "variables": {"n": name}})
    bodies.append({"query": SEARCH, "variables": {"t": manifest["search"]}})
    kinds = manifest.get("event_kinds") or None
    bodies.append({"query": EVENTS, "variables": {"k": kinds, "f": None, "after": None}})
    return bodies


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    memory = 0
    with contextlib.suppress(OSError), open("/proc/meminfo", encoding="ascii") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) // 1024
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "memory_mib": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def finreg_serve(data: Path, port: int) -> Iterator[str]:
    """``finreg serve`` on loopback over ``data`` (seeded on first start); its base URL."""
    finreg = Path(sys.executable).with_name("finreg")
    command = [str(finreg)] if finreg.exists() else [sys.executable, "-m", "api.cli"]
    log = (data.parent / f"serve-{port}.log").open("wb")
    server = subprocess.Popen(
        [*command, "serve", "--data", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "FINREG_SEEDS": str(ROOT / "seeds")},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                raise SystemExit(f"finreg serve exited: see {data.parent / f'serve-{port}.log'}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("finreg serve did not become ready in 120 s")
            time.sleep(0.2)
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def check(url: str, bodies: list[dict[str, Any]]) -> None:
    """Every request of the mix answers 200 without GraphQL errors (else the run is void)."""
    with httpx.Client(base_url=url, timeout=30) as http:
        for body in bodies:
            response = http.post("/graphql", json=body)
            answer = response.json()
            if response.status_code != 200 or "errors" in answer:
                raise SystemExit(f"the mix is broken: {body['variables']}: {response.text[:300]}")


def run_wrk(url: str, bodies: list[dict[str, Any]], args: argparse.Namespace) -> dict[str, Any]:
    """Drive the mix with wrk; its figures."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as lines:
        lines.write("\n".join(json.dumps(b, ensure_ascii=False) for b in bodies) + "\n")
        lines.flush()
        result = subprocess.run(
            [
                "wrk",
                f"-t{min(args.threads, args.connections)}",
                f"-c{args.connections}",
                f"-d{args.seconds}s",
                "--timeout",
                "30s",
                "-s",
                str(HERE / "mix.lua"),
                url,
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "FINREG_LOAD_BODIES": lines.name},
            check=True,
        )
    line = next(x for x in result.stdout.splitlines() if x.startswith("LOAD_JSON "))
    raw = json.loads(line.removeprefix("LOAD_JSON "))
    socket_errors = sum(
        raw[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    return {
        "client": "wrk",
        "requests": raw["requests"],
        "seconds": raw["duration_us"] / 1e6,
        "throughput_rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "errors": raw["graphql_errors"] + raw["non_2xx"] + socket_errors,
        "errors_detail": {
            "graphql": raw["graphql_errors"],
            "non_2xx": raw["non_2xx"],
            "socket": socket_errors,
        },
    }


async def _httpx_clients(
    url: str, bodies: list[dict[str, Any]], args: argparse.Namespace
) -> dict[str, Any]:
    latencies: list[float] = []
    errors = {"graphql": 0, "non_2xx": 0, "socket": 0}
    stop = time.monotonic() + args.seconds
    limits = httpx.Limits(max_connections=args.connections)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as http:

        async def client(offset: int) -> None:
            turn = offset
            while time.monotonic() < stop:
                body = bodies[turn % len(bodies)]
                turn += 1
                started = time.perf_counter()
                try:
                    response = await http.post("/graphql", json=body)
                except httpx.HTTPError:
                    errors["socket"] += 1
                    continue
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    errors["non_2xx"] += 1
                elif b'"errors"' in response.content:
                    errors["graphql"] += 1

        started = time.monotonic()
        await asyncio.gather(*(client(i) for i in range(args.connections)))
        elapsed = time.monotonic() - started
    latencies.sort()

    def percentile(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    return {
        "client": "httpx",
        "requests": len(latencies),
        "seconds": elapsed,
        "throughput_rps": len(latencies) / elapsed,
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        "max_ms": latencies[-1] * 1000,
        "errors": sum(errors.values()),
        "errors_detail": errors,
    }


def main(argv: list[str] | None = None) -> int:
    """Start the server, run the load, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--client", choices=["auto", "wrk", "httpx"], default="auto")
    parser.add_argument("--connections", type=int, default=32, help="concurrent clients")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--seconds", type=int, default=20, help="how long to drive the load")
    parser.add_argument("--output", type=Path, help="write the JSON here too")
    parser.add_argument(
        "--data",
        type=Path,
        help="serve this existing store instead of a fresh one seeded from seeds/ "
        "(e.g. bench/data/1M/store-finreg from `python -m bench.run --sizes 1M --keep-store`)",
    )
    parser.add_argument(
        "--manifest", type=Path, help="with --data: the generated graph's manifest.json (its mix)"
    )
    args = parser.parse_args(argv)
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "httpx"
    bodies = mix_for_generated(args.manifest) if args.manifest else mix()
    with (
        tempfile.TemporaryDirectory(prefix="finreg-load-") as tmp,
        finreg_serve(args.data or Path(tmp) / "data", _free_port()) as url,
    ):
        check(url, bodies)
        if client == "wrk":
            figures = run_wrk(url, bodies, args)
        else:
            figures = asyncio.run(_httpx_clients(url, bodies, args))
    result = {
        "figures": figures,
        "connections": args.connections,
        "mix": len(bodies),
        "machine": machine(),
    }
    print(
        f"{figures['client']}: {figures['requests']} requests in {figures['seconds']:.1f} s "
        f"({figures['throughput_rps']:.1f}/s) from {args.connections} clients; "
        f"p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
        f"p99 {figures['p99_ms']:.1f} ms; errors {figures['errors']}",
        file=sys.stderr,
    )
    text = json.dumps(result, indent=2)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
