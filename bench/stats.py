"""Percentiles and a repetition loop bounded in count and time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summarise(samples: list[float]) -> dict[str, Any]:
    """p50, p99, mean in milliseconds and the number of samples."""
    return {
        "p50_ms": round(percentile(samples, 50) * 1000, 3),
        "p99_ms": round(percentile(samples, 99) * 1000, 3),
        "mean_ms": round(sum(samples) / len(samples) * 1000, 3) if samples else None,
        "n": len(samples),
    }


def repeat(
    fn: Callable[[], object], *, budget: float, min_n: int = 20, max_n: int = 500, warmup: int = 1
) -> dict[str, Any]:
    """Run ``fn`` ``warmup`` times, then until ``budget`` seconds have passed (at least ``min_n``
    and at most ``max_n`` times); a slow call stops the loop at 3 samples past 4x the budget.
    An exception ends the loop and is recorded under ``error``."""
    samples: list[float] = []
    try:
        for _ in range(warmup):
            fn()
        started = time.perf_counter()
        while len(samples) < max_n:
            elapsed = time.perf_counter() - started
            if len(samples) >= min_n and elapsed > budget:
                break
            if len(samples) >= 3 and elapsed > 4 * budget:
                break
            t = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t)
    except Exception as error:  # recorded, not raised: one failing layer must not end the run
        result = summarise(samples) if samples else {"n": 0}
        result["error"] = f"{type(error).__name__}: {str(error)[:300]}"
        return result
    return summarise(samples)
