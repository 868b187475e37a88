"""A quick run against the last committed quick result: every question that got more than
twice as slow, layer by layer (what ``make bench-quick`` prints at its end).

    python -m bench.compare bench/results/NEW-quick.json          # against the last committed
    python -m bench.compare bench/results/NEW-quick.json OLD.json

The machine is shared and the quick run is short: a question twice as slow is worth a look,
not proof; the full run on the lead's machine decides.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.harness import REPO

SLOWER = 2.0
"""A question is reported once its p50 is more than this many times the earlier one."""
LAYERS = ("sparql", "kg", "graphql")


def last_committed_quick() -> Path | None:
    """The quick result the latest commit touching bench/results added (None if none)."""
    listed = subprocess.run(
        ["git", "log", "--format=", "--name-only", "--diff-filter=A", "--", "bench/results"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    for name in listed:
        if name.endswith("-quick.json") and (REPO / name).exists():
            return REPO / name
    return None


def _p50s(report: dict[str, Any]) -> dict[tuple[str, str, str], float]:
    found: dict[tuple[str, str, str], float] = {}
    for size, data in report.get("sizes", {}).items():
        for question, layers in data.get("queries", {}).items():
            for layer in LAYERS:
                value = layers.get(layer, {}).get("p50_ms")
                if value:
                    found[(size, question, layer)] = value
        for question, row in data.get("http", {}).items():
            if isinstance(row, dict) and row.get("p50_ms"):
                found[(size, question, "http")] = row["p50_ms"]
    return found


def slower(new: dict[str, Any], old: dict[str, Any]) -> list[str]:
    """One line per (size, question, layer) whose p50 is more than SLOWER times the old one."""
    before, after = _p50s(old), _p50s(new)
    return [
        f"{size} {question} {layer}: {before[key]:.2f} ms -> {after[key]:.2f} ms "
        f"({after[key] / before[key]:.1f}x)"
        for key in sorted(after)
        if key in before and after[key] > SLOWER * before[key]
        for size, question, layer in [key]
    ]


def slower_than_before(report: dict[str, Any], old_path: Path | None = None) -> str:
    """The comparison as text, against ``old_path`` or the last committed quick result."""
    old_path = old_path or last_committed_quick()
    if old_path is None:
        return "compare: no committed quick result to compare with"
    old = json.loads(old_path.read_text("utf-8"))
    lines = slower(report, old)
    head = f"compare with {old_path.relative_to(REPO)} (commit {old.get('commit')}): "
    if not lines:
        return head + f"no question more than {SLOWER:g}x slower"
    return head + f"{len(lines)} more than {SLOWER:g}x slower\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the comparison of a result file with the last committed quick result."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__)
        return 2
    new = json.loads(Path(args[0]).read_text("utf-8"))
    old = Path(args[1]) if len(args) > 1 else None
    print(slower_than_before(new, old))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
