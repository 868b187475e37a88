"""What every resolver can reach: the knowledge graph, the request's loaders, the settings,
the HTTP request itself where there is one (for absolute links), and ``run``, the one way a
resolver or a DataLoader makes a blocking call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import strawberry
from starlette.requests import Request

from api.loaders import Loaders
from api.work import Workload, graphql_workload
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
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.graph, self.run)

    async def run(self, function: Callable[..., T], *args: object) -> T:
        """``function(*args)`` in a thread of the GraphQL workload, within the deadline.

        :raises OverloadedError: if the workload's waiting room is full.
        """
        deadline = None if self.deadline is None else self.deadline + GRACE
        return await self.work.run(function, *args, deadline=deadline)


Info = strawberry.Info[Context, None]
"""The ``info`` argument of finreg's resolvers."""
