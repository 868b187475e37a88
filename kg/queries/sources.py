"""Sources: by IRI, and every source that asserts anything about an entity."""

from __future__ import annotations

from collections.abc import Collection

from kg.dates import PartialDate
from kg.model import Source
from kg.queries._known import ROLE_PROPERTIES, published, source_published
from kg.queries._rows import partial_date, text
from kg.queries._sparql import PREFIXES, nodes, one_of, values
from kg.store import GraphStore

_SOURCES = (
    PREFIXES
    + """SELECT ?s ?title ?publisher ?issued ?url WHERE {
  %(values)s
  ?s rdf:type fr:Source ; dcterms:title ?title ; dcterms:publisher ?publisher ;
     dcterms:issued ?issued .
  %(published)s
  OPTIONAL { ?s fr:url ?url }
}"""
)


def sources(
    store: GraphStore, iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, Source]:
    """The sources among ``iris``, in one round trip; with ``known_at``, only those
    published by then (see kg.queries._known)."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    query = _SOURCES % {
        "values": values("s", nodes(iris)),
        "published": published("issued", known_at) if known_at is not None else "",
    }
    result: dict[str, Source] = {}
    for row in store.select(query):
        iri, issued = text(row.get("s")), partial_date(row.get("issued"))
        if iri is None or issued is None or iri in result:
            continue
        result[iri] = Source(
            iri=iri,
            title=text(row.get("title")) or "",
            publisher=text(row.get("publisher")) or "",
            published=issued,
            url=text(row.get("url")),
        )
    return result


_ABOUT = (
    PREFIXES
    + """SELECT DISTINCT ?e ?src WHERE {
  {
    %(values)s
    ?e fr:name ?n . ?n prov:wasDerivedFrom ?src .
  } UNION {
    %(values)s
    %(roles)s
    ?ev ?role ?e . ?ev prov:wasDerivedFrom ?src .
  } UNION {
    %(values)s
    ?fact fr:figureOf|fr:owner|fr:owned|fr:operator|fr:product|fr:partner|fr:partnerOf ?e .
    ?fact prov:wasDerivedFrom ?src .
  } UNION {
    %(values)s
    ?fact fr:heldBy ?e .
    ?fact fr:name ?n . ?n prov:wasDerivedFrom ?src .
  } UNION {
    %(values)s
    ?e prov:wasDerivedFrom ?src .
  }
  %(published)s
}"""
)


def sources_about(
    store: GraphStore, entity_iris: Collection[str], known_at: PartialDate | None = None
) -> dict[str, list[str]]:
    """For each entity, the IRIs of every source asserting anything about it, in one round
    trip; with ``known_at``, only the sources published by then (the same facts decide
    whether an entity is known then: kg.queries._known.about)."""
    result: dict[str, list[str]] = {iri: [] for iri in entity_iris}
    if not nodes(entity_iris):  # none, or none a valid IRI
        return result
    query = _ABOUT % {
        "values": values("e", nodes(entity_iris)),
        "roles": one_of("role", ROLE_PROPERTIES),
        "published": source_published("src", known_at) if known_at is not None else "",
    }
    for row in store.select(query):
        entity, source = text(row.get("e")), text(row.get("src"))
        if entity in result and source is not None:
            result[entity].append(source)
    for found in result.values():
        found.sort()
    return result
