"""Resolving a name the user typed into the one entity it names."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from api.context import Info, loaders_of
from api.errors import ambiguous, bad_input, not_found
from kg import model
from kg.errors import AmbiguousNameError

T = TypeVar("T")

MAX_TEXT_LENGTH = 1000
"""The longest name or search text accepted: no name comes near it, and normalising a long
Chinese text costs seconds of CPU (a megabyte: over three)."""


def check_text(text: str, argument: str) -> None:
    """Refuse a name or search text longer than ``MAX_TEXT_LENGTH`` characters.

    :raises GraphQLError: BAD_USER_INPUT (``extensions.limit`` "length").
    """
    if len(text) > MAX_TEXT_LENGTH:
        raise bad_input(
            f"{argument} is {len(text)} characters long; at most {MAX_TEXT_LENGTH} are accepted",
            limit="length",
        )


async def resolve(info: Info, name: str) -> model.Entity | None:
    """The one entity ``name`` names, or None (as known at the root field's ``knownAt``).

    :raises GraphQLError: AMBIGUOUS, with the candidates, if several entities bear it;
        BAD_USER_INPUT if it is longer than ``MAX_TEXT_LENGTH``.
    """
    check_text(name, "name")
    loaders = loaders_of(info)
    try:
        found = await info.context.run(loaders.graph.resolve, name)
    except AmbiguousNameError as error:
        raise ambiguous(error) from error
    if found is not None:
        loaders.prime_entities([found])
    return found


async def resolve_required(info: Info, name: str) -> model.Entity:
    """Like ``resolve``, for arguments that must name something.

    :raises GraphQLError: AMBIGUOUS as above; NOT_FOUND if nothing bears the name.
    """
    found = await resolve(info, name)
    if found is None:
        raise not_found(name, loaders_of(info).graph.known_at)
    return found


async def resolve_then(
    info: Info, name: str, then: Callable[[model.Entity], T]
) -> tuple[model.Entity, T]:
    """The entity ``name`` must name, and ``then(entity)``, both in one blocking call (one
    thread hop instead of two: a root field that goes on to ask about the entity).

    :raises GraphQLError: AMBIGUOUS, NOT_FOUND or BAD_USER_INPUT as ``resolve_required``.
    """
    check_text(name, "name")
    loaders = loaders_of(info)
    graph = loaders.graph

    def both() -> tuple[model.Entity | None, T | None]:
        found = graph.resolve(name)
        return (found, then(found)) if found is not None else (None, None)

    try:
        found, answer = await info.context.run(both)
    except AmbiguousNameError as error:
        raise ambiguous(error) from error
    if found is None:
        raise not_found(name, graph.known_at)
    loaders.prime_entities([found])
    return found, answer  # type: ignore[return-value]  # set whenever found is
