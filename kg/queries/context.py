"""Queries the loader asks while validating: what the store already knows of referenced nodes."""

from __future__ import annotations

from collections.abc import Collection

from pyoxigraph import NamedNode

from kg.queries._sparql import PREFIXES, not_in, values
from kg.store import GraphStore

_BATCH = 500


def types_outside(
    store: GraphStore, iris: Collection[NamedNode], excluded_graphs: Collection[NamedNode]
) -> list[tuple[NamedNode, NamedNode]]:
    """``(iri, class)`` pairs the store asserts in graphs other than ``excluded_graphs``.

    Used to check that a file's references (to entities, sources, metrics loaded earlier)
    point at nodes of the right class, ignoring the graphs the load is about to replace.
    """
    pairs: list[tuple[NamedNode, NamedNode]] = []
    ordered = sorted(iris, key=lambda n: n.value)
    excluded = sorted(excluded_graphs, key=lambda n: n.value)
    for start in range(0, len(ordered), _BATCH):
        batch = ordered[start : start + _BATCH]
        query = (
            PREFIXES
            + "SELECT DISTINCT ?x ?type WHERE {\n  "
            + values("x", batch)
            + "\n  GRAPH ?g { ?x rdf:type ?type }\n"
            + f"  {not_in('g', excluded)}\n"
            + "}"
        )
        for row in store.select(query):
            x, t = row["x"], row["type"]
            if isinstance(x, NamedNode) and isinstance(t, NamedNode):
                pairs.append((x, t))
    return pairs


_DANGLING = (
    PREFIXES
    + """SELECT DISTINCT ?g2 ?s ?p ?x WHERE {
  %(dropped)s
  GRAPH ?g { ?x rdf:type ?t }
  FILTER NOT EXISTS {
    GRAPH ?g3 { ?x rdf:type ?t3 }
    %(kept3)s
  }
  GRAPH ?g2 { ?s ?p ?x }
  %(kept2)s
} ORDER BY ?g2 ?s LIMIT 20"""
)


def dangling_references(
    store: GraphStore, dropped: Collection[NamedNode]
) -> list[tuple[str, str, str, str]]:
    """References from other graphs to nodes only the ``dropped`` graphs declare.

    Returns up to 20 ``(graph, subject, predicate, node)`` rows.
    """
    if not dropped:
        return []
    ordered = sorted(dropped, key=lambda n: n.value)
    query = _DANGLING % {
        "dropped": values("g", ordered),
        "kept2": not_in("g2", ordered),
        "kept3": not_in("g3", ordered),
    }
    return [
        (row["g2"].value, row["s"].value, row["p"].value, row["x"].value)
        for row in store.select(query)
    ]
