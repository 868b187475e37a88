"""Every node finreg mints, not only entities: what a node is (so that each IRI can be
answered), relationships and metrics by IRI, the facts that cite a source, the notices that
affect an entity, and the events of a feed, ordered by first report."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from kg.knowledge._figures import Figures
from kg.model import (
    CitingFact,
    EventKind,
    Metric,
    NodeFamily,
    NoticeInfo,
    Relationship,
    Reported,
)
from kg.queries import nodes as node_queries
from kg.queries import relations
from kg.vocab import ENTITY_CLASSES, EVENT_CLASSES, RELATIONSHIP_CLASSES

_FAMILIES = (
    (NodeFamily.ENTITY, frozenset(ENTITY_CLASSES)),
    (NodeFamily.EVENT, frozenset(EVENT_CLASSES)),
    (NodeFamily.RELATIONSHIP, frozenset(RELATIONSHIP_CLASSES)),
    (NodeFamily.FIGURE, frozenset({"Figure"})),
    (NodeFamily.METRIC, frozenset({"Metric"})),
    (NodeFamily.SOURCE, frozenset({"Source"})),
)
"""Each family and the ontology's classes of it."""


def family_of(classes: Collection[str]) -> NodeFamily | None:
    """The family of a node typed with ``classes`` (finreg local names), None for none.

    >>> family_of({"BusinessTransfer"}), family_of({"Stake"}), family_of({"Name"})
    (<NodeFamily.EVENT: 'event'>, <NodeFamily.RELATIONSHIP: 'relationship'>, None)
    """
    return next((family for family, known in _FAMILIES if known & set(classes)), None)


class Nodes(Figures):
    """Nodes of every family, citations seen from the source's side, and feeds."""

    def node_family(self, iri: str) -> NodeFamily | None:
        """What the node ``iri`` is (None when the store holds no such node, or, read as known
        at a date, when it was not known by then: a source not yet published, a fact no
        source published by then reports, an entity with no such fact; a metric, vocabulary,
        is always known). One round trip, two when read as known at a date."""
        family = family_of(node_queries.node_classes(self._store, [iri]).get(iri, ()))
        if family is None or self._known_at is None or family is NodeFamily.METRIC:
            return family
        known: dict[NodeFamily, Callable[[Collection[str]], Mapping[str, object]]] = {
            NodeFamily.ENTITY: self.entities,
            NodeFamily.EVENT: self.events,
            NodeFamily.RELATIONSHIP: self.relationships_by_iri,
            NodeFamily.FIGURE: self.figures_by_iri,
            NodeFamily.SOURCE: self.sources,
        }
        return family if iri in known[family]([iri]) else None

    def relationships_by_iri(self, iris: Collection[str]) -> dict[str, Relationship]:
        """The stakes, operations and partnerships among ``iris`` (one round trip)."""
        return relations.relationships_by_iri(self._store, iris, self._known_at)

    def metrics(self, iris: Collection[str]) -> dict[str, Metric]:
        """The metrics among ``iris``, with their labels (one round trip)."""
        return node_queries.metrics(self._store, iris)

    def citing_page(self, source: str, *, offset: int, limit: int) -> tuple[list[CitingFact], int]:
        """A page of the facts that cite ``source``, each at the place of the article it is
        cited at (its locator, what the source states there), in the article's order, and
        how many such rows there are in all. Ordered and paged in the store (two round
        trips). Read as known at a date, a source is known or not as a whole: the facts
        that cite it are the same, and the caller asks ``sources`` whether it is known."""
        found = node_queries.citing(self._store, source, offset, limit)
        return found, node_queries.citing_count(self._store, source)

    def notices_affecting(self, iris: Collection[str]) -> dict[str, list[NoticeInfo]]:
        """For each entity, the notices that affect it (fr:affects: a list a notice
        publishes, the companies a measure binds), sorted by IRI (two round trips)."""
        affecting = node_queries.affecting(self._store, iris, self._known_at)
        wanted = {n for found in affecting.values() for n in found}
        records = relations.notices(self._store, wanted, self._known_at) if wanted else {}
        return {e: [records[n] for n in found if n in records] for e, found in affecting.items()}

    def feed_page(
        self,
        kinds: Collection[EventKind] | None = None,
        involving: str | None = None,
        *,
        offset: int = 0,
        limit: int = 100,
    ) -> list[Reported]:
        """A page of events by first report, newest first (of ``kinds``, all when None; that
        the entity ``involving`` takes part in, every event when None): ordered and paged in
        the store (one round trip). Read as known at a date, the events first reported by
        then, each by its first report then."""
        return node_queries.first_reported(
            self._store, kinds, involving, self._known_at, offset=offset, limit=limit
        )
