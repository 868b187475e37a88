"""Loading as a data engineer does at scale: one ``finreg load`` call per file, into one
on-disk store, each call a fresh process; and one big N-Triples dump in a single call.

    python -m bench.load_calls --size 10M            # every generated file, one call each
    python -m bench.load_calls --size 10M --dump 500 # also: a 500 MB N-Triples dump, one call
    python -m bench.load_calls --size 10M --keep     # keep the store, to serve it
                                                     # (bench.serve_existing)

Each call is timed as a whole process (interpreter start included) and its peak RSS read
from ``wait4``; the baseline is raw pyoxigraph in the same process tree, loading the same
files one ``Store.load`` (transactional) or ``bulk_load`` per file in a fresh process. Results:
``bench/results/<date>-<commit>-load-<size>.json`` and ``.md``. Nothing here is asserted by
tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.harness import DATA, FINREG, RESULTS, dataset, log, worker
from bench.provenance import commit, machine

_MIB = 1 << 20


def timed_call(args: list[str]) -> dict[str, Any]:
    """Run ``args``; its wall seconds, peak RSS (MiB) and exit code."""
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        stdout.seek(0)
        stderr.seek(0)
        out, err = stdout.read().decode(), stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({code}):\n{err[-3000:]}")
    return {"seconds": round(seconds, 3), "maxrss_mib": round(usage.ru_maxrss / 1024, 1),
            "summary": out.strip()}  # fmt: skip


def finreg_calls(directory: Path, files: list[str], store: Path) -> dict[str, Any]:
    """One ``finreg load`` per file, in the manifest's order."""
    shutil.rmtree(store, ignore_errors=True)
    calls = []
    for name in files:
        log(f"finreg load {name}")
        call = timed_call(
            [FINREG, "load", "--quiet", "--data", str(store), "--root", str(directory),
             str(directory / name)]
        )  # fmt: skip
        call["file"] = name
        call["bytes"] = (directory / name).stat().st_size
        calls.append(call)
    return {
        "calls": calls,
        "seconds": round(sum(c["seconds"] for c in calls), 3),
        "peak_rss_mib": max(c["maxrss_mib"] for c in calls),
    }


def dump(directory: Path, files: list[str], megabytes: int) -> tuple[Path, list[str]]:
    """An N-Triples dump of the first files until it holds ``megabytes`` MB (whole files,
    so every reference resolves), as a data engineer's export from another system."""
    from pyoxigraph import RdfFormat, parse, serialize

    target = directory / f"dump-{megabytes}MB.nt"
    used: list[str] = []
    with target.open("wb") as out:
        for name in files:
            if out.tell() >= megabytes * 1_000_000:
                break
            serialize(parse(path=str(directory / name)), out, RdfFormat.N_TRIPLES)
            used.append(name)
    return target, used


def markdown(report: dict[str, Any]) -> str:
    """The results as a table for people."""
    f, raw, bulk = report["finreg"], report["pyoxigraph"], report["pyoxigraph_bulk"]
    n = report["input_triples"]
    lines = [
        f"# Loading {report['size']} ({n:,} triples in {len(f['calls'])} files), "
        f"{report['date']}, commit {report['commit']}",
        "",
        "| loader | seconds | triples/s | peak RSS (one call) | GiB per million triples |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, r, peak in (
        ("finreg load, one call per file", f, f["peak_rss_mib"]),
        ("raw pyoxigraph Store.load per file", raw, raw["maxrss_mib"]),
        ("raw pyoxigraph bulk_load per file", bulk, bulk["maxrss_mib"]),
    ):
        lines.append(
            f"| {name} | {r['seconds']:,.1f} | {n / r['seconds']:,.0f} | {peak / 1024:.2f} GiB |"
            f" {peak / 1024 / (n / 1e6):.3f} |"
        )
    lines += [
        "",
        f"finreg ÷ raw transactional: {raw['seconds'] / f['seconds']:.2f}×; "
        f"finreg ÷ raw bulk: {bulk['seconds'] / f['seconds']:.2f}×.",
    ]
    if "dump" in report:
        d = report["dump"]
        lines += [
            "",
            f"One {d['bytes'] / 1e6:,.0f} MB N-Triples dump ({d['triples']:,} triples) in one "
            f"call: {d['seconds']:,.1f} s, peak RSS {d['maxrss_mib'] / 1024:.2f} GiB "
            f"({d['maxrss_mib'] / 1024 / (d['triples'] / 1e6):.3f} GiB per million triples).",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="10M")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--dump", type=int, metavar="MB", help="also load one dump of MB MB")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the store the calls loaded (DATA/<size>/store-calls) for "
        "bench.serve_existing; the dump, if any, is then not loaded",
    )
    args = parser.parse_args(argv)
    directory, manifest = dataset(args.size, args.seed, regenerate=False)
    (directory / "finreg.toml").touch()
    files = manifest["files"]
    report: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        **commit(),
        "size": args.size,
        "input_triples": manifest["triples"],
        "machine": machine(),
        "method": "Each finreg call is `finreg load --quiet --data STORE --root DIR FILE`, a "
        "fresh process (interpreter start and imports included), files in the manifest's "
        "order into one on-disk store; peak RSS from wait4. The baselines load the same "
        "files in one fresh process each (bench.workers load_pyoxigraph): Store(path).load "
        "per file (transactional) and bulk_load per file.",
    }
    store = DATA / args.size / "store-calls"
    report["finreg"] = finreg_calls(directory, files, store)
    paths = [str(directory / f) for f in files]
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        log("raw pyoxigraph Store.load per file")
        report["pyoxigraph"] = worker("load_pyoxigraph", files=paths, store_dir=tmp + "/tx")
        log("raw pyoxigraph bulk_load per file")
        report["pyoxigraph_bulk"] = worker(
            "load_pyoxigraph", files=paths, store_dir=tmp + "/bulk", bulk=True
        )
    if args.keep:
        log(f"kept the store in {store} (python -m bench.serve_existing --store {store})")
    else:
        shutil.rmtree(store, ignore_errors=True)
    if args.dump and not args.keep:
        target, used = dump(directory, files, args.dump)
        log(f"finreg load {target.name} ({target.stat().st_size / _MIB:.0f} MiB)")
        call = timed_call([FINREG, "load", "--quiet", "--data", str(store), str(target)])
        shutil.rmtree(store, ignore_errors=True)
        report["dump"] = {**call, "bytes": target.stat().st_size, "files": used,
                          "triples": int(call["summary"].split()[3])}  # fmt: skip
        target.unlink()
    RESULTS.mkdir(exist_ok=True)
    stem = f"{dt.date.today().isoformat()}-{report['commit']}-load-{args.size}"
    (RESULTS / f"{stem}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    (RESULTS / f"{stem}.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
