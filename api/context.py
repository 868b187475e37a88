"""What every resolver can reach: the knowledge graph, the request's loaders, the settings,
and the HTTP request itself where there is one (for absolute links)."""

from __future__ import annotations

from dataclasses import dataclass, field

import strawberry
from starlette.requests import Request

from api.loaders import Loaders
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings


@dataclass
class Context:
    """The request context: one per GraphQL request, so loaders never share a cache."""

    graph: KnowledgeGraph
    settings: Settings
    request: Request | None = None
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders(self.graph)


Info = strawberry.Info[Context, None]
"""The ``info`` argument of finreg's resolvers."""
