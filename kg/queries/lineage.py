"""The one query that gathers the hand-over events reachable from a start node."""

from __future__ import annotations

from collections.abc import Collection
from enum import Enum

from kg.queries._rows import text
from kg.queries._sparql import PREFIXES, nodes, values
from kg.store import GraphStore


class Reach(Enum):
    """Which hand-overs to gather from the start node."""

    DOWNSTREAM = "downstream"
    UPSTREAM = "upstream"
    SCOPE = "scope"


_QUERIES = {
    # Hand-overs from the start entity and from everyone who took business over from it.
    Reach.DOWNSTREAM: """SELECT DISTINCT ?ev WHERE {
  { SELECT DISTINCT ?x WHERE { %(start)s fr:succeededBy* ?x } }
  ?ev fr:transferor ?x ; rdf:type fr:BusinessTransfer .
}""",
    # Hand-overs to the start entity and to everyone it took business over from.
    Reach.UPSTREAM: """SELECT DISTINCT ?ev WHERE {
  { SELECT DISTINCT ?x WHERE { %(start)s ^fr:succeededBy* ?x } }
  ?ev fr:transferee ?x ; rdf:type fr:BusinessTransfer .
}""",
    # Every hand-over that moved the start product (or licence, or business line).
    Reach.SCOPE: """SELECT DISTINCT ?ev WHERE {
  ?ev fr:transferredScope %(start)s ; rdf:type fr:BusinessTransfer .
}""",
}


_BY_SCOPE = (
    PREFIXES
    + """SELECT DISTINCT ?item ?ev WHERE {
  %(items)s
  ?ev fr:transferredScope ?item ; rdf:type fr:BusinessTransfer .
}"""
)


def transfers_moving(store: GraphStore, items: Collection[str]) -> dict[str, list[str]]:
    """For each product (or licence), the business transfers that moved it, in one round trip."""
    result: dict[str, list[str]] = {i: [] for i in items}
    if not nodes(items):  # none, or none a valid IRI
        return result
    for row in store.select(_BY_SCOPE % {"items": values("item", nodes(items))}):
        item, event = text(row.get("item")), text(row.get("ev"))
        if item in result and event is not None:
            result[item].append(event)
    return result


def transfer_events(store: GraphStore, start: str, reach: Reach) -> list[str]:
    """IRIs of the business-transfer events reachable from ``start``, in one round trip."""
    # The start goes into the path's own subquery (as its N-Triples text, like a VALUES
    # term): Virtuoso loses rows when a transitive path is joined with patterns outside it.
    found = nodes([start])
    if not found:
        return []
    rows = store.select(PREFIXES + _QUERIES[reach] % {"start": str(found[0])})
    return sorted({iri for row in rows if (iri := text(row.get("ev")))})
