"""Data extension: a row per entity with the properties asked for, and the properties proposed
for each type.

Cells are the closed objects of the Reconciliation Service API 0.2 (api.present.cells): a
date known to the day is a ``date`` cell, one known to the month or year a ``str`` cell at
that precision, never padded. Sources are properties of their own ("sources of the
deregistration date"), whose cells name each source that states the fact: title, publisher,
date, the article's citation marker and its URL; where the editors inferred the fact
instead, the cell says so and gives their basis.

Every property is asked of the facade for all the entities of the query at once, so a query
costs a bounded number of round trips whatever its number of entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from api.present.cells import Cell, date_cell, entity_cell, source_cell, text_cell
from api.present.phrases import (
    entity_kind_label,
    licence_status_label,
    name_of,
    pick,
    registration_label,
    word,
)
from api.reconcile.protocol import ExtendQuery
from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.model import Citation, Entity, EntityKind, Event, EventKind, Grounds, Name, NameKind

_ALL = frozenset(EntityKind)
_COMPANY = frozenset({EntityKind.COMPANY})


@dataclass(frozen=True)
class Property:
    """A property data extension offers: its id, the kinds of entity that have it, and
    whether its values are finreg entities."""

    id: str
    kinds: frozenset[EntityKind] = _ALL
    entities: bool = False

    def name(self, lang: str) -> str:
        """The property's name in ``lang`` (api.present.phrases)."""
        return word(f"prop_{self.id}", lang)


PROPERTIES = (
    Property("legalName"),
    Property("legalNameSources"),
    Property("latestName"),
    Property("names"),
    Property("kind"),
    Property("status", frozenset({EntityKind.COMPANY, EntityKind.LICENCE})),
    Property("deregistrationDate", _COMPANY),
    Property("deregistrationNotBefore", _COMPANY),
    Property("deregistrationNotAfter", _COMPANY),
    Property("deregistrationSources", _COMPANY),
    Property("operator", frozenset({EntityKind.PRODUCT}), entities=True),
    Property("operatorSources", frozenset({EntityKind.PRODUCT})),
    Property("owners", frozenset({EntityKind.COMPANY, EntityKind.GROUP}), entities=True),
)
"""Every property data extension offers, in the order proposals list them."""

BY_ID = {p.id: p for p in PROPERTIES}


def proposals(kind: EntityKind | None, lang: str, limit: int | None = None) -> list[Cell]:
    """The properties proposed for entities of ``kind`` (all when None), as id and name."""
    found = [
        {"id": p.id, "name": p.name(lang)} for p in PROPERTIES if kind is None or kind in p.kinds
    ]
    return found[:limit] if limit is not None else found


@dataclass
class _Gathered:
    """What the rows need, asked of the facade once for every entity of the query, and only
    when a property asked for needs it."""

    graph: KnowledgeGraph
    entities: dict[str, Entity]
    lang: str

    def of_kind(self, kinds: Iterable[EntityKind]) -> list[str]:
        wanted = set(kinds)
        return sorted(i for i, e in self.entities.items() if e.kind in wanted)

    @cached_property
    def registrations(self) -> dict[str, str]:
        companies = self.of_kind([EntityKind.COMPANY])
        statuses = self.graph.registration_statuses(companies) if companies else {}
        licences = self.of_kind([EntityKind.LICENCE])
        held = self.graph.licence_statuses(licences) if licences else {}
        return {
            **{i: registration_label(s, self.lang) for i, s in statuses.items()},
            **{i: licence_status_label(s, self.lang) for i, s in held.items()},
        }

    @cached_property
    def deregistrations(self) -> dict[str, list[Event]]:
        companies = self.of_kind([EntityKind.COMPANY])
        if not companies:
            return {}
        found = self.graph.timelines(companies, kinds=[EventKind.DEREGISTRATION])
        return {i: [e for e in evs if i in e.role("subject")] for i, evs in found.items()}

    @cached_property
    def grounds(self) -> dict[str, dict[str, Grounds]]:
        events = {e.iri for evs in self.deregistrations.values() for e in evs}
        return self.graph.grounds(events) if events else {}

    @cached_property
    def operations(self) -> dict[str, list[tuple[str, tuple[Citation, ...]]]]:
        products = self.of_kind([EntityKind.PRODUCT])
        found = self.graph.operations(products) if products else {}
        return {
            p: [(r.source_entity, r.citations) for r in rels if r.target_entity == p]
            for p, rels in found.items()
        }

    @cached_property
    def owners(self) -> dict[str, list[str]]:
        owned = self.of_kind([EntityKind.COMPANY, EntityKind.GROUP])
        return self.graph.owners(owned) if owned else {}


Value = Cell | Citation
"""A cell, or a citation still to be worded (its source is read with all the others)."""


def extend(graph: KnowledgeGraph, query: ExtendQuery, lang: str) -> dict[str, Any]:
    """The data extension response to ``query`` (blocking: run it in a worker thread)."""
    entities = graph.entities(query.ids)
    gathered = _Gathered(graph, entities, lang)
    wanted = [BY_ID[p] for p in query.properties]
    values: dict[str, dict[str, list[Value]]] = {}
    for iri in query.ids:
        entity = entities.get(iri)
        values[iri] = {
            p.id: _CELLS[p.id](entity, gathered) if entity and entity.kind in p.kinds else []
            for p in wanted
        }
    rows = _finish(graph, gathered, values)
    meta = [{"id": p.id, "name": p.name(lang)} for p in wanted]
    return {"meta": meta, "rows": rows}


def _finish(
    graph: KnowledgeGraph, gathered: _Gathered, values: dict[str, dict[str, list[Value]]]
) -> dict[str, dict[str, list[Cell]]]:
    """Word every citation and name every entity cell in the row's language: one round trip
    for the sources and one for the entities, whatever the number of rows."""
    every = [v for row in values.values() for vs in row.values() for v in vs]
    cited = {v.source for v in every if isinstance(v, Citation)}
    sources = graph.sources(cited) if cited else {}
    referenced = {v["id"] for v in every if isinstance(v, dict) and "id" in v}
    named = graph.entities(referenced - set(gathered.entities)) if referenced else {}
    named.update(gathered.entities)

    def cell(value: Value) -> Cell:
        if isinstance(value, Citation):
            return source_cell(value, sources)
        if "id" in value:
            return entity_cell(value["id"], named, gathered.lang)
        return value

    rows: dict[str, dict[str, list[Cell]]] = {}
    for iri, row in values.items():
        rows[iri] = {}
        for prop, vs in row.items():
            cells = [cell(v) for v in vs]
            unique = {_identity(c): c for c in cells}
            rows[iri][prop] = list(unique.values())
    return rows


def _identity(cell: Cell) -> tuple[tuple[str, str], ...]:
    """A cell's identity, to leave out a cell repeated in one list."""
    return tuple(sorted((k, str(v)) for k, v in cell.items()))


def _legal_names(entity: Entity) -> list[Name]:
    legal = [n for n in entity.names if n.kind is NameKind.LEGAL]
    return sorted(
        legal,
        key=lambda n: (
            n.valid_to is not None,
            -(n.valid_from.start.toordinal() if n.valid_from else 0),
            n.value,
        ),
    )


def _strings(texts: Iterable[str]) -> list[Value]:
    return [text_cell(t) for t in dict.fromkeys(texts)]


def _deregistration_dates(
    pick_date: Callable[[Event], PartialDate | None],
) -> Callable[[Entity, _Gathered], list[Value]]:
    def cells(entity: Entity, gathered: _Gathered) -> list[Value]:
        found = [pick_date(e) for e in gathered.deregistrations.get(entity.iri, [])]
        return [date_cell(d) for d in dict.fromkeys(d for d in found if d is not None)]

    return cells


def _deregistration_sources(entity: Entity, gathered: _Gathered) -> list[Value]:
    """The sources that state a deregistration's date or its bounds; the editors' basis where
    they inferred one."""
    cited: list[Value] = []
    inferred: list[str] = []
    for event in gathered.deregistrations.get(entity.iri, []):
        grounds = gathered.grounds.get(event.iri, {})
        for prop in ("date", "notBefore", "notAfter"):
            found = grounds.get(prop)
            if found is None:
                continue
            cited += found.stated_by
            if found.inferred:
                basis = pick(found.inferred, gathered.lang)
                inferred.append(word("inferred_by_editors", gathered.lang, basis=basis))
    return cited + _strings(inferred)


def _status(entity: Entity, gathered: _Gathered) -> list[Value]:
    found = gathered.registrations.get(entity.iri)
    return _strings([found] if found else [])


def _operators(entity: Entity, gathered: _Gathered) -> list[Value]:
    return [{"id": op} for op, _ in gathered.operations.get(entity.iri, [])]


def _operator_sources(entity: Entity, gathered: _Gathered) -> list[Value]:
    return [c for _, cited in gathered.operations.get(entity.iri, []) for c in cited]


_CELLS: dict[str, Callable[[Entity, _Gathered], list[Value]]] = {
    "legalName": lambda e, g: _strings(n.value for n in _legal_names(e)),
    "legalNameSources": lambda e, g: [c for n in _legal_names(e) for c in n.citations],
    "latestName": lambda e, g: _strings([name_of(e, g.lang)]),
    "names": lambda e, g: _strings(n.value for n in e.names),
    "kind": lambda e, g: _strings([entity_kind_label(e.kind, g.lang)]),
    "status": _status,
    "deregistrationDate": _deregistration_dates(lambda e: e.date),
    "deregistrationNotBefore": _deregistration_dates(lambda e: e.not_before),
    "deregistrationNotAfter": _deregistration_dates(lambda e: e.not_after),
    "deregistrationSources": _deregistration_sources,
    "operator": _operators,
    "operatorSources": _operator_sources,
    "owners": lambda e, g: [{"id": o} for o in g.owners.get(e.iri, [])],
}
