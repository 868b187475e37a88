"""The lineage root field: who took over whose business."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.context import Info
from api.queries._names import resolve_required
from api.types.arguments import KnownAt, LineageAsOf, LineageDirection
from api.types.enums import Direction
from api.types.events import Transfer
from api.types.node import field
from kg import model


@strawberry.type(description="Root fields about hand-overs of business.")
class LineageQuery:
    """lineage."""

    @field(
        description="Who took over whose business, and when. For a company: the hand-overs "
        "from it (DOWNSTREAM), to it (UPSTREAM) or both, followed transitively along the chain, "
        "ordered by depth then date. For a product or licence: every hand-over that moved it. "
        "With `asOf`, only hand-overs that had surely happened by then. A name that matches "
        "nothing gives a GraphQL error with extensions.code NOT_FOUND (so that a typo is not "
        "mistaken for an entity without lineage); several matches give AMBIGUOUS."
    )
    async def lineage(
        self,
        info: Info,
        name: Annotated[
            str, strawberry.argument(description="Any name of the company or product.")
        ],
        direction: LineageDirection = Direction.DOWNSTREAM,
        as_of: LineageAsOf = None,
        known_at: KnownAt = None,
    ) -> list[Transfer]:
        """The hand-overs reachable from the named entity."""
        loaders = info.context.read_at(info, known_at)
        start = await resolve_required(info, name)
        found = await info.context.run(
            loaders.graph.lineage, start, model.Direction[direction.name], as_of
        )
        loaders.prime_events([t.event for t in found.transfers])
        return [Transfer.of(t) for t in found.transfers]
