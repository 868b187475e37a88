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


def repeat(fn: Callable[[], object], *, budget: float, min_n: int = 20, max_n: int = 500,
           warmup: int = 2) -> dict[str, Any]:
    """Run ``fn`` ``warmup`` times, then at least ``min_n`` and at most ``max_n`` times or until
    ``budget`` seconds have passed; the latencies summarised."""
    for _ in range(warmup):
        fn()
    samples: list[float] = []
    deadline = time.perf_counter() + budget
    while len(samples) < min_n or (len(samples) < max_n and time.perf_counter() < deadline):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
        if len(samples) >= min_n and time.perf_counter() > deadline + budget:
            break  # a slow query: do not spend more than twice the budget
    return summarise(samples)
