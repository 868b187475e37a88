"""``python -m bench.shacl_engines``: see bench.shacl_engines's docstring."""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

import bench.shacl_engines
from bench.shacl_engines.engines import ENGINES, worker
from bench.shacl_engines.environment import machine, upkeep
from bench.shacl_engines.inputs import ROOT, SHAPES, W3C, corpus_cases, snapshot, w3c_tests
from bench.shacl_engines.measure import (
    compare_with_pyshacl,
    corpora_summary,
    measure_cases,
    measure_finreg,
    w3c_summary,
)
from bench.shacl_engines.report import METHOD, markdown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.shacl_engines",
        description=(bench.shacl_engines.__doc__ or "").split("\n")[0],
    )
    parser.add_argument("--sizes", default="100k,1M")
    parser.add_argument("--quick", action="store_true", help="skip pySHACL at 1M and above")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "data" / "shacl-engines")
    parser.add_argument("--reps", type=int, default=3, help="runs per engine below 1M triples")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated names")
    parser.add_argument(
        "--rev", help="read finreg's inputs from this git revision (default: work tree)"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print("RESULT " + json.dumps(worker(json.loads(args.worker))), flush=True)
        return 0
    logging.disable(logging.WARNING)  # rdflib's warnings on the suite's ill-typed literals
    result: dict[str, Any] = {"date": datetime.date.today().isoformat(), "machine": machine()}
    result |= {"method": METHOD, "sizes": args.sizes.split(","), "quick": args.quick}
    engines = result["engines"] = {}
    tests = w3c_tests() if W3C.exists() else {}
    with tempfile.TemporaryDirectory() as work:
        result["inputs"] = snapshot(args.rev, src := Path(work))
        cases = corpus_cases(src)
        for name in args.engines.split(","):
            e = engines[name] = {"upkeep": upkeep(ENGINES[name])}
            if importlib.util.find_spec(ENGINES[name].replace("-", "_")) is None:
                e["status"] = "not installed"
                continue
            e["finreg"] = measure_finreg(name, args, src)
            e["w3c"] = w3c_summary(measure_cases(name, tests, None), tests)
            e["corpora"] = corpora_summary(measure_cases(name, cases, str(src / SHAPES)), cases)
    compare_with_pyshacl(engines)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"{result['date']}-shacl-engines{'-quick' if args.quick else ''}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    stem.with_suffix(".md").write_text(text := markdown(result), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
