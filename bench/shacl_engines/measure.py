"""Measurements, run from the parent process: each in a fresh child (``run_child``), over
finreg's graphs, the W3C suite and the corpus, summarised and compared with pySHACL."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.shacl_engines.inputs import ROOT, SHAPES, finreg_data

TIMEOUT = 15 * 60


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    """Run ``engines.worker`` in a fresh interpreter; its result, or why there is none."""
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "bench.shacl_engines", "--worker", json.dumps(spec)]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=os.environ | {"PYTHONPATH": path},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return {"status": "timed out", "timeout_s": TIMEOUT}
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        return {"status": "failed", "returncode": done.returncode, "stderr": done.stderr[-1500:]}
    return {"status": "ok", "wall_s": time.perf_counter() - started} | json.loads(lines[-1][7:])


def measure_finreg(engine: str, args: argparse.Namespace, src: Path) -> dict:
    """Per size: median validate and compile seconds, peak RSS and the verdicts of the runs."""
    out: dict[str, Any] = {}
    for size in args.sizes.split(","):
        big = size.lower().endswith("m")
        if engine == "pyshacl" and args.quick and big:
            out[size] = {"status": "skipped (--quick)"}
            continue
        spec = {"task": "finreg", "engine": engine, "shapes": str(src / SHAPES)}
        spec["data"] = str(finreg_data(size, args.data, src))
        runs: list[dict[str, Any]] = []
        while len(runs) < (1 if big else args.reps) and all(r["status"] == "ok" for r in runs):
            log(f"{engine}: finreg {size} run {len(runs) + 1}")
            runs.append(run_child(spec))
        if runs[-1]["status"] != "ok":
            out[size] = runs[-1]
            continue
        out[size] = {"status": "ok", "runs": len(runs), "conforms": runs[0]["conforms"]}
        for key in ("validate_s", "compile_s", "peak_rss_mib", "rss_before_validate_mib"):
            out[size][key] = statistics.median(r[key] for r in runs)
        out[size] |= {
            "validate_s_each": [round(r["validate_s"], 3) for r in runs],
            "verdicts_each": [r["conforms"] for r in runs],
            "results": runs[0]["results"],
        }
    return out


def measure_cases(engine: str, cases: dict[str, dict[str, Any]], shapes: str | None) -> dict:
    """Run one worker over ``cases`` (name -> data, and shapes unless given)."""
    log(f"{engine}: {len(cases)} {'finreg corpora' if shapes else 'W3C'} graphs")
    listed = [[n, c["data"], shapes or c["shapes"]] for n, c in cases.items()]
    return run_child({"task": "cases", "engine": engine, "cases": listed})


def w3c_summary(run: dict[str, Any], tests: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Conforms-level and results-level agreement with the suite's expected reports."""
    if run["status"] != "ok":
        return run
    diff, errors, agree = {}, {}, 0
    for name, test in tests.items():
        if "error" in (case := run["cases"][name]):
            errors[name] = case["error"]
            continue
        agree += case["conforms"] == test["conforms"]
        if case["results"] != test["results"] or case["conforms"] != test["conforms"]:
            diff[name] = {"expected_conforms": test["conforms"], "conforms": case["conforms"]}
            diff[name]["missing"] = [r for r in test["results"] if r not in case["results"]]
            diff[name]["extra"] = [r for r in case["results"] if r not in test["results"]]
    return {
        "status": "ok",
        "tests": len(tests),
        "conforms_agree": agree,
        "results_agree": len(tests) - len(diff) - len(errors),
        "wall_s": run["wall_s"],
        "errors": errors,
        "disagreements": diff,
    }


def corpora_summary(run: dict[str, Any], cases: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Each bad shape case refused or accepted, and whether the seeds conform."""
    if run["status"] != "ok":
        return run
    files = {}
    for name, case in run["cases"].items():
        verdict = "error" if "error" in case else "accepted" if case["conforms"] else "refused"
        files[name] = {"verdict": verdict, "expect": cases[name]["expect"]} | case
    bad = [n for n in cases if n != "seeds"]
    shacl_only = [n for n in bad if not cases[n]["date_check"]]
    return {
        "status": "ok",
        "shape_cases": len(bad),
        "shacl_cases": len(shacl_only),
        "refused": sum(files[n]["verdict"] == "refused" for n in bad),
        "shacl_cases_refused": sum(files[n]["verdict"] == "refused" for n in shacl_only),
        "not_refused": [n for n in bad if files[n]["verdict"] != "refused"],
        "seeds": files["seeds"]["verdict"],
        "files": files,
    }


def compare_with_pyshacl(engines: dict[str, dict[str, Any]]) -> None:
    """Add to each engine's corpora block where its verdicts and results differ from pySHACL's."""
    reference = engines.get("pyshacl", {}).get("corpora", {}).get("files")
    for block in engines.values():
        if not reference or not (files := block.get("corpora", {}).get("files")):
            continue
        same = [(n, f) for n, f in files.items() if "results" in f and "results" in reference[n]]
        block["corpora"]["vs_pyshacl"] = {
            "graphs": len(files),
            "same_verdict": sum(reference[n]["verdict"] == f["verdict"] for n, f in files.items()),
            "same_results": sum(reference[n]["results"] == f["results"] for n, f in same),
            "different_verdicts": {
                n: {"pyshacl": reference[n]["verdict"], "engine": f["verdict"]}
                for n, f in files.items()
                if reference[n]["verdict"] != f["verdict"]
            },
        }
