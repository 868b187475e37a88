"""Every entity name in memory, for ranked search without scanning the store per request.

SPARQL 1.1 has no text index, and ``FILTER(CONTAINS(...))`` over every name costs a full scan
on each search (seconds on a graph of a million triples). So search reads all names once, keeps
them in memory, and reads them again only when the store's graphs change: every load stamps
its graph with ``dcterms:modified``, and one small query per search compares those stamps
with the ones the index was built from. Several API processes over one SPARQL server each keep
their own index and each sees another process's load on its next search.

Search as known on a date (``knownAt``) also needs when each name was first published: the
index reads that once too, on the first such search (an ordinary search never pays for it),
and again after the store changes.
"""

from __future__ import annotations

import threading
from collections.abc import Collection

from kg.dates import PartialDate
from kg.model import EntityKind
from kg.queries import entities as entity_queries
from kg.queries.entities import GraphVersions, IndexedName
from kg.store import GraphStore

__all__ = ["IndexedName", "NameIndex"]


class NameIndex:
    """The names of every entity in a store, rebuilt when the store's graphs change.

    Thread-safe: concurrent searches share one build; a search that arrives during a build
    waits for it rather than starting another.
    """

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._version: GraphVersions | None = None
        self._names: tuple[IndexedName, ...] = ()
        self._published: dict[tuple[str, str], PartialDate] = {}
        self._published_version: GraphVersions | None = None
        self.builds = 0

    def names(self) -> tuple[IndexedName, ...]:
        """Every indexed name, current as of this call (one small round trip when the store
        is unchanged, a full read of the names when it changed).

        :raises StoreError: if the store cannot answer.
        """
        return self._read(published=False)[0]

    def _read(
        self, *, published: bool
    ) -> tuple[tuple[IndexedName, ...], dict[tuple[str, str], PartialDate]]:
        """The names and, if asked for, when each was first published, current as of this
        call (one small round trip to compare versions, and the reads a change needs)."""
        version = entity_queries.graph_versions(self._store)
        with self._lock:
            if version != self._version:
                # The version was read before the names: a load that commits in between
                # leaves the index stamped with the older version, so the next call rebuilds.
                names = entity_queries.all_names(self._store)
                self._names, self._version = tuple(names), version
                self.builds += 1
            if published and version != self._published_version:
                self._published = entity_queries.names_published(self._store)
                self._published_version = version
            return self._names, self._published

    def matches(
        self,
        key: str,
        kinds: Collection[EntityKind] | None = None,
        known_at: PartialDate | None = None,
    ) -> list[IndexedName]:
        """The names whose match key or pinyin key contains ``key`` (already normalised with
        ``kg.names.match_key``), of the given kinds only when ``kinds`` is non-empty; with
        ``known_at``, only names a source published by then gives (a source dated to a
        month or a year counts once that period has ended, as kg.queries._known counts).

        :raises StoreError: if the store cannot answer.
        """
        names, published = self._read(published=known_at is not None)
        found = [
            name
            for name in names
            if (not kinds or name.kind in kinds)
            and (key in name.key or (name.pinyin is not None and key in name.pinyin))
        ]
        if known_at is None:
            return found
        return [
            name
            for name in found
            if (first := published.get((name.iri, name.value))) is not None
            and first.end <= known_at.end
        ]
