"""What a picture, a page or an export needs from the graph, gathered in a few round trips.

The functions in kg.pictures and kg.exports draw from plain model objects; these gather them:
the lineages of many entities at once (so an API list costs the same round trips as one
entity), and the names and sources a lineage or a timeline mentions.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.lineage import Direction, Lineage, chains, moves_of
from kg.model import Entity, EntityKind, Event, Source, Transfer
from kg.queries import lineage as lineage_queries

_MOVED = (EntityKind.PRODUCT, EntityKind.LICENCE)
_REACHES = {
    Direction.DOWNSTREAM: (lineage_queries.Reach.DOWNSTREAM,),
    Direction.UPSTREAM: (lineage_queries.Reach.UPSTREAM,),
    Direction.BOTH: (lineage_queries.Reach.DOWNSTREAM, lineage_queries.Reach.UPSTREAM),
}


def lineages(
    graph: KnowledgeGraph,
    entities: Collection[Entity],
    direction: Direction,
    as_of: PartialDate | None = None,
) -> dict[str, Lineage]:
    """``KnowledgeGraph.lineage`` for many entities at once, keyed by IRI: at most six round
    trips whatever their number (products by scope, companies along each reach, then events).
    """
    moved = [e.iri for e in entities if e.kind in _MOVED]
    others = [e.iri for e in entities if e.kind not in _MOVED]
    found: dict[str, set[str]] = {iri: set() for iri in [*moved, *others]}
    if moved:
        scope = lineage_queries.transfer_events_from(
            graph.store, moved, lineage_queries.Reach.SCOPE
        )
        for iri, events in scope.items():
            found[iri].update(events)
    if others:
        for reach in _REACHES[direction]:
            along = lineage_queries.transfer_events_from(graph.store, others, reach)
            for iri, events in along.items():
                found[iri].update(events)
    wanted = set().union(*found.values()) if found else set()
    details = graph.events(wanted) if wanted else {}

    def events_of(iri: str) -> list[Event]:
        return [details[e] for e in sorted(found[iri]) if e in details]

    result = {iri: moves_of(iri, events_of(iri), as_of) for iri in moved}
    result.update({iri: chains(iri, events_of(iri), direction, as_of) for iri in others})
    return result


def within(transfers: Iterable[Transfer], depth: int | None) -> tuple[Transfer, ...]:
    """The hand-overs at most ``depth`` steps from the start (all when None)."""
    return tuple(t for t in transfers if depth is None or t.depth <= depth)


def lineage_iris(focus: str, transfers: Sequence[Transfer]) -> set[str]:
    """Every entity a lineage picture names: the focus, both sides and what moved."""
    return {focus} | {i for t in transfers for i in (t.transferor, t.transferee, *t.business)}


def timeline_iris(focus: str, events: Sequence[Event]) -> tuple[set[str], set[str]]:
    """The entities and the sources a timeline picture or CSV names."""
    entities = {focus} | {p.entity for e in events for p in e.participants}
    return entities, {c.source for e in events for c in e.citations}


def lineage_entities(
    graph: KnowledgeGraph, focus: Entity, transfers: Sequence[Transfer]
) -> dict[str, Entity]:
    """The entities a lineage picture of ``focus`` names (one round trip)."""
    return _with(focus, graph.entities(lineage_iris(focus.iri, transfers)))


def timeline_context(
    graph: KnowledgeGraph, focus: Entity, events: Sequence[Event]
) -> tuple[dict[str, Entity], dict[str, Source]]:
    """The entities and sources a timeline of ``focus`` names (two round trips)."""
    entity_iris, source_iris = timeline_iris(focus.iri, events)
    return _with(focus, graph.entities(entity_iris)), graph.sources(source_iris)


def _with(focus: Entity, found: Mapping[str, Entity]) -> dict[str, Entity]:
    return {**found, focus.iri: focus}
