"""What every resolver can reach: the knowledge graph, the request's loaders, the settings,
the HTTP request itself where there is one (for absolute links), and ``run``, the one way a
resolver or a DataLoader makes a blocking call.

A root field given ``knownAt`` reads the graph as known on that date, and so does every field
under it: the root field records its date by its response key (``Context.read_at``), and a
field below finds the loaders of that date through ``loaders_of(info)`` (each date has its
own DataLoaders over ``KnowledgeGraph.as_known_at``, so batching holds within it, and two
root fields of one request may read the graph at two dates)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

import strawberry
from starlette.requests import Request
from strawberry.types.nodes import Selection

from api.loaders import Loaders
from api.work import Workload, graphql_workload
from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings

T = TypeVar("T")

GRACE = 0.5
"""Seconds past the request's deadline that its blocking calls wait for threads. The request
answers TIMEOUT at the deadline itself; a DataLoader batch runs in a task of its own, which
the request's timeout does not cancel, and stops waiting for a slot this much later, so the
request's own answer always comes first."""


@dataclass
class Context:
    """The request context: one per GraphQL request, so loaders never share a cache."""

    graph: KnowledgeGraph
    settings: Settings
    request: Request | None = None
    work: Workload = field(default_factory=graphql_workload)
    """The GraphQL workload's threads (the app's; a context of its own in tests)."""
    deadline: float | None = None
    """When the request times out (event loop clock), set by ``FinregSchema.execute``."""
    known_at: dict[str, PartialDate | None] = field(default_factory=dict)
    """The ``knownAt`` of each root field that takes one, by its response key."""
    _loaders: dict[PartialDate | None, Loaders] = field(default_factory=dict, init=False)

    @property
    def loaders(self) -> Loaders:
        """The loaders of the whole graph (fields under no ``knownAt``)."""
        return self.loaders_at(None)

    def loaders_at(self, known_at: PartialDate | None) -> Loaders:
        """The request's loaders over the graph as known at ``known_at`` (made on first use)."""
        if known_at not in self._loaders:
            self._loaders[known_at] = Loaders(self.graph.as_known_at(known_at), self.run)
        return self._loaders[known_at]

    def read_at(self, info: Info, known_at: PartialDate | None) -> Loaders:
        """For a root field: read it, and every field under it, as known at ``known_at``."""
        self.known_at[_root_key(info)] = known_at
        return self.loaders_at(known_at)

    async def run(self, function: Callable[..., T], *args: object) -> T:
        """``function(*args)`` in a thread of the GraphQL workload, within the deadline.

        :raises OverloadedError: if the workload's waiting room is full.
        """
        deadline = None if self.deadline is None else self.deadline + GRACE
        return await self.work.run(function, *args, deadline=deadline)


Info = strawberry.Info[Context, None]
"""The ``info`` argument of finreg's resolvers."""


def _root_key(info: Info) -> str:
    """The response key (alias or name) of the root field ``info``'s field is under."""
    path = info.path
    while path.prev is not None:
        path = path.prev
    return str(path.key)


def loaders_of(info: Info) -> Loaders:
    """The loaders for ``info``'s field: over the graph as known at its root field's
    ``knownAt``, or the whole graph."""
    context = info.context
    return context.loaders_at(context.known_at.get(_root_key(info)))


def selected_names(info: Info) -> set[str]:
    """The name of every field asked for anywhere under ``info``'s field, through fragments:
    what a root field may fetch ahead, in the blocking call it makes anyway."""
    found: set[str] = set()

    def walk(selections: Iterable[Selection]) -> None:
        for selection in selections:
            name = getattr(selection, "name", None)
            if name is not None and not hasattr(selection, "type_condition"):
                found.add(name)
            walk(selection.selections)

    for selected in info.selected_fields:
        walk(selected.selections)
    return found
