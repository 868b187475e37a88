"""What every benchmark step shares: where things are, progress on stderr, the generated graph
of a size, and a bench.workers task run in a fresh process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.generate import Generator, parse_size
from bench.generate.base import VERSION

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DATA = BENCH / "data"
RESULTS = BENCH / "results"
PY = sys.executable
FINREG = str(Path(PY).parent / "finreg")


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


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


def dataset(label: str, seed: int, regenerate: bool) -> tuple[Path, dict[str, Any]]:
    directory = DATA / label
    manifest_path = directory / "manifest.json"
    target = parse_size(label)
    if not regenerate and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text("utf-8"))
        wanted = {"target": target, "seed": seed, "version": VERSION}
        if all(manifest.get(key) == value for key, value in wanted.items()):
            return directory, manifest
    log(f"generating {label} ...")
    Generator(target, directory, seed).run()
    return directory, json.loads(manifest_path.read_text("utf-8"))
