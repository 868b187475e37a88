"""Lineage: who took over whose business, for many entities at once, and what a lineage or a
timeline mentions (the names and sources a picture, a table or a page shows)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from kg.dates import PartialDate
from kg.knowledge._events import Events
from kg.lineage import chains, moves_of
from kg.model import Direction, Entity, EntityKind, Event, Lineage, Source, Transfer, mentioned
from kg.queries import lineage as lineage_queries
from kg.queries import sources as source_queries

_MOVED = (EntityKind.PRODUCT, EntityKind.LICENCE)
_REACHES = {
    Direction.DOWNSTREAM: (lineage_queries.Reach.DOWNSTREAM,),
    Direction.UPSTREAM: (lineage_queries.Reach.UPSTREAM,),
    Direction.BOTH: (lineage_queries.Reach.DOWNSTREAM, lineage_queries.Reach.UPSTREAM),
}


class Lineages(Events):
    """Lineages and what they mention."""

    def lineages(
        self,
        entities: Collection[Entity],
        direction: Direction,
        as_of: PartialDate | None = None,
    ) -> dict[str, Lineage]:
        """Who took over whose business, for each entity, keyed by IRI: for a company along
        ``direction``, for a product (or licence) every hand-over that moved it. At most six
        round trips whatever the number of entities (products by scope, companies along each
        reach, then the events)."""
        moved = [e.iri for e in entities if e.kind in _MOVED]
        others = [e.iri for e in entities if e.kind not in _MOVED]
        found: dict[str, set[str]] = {iri: set() for iri in [*moved, *others]}
        if moved:
            scope = lineage_queries.transfer_events_from(
                self._store, moved, lineage_queries.Reach.SCOPE
            )
            for iri, events in scope.items():
                found[iri].update(events)
        if others:
            for reach in _REACHES[direction]:
                along = lineage_queries.transfer_events_from(self._store, others, reach)
                for iri, events in along.items():
                    found[iri].update(events)
        wanted = set().union(*found.values()) if found else set()
        details = self.events(wanted) if wanted else {}

        def events_of(iri: str) -> list[Event]:
            return [details[e] for e in sorted(found[iri]) if e in details]

        result = {iri: moves_of(iri, events_of(iri), as_of) for iri in moved}
        result.update({iri: chains(iri, events_of(iri), direction, as_of) for iri in others})
        return result

    def lineage(
        self, entity: Entity, direction: Direction, as_of: PartialDate | None = None
    ) -> Lineage:
        """One entity's lineage (see ``lineages``)."""
        return self.lineages([entity], direction, as_of)[entity.iri]

    def lineage_names(self, focus: Entity, transfers: Sequence[Transfer]) -> dict[str, Entity]:
        """Every entity a lineage of ``focus`` names: both sides and what moved (one round
        trip)."""
        return _with(focus, self.entities(mentioned(transfers) - {focus.iri}))

    def timeline_context(
        self, focus: Entity, events: Sequence[Event]
    ) -> tuple[dict[str, Entity], dict[str, Source]]:
        """The entities and the sources a timeline of ``focus`` names (two round trips)."""
        entities = {p.entity for e in events for p in e.participants} - {focus.iri}
        cited = {c.source for e in events for c in e.citations}
        return _with(focus, self.entities(entities)), self.sources(cited)

    def sources(self, iris: Collection[str]) -> dict[str, Source]:
        """The sources among ``iris`` (one round trip)."""
        return source_queries.sources(self._store, iris, self._known_at)

    def sources_about(self, entity_iris: Collection[str]) -> dict[str, list[str]]:
        """For each entity, the IRIs of every source asserting anything about it."""
        return source_queries.sources_about(self._store, entity_iris, self._known_at)


def _with(focus: Entity, found: Mapping[str, Entity]) -> dict[str, Entity]:
    return {**found, focus.iri: focus}
