"""What an entity page shows, gathered from KnowledgeGraph in one blocking call.

The handlers run ``entity_facts`` in a worker thread under the request time limit; it asks
KnowledgeGraph only (no SPARQL here) and costs a bounded number of round trips.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.model import (
    Citation,
    Direction,
    Entity,
    EntityKind,
    Event,
    Figure,
    LicenceInfo,
    LicenceStatus,
    Lineage,
    NoticeInfo,
    RegistrationStatus,
    Relationship,
    RelationshipKind,
    Source,
)


@dataclass(frozen=True)
class EntityFacts:
    """Everything one entity page shows, with the names of every entity it mentions."""

    entity: Entity
    events: list[Event]
    lineage: Lineage
    relationships: list[Relationship]
    registration: RegistrationStatus | None = None
    licences: list[LicenceInfo] = field(default_factory=list)
    licence_statuses: dict[str, LicenceStatus] = field(default_factory=dict)
    licence_events: dict[str, list[Event]] = field(default_factory=dict)
    products_now: list[str] = field(default_factory=list)
    operators_now: list[str] = field(default_factory=list)
    owners_now: list[str] = field(default_factory=list)
    members_now: list[str] = field(default_factory=list)
    notices: list[NoticeInfo] = field(default_factory=list)
    notice_dates: dict[str, PartialDate] = field(default_factory=dict)
    affecting: list[NoticeInfo] = field(default_factory=list)
    """The notices that affect the entity (fr:affects), with their issue dates in
    ``notice_dates``."""
    figures: list[Figure] = field(default_factory=list)
    event_conflicts: list[tuple[Event, ...]] = field(default_factory=list)
    """Claims about the same fact that disagree, each group side by side, oldest first."""
    figure_conflicts: list[tuple[Figure, ...]] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def stakes(self) -> list[Relationship]:
        """Stakes and partnerships the entity is part of."""
        return [r for r in self.relationships if r.kind is not RelationshipKind.OPERATION]

    @property
    def operations(self) -> list[Relationship]:
        """Operations (who ran which product, when) the entity is part of."""
        return [r for r in self.relationships if r.kind is RelationshipKind.OPERATION]

    @property
    def charts(self) -> list[list[Figure]]:
        """The dated figures of a sector, one list per metric and unit (a chart each)."""
        if self.entity.kind is not EntityKind.SECTOR:
            return []
        series: dict[tuple[str, str], list[Figure]] = {}
        for figure in self.figures:
            if figure.date is not None:
                series.setdefault((figure.metric, figure.unit), []).append(figure)
        return [series[key] for key in sorted(series)]


def entity_facts(graph: KnowledgeGraph, entity: Entity) -> EntityFacts:
    """Gather the page of ``entity`` (blocking; about twenty-five round trips at most)."""
    iri = entity.iri
    kind = entity.kind
    facts: dict[str, object] = {}
    if kind is EntityKind.COMPANY:
        facts["registration"] = graph.registration_statuses([iri])[iri]
        facts["owners_now"] = graph.owners([iri])[iri]
    if kind in (EntityKind.COMPANY, EntityKind.GROUP):
        facts["products_now"] = graph.products([iri])[iri]
    if kind is EntityKind.GROUP:
        facts["members_now"] = graph.members([iri])[iri]
    if kind is EntityKind.PRODUCT:
        facts["operators_now"] = graph.operators([iri])[iri]
    licences = graph.licences([iri])[iri]
    if licences:
        facts["licences"] = licences
        facts["licence_statuses"] = graph.licence_statuses(licences)
        facts["licence_events"] = graph.timelines([lic.iri for lic in licences])
    notices = graph.notices([iri])[iri] if kind in (EntityKind.REGULATOR, EntityKind.NOTICE) else []
    if notices:
        facts["notices"] = notices
    affecting = graph.notices_affecting([iri])[iri] if kind is not EntityKind.NOTICE else []
    if affecting:
        facts["affecting"] = affecting
    if notices or affecting:
        facts["notice_dates"] = graph.issue_dates({n.iri for n in [*notices, *affecting]})
    events = graph.timeline(iri)
    figures = graph.figures([iri])[iri]
    built = EntityFacts(
        entity=entity,
        events=events,
        lineage=graph.lineage(entity, Direction.BOTH),
        relationships=graph.relationships([iri])[iri],
        figures=figures,
        event_conflicts=_conflicts(events, graph.events),
        figure_conflicts=_conflicts(figures, graph.figures_by_iri),
        **facts,  # type: ignore[arg-type]
    )
    mentioned = _mentioned(built)
    cited = _cited(built) | set(graph.sources_about([iri])[iri])
    names = graph.entities(mentioned)
    names[iri] = entity
    return replace(built, entities=names, sources=graph.sources(cited))


class Claim(Protocol):
    """A claim that may disagree with others: an event or a figure."""

    @property
    def iri(self) -> str:
        """The claim's IRI."""
        ...

    @property
    def conflicts_with(self) -> tuple[str, ...]:
        """The claims that disagree with it."""
        ...


C = TypeVar("C", bound=Claim)


def _conflicts(
    claims: list[C], fetch: Callable[[Collection[str]], Mapping[str, C]]
) -> list[tuple[C, ...]]:
    """The groups of claims that disagree with one of ``claims`` (themselves included), each
    once, in the order of ``claims``; claims not among them are fetched (one round trip)."""
    known = {c.iri: c for c in claims}
    missing = {i for c in claims for i in c.conflicts_with} - set(known)
    if missing:
        known.update(fetch(missing))
    groups: dict[frozenset[str], tuple[C, ...]] = {}
    for claim in claims:
        if not claim.conflicts_with:
            continue
        group = frozenset({claim.iri, *claim.conflicts_with}) & set(known)
        if len(group) > 1 and group not in groups:
            groups[group] = tuple(known[i] for i in [claim.iri, *sorted(group - {claim.iri})])
    return list(groups.values())


def _all_events(facts: EntityFacts) -> Iterable[Event]:
    yield from facts.events
    for events in facts.licence_events.values():
        yield from events
    for transfer in facts.lineage.transfers:
        yield transfer.event
    for group in facts.event_conflicts:
        yield from group


def _mentioned(facts: EntityFacts) -> set[str]:
    """Every entity the page names."""
    found: set[str] = set()
    for event in _all_events(facts):
        found.update(p.entity for p in event.participants)
    for t in facts.lineage.transfers:
        found.update((t.transferor, t.transferee, *t.business))
    for r in facts.relationships:
        found.update((r.source_entity, r.target_entity))
    for lic in facts.licences:
        found.update((lic.iri, *lic.issuers, *([lic.holder] if lic.holder else [])))
    for n in facts.notices:
        found.update((n.iri, *n.issuers, *n.affects, *n.supersedes, *n.superseded_by))
    for n in facts.affecting:
        found.update((n.iri, *n.issuers))
    for group in facts.figure_conflicts:
        found.update(f.subject for f in group)
    found.update(facts.products_now, facts.operators_now, facts.owners_now, facts.members_now)
    return found


def _cited(facts: EntityFacts) -> set[str]:
    """Every source the page cites."""
    cited: list[Citation] = [c for name in facts.entity.names for c in name.citations]
    cited += [c for e in _all_events(facts) for c in e.citations]
    cited += [c for r in facts.relationships for c in r.citations]
    cited += [c for f in facts.figures for c in f.citations]
    cited += [c for group in facts.figure_conflicts for f in group for c in f.citations]
    cited += [c for lic in facts.licences for c in lic.citations]
    cited += [c for n in facts.notices for c in n.citations]
    cited += [c for n in facts.affecting for c in n.citations]
    return {c.source for c in cited}
