"""Sources: by IRI, and every source that asserts anything about an entity."""

from __future__ import annotations

from collections.abc import Collection

from kg.model import Source
from kg.queries._rows import partial_date, text
from kg.queries._sparql import PREFIXES, nodes, one_of, values
from kg.store import GraphStore

_SOURCES = (
    PREFIXES
    + """SELECT ?s ?title ?publisher ?issued ?url WHERE {
  %(values)s
  ?s rdf:type fr:Source ; dcterms:title ?title ; dcterms:publisher ?publisher ;
     dcterms:issued ?issued .
  OPTIONAL { ?s fr:url ?url }
}"""
)


def sources(store: GraphStore, iris: Collection[str]) -> dict[str, Source]:
    """The sources among ``iris``, in one round trip."""
    if not nodes(iris):  # none, or none a valid IRI
        return {}
    query = _SOURCES % {"values": values("s", nodes(iris))}
    result: dict[str, Source] = {}
    for row in store.select(query):
        iri, published = text(row.get("s")), partial_date(row.get("issued"))
        if iri is None or published is None or iri in result:
            continue
        result[iri] = Source(
            iri=iri,
            title=text(row.get("title")) or "",
            publisher=text(row.get("publisher")) or "",
            published=published,
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
}"""
)


def sources_about(store: GraphStore, entity_iris: Collection[str]) -> dict[str, list[str]]:
    """For each entity, the IRIs of every source asserting anything about it, in one round trip."""
    from kg.queries.events import ROLE_PROPERTIES

    result: dict[str, list[str]] = {iri: [] for iri in entity_iris}
    if not nodes(entity_iris):  # none, or none a valid IRI
        return result
    query = _ABOUT % {
        "values": values("e", nodes(entity_iris)),
        "roles": one_of("role", ROLE_PROPERTIES),
    }
    for row in store.select(query):
        entity, source = text(row.get("e")), text(row.get("src"))
        if entity in result and source is not None:
            result[entity].append(source)
    for found in result.values():
        found.sort()
    return result
