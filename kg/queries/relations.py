"""Relationships over time (stakes, operations, partnerships), licences and notices (figures:
kg.queries.figures)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from pyoxigraph import Literal

from kg.dates import PartialDate
from kg.known import known_licence, known_notice, known_relationship
from kg.model import (
    Inference,
    LicenceInfo,
    NoticeInfo,
    Relationship,
    RelationshipKind,
)
from kg.queries._known import (
    cited_slots,
    entity_known,
    fact_known,
)
from kg.queries._rows import (
    citations,
    inferences,
    lang_text,
    local_name,
    partial_date,
    property_name,
    text,
)
from kg.queries._sparql import PREFIXES, nodes, values
from kg.store import GraphStore, Row

_RELATIONSHIP_SIDES = """%(values)s
    ?r ?side ?e .
    FILTER(?side IN (fr:owner, fr:owned, fr:operator, fr:product, fr:partner, fr:partnerOf))"""

# The qualified derivations come in a branch of their own: as an OPTIONAL beside the others,
# Oxigraph reads every derivation in the store for it (seconds on a million triples).
_RELATIONSHIPS = (
    PREFIXES
    + """SELECT ?r ?type ?a ?b ?from ?to ?end ?direct ?controlling ?summary ?src ?dsrc ?loc ?st
       ?inf ?iprop ?basis WHERE {
  {
    %(sides)s
    ?r rdf:type ?type .
    FILTER(?type IN (fr:Stake, fr:Operation, fr:Partnership))
    ?r ?from_side ?a .
    FILTER(?from_side IN (fr:owner, fr:operator, fr:partner))
    ?r ?to_side ?b .
    FILTER(?to_side IN (fr:owned, fr:product, fr:partnerOf))
    OPTIONAL { ?r fr:validFrom ?from }
    OPTIONAL { ?r fr:validTo ?to }
    OPTIONAL { ?r fr:endNotAfter ?end }
    OPTIONAL { ?r fr:direct ?direct }
    OPTIONAL { ?r fr:controlling ?controlling }
    OPTIONAL { ?r fr:summary ?summary }
    OPTIONAL { ?r prov:wasDerivedFrom ?src %(src_published)s }
  } UNION {
    %(sides)s
    ?r prov:qualifiedDerivation ?d . ?d prov:entity ?dsrc .
    %(dsrc_published)s
    OPTIONAL { ?d fr:locator ?loc }
    OPTIONAL { ?d fr:states ?st }
  } UNION {
    %(sides)s
    ?r fr:inference ?inf .
    OPTIONAL { ?inf fr:inferredProperty ?iprop }
    OPTIONAL { ?inf fr:basis ?basis }
  }
}"""
)


_STAKE_SIDE = """%(values)s
    ?r %(side)s ?e ."""
"""The stakes an entity is on one side of (fr:owned: those that own it; fr:owner: those it
holds): an owners walk reads these alone, not a group's every relationship."""

_STAKES_REACH = {
    # One branch per start, the start written as a constant (Virtuoso needs a transitive
    # path's start given in the query, as in kg.queries.lineage).
    True: "{ %(start)s (^fr:owned/fr:owner)* ?x . BIND(%(start)s AS ?start) }",
    False: "{ %(start)s (^fr:owner/fr:owned)* ?x . BIND(%(start)s AS ?start) }",
}


def stake_reach(store: GraphStore, starts: Collection[str], *, upward: bool) -> dict[str, set[str]]:
    """For each start, every other entity a chain of stakes reaches from it (up to its
    owners, or down to what it holds) whatever the stakes' dates: a superset of an owners
    walk, for all starts in one round trip (a plain path query, which Oxigraph answers in
    well under a millisecond; joined with the stakes' details it would lose rows on
    Virtuoso, see kg.queries.lineage)."""
    result: dict[str, set[str]] = {s: set() for s in starts}
    found = nodes(starts)
    if not found:
        return result
    branches = " UNION ".join(_STAKES_REACH[upward] % {"start": str(s)} for s in found)
    query = PREFIXES + f"SELECT DISTINCT ?start ?x WHERE {{ {branches} }}"
    for row in store.select(query):
        start, node = text(row.get("start")), text(row.get("x"))
        if start in result and node is not None and node != start:
            result[start].add(node)
    return result


def relationships(
    store: GraphStore,
    entity_iris: Collection[str],
    known_at: PartialDate | None = None,
    *,
    owned_side: bool | None = None,
) -> dict[str, list[Relationship]]:
    """For each entity, every stake, operation and partnership it is on either side of; with
    ``known_at``, those known by then, cited to and dated by the sources published by then
    (kg.known). With ``owned_side`` True (False), only the stakes it is the owned (owner)
    side of."""
    result: dict[str, list[Relationship]] = {iri: [] for iri in entity_iris}
    if not nodes(entity_iris):  # none, or none a valid IRI
        return result
    chosen = values("e", nodes(entity_iris))
    if owned_side is None:
        sides = _RELATIONSHIP_SIDES % {"values": chosen}
    else:
        side = "fr:owned" if owned_side else "fr:owner"
        sides = _STAKE_SIDE % {"values": chosen, "side": side}
    for rel in _relationships(store, sides, known_at):
        for entity in {rel.source_entity, rel.target_entity}:
            if entity in result:
                result[entity].append(rel)
    return result


def relationships_by_iri(
    store: GraphStore, iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, Relationship]:
    """The stakes, operations and partnerships among ``iris`` (one round trip); with
    ``known_at``, those known by then (see ``relationships``)."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    sides = _RELATIONSHIP_SIDES % {"values": values("r", nodes(iris))}
    return {rel.iri: rel for rel in _relationships(store, sides, known_at)}


def _relationships(
    store: GraphStore, sides: str, known_at: PartialDate | None
) -> list[Relationship]:
    """The relationships ``sides`` (a pattern binding ``?r``) chooses, sorted by IRI."""
    query = _RELATIONSHIPS % {
        "sides": sides + ("\n    " + fact_known("r", known_at) if known_at is not None else ""),
        **cited_slots(known_at),
    }
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(query):
        if (iri := text(row.get("r"))) is not None:
            grouped[iri].append(row)
    found = []
    for iri, rows in sorted(grouped.items()):
        first = next((r for r in rows if "type" in r), rows[0])
        kind = local_name(first.get("type"))
        a, b = text(first.get("a")), text(first.get("b"))
        if kind is None or a is None or b is None:
            continue
        summaries = {t for r in rows if (t := lang_text(r.get("summary")))}
        rel = Relationship(
            iri=iri,
            kind=RelationshipKind(kind),
            source_entity=a,
            target_entity=b,
            valid_from=partial_date(first.get("from")),
            valid_to=partial_date(first.get("to")),
            direct=_bool(first.get("direct")),
            controlling=_bool(first.get("controlling")),
            summaries=tuple(sorted(summaries)),
            citations=citations(r for r in rows if "inf" not in r),
            end_not_after=partial_date(first.get("end")),
            inferences=inferences(rows),
        )
        found.append(known_relationship(rel) if known_at is not None else rel)
    return found


def _bool(term: object) -> bool | None:
    if isinstance(term, Literal):
        return term.value in ("true", "1")
    return None


_LICENCES_OF = """{ %(values)s ?l fr:heldBy ?e ; rdf:type fr:Licence }
  UNION { %(licences)s ?l rdf:type fr:Licence . BIND(?l AS ?e) }"""
"""The licences among the IRIs, and those held by one of them."""

_LICENCES = (
    PREFIXES
    + """SELECT ?l ?holder ?issuer ?type ?end ?src ?dsrc ?loc ?st ?iprop WHERE {
  {
    %(of)s
    OPTIONAL { ?l fr:heldBy ?holder %(holder_known)s }
    OPTIONAL { ?l fr:issuedBy ?issuer %(issuer_known)s }
    OPTIONAL { ?l fr:licenceType ?type }
    OPTIONAL { ?l fr:endNotAfter ?end }
    OPTIONAL { ?l prov:wasDerivedFrom ?src %(src_published)s }
  } UNION {
    %(of)s
    ?l prov:qualifiedDerivation ?d . ?d prov:entity ?dsrc .
    %(dsrc_published)s
    OPTIONAL { ?d fr:locator ?loc }
    OPTIONAL { ?d fr:states ?st }
  }%(inferred)s
}"""
)
"""Licences; their qualified derivations in a branch of their own (see _RELATIONSHIPS). Known
at a date, the licences known by then (as entities: kg.queries._known.entity_known), their
holder and issuers where known by then, and the properties the editors inferred (whose
dates kg.known keeps)."""

_INFERRED = """ UNION {
    %(of)s
    %(node)s fr:inference ?inf . ?inf fr:inferredProperty ?iprop .
  }"""
"""The properties the editors inferred of a licence or a notice (known at a date only)."""


def _known_of(of: str, node: str, known_at: PartialDate | None) -> str:
    """``of`` (the licences or notices asked for), kept to those known at ``known_at``."""
    if known_at is None:
        return of
    return f"{{ {of} }}\n    {entity_known(node, known_at)}"


def _entity_known(node: str, known_at: PartialDate | None) -> str:
    """``. FILTER EXISTS {...}``: ``?node`` is an entity known at ``known_at``; empty without."""
    return ". " + entity_known(node, known_at) if known_at is not None else ""


def _inferred_properties(rows: list[Row]) -> tuple[Inference, ...]:
    """The properties the rows say the editors inferred, as inferences without basis."""
    found = {name for r in rows if (name := property_name(r.get("iprop"))) is not None}
    return tuple(Inference(name) for name in sorted(found))


def licences(
    store: GraphStore, iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, LicenceInfo]:
    """Licences that are among ``iris`` or held by one of them, keyed by licence IRI; with
    ``known_at``, those known by then (see _LICENCES)."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    of = _LICENCES_OF % {
        "values": values("e", nodes(iris)),
        "licences": values("l", nodes(iris)),
    }
    of = _known_of(of, "l", known_at)
    query = _LICENCES % {
        "of": of,
        "holder_known": _entity_known("holder", known_at),
        "issuer_known": _entity_known("issuer", known_at),
        "inferred": _INFERRED % {"of": of, "node": "?l"} if known_at is not None else "",
        **cited_slots(known_at),
    }
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(query):
        if (iri := text(row.get("l"))) is not None:
            grouped[iri].append(row)
    found = {
        iri: LicenceInfo(
            iri=iri,
            holder=next((h for r in rows if (h := text(r.get("holder")))), None),
            issuers=tuple(sorted({i for r in rows if (i := text(r.get("issuer")))})),
            licence_types=tuple(sorted({t for r in rows if (t := lang_text(r.get("type")))})),
            end_not_after=next((d for r in rows if (d := partial_date(r.get("end")))), None),
            citations=citations(rows),
        )
        for iri, rows in grouped.items()
    }
    if known_at is not None:
        found = {
            iri: known_licence(lic, _inferred_properties(grouped[iri]))
            for iri, lic in found.items()
        }
    return found


_NOTICES_OF = """{ %(values)s ?nt fr:issuedBy ?e ; rdf:type fr:Notice }
  UNION { %(notices)s ?nt rdf:type fr:Notice . BIND(?nt AS ?e) }"""
"""The notices among the IRIs, and those issued by one of them."""

_NOTICES = (
    PREFIXES
    + """SELECT ?nt ?issuer ?affects ?type ?summary ?from ?deadline ?older ?newer
       ?src ?dsrc ?loc ?st WHERE {
  {
    %(of)s
    OPTIONAL { ?nt fr:issuedBy ?issuer %(issuer_known)s }
    OPTIONAL { ?nt fr:noticeType ?type }
    OPTIONAL { ?nt fr:summary ?summary }
    OPTIONAL { ?nt fr:effectiveFrom ?from }
    OPTIONAL { ?nt fr:deadline ?deadline }
  } UNION {
    %(of)s
    ?nt fr:affects ?affects .
    %(affects_known)s
  } UNION {
    %(of)s
    ?nt fr:supersedes ?older .
    %(older_known)s
  } UNION {
    %(of)s
    ?newer fr:supersedes ?nt .
    %(newer_known)s
  } UNION {
    %(of)s
    ?nt prov:wasDerivedFrom ?src .
    %(src_published)s
  } UNION {
    %(of)s
    ?nt prov:qualifiedDerivation ?d . ?d prov:entity ?dsrc .
    %(dsrc_published)s
    OPTIONAL { ?d fr:locator ?loc }
    OPTIONAL { ?d fr:states ?st }
  }%(inferred)s
}"""
)
"""Notices; what they affect, what they supersede and what supersedes them, and their
derivations, each in a branch of its own (a list notice may bind many entities). Known at
a date, as licences are (see _LICENCES): the notices known by then, and the entities they
name that are known by then."""


def notices(
    store: GraphStore, iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, NoticeInfo]:
    """Notices that are among ``iris`` or issued by one of them, keyed by notice IRI; with
    ``known_at``, those known by then (see _NOTICES)."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    of = _NOTICES_OF % {
        "values": values("e", nodes(iris)),
        "notices": values("nt", nodes(iris)),
    }
    of = _known_of(of, "nt", known_at)
    cited = cited_slots(known_at)
    query = _NOTICES % {
        "of": of,
        "issuer_known": _entity_known("issuer", known_at),
        "affects_known": entity_known("affects", known_at) if known_at is not None else "",
        "older_known": entity_known("older", known_at) if known_at is not None else "",
        "newer_known": entity_known("newer", known_at) if known_at is not None else "",
        "inferred": _INFERRED % {"of": of, "node": "?nt"} if known_at is not None else "",
        "src_published": cited["src_published"].removeprefix(". "),
        "dsrc_published": cited["dsrc_published"],
    }
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(query):
        if (iri := text(row.get("nt"))) is not None:
            grouped[iri].append(row)

    def iris_of(rows: list[Row], column: str) -> tuple[str, ...]:
        return tuple(sorted({i for r in rows if (i := text(r.get(column)))}))

    found = {
        iri: NoticeInfo(
            iri=iri,
            issuers=iris_of(rows, "issuer"),
            affects=iris_of(rows, "affects"),
            notice_types=tuple(sorted({t for r in rows if (t := lang_text(r.get("type")))})),
            summaries=tuple(sorted({t for r in rows if (t := lang_text(r.get("summary")))})),
            effective_from=next((d for r in rows if (d := partial_date(r.get("from")))), None),
            deadline=next((d for r in rows if (d := partial_date(r.get("deadline")))), None),
            supersedes=iris_of(rows, "older"),
            superseded_by=iris_of(rows, "newer"),
            citations=citations(rows),
        )
        for iri, rows in grouped.items()
    }
    if known_at is not None:
        found = {
            iri: known_notice(notice, _inferred_properties(grouped[iri]))
            for iri, notice in found.items()
        }
    return found
