"""Resolving a name the user typed into the one entity it names."""

from __future__ import annotations

from api.context import Info
from api.errors import ambiguous, not_found
from api.loaders import in_thread
from kg import model
from kg.errors import AmbiguousNameError


async def resolve(info: Info, name: str) -> model.Entity | None:
    """The one entity ``name`` names, or None.

    :raises GraphQLError: AMBIGUOUS, with the candidates, if several entities bear it.
    """
    try:
        found = await in_thread(info.context.graph.resolve, name)
    except AmbiguousNameError as error:
        raise ambiguous(error) from error
    if found is not None:
        info.context.loaders.prime_entities([found])
    return found


async def resolve_required(info: Info, name: str) -> model.Entity:
    """Like ``resolve``, for arguments that must name something.

    :raises GraphQLError: AMBIGUOUS as above; NOT_FOUND if nothing bears the name.
    """
    found = await resolve(info, name)
    if found is None:
        raise not_found(name)
    return found
