"""Counts for ``finreg stats``."""

from __future__ import annotations

from kg.queries._rows import local_name, text
from kg.queries._sparql import PREFIXES
from kg.store import GraphStore

_PER_CLASS = (
    PREFIXES
    + """SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s rdf:type ?type .
  FILTER(STRSTARTS(STR(?type), STR(fr:)))
} GROUP BY ?type ORDER BY ?type"""
)

_PER_GRAPH = (
    PREFIXES
    + """SELECT ?g (COUNT(*) AS ?n) WHERE {
  GRAPH ?g { ?g rdf:type <http://rdfs.org/ns/void#Dataset> }
  GRAPH ?g { ?s ?p ?o }
} GROUP BY ?g ORDER BY ?g"""
)
"""Triples per graph finreg loaded (a shared server's own graphs are not counted)."""


def counts_per_class(store: GraphStore) -> dict[str, int]:
    """How many nodes of each finreg class the store holds."""
    return {
        name: int(text(row.get("n")) or 0)
        for row in store.select(_PER_CLASS)
        if (name := local_name(row.get("type")))
    }


def triples_per_graph(store: GraphStore) -> dict[str, int]:
    """How many triples each graph finreg loaded holds."""
    return {
        g: int(text(row.get("n")) or 0)
        for row in store.select(_PER_GRAPH)
        if (g := text(row.get("g")))
    }
