"""Lineage: hand-over events turned into ordered chains with depth (the only networkx user).

>>> from kg.model import Event, EventKind, Participation
>>> def handover(iri, a, b, when):
...     return Event(iri, EventKind.BUSINESS_TRANSFER, PartialDate.parse(when),
...                  participants=(Participation("transferor", a), Participation("transferee", b)))
>>> events = [handover("e1", "A", "B", "2015"), handover("e2", "B", "C", "2020"),
...           handover("e3", "C", "A", "2021")]
>>> downstream = chains("A", events, Direction.DOWNSTREAM)
>>> [(t.transferor, t.transferee, t.depth) for t in downstream.transfers]
[('A', 'B', 1), ('B', 'C', 2), ('C', 'A', 3)]
>>> chains("A", events, Direction.DOWNSTREAM).cycles
[['A', 'B', 'C']]
>>> mid_2015 = PartialDate.parse("2015-06-30")
>>> [t.event.iri for t in chains("A", events, Direction.DOWNSTREAM, mid_2015).transfers]
[]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx

from kg.dates import PartialDate, happened_by
from kg.model import Direction, Event, Lineage, Transfer


def _graph(events: Iterable[Event], as_of: PartialDate | None) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for event in events:
        if as_of is not None and not happened_by(event.date, event.not_after, as_of):
            continue
        business = tuple(event.role("transferredScope"))
        for transferor in event.role("transferor"):
            for transferee in event.role("transferee"):
                graph.add_edge(
                    transferor, transferee, key=event.iri, event=event, business=business
                )
    return graph


def _transfers(
    graph: nx.MultiDiGraph, start: str, upstream: bool
) -> dict[tuple[str, str], Transfer]:
    if start not in graph:
        return {}
    walk = graph.reverse(copy=False) if upstream else graph
    distance: dict[str, int] = nx.single_source_shortest_path_length(walk, start)
    found: dict[tuple[str, str], Transfer] = {}
    for u, v, data in graph.edges(data=True):
        near = v if upstream else u
        if near not in distance:
            continue
        transfer = Transfer(data["event"], u, v, data["business"], distance[near] + 1)
        found[(data["event"].iri, v)] = transfer
    return found


def chains(
    start: str, events: Sequence[Event], direction: Direction, as_of: PartialDate | None = None
) -> Lineage:
    """Order the hand-overs reachable from ``start`` with their depth.

    Depth 1 is a hand-over that touches ``start`` itself, 2 the next one along, and so on.
    Cycles end the walk (each node is visited once) and are reported. With ``as_of``, only
    hand-overs that had surely happened by then count (see kg.dates.happened_by).
    """
    graph = _graph(events, as_of)
    found: dict[tuple[str, str], Transfer] = {}
    if direction in (Direction.DOWNSTREAM, Direction.BOTH):
        found.update(_transfers(graph, start, upstream=False))
    if direction in (Direction.UPSTREAM, Direction.BOTH):
        for key, transfer in _transfers(graph, start, upstream=True).items():
            if key not in found or found[key].depth > transfer.depth:
                found[key] = transfer
    return Lineage(transfers=_ordered(found.values()), cycles=_cycles(graph, found.values()))


def moves_of(item: str, events: Sequence[Event], as_of: PartialDate | None = None) -> Lineage:
    """Every hand-over whose scope includes ``item`` (a product, licence or business line)."""
    graph = _graph(events, as_of)
    found = [
        Transfer(data["event"], u, v, data["business"], 1)
        for u, v, data in graph.edges(data=True)
        if item in data["business"]
    ]
    return Lineage(transfers=_ordered(found), cycles=_cycles(graph, found))


def _ordered(transfers: Iterable[Transfer]) -> tuple[Transfer, ...]:
    def key(t: Transfer) -> tuple[int, bool, int, str, str]:
        # oldest first at each depth: the order key (kg.dates.order_key) counted backwards
        event = t.event
        return (t.depth, not event.dated, -int(event.order_key), event.iri, t.transferee)

    return tuple(sorted(transfers, key=key))


def _cycles(graph: nx.MultiDiGraph, transfers: Iterable[Transfer]) -> list[list[str]]:
    nodes = {n for t in transfers for n in (t.transferor, t.transferee)}
    sub = nx.DiGraph(graph.subgraph(nodes))
    return sorted(sorted_cycle(c) for c in nx.simple_cycles(sub))


def sorted_cycle(cycle: list[str]) -> list[str]:
    """Rotate a cycle so that it starts at its smallest node, for stable output."""
    if not cycle:
        return cycle
    i = cycle.index(min(cycle))
    return cycle[i:] + cycle[:i]
