"""The ``Node`` interface (anything with a stable identifier, its IRI) and a typed ``field``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import strawberry

from kg.vocab import DATA


@strawberry.interface(
    description="Anything with a stable identifier: `id` is the node's IRI in the knowledge graph."
)
class Node:
    """A GraphQL node whose ``id`` is its IRI."""

    id: strawberry.ID = strawberry.field(
        description=f"The node's IRI, such as {DATA}company/<slug>."
    )


F = TypeVar("F", bound=Callable[..., Any])


def field(*, description: str, name: str | None = None) -> Callable[[F], F]:
    """``@strawberry.field(...)`` for resolvers, typed (strawberry's overload returns Any)."""
    return cast("Callable[[F], F]", strawberry.field(description=description, name=name))
