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
from dataclasses import dataclass
from enum import Enum

import networkx as nx

from kg.dates import PartialDate, happened_by
from kg.model import Event, Transfer


class Direction(Enum):
    """Which way along the hand-overs to follow."""

    DOWNSTREAM = "downstream"
    UPSTREAM = "upstream"
    BOTH = "both"


@dataclass(frozen=True)
class Lineage:
    """The hand-overs in order (by depth, then date) and any cycles among them."""

    transfers: tuple[Transfer, ...]
    cycles: list[list[str]]


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
    def key(t: Transfer) -> tuple[int, int, object, str, str]:
        when = t.event.sort_date
        return (t.depth, when is None, when.sort_key() if when else (), t.event.iri, t.transferee)

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


def layers(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """A column for each node, for drawing: every hand-over points to a later column except
    those that close a cycle. Deterministic: ``nodes`` order breaks ties.

    Cycles are broken at the edges a depth-first walk (in ``nodes`` order) finds going back;
    then each node goes one column past the furthest of its transferors (longest path).

    >>> layers(["A", "B", "C", "D"], [("A", "B"), ("B", "C"), ("C", "A"), ("A", "C"), ("D", "C")])
    {'A': 0, 'B': 1, 'C': 2, 'D': 0}
    """
    rank = {n: i for i, n in enumerate(nodes)}
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((u, v) for u, v in edges if u != v)
    back = _back_edges(graph, rank)
    dag = nx.DiGraph(graph)
    dag.remove_edges_from(back)
    column: dict[str, int] = {}
    for node in nx.lexicographical_topological_sort(dag, key=lambda n: rank.get(n, len(rank))):
        column[node] = max((column[p] + 1 for p in dag.predecessors(node)), default=0)
    return {n: column[n] for n in nodes}


def _back_edges(graph: nx.DiGraph, rank: dict[str, int]) -> set[tuple[str, str]]:
    """The edges that point back into the depth-first walk's current path."""

    def order(n: str) -> int:
        return rank.get(n, len(rank))

    state: dict[str, int] = {}  # 1 on the current path, 2 done
    back: set[tuple[str, str]] = set()
    for root in sorted(graph.nodes, key=order):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(graph.successors(root), key=order)))]
        while stack:
            node, following = stack[-1]
            child = next(following, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(graph.successors(child), key=order))))
    return back
