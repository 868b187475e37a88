"""``finreg serve`` measured over HTTP on loopback: latency of each GraphQL request and of the
floor ``{__typename}``, and throughput with wrk over the request mix."""

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
