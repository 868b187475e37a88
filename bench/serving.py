"""``finreg serve`` measured over HTTP on loopback: latency of each GraphQL request, of an
entity's page and of /sparql, and of the floor ``{__typename}``; and throughput with wrk over
the mix of distinct requests (bench.queries.mix).

The server runs with ``FINREG_CACHE=off`` unless asked otherwise: the targets hold with every
answer cache off, and the run reports the cache on beside it."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import queries
from bench.harness import BENCH, FINREG, REPO, log
from bench.stats import repeat


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``finreg serve`` on 127.0.0.1 in a subprocess (the shipped command, access log on)."""

    def __init__(
        self,
        store_dir: Path | None = None,
        *,
        store_url: str | None = None,
        cache: str = "off",
        workers: int = 1,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cache = cache
        self.workers = workers
        self.log = tempfile.NamedTemporaryFile(prefix="finreg-serve-", suffix=".log", delete=False)  # noqa: SIM115 (lives as long as the server)
        store = ["--store", store_url] if store_url else ["--data", str(store_dir)]
        self.proc = subprocess.Popen(
            [
                FINREG,
                "serve",
                *store,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                *(["--workers", str(workers)] if workers > 1 else []),
            ],
            cwd=REPO,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "FINREG_CACHE": cache},
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


def page_path(iri: str) -> str:
    """The page of an entity IRI (``/page/<kind>/<slug>``; bench data only)."""
    return "/page/" + iri.split("/id/", 1)[1]


def bench_http(
    server: Server, manifest: dict[str, Any], budget: float, min_n: int
) -> dict[str, Any]:
    import httpx

    out: dict[str, Any] = {"cache": server.cache}
    with httpx.Client(base_url=server.url, timeout=30) as client:

        def post(body: dict[str, Any]) -> None:
            response = client.post("/graphql", json=body)
            if response.status_code != 200 or "errors" in response.json():  # e.g. TIMEOUT
                raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")

        def get(path: str, params: dict[str, str] | None = None) -> None:
            response = client.get(path, params=params)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path}: HTTP {response.status_code}")

        floor = {"query": "{__typename}"}
        out["floor"] = repeat(lambda: post(floor), budget=budget, min_n=max(min_n, 50))
        for name, spec in queries.SPECS.items():
            body = queries.graphql_request(spec, manifest)
            out[name] = repeat(lambda body=body: post(body), budget=budget, min_n=min_n)
        page = page_path(manifest["lineage_iris"]["5"][0])
        out["page"] = repeat(lambda: get(page), budget=budget, min_n=min_n)
        sparql = {"query": queries.sparql_text(queries.SPECS["resolve"], manifest)}
        out["sparql_endpoint"] = repeat(lambda: get("/sparql", sparql), budget=budget, min_n=min_n)
    return out


def check_mix(server: Server, bodies: list[dict[str, Any]]) -> dict[str, Any]:
    """Send every request of the mix once, timing each (the first ask of a filter pays for
    its summary: kg.queries.event_pages); one that fails is asked once more, and must then
    answer 200 without GraphQL errors (with FINREG_CACHE=on, this also fills the cache, so
    that run measures answers kept). Returns the first asks' latencies and the failures."""
    import httpx

    seconds: list[float] = []
    failed: list[str] = []
    with httpx.Client(base_url=server.url, timeout=60) as client:
        for body in bodies:  # the very bytes wrk sends
            line = json.dumps(body, ensure_ascii=False).encode()
            for attempt in (1, 2):
                started = time.perf_counter()
                response = client.post(
                    "/graphql", content=line, headers={"content-type": "application/json"}
                )
                if attempt == 1:
                    seconds.append(time.perf_counter() - started)
                if response.status_code == 200 and not response.json().get("errors"):
                    break
                what = (
                    f"{json.dumps(body, ensure_ascii=False)[:160]}: HTTP "
                    f"{response.status_code}: {response.text[:200]}"
                )
                if attempt == 2:
                    raise RuntimeError(f"mix request failed twice: {what}")
                failed.append(what)
    ordered = sorted(seconds)
    return {
        "first_ask_p50_ms": round(1000 * ordered[len(ordered) // 2], 1),
        "first_ask_p99_ms": round(
            1000 * ordered[min(len(ordered) - 1, len(ordered) * 99 // 100)], 1
        ),
        "first_ask_max_ms": round(1000 * ordered[-1], 1),
        "first_ask_over_1s": sum(1 for x in seconds if x > 1),
        "failed_first_ask": len(failed),
        "failed_examples": failed[:3],
    }


def wrk_cpu() -> str | None:
    """The core wrk is pinned to (the last one), or None without taskset."""
    if not shutil.which("taskset"):
        return None
    return str((os.cpu_count() or 1) - 1)


def bench_wrk(
    server: Server, manifest: dict[str, Any], connections: list[int], seconds: int
) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if not wrk:
        return {"skipped": "wrk not installed (apt-get install -y wrk)"}
    bodies = queries.mix(manifest)
    log(f"throughput: checking the {len(bodies)} distinct requests of the mix")
    first = check_mix(server, bodies)
    cpu = wrk_cpu()
    out: dict[str, Any] = {
        "first_asks": first,
        "mix": sorted({b["query"].split("(", 1)[0].removeprefix("query ") for b in bodies}),
        "bodies": len(bodies),
        "distinct": len({json.dumps(b, sort_keys=True) for b in bodies}),
        "threads": 1,
        "seconds": seconds,
        "wrk_cpu": cpu if cpu is not None else "not pinned (no taskset)",
        "cache": server.cache,
        "workers": server.workers,
        "runs": [],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for body in bodies:
            fh.write(json.dumps(body, ensure_ascii=False) + "\n")
        path = fh.name
    try:
        for c in connections:
            log(f"throughput: wrk -t1 -c{c} -d{seconds}s (request mix of {len(bodies)})")
            pin = ["taskset", "-c", cpu] if cpu is not None else []
            proc = subprocess.run(
                [
                    *pin,
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
