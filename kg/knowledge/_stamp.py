"""The graph's stamp: one short text that changes whenever a load, an unload or a restore
changes the published graphs, in this process or another (HTTP caching keys its ETags and
its answers by it: api.http_cache).

Every load stamps each graph it publishes with ``dcterms:modified`` (kg.store.registry); the
stamp is a digest of every graph's IRI with that time. Reading it is one small round trip,
so it is read at most once every ``MAX_AGE`` seconds (a request to a SPARQL server costs a
millisecond or more), and at once after this process changed the graph itself.
"""

from __future__ import annotations

import hashlib
import threading
import time

from kg.queries import entities as entity_queries
from kg.store import GraphStore

MAX_AGE = 1.0
"""Seconds a stamp read from the store is trusted: another process's load shows within this."""


class StampClock:
    """The store's stamp, read again once it is ``MAX_AGE`` seconds old (thread-safe)."""

    def __init__(self, store: GraphStore, max_age: float = MAX_AGE) -> None:
        self._store = store
        self._max_age = max_age
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._read_at = 0.0

    def fresh(self) -> str | None:
        """The stamp if it was read less than ``max_age`` seconds ago, else None (no I/O)."""
        with self._lock:
            if self._stamp is not None and time.monotonic() - self._read_at < self._max_age:
                return self._stamp
            return None

    def stamp(self) -> str:
        """The stamp, read from the store when the one held is too old.

        :raises StoreError: if the store cannot answer.
        """
        found = self.fresh()
        if found is not None:
            return found
        read_at = time.monotonic()
        versions = entity_queries.graph_versions(self._store)
        digest = hashlib.sha256()
        for graph, modified in sorted(versions, key=lambda v: (v[0], v[1] or "")):
            digest.update(f"{graph}\t{modified or ''}\n".encode())
        stamp = digest.hexdigest()[:20]
        with self._lock:
            self._stamp, self._read_at = stamp, read_at
        return stamp

    def forget(self) -> None:
        """Drop the stamp held (this process just changed the graph)."""
        with self._lock:
            self._stamp = None
