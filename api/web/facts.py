"""What an entity page shows, gathered from KnowledgeGraph in one blocking call.

The handlers run ``entity_facts`` in a worker thread under the request time limit; it asks
KnowledgeGraph only (no SPARQL here) and costs a bounded number of round trips.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.dates import PartialDate
from kg.history import LicenceStatus, RegistrationStatus
from kg.knowledge import KnowledgeGraph
from kg.lineage import Direction, Lineage
from kg.model import (
    Entity,
    EntityKind,
    Event,
    EventKind,
    LicenceInfo,
    NoticeInfo,
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


def entity_facts(graph: KnowledgeGraph, entity: Entity) -> EntityFacts:
    """Gather the page of ``entity`` (blocking; about fifteen round trips at most)."""
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
    licences = _licences(graph, entity)
    if licences:
        facts["licences"] = licences
        facts["licence_statuses"] = graph.licence_statuses(licences)
        facts["licence_events"] = graph.timelines([lic.iri for lic in licences])
    notices = _notices(graph, entity)
    if notices:
        facts["notices"] = notices
        facts["notice_dates"] = _issue_dates(graph, [n.iri for n in notices])
    built = EntityFacts(
        entity=entity,
        events=graph.timeline(iri),
        lineage=graph.lineage(entity, Direction.BOTH),
        relationships=graph.relationships([iri])[iri],
        **facts,  # type: ignore[arg-type]
    )
    mentioned = _mentioned(built)
    cited = _cited(built) | set(graph.sources_about([iri])[iri])
    names = graph.entities(mentioned)
    names[iri] = entity
    return replace(built, entities=names, sources=graph.sources(cited))


def _licences(graph: KnowledgeGraph, entity: Entity) -> list[LicenceInfo]:
    found = graph.licences([entity.iri])
    if entity.kind is EntityKind.LICENCE:
        return [found[entity.iri]] if entity.iri in found else []
    return sorted((lic for lic in found.values() if lic.holder == entity.iri), key=_iri)


def _notices(graph: KnowledgeGraph, entity: Entity) -> list[NoticeInfo]:
    if entity.kind not in (EntityKind.REGULATOR, EntityKind.NOTICE):
        return []
    found = graph.notices([entity.iri])
    if entity.kind is EntityKind.NOTICE:
        return [found[entity.iri]] if entity.iri in found else []
    return sorted((n for n in found.values() if entity.iri in n.issuers), key=_iri)


def _iri(item: LicenceInfo | NoticeInfo) -> str:
    return item.iri


def _issue_dates(graph: KnowledgeGraph, notices: list[str]) -> dict[str, PartialDate]:
    """When each notice was issued: the date of its NoticeIssued event, where dated."""
    dates: dict[str, PartialDate] = {}
    for notice, events in graph.timelines(notices).items():
        for event in events:
            issued = event.kind is EventKind.NOTICE_ISSUED and notice in event.role("subject")
            if issued and event.date is not None:
                dates.setdefault(notice, event.date)
    return dates


def _all_events(facts: EntityFacts) -> Iterable[Event]:
    yield from facts.events
    for events in facts.licence_events.values():
        yield from events
    for transfer in facts.lineage.transfers:
        yield transfer.event


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
        found.update((n.iri, *n.issuers, *n.affects))
    found.update(facts.products_now, facts.operators_now, facts.owners_now, facts.members_now)
    return found


def _cited(facts: EntityFacts) -> set[str]:
    """Every source the page cites."""
    found = {c.source for name in facts.entity.names for c in name.citations}
    found.update(c.source for e in _all_events(facts) for c in e.citations)
    found.update(c.source for r in facts.relationships for c in r.citations)
    return found
