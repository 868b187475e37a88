"""The benchmark's questions, each asked five ways (and, over HTTP only, the mix of distinct
requests the throughput run sends: ``mix``).

For every question: a plain SPARQL text (what a user would write without finreg: no derived
match keys or ``fr:succeededBy`` shortcuts), run on raw pyoxigraph and on an in-memory rdflib
Graph; finreg's query layer (kg.knowledge.KnowledgeGraph) answering the same question with the
same details the GraphQL request asks for; and the GraphQL request itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, Store

from kg.knowledge import KnowledgeGraph
from kg.model import Direction, EventKind
from kg.vocab import FR

PREFIXES = f"""PREFIX fr: <{FR._NS}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

Manifest = dict[str, Any]


@dataclass(frozen=True)
class Spec:
    """One question: its plain SPARQL, its finreg query-layer call, its GraphQL request."""

    argument: Callable[[Manifest], str]
    sparql: str
    kg: Callable[[KnowledgeGraph, Manifest], object]
    graphql: str
    variable: str


def _zh(text: str) -> str:
    return str(Literal(text, language="zh"))  # N-Triples form, escaped by pyoxigraph


# The hops only (well shaped for Oxigraph, whose OPTIONAL groups are hash joins that read the
# whole store: adding names and sources as OPTIONALs makes the raw text 50x slower).
_LINEAGE_SPARQL = (
    PREFIXES
    + """SELECT ?ev ?from ?to WHERE {
  ?start fr:name/fr:value %(arg)s .
  ?start (^fr:transferor/fr:transferee)* ?from .
  ?ev fr:transferor ?from ; a fr:BusinessTransfer ; fr:transferee ?to .
}"""
)

_LINEAGE_GQL = """query Lineage($name: String!) {
  lineage(name: $name) {
    depth date notAfter
    from { name } to { name(lang: "en") }
    event { summary(lang: "en") sources { title publisher published } }
  }
}"""

_TIMELINE_SPARQL = (
    PREFIXES
    + """SELECT ?ev ?kind ?role ?date ?notAfter ?summary ?title ?publisher
       ?issued WHERE {
  ?e fr:name/fr:value %(arg)s .
  VALUES ?role { fr:subject fr:transferor fr:transferee fr:transferredScope fr:holder fr:issuer
                 fr:operator fr:owner fr:formerOwner }
  ?ev ?role ?e ; a ?kind .
  OPTIONAL { ?ev fr:date ?date }
  OPTIONAL { ?ev fr:notAfter ?notAfter }
  OPTIONAL { ?ev fr:summary ?summary FILTER(LANG(?summary) = "en") }
  OPTIONAL { ?ev prov:wasDerivedFrom ?src .
             ?src dcterms:title ?title ; dcterms:publisher ?publisher ; dcterms:issued ?issued }
} ORDER BY ?date"""
)

_TIMELINE_GQL = """query Timeline($name: String!) {
  entity(name: $name) {
    names { value kind }
    timeline { kind date notAfter summary(lang: "en") sources { title publisher published } }
  }
}"""

_RESOLVE_SPARQL = (
    PREFIXES
    + """SELECT ?e ?kind ?value ?nameKind ?from ?to WHERE {
  ?e fr:name/fr:value %(arg)s ; a ?kind ; fr:name ?n .
  ?n fr:value ?value ; fr:nameKind ?nameKind .
  OPTIONAL { ?n fr:validFrom ?from }
  OPTIONAL { ?n fr:validTo ?to }
}"""
)

_RESOLVE_GQL = """query Resolve($name: String!) {
  entity(name: $name) { id kind names { value kind validFrom validTo } }
}"""

_SEARCH_SPARQL = (
    PREFIXES
    + """SELECT ?e ?value WHERE {
  ?e fr:name/fr:value ?value .
  FILTER(CONTAINS(LCASE(STR(?value)), LCASE(STR(%(arg)s))))
} ORDER BY STRLEN(STR(?value)) LIMIT 20"""
)

_SEARCH_GQL = """query Search($text: String!) {
  search(text: $text, first: 20) { totalCount edges { score matched node { id name } } }
}"""

_EVENTS_SPARQL = (
    PREFIXES
    + """SELECT ?ev ?date ?notAfter ?summary ?holder ?holderName WHERE {
  ?ev a fr:LicenceRevocation .
  OPTIONAL { ?ev fr:date ?date }
  OPTIONAL { ?ev fr:notAfter ?notAfter }
  OPTIONAL { ?ev fr:summary ?summary FILTER(LANG(?summary) = "en") }
  OPTIONAL { ?ev fr:holder ?holder .
             ?holder fr:name ?hn . ?hn fr:nameKind fr:ShortName ; fr:value ?holderName }
  FILTER(STRLEN(%(arg)s) >= 0)
} ORDER BY DESC(STR(COALESCE(?date, ?notAfter))) LIMIT 20"""
)

_EVENTS_GQL = """query Events($kind: EventKind!) {
  events(kinds: [$kind], first: 20) {
    totalCount
    edges { node { kind date notAfter summary(lang: "en") participants { role entity { name } } } }
  }
}"""


# Direct stakes only: finreg's owners also follow stakes through other owners and cut them
# to the date asked, which plain SPARQL would need a property path and date filters for.
_OWNERS_SPARQL = (
    PREFIXES
    + """SELECT ?owner ?ownerName WHERE {
  ?e fr:name/fr:value %(arg)s .
  ?stake fr:owned ?e ; fr:owner ?owner .
  ?owner fr:name ?n . ?n fr:nameKind fr:ShortName ; fr:value ?ownerName .
}"""
)

_OWNERS_GQL = """query Owners($name: String!) {
  entity(name: $name) { ... on Company { owners { id name } } }
}"""

_FIGURES_SPARQL = (
    PREFIXES
    + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?f ?metric ?amount ?unit ?date ?label WHERE {
  ?e fr:name/fr:value %(arg)s .
  ?f fr:figureOf ?e ; fr:metric ?metric ; fr:amount ?amount ; fr:unit ?unit .
  ?metric rdfs:label ?label FILTER(LANG(?label) = "en")
  OPTIONAL { ?f fr:date ?date }
} ORDER BY ?date"""
)

_FIGURES_GQL = """query Figures($name: String!) {
  entity(name: $name) { figures { metric label(lang: "en") amount unit date } }
}"""


def _kg_owners(kg: KnowledgeGraph, m: Manifest) -> object:
    entity = kg.resolve(m["owned"])
    assert entity is not None
    owners = kg.owners([entity.iri])[entity.iri]
    return owners, kg.entities(owners)


def _kg_figures(kg: KnowledgeGraph, m: Manifest) -> object:
    entity = kg.resolve(m["figured"])
    assert entity is not None
    return kg.figures([entity.iri])[entity.iri]


def _kg_lineage(kg: KnowledgeGraph, m: Manifest, depth: str) -> object:
    entity = kg.resolve(m["lineage"][depth][0])
    assert entity is not None
    found = kg.lineage(entity, Direction.DOWNSTREAM)
    ends = {x for t in found.transfers for x in (t.transferor, t.transferee)}
    names = kg.entities(ends)
    sources = kg.sources({c.source for t in found.transfers for c in t.event.citations})
    return found, names, sources


def _kg_timeline(kg: KnowledgeGraph, m: Manifest) -> object:
    entity = kg.resolve(m["timeline"])
    assert entity is not None
    events = kg.timeline(entity.iri)
    return events, kg.sources({c.source for e in events for c in e.citations})


def _kg_events(kg: KnowledgeGraph, m: Manifest) -> object:
    page = kg.event_list(kinds={EventKind.LICENCE_REVOCATION})[:20]
    return page, kg.entities({p.entity for e in page for p in e.participants})


def _kg_search(kg: KnowledgeGraph, m: Manifest) -> object:
    hits = kg.search(m["search"])[:20]
    return hits, kg.entities([h.iri for h in hits])


_LINEAGE = {
    d: Spec(
        argument=lambda m, d=d: m["lineage"][d][0],
        sparql=_LINEAGE_SPARQL,
        kg=lambda kg, m, d=d: _kg_lineage(kg, m, d),
        graphql=_LINEAGE_GQL,
        variable="name",
    )
    for d in ("1", "5", "20")
}

SPECS: dict[str, Spec] = {
    "lineage_d1": _LINEAGE["1"],
    "lineage_d5": _LINEAGE["5"],
    "lineage_d20": _LINEAGE["20"],
    "timeline": Spec(
        lambda m: m["timeline"], _TIMELINE_SPARQL, _kg_timeline, _TIMELINE_GQL, "name"
    ),
    "resolve": Spec(
        lambda m: m["resolve"],
        _RESOLVE_SPARQL,
        lambda kg, m: kg.resolve(m["resolve"]),
        _RESOLVE_GQL,
        "name",
    ),
    "search": Spec(lambda m: m["search"], _SEARCH_SPARQL, _kg_search, _SEARCH_GQL, "text"),
    "events_page": Spec(
        lambda m: "LICENCE_REVOCATION", _EVENTS_SPARQL, _kg_events, _EVENTS_GQL, "kind"
    ),
    "owners": Spec(lambda m: m["owned"], _OWNERS_SPARQL, _kg_owners, _OWNERS_GQL, "name"),
    "figures": Spec(lambda m: m["figured"], _FIGURES_SPARQL, _kg_figures, _FIGURES_GQL, "name"),
}


def sparql_text(spec: Spec, m: Manifest) -> str:
    """The plain SPARQL of a question with its argument written in (bench data only)."""
    return spec.sparql % {"arg": _zh(spec.argument(m))}


def run_sparql(store: Store, spec: Spec, m: Manifest) -> int:
    """Run the plain SPARQL on raw pyoxigraph (union default graph); the number of rows."""
    return sum(1 for _ in store.query(sparql_text(spec, m), use_default_graph_as_union=True))


def graphql_request(spec: Spec, m: Manifest) -> dict[str, Any]:
    """The GraphQL request body of a question."""
    return {"query": spec.graphql, "variables": {spec.variable: spec.argument(m)}}


MIX_SIZE = 1200
"""Distinct requests in the throughput mix (at most; fewer on a graph with fewer names)."""

_EVENTS_WINDOW_GQL = """query Window($kind: EventKind!, $from: PartialDate!, $to: PartialDate!) {
  events(kinds: [$kind], from: $from, to: $to, first: 20) {
    totalCount
    edges { node { kind date summary(lang: "en") participants { role entity { name } } } }
  }
}"""

_EVENTS_INVOLVING_GQL = """query Involving($name: String!) {
  events(involving: $name, first: 20) {
    totalCount edges { node { kind date notAfter summary(lang: "en") } }
  }
}"""


def mix(m: Manifest, size: int = MIX_SIZE) -> list[dict[str, Any]]:
    """The throughput run's GraphQL requests, all distinct, drawn from the manifest: lineage
    from every chain's start, each name's timeline, resolution, owners, figures, search and
    events, and pages of events by kind and year; interleaved kind by kind, so that any
    stretch of the list asks every kind of question about as often."""
    names: list[str] = m["names"]
    groups: list[list[dict[str, Any]]] = [
        [{"query": _LINEAGE_GQL, "variables": {"name": n}} for _, n in m["starts"]],
        [{"query": _TIMELINE_GQL, "variables": {"name": n}} for n in names],
        [{"query": _RESOLVE_GQL, "variables": {"name": n}} for n in names],
        [{"query": _OWNERS_GQL, "variables": {"name": n}} for n in names],
        [{"query": _FIGURES_GQL, "variables": {"name": n}} for n in names],
        [
            {"query": _SEARCH_GQL, "variables": {"text": t}}
            for t in dict.fromkeys(n[:2] for n in names)
        ],
        [{"query": _EVENTS_INVOLVING_GQL, "variables": {"name": n}} for n in names],
        [
            {
                "query": _EVENTS_WINDOW_GQL,
                "variables": {"kind": k.name, "from": str(y), "to": str(y)},
            }
            for y in range(2000, 2026)
            for k in EventKind
        ],
    ]
    out: list[dict[str, Any]] = []
    for step in range(max(len(g) for g in groups)):
        for group in groups:
            if step < len(group) and len(out) < size:
                out.append(group[step])
    return out
