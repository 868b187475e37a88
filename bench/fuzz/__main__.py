"""``python -m bench.fuzz --seconds N``: fuzz the loader for N seconds and report the cases
run and their outcomes by kind.

Cases are drawn by hypothesis (bench.fuzz.mutate) in rounds of ``--round`` examples, each
round with its own seed (``--seed`` + the round's number, so a run can be replayed); a
round that finds an unsound case shrinks it to a minimal one, which is saved with its
outcome under ``--out`` (default ``bench/data/fuzz/<date>``). The report (counts by
outcome, the unsound cases) goes to stdout and, as JSON, to ``<out>/report.json``.

Exit code 0 when every case was sound, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Flaky

from bench.fuzz.corpus import Seed, by_key, corpus, seeds_folder, w3c_folder
from bench.fuzz.mutate import MUTATIONS, Case, Limits, cases
from bench.fuzz.outcome import Outcome
from bench.fuzz.pool import Pool

BENCH = Path(__file__).resolve().parents[1]


class UnsoundCaseError(AssertionError):
    """A case that ended unsoundly (hypothesis shrinks it)."""


def _round(
    pool: Pool,
    strategy: Any,
    number: int,
    examples: int,
    deadline: float,
    counts: Counter[str],
    found: list[tuple[Case, Outcome]],
) -> None:
    last: list[tuple[Case, Outcome]] = []

    @seed(number)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Case) -> None:
        if time.monotonic() > deadline:
            return
        outcome = pool.run(case)
        counts[outcome.label] += 1
        if not outcome.sound:
            last.append((case, outcome))
            raise UnsoundCaseError(f"{outcome.label}: {case.describe()}")

    try:
        run()
    except (UnsoundCaseError, Flaky):  # Flaky: the replay fell past the deadline
        if last:
            found.append(last[-1])  # the last one run is the shrunk, minimal case


def _replay(files: list[Seed], path: Path, key: str) -> int:
    case = Case(
        by_key(files).get(key) or Seed(key, b"", path),
        ("replayed",),
        path.read_bytes(),
        Path(key).suffix,
    )
    with tempfile.TemporaryDirectory(prefix="finreg-fuzz-") as folder:
        pool = Pool(files, Path(folder))
        try:
            outcome = pool.run(case)
        finally:
            pool.close()
    print(f"{outcome.label} in {outcome.seconds:.2f} s: {case.describe()}")
    print(outcome.detail)
    return 0 if outcome.sound else 1


def main(argv: list[str] | None = None) -> int:
    warnings.filterwarnings("ignore", message="Generating overly large repr")
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__)
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz")
    parser.add_argument("--seed", type=int, default=20251202, help="the first round's seed")
    parser.add_argument("--round", type=int, default=50, help="cases per hypothesis round")
    parser.add_argument("--max-huge", type=int, default=8 << 20, help="longest huge term")
    parser.add_argument("--max-depth", type=int, default=50_000, help="deepest nesting")
    parser.add_argument("--seeds", type=Path, default=None, help="seed folder ($FINREG_SEEDS)")
    parser.add_argument(
        "--mutations",
        default="",
        help=f"comma-separated mutations to use (default all: {', '.join(MUTATIONS)})",
    )
    parser.add_argument("--out", type=Path, default=None, help="where to save what is found")
    parser.add_argument(
        "--replay",
        nargs=2,
        metavar=("FILE", "KEY"),
        help="load one saved case as graph KEY (seeds/<file> replaces that seed): how it ends",
    )
    args = parser.parse_args(argv)
    w3c = w3c_folder()
    files = corpus(args.seeds or seeds_folder(), w3c)
    if args.replay:
        return _replay(files, Path(args.replay[0]), args.replay[1])
    if not files:
        parser.error("no files to fuzz: no seeds and no W3C suites")
    out = args.out or BENCH / "data" / "fuzz" / time.strftime("%Y-%m-%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    chosen = [m for m in args.mutations.split(",") if m]
    unknown = [m for m in chosen if m not in MUTATIONS]
    if unknown:
        parser.error(f"unknown mutations: {', '.join(unknown)}")
    limits = Limits(max_huge=args.max_huge, max_depth=args.max_depth)
    strategy = cases(files, limits, chosen)
    counts: Counter[str] = Counter()
    found: list[tuple[Case, Outcome]] = []
    started = time.monotonic()
    deadline = started + args.seconds
    rounds = 0
    with tempfile.TemporaryDirectory(prefix="finreg-fuzz-") as folder:
        pool = Pool(files, Path(folder))
        try:
            while time.monotonic() < deadline:
                _round(pool, strategy, args.seed + rounds, args.round, deadline, counts, found)
                rounds += 1
        finally:
            pool.close()
    elapsed = time.monotonic() - started
    unsound = []
    for case, outcome in found:
        saved = out / f"{outcome.kind}-{case.digest}{case.suffix}"
        saved.write_bytes(case.data)
        unsound.append({"case": case.describe(), "saved": str(saved), "outcome": outcome.to_json()})
    report = {
        "seconds": round(elapsed, 1),
        "rounds": rounds,
        "first_seed": args.seed,
        "corpus": len(files),
        "w3c": str(w3c) if w3c else None,
        "cases": sum(counts.values()),
        "workers_started": pool.started,
        "outcomes": dict(counts.most_common()),
        "unsound": unsound,
    }
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"{report['cases']} cases in {elapsed:.0f} s ({rounds} rounds, {len(files)} files)")
    for label, count in counts.most_common():
        print(f"  {count:7d}  {label}")
    for item in unsound:
        print(f"UNSOUND {item['outcome']['kind']}: {item['case']}\n  saved as {item['saved']}")
        print("  " + str(item["outcome"]["detail"])[:1500].replace("\n", "\n  "))
    print(f"report: {out / 'report.json'}")
    return 1 if unsound else 0


if __name__ == "__main__":
    sys.exit(main())
