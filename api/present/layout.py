"""Where a lineage picture puts its boxes: a column for each entity.

Drawing is presentation, so it lives here, apart from kg.lineage (which orders hand-overs);
the graph is small (one lineage), so plain Python does, without networkx.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence


def layers(nodes: Sequence[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """A column for each node, for drawing: every hand-over points to a later column except
    those that close a cycle. Deterministic: ``nodes`` order breaks ties.

    Cycles are broken at the edges a depth-first walk (in ``nodes`` order) finds going back;
    then each node goes one column past the furthest of its transferors (longest path).

    >>> layers(["A", "B", "C", "D"], [("A", "B"), ("B", "C"), ("C", "A"), ("A", "C"), ("D", "C")])
    {'A': 0, 'B': 1, 'C': 2, 'D': 0}
    """
    rank = {n: i for i, n in enumerate(nodes)}

    def order(n: str) -> int:
        return rank.get(n, len(rank))

    following: dict[str, set[str]] = {n: set() for n in nodes}
    for u, v in edges:
        if u != v:
            following.setdefault(u, set()).add(v)
            following.setdefault(v, set())
    back = _back_edges(following, order)
    kept = {u: {v for v in vs if (u, v) not in back} for u, vs in following.items()}
    column: dict[str, int] = {}
    for node in _topological(kept, order):
        column[node] = max((column[p] + 1 for p, vs in kept.items() if node in vs), default=0)
    return {n: column[n] for n in nodes}


def _back_edges(
    following: dict[str, set[str]], order: Callable[[str], int]
) -> set[tuple[str, str]]:
    """The edges that point back into the depth-first walk's current path."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    back: set[tuple[str, str]] = set()
    for root in sorted(following, key=order):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(following[root], key=order)))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(following[child], key=order))))
    return back


def _topological(following: dict[str, set[str]], order: Callable[[str], int]) -> list[str]:
    """Nodes of an acyclic graph, each after its predecessors, ties broken by ``order``
    (the lexicographical topological sort networkx offers)."""
    waiting = dict.fromkeys(following, 0)
    for vs in following.values():
        for v in vs:
            waiting[v] += 1
    ready = sorted((n for n, count in waiting.items() if not count), key=order)
    out: list[str] = []
    while ready:
        node = ready.pop(0)
        out.append(node)
        for v in following[node]:
            waiting[v] -= 1
            if not waiting[v]:
                ready.append(v)
        ready.sort(key=order)
    return out
