"""What every part of the facade shares: the store it reads (private) and its name index."""

from __future__ import annotations

from kg.name_index import NameIndex
from kg.store import GraphStore


class Base:
    """The store behind the facade; nothing outside kg.knowledge reaches it."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self.name_index = NameIndex(store)
