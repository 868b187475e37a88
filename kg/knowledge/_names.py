"""Entities and their names: look-up by IRI, name resolution, ranked search."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from kg.errors import AmbiguousNameError
from kg.knowledge._base import Base
from kg.model import Entity, EntityKind
from kg.names import match_key
from kg.queries import entities as entity_queries
from kg.vocab import DATA


@dataclass(frozen=True)
class SearchHit:
    """An entity found by search, with how well it matched (higher is better)."""

    iri: str
    kind: EntityKind
    score: int
    matched: str


class Names(Base):
    """Entities and their names."""

    def entities(self, iris: Collection[str]) -> dict[str, Entity]:
        """The entities among ``iris`` with their names (one round trip)."""
        return entity_queries.entities(self._store, iris, self._known_at)

    def entity(self, iri: str) -> Entity | None:
        """The entity with this IRI, or None."""
        return self.entities([iri]).get(iri)

    def resolve(self, name: str) -> Entity | None:
        """The one entity that ``name`` names: an IRI, or any name in any language, normalised.

        :raises AmbiguousNameError: if several entities bear the name.
        """
        if name.startswith(str(DATA)):
            return self.entity(name)
        key = match_key(name)
        if not key:
            return None
        iris = entity_queries.resolve_key(self._store, key, self._known_at)
        if not iris:
            return None
        found = self.entities(iris)
        if len(found) > 1:
            candidates = [(i, _first_label(e)) for i, e in sorted(found.items())]
            raise AmbiguousNameError(name, candidates)
        return next(iter(found.values()), None)

    def search(self, text: str, kinds: Collection[EntityKind] | None = None) -> list[SearchHit]:
        """Entities whose names match ``text``, best first: exact, prefix, substring, pinyin.

        Reads the in-memory name index (see kg.name_index), so it costs one small round trip
        whatever the size of the graph; fetch the entities of the page you show with
        ``entities``.
        """
        key = match_key(text)
        if not key:
            return []
        best: dict[str, SearchHit] = {}
        for name in self.name_index.matches(key, kinds, self._known_at):
            score = _score(key, name.key, name.pinyin) - min(len(name.key), 60) // 6
            if name.iri not in best or best[name.iri].score < score:
                best[name.iri] = SearchHit(name.iri, name.kind, score, name.value)
        return sorted(best.values(), key=lambda hit: (-hit.score, len(hit.matched), hit.iri))


def _first_label(entity: Entity) -> str:
    """The entity's best name, whatever its language (errors name candidates by it)."""
    labels = entity.labels()
    return labels[0][1] if labels else entity.iri


def _score(key: str, match: str, pinyin: str | None) -> int:
    if match == key:
        return 100
    if pinyin == key:
        return 90
    if match.startswith(key):
        return 80
    if pinyin and pinyin.startswith(key):
        return 70
    if key in match:
        return 50
    return 40
