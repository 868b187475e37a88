"""Queries the loader asks while validating: what the store already knows of referenced nodes."""

from __future__ import annotations

from collections.abc import Collection

from pyoxigraph import Literal, NamedNode

from kg.graphs import key_of
from kg.queries._rows import text
from kg.queries._sparql import PREFIXES, values
from kg.store import GraphStore, Scope

_BATCH = 500


def types_outside(
    store: GraphStore, iris: Collection[NamedNode], scope: Scope
) -> list[tuple[NamedNode, NamedNode]]:
    """``(iri, class)`` pairs the graphs of ``scope`` assert for ``iris``.

    Used to check that a file's references (to entities, sources, metrics loaded earlier)
    point at nodes of the right class, leaving out the graphs the load is about to replace.
    """
    pairs: list[tuple[NamedNode, NamedNode]] = []
    ordered = sorted(iris, key=lambda n: n.value)
    for start in range(0, len(ordered), _BATCH):
        query = (
            PREFIXES
            + "SELECT DISTINCT ?x ?type WHERE { "
            + values("x", ordered[start : start + _BATCH])
            + " ?x rdf:type ?type }"
        )
        for row in store.select(query, scope=scope):
            x, t = row["x"], row["type"]
            if isinstance(x, NamedNode) and isinstance(t, NamedNode):
                pairs.append((x, t))
    return pairs


_TYPED = PREFIXES + "SELECT DISTINCT ?x WHERE { ?x rdf:type ?t FILTER(isIRI(?x)) }"
_REFERRERS = PREFIXES + "SELECT ?s ?p ?x WHERE { %s ?s ?p ?x } LIMIT %d"


def dangling_references(
    store: GraphStore, dropped: Collection[NamedNode], limit: int = 20
) -> list[tuple[str, str, str, str]]:
    """References from other graphs to nodes only the ``dropped`` graphs declare.

    Returns up to ``limit`` ``(graph key, subject, predicate, node)`` rows.
    """
    if not dropped:
        return []
    gone = frozenset(dropped)
    orphans = {r["x"] for r in store.select(_TYPED, scope=Scope(only=gone))} - {
        r["x"] for r in store.select(_TYPED, scope=Scope(excluding=gone))
    }
    found: list[tuple[str, str, str, str]] = []
    kept = [g for g in store.named_graphs() if g not in gone]
    ordered = sorted((o for o in orphans if isinstance(o, NamedNode)), key=lambda n: n.value)
    for graph in kept:
        for start in range(0, len(ordered), _BATCH):
            if len(found) >= limit:
                return found
            query = _REFERRERS % (values("x", ordered[start : start + _BATCH]), limit - len(found))
            for row in store.select(query, scope=Scope(only=frozenset([graph]))):
                found.append(
                    (key_of(graph) or graph.value, row["s"].value, row["p"].value, row["x"].value)
                )
    return found


_NAMED_OF_KIND = (
    PREFIXES
    + """SELECT ?e ?value ?pinyin ?label WHERE {
  ?e rdf:type ?type .
  FILTER(isIRI(?e) && STRSTARTS(STR(?e), ?prefix))
  OPTIONAL { ?e fr:name ?name . ?name fr:value ?value . OPTIONAL { ?name fr:pinyinKey ?pinyin } }
  OPTIONAL { ?e skos:prefLabel ?label FILTER(LANG(?label) = "zh") }
}"""
)


def named_of_kind(
    store: GraphStore, prefix: str
) -> list[tuple[str, str | None, str | None, str | None]]:
    """Every node whose IRI starts with ``prefix`` (``…/id/company/``), with each of its
    names, their pinyin keys and its preferred Chinese label: ``(iri, name, pinyin,
    label)`` rows, for "did you mean"."""
    rows = store.select(_NAMED_OF_KIND, {"prefix": Literal(prefix)})
    return [
        (e.value, text(row.get("value")), text(row.get("pinyin")), text(row.get("label")))
        for row in rows
        if isinstance(e := row.get("e"), NamedNode)
    ]
