"""Relationships over time (stakes, operations, partnerships), licences, notices and figures."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal, InvalidOperation

from pyoxigraph import Literal, NamedNode

from kg.model import Comparator, Figure, LicenceInfo, NoticeInfo, Relationship, RelationshipKind
from kg.queries._rows import citations, lang_text, local_name, partial_date, text
from kg.queries._sparql import PREFIXES, nodes, values
from kg.store import GraphStore, Row

_RELATIONSHIP_SIDES = """%(values)s
    ?r ?side ?e .
    FILTER(?side IN (fr:owner, fr:owned, fr:operator, fr:product, fr:partner, fr:partnerOf))"""

# The qualified derivations come in a branch of their own: as an OPTIONAL beside the others,
# Oxigraph reads every derivation in the store for it (seconds on a million triples).
_RELATIONSHIPS = (
    PREFIXES
    + """SELECT ?r ?type ?a ?b ?from ?to ?direct ?controlling ?summary ?src ?dsrc ?loc WHERE {
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
    OPTIONAL { ?r fr:direct ?direct }
    OPTIONAL { ?r fr:controlling ?controlling }
    OPTIONAL { ?r fr:summary ?summary }
    OPTIONAL { ?r prov:wasDerivedFrom ?src }
  } UNION {
    %(sides)s
    ?r prov:qualifiedDerivation ?d . ?d prov:entity ?dsrc ; fr:locator ?loc .
  }
}"""
)


def relationships(store: GraphStore, entity_iris: Collection[str]) -> dict[str, list[Relationship]]:
    """For each entity, every stake, operation and partnership it is on either side of."""
    result: dict[str, list[Relationship]] = {iri: [] for iri in entity_iris}
    if not nodes(entity_iris):  # none, or none a valid IRI
        return result
    sides = _RELATIONSHIP_SIDES % {"values": values("e", nodes(entity_iris))}
    query = _RELATIONSHIPS % {"sides": sides}
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(query):
        if (iri := text(row.get("r"))) is not None:
            grouped[iri].append(row)
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
            citations=citations(rows),
        )
        for entity in {a, b}:
            if entity in result:
                result[entity].append(rel)
    return result


def _bool(term: object) -> bool | None:
    if isinstance(term, Literal):
        return term.value in ("true", "1")
    return None


_LICENCES = (
    PREFIXES
    + """SELECT ?l ?holder ?issuer ?type WHERE {
  { %(values)s ?l fr:heldBy ?e ; rdf:type fr:Licence }
  UNION { %(licences)s ?l rdf:type fr:Licence . BIND(?l AS ?e) }
  OPTIONAL { ?l fr:heldBy ?holder }
  OPTIONAL { ?l fr:issuedBy ?issuer }
  OPTIONAL { ?l fr:licenceType ?type }
}"""
)


def licences(store: GraphStore, iris: Collection[str]) -> dict[str, LicenceInfo]:
    """Licences that are among ``iris`` or held by one of them, keyed by licence IRI."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    query = _LICENCES % {"values": values("e", nodes(iris)), "licences": values("l", nodes(iris))}
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(query):
        if (iri := text(row.get("l"))) is not None:
            grouped[iri].append(row)
    return {
        iri: LicenceInfo(
            iri=iri,
            holder=next((h for r in rows if (h := text(r.get("holder")))), None),
            issuers=tuple(sorted({i for r in rows if (i := text(r.get("issuer")))})),
            licence_types=tuple(sorted({t for r in rows if (t := lang_text(r.get("type")))})),
        )
        for iri, rows in grouped.items()
    }


_NOTICES = (
    PREFIXES
    + """SELECT ?nt ?issuer ?affects ?type ?summary WHERE {
  { %(values)s ?nt fr:issuedBy ?e ; rdf:type fr:Notice }
  UNION { %(notices)s ?nt rdf:type fr:Notice . BIND(?nt AS ?e) }
  OPTIONAL { ?nt fr:issuedBy ?issuer }
  OPTIONAL { ?nt fr:affects ?affects }
  OPTIONAL { ?nt fr:noticeType ?type }
  OPTIONAL { ?nt fr:summary ?summary }
}"""
)


def notices(store: GraphStore, iris: Collection[str]) -> dict[str, NoticeInfo]:
    """Notices that are among ``iris`` or issued by one of them, keyed by notice IRI."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    query = _NOTICES % {"values": values("e", nodes(iris)), "notices": values("nt", nodes(iris))}
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(query):
        if (iri := text(row.get("nt"))) is not None:
            grouped[iri].append(row)
    return {
        iri: NoticeInfo(
            iri=iri,
            issuers=tuple(sorted({i for r in rows if (i := text(r.get("issuer")))})),
            affects=tuple(sorted({a for r in rows if (a := text(r.get("affects")))})),
            notice_types=tuple(sorted({t for r in rows if (t := lang_text(r.get("type")))})),
            summaries=tuple(sorted({t for r in rows if (t := lang_text(r.get("summary")))})),
        )
        for iri, rows in grouped.items()
    }


_FIGURES = (
    PREFIXES
    + """SELECT ?f ?e ?metric ?label ?amount ?unit ?date ?start ?cmp ?src ?dsrc ?loc WHERE {
  {
    %(values)s
    ?f rdf:type fr:Figure ; fr:figureOf ?e ; fr:metric ?metric ; fr:amount ?amount ;
       fr:unit ?unit .
    OPTIONAL { ?metric rdfs:label ?label }
    OPTIONAL { ?f fr:date ?date }
    OPTIONAL { ?f fr:periodStart ?start }
    OPTIONAL { ?f fr:comparator ?cmp }
    OPTIONAL { ?f prov:wasDerivedFrom ?src }
  } UNION {
    %(values)s
    ?f fr:figureOf ?e ; prov:qualifiedDerivation ?d . ?d prov:entity ?dsrc ; fr:locator ?loc .
  }
}"""
)
"""Figures; their qualified derivations in a branch of their own (see _RELATIONSHIPS)."""


def figures(store: GraphStore, entity_iris: Collection[str]) -> dict[str, list[Figure]]:
    """For each entity, the figures about it, in one round trip."""
    result: dict[str, list[Figure]] = {iri: [] for iri in entity_iris}
    if not nodes(entity_iris):  # none, or none a valid IRI
        return result
    query = _FIGURES % {"values": values("e", nodes(entity_iris))}
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in store.select(query):
        if (iri := text(row.get("f"))) is not None:
            grouped[iri].append(row)
    for iri, rows in sorted(grouped.items()):
        first = next((r for r in rows if "amount" in r), rows[0])
        try:
            amount = Decimal(text(first.get("amount")) or "")
        except InvalidOperation:
            continue
        figure = Figure(
            iri=iri,
            entity=text(first.get("e")) or "",
            metric=text(first.get("metric")) or "",
            metric_labels=tuple(sorted({t for r in rows if (t := lang_text(r.get("label")))})),
            amount=amount,
            unit=text(first.get("unit")) or "",
            date=partial_date(first.get("date")),
            period_start=partial_date(first.get("start")),
            citations=citations(rows),
            comparator=_comparator(first.get("cmp")),
        )
        if figure.entity in result:
            result[figure.entity].append(figure)
    return result


def _comparator(term: object) -> Comparator | None:
    """The comparator a figure names (None: none, or a term that is no comparator)."""
    name = local_name(term) if isinstance(term, Literal | NamedNode) else None
    return next((c for c in Comparator if c.value == name), None)
