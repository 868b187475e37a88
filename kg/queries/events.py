"""Events: by IRI, by participant, and the event index the timeline and events pages filter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from pyoxigraph import NamedNode

from kg.dates import PartialDate
from kg.known import known_event
from kg.model import Event, EventKind, Participation
from kg.queries._known import (
    ROLE_PROPERTIES,
    date_known,
    fact_known,
    known_values,
    source_published,
)
from kg.queries._rows import citations, inferences, lang_text, local_name, partial_date, text
from kg.queries._sparql import PREFIXES, nodes, one_of, values
from kg.store import GraphStore, Row
from kg.vocab import FRN, ROLES

EVENT_CLASSES = [getattr(FRN, k.value) for k in EventKind]

_EVENTS = (
    PREFIXES
    + """SELECT ?ev ?p ?o ?src ?dsrc ?loc ?st ?inf ?iprop ?basis ?other WHERE {
  {
    %(known)s
    ?ev ?p ?o .
    FILTER(?p NOT IN (prov:qualifiedDerivation, fr:inference%(own)s))
  } UNION {
    %(values)s
    ?ev prov:qualifiedDerivation ?d .
    ?d prov:entity ?dsrc .
    %(dsrc_published)s
    OPTIONAL { ?d fr:locator ?loc }
    OPTIONAL { ?d fr:states ?st }
  } UNION {
    %(values)s
    ?ev fr:inference ?inf .
    OPTIONAL { ?inf fr:inferredProperty ?iprop }
    OPTIONAL { ?inf fr:basis ?basis }
  } UNION {
    %(values)s
    ?other fr:conflictsWith ?ev .
    %(other_known)s
  }%(known_branches)s
}"""
)
"""An event's own triples, then its qualified derivations (with what each states), its
inferences and the claims that name it as conflicting (fr:conflictsWith is symmetric; data
may state one direction), each in a branch of its own. Known at a date (kg.queries._known),
the first branch keeps the events known by then and leaves their sources and conflicting
claims to branches of their own that keep those known by then."""

_KNOWN_BRANCHES = """ UNION {
    %(values)s
    ?ev prov:wasDerivedFrom ?src .
    %(src_published)s
  } UNION {
    %(values)s
    ?ev fr:conflictsWith ?other .
    %(other_known)s
  }"""
"""The sources and the conflicting claims an event names itself, known at a date."""


def events(
    store: GraphStore, iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, Event]:
    """The events among ``iris``, each with roles, dates, texts and citations, in one round
    trip; with ``known_at``, only the events known by then (kg.known), with only the sources
    published by then, the dates they state and the conflicting claims known by then."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    chosen = values("ev", nodes(iris))
    slots = {
        "values": chosen,
        "known": chosen,
        "own": "",
        "dsrc_published": "",
        "other_known": "",
        "known_branches": "",
    }
    if known_at is not None:
        known = {
            "values": chosen,
            "src_published": source_published("src", known_at),
            "other_known": fact_known("other", known_at),
        }
        slots.update(
            known=known_values("ev", nodes(iris), fact_known("ev", known_at)),
            own=", prov:wasDerivedFrom, fr:conflictsWith",
            dsrc_published=source_published("dsrc", known_at),
            other_known=known["other_known"],
            known_branches=_KNOWN_BRANCHES % known,
        )
    by_event: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(_EVENTS % slots):
        iri = text(row.get("ev"))
        if iri is not None:
            by_event[iri].append(row)
    built = (_build(iri, rows) for iri, rows in by_event.items())
    found = {event.iri: event for event in built if event is not None}
    if known_at is not None:
        found = {iri: known_event(event) for iri, event in found.items()}
    return found


def _build(iri: str, rows: list[Row]) -> Event | None:
    kind: EventKind | None = None
    fields: dict[str, list[Row]] = defaultdict(list)
    cited: list[Row] = []
    inferred: list[Row] = []
    conflicts: set[str] = set()
    for row in rows:
        if "dsrc" in row or "src" in row:
            cited.append(row)
            continue
        if "inf" in row:
            inferred.append(row)
            continue
        if "other" in row:
            conflicts.add(row["other"].value)
            continue
        if "p" not in row:
            continue
        predicate = row["p"].value
        name = local_name(row["p"])
        if predicate.endswith("#type"):
            local = local_name(row["o"])
            if local in EventKind._value2member_map_:
                kind = EventKind(local)
        elif predicate == "http://www.w3.org/ns/prov#wasDerivedFrom":
            cited.append({"src": row["o"]})
        elif name is not None:
            fields[name].append(row)
    if kind is None:
        return None

    def first_date(field: str) -> object:
        dates = [partial_date(r["o"]) for r in fields.get(field, [])]
        return next((d for d in dates if d is not None), None)

    def texts(field: str) -> tuple[tuple[str, str], ...]:
        found = (lang_text(r["o"]) for r in fields.get(field, []))
        return tuple(sorted(t for t in found if t is not None))

    conflicts.update(
        r["o"].value for r in fields.get("conflictsWith", []) if isinstance(r["o"], NamedNode)
    )
    conflicts.discard(iri)
    participants = tuple(
        sorted(
            {
                Participation(role=role, entity=r["o"].value)
                for role in ROLES
                for r in fields.get(role, [])
                if isinstance(r["o"], NamedNode)
            },
            key=lambda p: (ROLES.index(p.role), p.entity),
        )
    )
    return Event(
        iri=iri,
        kind=kind,
        date=first_date("date"),  # type: ignore[arg-type]
        not_before=first_date("notBefore"),  # type: ignore[arg-type]
        not_after=first_date("notAfter"),  # type: ignore[arg-type]
        deadline=first_date("deadline"),  # type: ignore[arg-type]
        summaries=texts("summary"),
        reasons=texts("reason"),
        scope_notes=texts("scopeNote"),
        participants=participants,
        citations=citations(cited),
        inferences=inferences(inferred),
        conflicts_with=tuple(sorted(conflicts)),
    )


_INVOLVING = (
    PREFIXES
    + """SELECT DISTINCT ?e ?ev WHERE {
  %(entities)s
  %(roles)s
  ?ev ?role ?e .
}"""
)


def events_involving(store: GraphStore, entity_iris: Collection[str]) -> dict[str, list[str]]:
    """For each entity, the IRIs of the events it takes part in (any role), in one round trip."""
    result: dict[str, list[str]] = {iri: [] for iri in entity_iris}
    if not nodes(entity_iris):  # none, or none a valid IRI
        return result
    query = _INVOLVING % {
        "entities": values("e", nodes(entity_iris)),
        "roles": one_of("role", ROLE_PROPERTIES),
    }
    for row in store.select(query):
        entity, event = text(row.get("e")), text(row.get("ev"))
        if entity in result and event is not None:
            result[entity].append(event)
    for events_of in result.values():
        events_of.sort()
    return result


_DATED = (
    PREFIXES
    + """SELECT ?ev ?type ?date ?before ?after WHERE {
  %(events)s
  %(classes)s
  ?ev rdf:type ?type .
  %(known)s
  OPTIONAL { ?ev fr:date ?date %(date)s }
  OPTIONAL { ?ev fr:notBefore ?before %(before)s }
  OPTIONAL { ?ev fr:notAfter ?after %(after)s }
}"""
)
"""Events with their kinds and dates; known at a date, the events known by then, each date
where a source published by then states it (or the editors inferred it; kg.known)."""


def dated_events(
    store: GraphStore,
    kinds: Collection[EventKind] | None = None,
    iris: Collection[str] | None = None,
    known_at: PartialDate | None = None,
) -> list[Event]:
    """Every event of ``kinds`` (all kinds when None), or those among ``iris``, with only its
    kind and dates: enough to filter, order and page before fetching details. One round trip.
    With ``known_at``, only the events known by then, with the dates known by then.
    """
    if iris is not None and not nodes(iris):
        return []
    chosen = [getattr(FRN, k.value) for k in (kinds or EventKind)]
    known = dict.fromkeys(("known", "date", "before", "after"), "")
    if known_at is not None:
        known = {
            "known": fact_known("ev", known_at),
            "date": date_known("ev", "fr:date", known_at),
            "before": date_known("ev", "fr:notBefore", known_at),
            "after": date_known("ev", "fr:notAfter", known_at),
        }
    query = _DATED % {  # the classes drive the query unless the events are given (see one_of)
        "events": values("ev", nodes(iris)) if iris is not None else "",
        "classes": values("type", chosen) if iris is None else one_of("type", chosen),
        **known,
    }
    found: dict[str, Event] = {}
    for row in store.select(query):
        iri, kind = text(row.get("ev")), local_name(row.get("type"))
        if iri is None or kind not in EventKind._value2member_map_ or iri in found:
            continue
        found[iri] = Event(
            iri=iri,
            kind=EventKind(kind),
            date=partial_date(row.get("date")),
            not_before=partial_date(row.get("before")),
            not_after=partial_date(row.get("after")),
        )
    return list(found.values())
