"""Counts for ``finreg stats``."""

from __future__ import annotations

from kg.graphs import key_of
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


def counts_per_class(store: GraphStore) -> dict[str, int]:
    """How many nodes of each finreg class the store holds."""
    return {
        name: int(text(row.get("n")) or 0)
        for row in store.select(_PER_CLASS)
        if (name := local_name(row.get("type")))
    }


def triples_per_graph(store: GraphStore) -> dict[str, int]:
    """How many triples each loaded graph holds, by graph key."""
    return {key_of(g) or g.value: n for g, n in store.graph_sizes().items()}
