"""A knowledge graph whose search and SPARQL answers block until the test lets them go, and
which counts the calls that entered and left, by search text or query: it drives timeouts
and full workloads without depending on how fast the machine is.

GUARD is how long anything may wait before the test counts it as hung; no test asserts how
long something took.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Collection

from kg.knowledge import KnowledgeGraph, SearchHit
from kg.model import EntityKind
from kg.store import GraphStore
from kg.user_query import NO_DATASET, Dataset

GUARD = 60.0
"""Seconds before a wait counts as a hang (a failure), never a measure of speed."""


class BlockingGraph(KnowledgeGraph):
    """The graph of ``store``, whose ``search`` and ``answer`` wait for ``release``."""

    def __init__(self, store: GraphStore) -> None:
        super().__init__(store)
        self.release = threading.Event()
        self.entered: Counter[str] = Counter()
        """Calls that started, by search text or SPARQL query."""
        self.left: Counter[str] = Counter()
        """Calls that returned (or failed), by search text or SPARQL query."""
        self._changed = threading.Condition()

    def _block(self, key: str) -> None:
        with self._changed:
            self.entered[key] += 1
            self._changed.notify_all()
        try:
            if not self.release.wait(GUARD):
                raise RuntimeError(f"the test never released {key!r}")
        finally:
            with self._changed:
                self.left[key] += 1
                self._changed.notify_all()

    def search(self, text: str, kinds: Collection[EntityKind] | None = None) -> list[SearchHit]:
        """The real search, once released."""
        self._block(text)
        return super().search(text, kinds)

    def answer_user_query(
        self, query: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """The real answer, once released (like a query pyoxigraph cannot interrupt, it
        ignores ``timeout`` while it waits)."""
        self._block(query)
        return super().answer_user_query(query, media_type, timeout=timeout, dataset=dataset)

    def wait_until(self, condition: Callable[[BlockingGraph], bool]) -> None:
        """Wait until ``condition(self)`` holds (a hang fails after GUARD seconds)."""
        with self._changed:
            if not self._changed.wait_for(lambda: condition(self), GUARD):
                raise AssertionError(f"still {dict(self.entered)} entered, {dict(self.left)} left")


def eventually(condition: Callable[[], bool]) -> None:
    """Wait until ``condition()`` holds, for state no event announces (a slot handed back
    through the event loop); a hang fails after GUARD seconds."""
    deadline = time.monotonic() + GUARD
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition never held")
        time.sleep(0.01)
