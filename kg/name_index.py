"""Every entity name in memory, graph by graph, for ranked search without scanning the store
per request.

SPARQL 1.1 has no text index, and ``FILTER(CONTAINS(...))`` over every name costs a full scan
on each search (seconds on a graph of a million triples). So search reads the names into
memory, keeping each loaded graph's names apart, and reads again only the graphs that changed.

How it stays current: every load stamps each graph it writes with ``dcterms:modified``
(kg.store). Each search first polls the stamps (GraphStore.graph_versions: read from memory on
the embedded store, one request to a server), which list every graph with
its stamp (kg.queries.entities.graph_versions), and compares them with the stamps the index
holds: a graph with a new stamp (loaded or replaced) has its names read again, alone; a
graph that is gone (unloaded) drops its names; the other graphs are not read. So the index
is never staler than the search in flight: a load another process publishes on a shared
SPARQL server while a search runs is seen by the next search, and a search is answered from
the index as it was when its poll returned. Several API processes over one server each keep
their own index, and each sees every load on its next search. Nothing polls between searches.

Cost: after a load of a few files into a store of millions of triples, the next search reads
only those files' names, where the index used to read every name. (A file that names an
entity types it too, as the shapes require, so a graph's names and kinds are read from that
graph alone.)

Search as known on a date (``knownAt``) also needs when each name was first published, which
joins each name to its sources in other graphs: the index reads that for the whole store,
once, on the first such search after a change (an ordinary search never pays for it).
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from itertools import chain

from pyoxigraph import NamedNode

from kg.dates import PartialDate
from kg.model import EntityKind
from kg.queries import entities as entity_queries
from kg.queries.entities import IndexedName
from kg.store import GraphStore
from kg.store.base import GraphVersions

__all__ = ["IndexedName", "NameIndex"]


class NameIndex:
    """The names of every entity in a store, each graph's read again when its stamp changes.

    Thread-safe: concurrent searches share one update; a search that arrives during an update
    waits for it rather than starting another.
    """

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._version: GraphVersions | None = None
        self._graphs: dict[str, tuple[str | None, tuple[IndexedName, ...]]] = {}
        """Each graph's stamp when its names were read, and those names."""
        self._names: tuple[IndexedName, ...] = ()
        self._published: dict[tuple[str, str], PartialDate] = {}
        self._published_version: GraphVersions | None = None
        self.builds = 0
        """How many times the index changed (a search that found the store unchanged reads
        nothing and counts nothing)."""
        self.graphs_read = 0
        """How many graphs' names were read in all."""

    def names(self) -> tuple[IndexedName, ...]:
        """Every indexed name, current as of this call (one small round trip when the store
        is unchanged, plus a read of each graph that changed).

        :raises StoreError: if the store cannot answer.
        """
        return self._read(published=False)[0]

    def _read(
        self, *, published: bool
    ) -> tuple[tuple[IndexedName, ...], dict[tuple[str, str], PartialDate]]:
        """The names and, if asked for, when each was first published, current as of this
        call (one small round trip to compare stamps, and the reads a change needs)."""
        version = entity_queries.graph_versions(self._store)
        with self._lock:
            if version != self._version:
                # The stamps were read before the names: a load that commits in between
                # leaves its graph stamped with the older time here, so the next call reads
                # that graph again.
                self._update(dict(version))
                self._version = version
                self.builds += 1
            if published and version != self._published_version:
                self._published = entity_queries.names_published(self._store)
                self._published_version = version
            return self._names, self._published

    def _update(self, stamps: dict[str, str | None]) -> None:
        """Read the names of the graphs whose stamps changed; drop those of graphs gone."""
        for graph in [g for g in self._graphs if g not in stamps]:
            del self._graphs[graph]
        for graph, stamp in sorted(stamps.items()):
            held = self._graphs.get(graph)
            if held is None or held[0] != stamp:
                names = entity_queries.graph_names(self._store, NamedNode(graph))
                self._graphs[graph] = (stamp, tuple(names))
                self.graphs_read += 1
        self._names = tuple(chain.from_iterable(names for _, names in self._graphs.values()))

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
