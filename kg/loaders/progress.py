"""The progress bar of a load: its phase (parse, check, write, publish), triples per second
and the time left. Quiet unless asked for (``finreg load`` asks on a terminal without
``--quiet``), and it only appears when a load takes more than a second.
"""

from __future__ import annotations

import sys
import time
from typing import Never

from tqdm import tqdm


class Progress:
    """One bar across a load's phases; each phase counts bytes of input where it can."""

    def __init__(self, *, enabled: bool, delay: float = 1.0) -> None:
        self._enabled = enabled
        self._delay = delay
        self._bar: tqdm[Never] | None = None
        self._phase = ""
        self._triples = 0
        self._started = time.perf_counter()

    def phase(self, name: str, total: int | None = None) -> None:
        """Start the phase ``name``; ``total`` bytes of input will be gone through."""
        self._phase = name
        if not self._enabled:
            return
        if self._bar is not None:
            self._bar.close()
        self._bar = tqdm(
            total=total,
            desc=f"load: {name}",
            unit="B",
            unit_scale=True,
            delay=self._delay,
            mininterval=0.1 if self._delay else 0,
            file=sys.stderr,
            leave=False,
            bar_format="{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
            "[{elapsed}<{remaining}{postfix}]"
            if total
            else "{desc} [{elapsed}{postfix}]",
        )
        self._started = time.perf_counter()
        self._triples = 0

    def advance(self, size: int, triples: int = 0) -> None:
        """Say that ``size`` more bytes and ``triples`` more triples were gone through."""
        if self._bar is None:
            return
        self._triples += triples
        if self._triples:
            rate = self._triples / max(time.perf_counter() - self._started, 1e-6)
            self._bar.set_postfix_str(f"{rate:,.0f} triples/s", refresh=False)
        self._bar.update(size)

    def close(self) -> None:
        """Remove the bar."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
