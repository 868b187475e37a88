"""One entity's description as RDF: its own triples and those of the nodes about it.

The description of an entity is what a linked-data client fetching its IRI needs to read it:
the triples about the entity and pointing at it, its name nodes, the events and relationships
it takes part in (and figures about it), their qualified derivations and the inferences the
editors made about them (with their basis), and the sources that all of these cite, one level
deep (the other entities named are left as IRIs to fetch in turn).
"""

from __future__ import annotations

from pyoxigraph import Triple

from kg.queries._sparql import PREFIXES, nodes, values
from kg.store import GraphStore

_LINKS = """VALUES ?link { fr:subject fr:transferor fr:transferee fr:transferredScope fr:holder
    fr:issuer fr:operator fr:owner fr:formerOwner fr:owned fr:product fr:partner fr:partnerOf
    fr:figureOf }"""
"""The properties by which an event, a relationship or a figure points at the entity."""

_DESCRIBE = (
    PREFIXES
    + """CONSTRUCT { ?s ?p ?o } WHERE {
  { %(e)s ?e ?p ?o . BIND(?e AS ?s) }
  UNION { %(e)s ?s ?p ?e . BIND(?e AS ?o) }
  UNION { %(e)s ?e fr:name ?s . ?s ?p ?o }
  UNION { %(e)s ?e fr:name ?n . ?n prov:qualifiedDerivation ?s . ?s ?p ?o }
  UNION { %(e)s ?e fr:name ?n . ?n prov:wasDerivedFrom ?s . ?s ?p ?o }
  UNION { %(e)s ?e prov:wasDerivedFrom ?s . ?s ?p ?o }
  UNION { %(e)s ?e prov:qualifiedDerivation ?s . ?s ?p ?o }
  UNION { %(e)s ?e fr:inference ?s . ?s ?p ?o }
  UNION { %(e)s ?e fr:name ?n . ?n fr:inference ?s . ?s ?p ?o }
  UNION { %(e)s %(links)s ?s ?link ?e . ?s ?p ?o }
  UNION { %(e)s %(links)s ?f ?link ?e . ?f prov:qualifiedDerivation ?s . ?s ?p ?o }
  UNION { %(e)s %(links)s ?f ?link ?e . ?f prov:wasDerivedFrom ?s . ?s ?p ?o }
  UNION { %(e)s %(links)s ?f ?link ?e . ?f fr:inference ?s . ?s ?p ?o }
}"""
)


def describe(store: GraphStore, iri: str) -> list[Triple]:
    """The description of the entity ``iri`` (empty when the IRI is invalid or unknown),
    each triple once, in one round trip."""
    found = nodes([iri])
    if not found:
        return []
    query = _DESCRIBE % {"e": values("e", found), "links": _LINKS}
    return sorted(set(store.construct(query)), key=str)
