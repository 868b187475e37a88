"""Serve a store that is already loaded (the 10M one) and measure it over HTTP.

    python -m bench.load_calls --size 10M --keep          # leaves bench/data/10M/store-calls
    python -m bench.serve_existing --store bench/data/10M/store-calls --size 10M

``finreg serve`` runs on the store as shipped (bench.serving.Server); each question of
bench.queries is asked over HTTP with one keep-alive client (p50/p99, as bench.run measures),
plus the unfiltered events page (the first 50, newest first); then wrk runs the request mix at
8 and 32 connections. The serving process's resident memory is sampled every 100 ms while
the questions and wrk run (``VmRSS``; ``VmHWM`` is the peak since it started, its start-up and
the name index's first read included). The store is only read. Results:
``bench/results/<date>-<commit>-serve-<size>.json`` and ``.md``; nothing here is asserted by
tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench.harness import BENCH, log
from bench.provenance import commit, machine
from bench.serving import Server, bench_http, bench_wrk
from bench.stats import repeat

RESULTS = BENCH / "results"
_PAGE = 'totalCount edges { cursor node { id date summary(lang: "en") } }'
PAGES: dict[str, dict[str, Any]] = {
    "events_newest_50": {"query": "{ events(first: 50) { PAGE } }"},
    "events_kinds_50": {
        "query": "{ events(kinds: [LICENCE_GRANT, DEREGISTRATION], first: 50) { PAGE } }"
    },
    "events_window_50": {"query": '{ events(from: "2015-03", to: "2016-06", first: 50) { PAGE } }'},
    "events_involving_50": {
        "query": "query($n: String!) { events(involving: $n, first: 50) { PAGE } }"
    },
}
"""The events page four ways (#13's target 3): the first 50, newest first, unfiltered, by
kinds, by a from/to window and by an entity involved (the manifest's first name)."""


def _memory(pid: int) -> dict[str, int]:
    """The process's VmRSS and VmHWM in KiB (Linux /proc)."""
    found: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return found


class _Sampler(threading.Thread):
    """The highest VmRSS of a process while it runs (every 100 ms)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak_kib = max(self.peak_kib, _memory(self.pid).get("VmRSS", 0))
            self._done.wait(0.1)

    def __enter__(self) -> _Sampler:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self.join()


def _mib(kib: int) -> float:
    return round(kib / 1024, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a loaded on-disk store")
    parser.add_argument("--size", default="10M", help="the generated graph it holds")
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per question")
    parser.add_argument("--min-n", type=int, default=20)
    parser.add_argument(
        "--connections", default="8,32", help="wrk's connections, comma-separated ('': no wrk)"
    )
    parser.add_argument("--seconds", type=int, default=30, help="each wrk run")
    args = parser.parse_args(argv)
    manifest = json.loads((BENCH / "data" / args.size / "manifest.json").read_text("utf-8"))
    report: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        **commit(),
        "size": args.size,
        "store": str(args.store),
        "machine": machine(),
    }
    started = time.perf_counter()
    with Server(args.store) as server:
        pid = server.proc.pid
        report["ready_s"] = round(time.perf_counter() - started, 1)
        report["rss_ready_mib"] = _mib(_memory(pid)["VmRSS"])
        log(f"serving {args.store} (pid {pid}); the questions over HTTP")
        with _Sampler(pid) as during:
            http = bench_http(server, manifest, args.budget, args.min_n)
            for name, body in PAGES.items():
                body = {"query": body["query"].replace("PAGE", _PAGE)}
                if "$n" in body["query"]:
                    body["variables"] = {"n": manifest["names"][0]}
                http[name] = repeat(
                    lambda body=body: _post(server.url, body), budget=args.budget, min_n=args.min_n
                )
        report["http"] = http
        report["rss_peak_queries_mib"] = _mib(during.peak_kib)
        connections = [int(c) for c in args.connections.split(",") if c]
        with _Sampler(pid) as during:
            report["wrk"] = (
                bench_wrk(server, manifest, connections, args.seconds)
                if connections
                else {"skipped": "not asked for (--connections '')"}
            )
        report["rss_peak_wrk_mib"] = _mib(during.peak_kib) if connections else None
        report["vm_hwm_mib"] = _mib(_memory(pid)["VmHWM"])
    RESULTS.mkdir(exist_ok=True)
    stem = f"{dt.date.today().isoformat()}-{report['commit']}-serve-{args.size}"
    (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (RESULTS / f"{stem}.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    return 0


def _post(url: str, body: dict[str, Any]) -> None:
    import httpx

    response = httpx.post(url + "/graphql", json=body, timeout=60)
    if response.status_code != 200 or "errors" in response.json():
        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")


def markdown(report: dict[str, Any]) -> str:
    """The report as a markdown table."""
    lines = [
        f"# Serving {report['size']} ({report['commit']}, {report['date']})",
        "",
        f"Ready in {report['ready_s']} s; RSS when ready {report['rss_ready_mib']} MiB, "
        f"peak during the questions {report['rss_peak_queries_mib']} MiB, during wrk "
        f"{report['rss_peak_wrk_mib']} MiB, VmHWM {report['vm_hwm_mib']} MiB; answer cache "
        f"{report['http'].get('cache')}.",
        "",
        "| question | p50 ms | p99 ms | n |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, row in report["http"].items():
        if not isinstance(row, dict):  # "cache": on or off
            continue
        error = f" ({row['error']})" if "error" in row else ""
        lines.append(
            f"| {name}{error} | {row.get('p50_ms')} | {row.get('p99_ms')} | {row.get('n')} |"
        )
    wrk = report["wrk"]
    if "first_asks" in wrk:
        first = wrk["first_asks"]
        lines += [
            "",
            f"The mix's {wrk['distinct']} distinct requests, each asked once before wrk: "
            f"p50 {first['first_ask_p50_ms']} ms, p99 {first['first_ask_p99_ms']} ms, max "
            f"{first['first_ask_max_ms']} ms, {first['first_ask_over_1s']} over 1 s, "
            f"{first['failed_first_ask']} failed at the first ask (all answered at the second).",
        ]
    if "runs" in wrk:
        lines += [
            "",
            "| wrk connections | req/s | p50 ms | p99 ms | errors |",
            "| ---: | ---: | ---: | ---: | --- |",
        ]
        for run in wrk["runs"]:
            errors = sum(run["errors"].values())
            lines.append(
                f"| {run['connections']} | {run['requests_per_s']} | {run['p50_ms']} | "
                f"{run['p99_ms']} | {errors} |"
            )
    else:
        lines += ["", f"wrk: {wrk.get('skipped')}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
