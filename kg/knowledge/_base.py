"""What every part of the facade shares: the store it reads (private), its name index, the
counts of its event pages, its stamp, and the date it reads the graph as known on (none:
everything it holds)."""

from __future__ import annotations

import copy
from typing import Self

from kg.dates import PartialDate
from kg.knowledge._stamp import StampClock
from kg.name_index import NameIndex
from kg.queries.event_pages import Summaries
from kg.store import GraphStore


class Base:
    """The store behind the facade; nothing outside kg.knowledge reaches it."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self.name_index = NameIndex(store)
        self._event_summaries = Summaries(store)
        self._stamps = StampClock(store)
        self._known_at: PartialDate | None = None

    @property
    def known_at(self) -> PartialDate | None:
        """The date this graph is read as known on (``knownAt``), or None for everything."""
        return self._known_at

    def stamp(self) -> str:
        """A short text that changes whenever the published graphs change (a load, an unload
        or a restore, by any process): HTTP caching keys its ETags by it. Read from the store
        at most once a second (kg.knowledge._stamp), at once after this graph's own writes.

        :raises StoreError: if the store cannot answer.
        """
        return self._stamps.stamp()

    def fresh_stamp(self) -> str | None:
        """The stamp if one was read within the last second, else None: no store I/O, so an
        event loop may call it."""
        return self._stamps.fresh()

    def as_known_at(self, known_at: PartialDate | None) -> Self:
        """This graph as a reader could have known it at the end of ``known_at`` (a day, a
        month or a year): only the facts (names, events, relationships, figures, licences' and
        notices' own statements) that a source published by then asserts, cited to those
        sources only, with the dates those sources state; an entity with no such fact is
        unknown (kg.queries._known, kg.known). With None, the whole graph.

        Every reading method of the returned graph answers so; it shares this graph's store,
        name index and stamp (close only the graph that opened the store)."""
        if known_at == self._known_at:
            return self
        found = copy.copy(self)
        found._known_at = known_at
        return found
