"""A store that counts the requests it answers, for tests that bound round trips (the count
is the test's business, not the store's)."""

from __future__ import annotations

from typing import Any

from kg.store import GraphStore


class CountingStore:
    """Wraps a store; every call to it counts as one round trip."""

    def __init__(self, store: GraphStore) -> None:
        self.inner = store
        self.round_trips = 0

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.inner, name)
        if not callable(found):
            return found

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.round_trips += 1
            return found(*args, **kwargs)

        return counted
