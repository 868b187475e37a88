"""The lineage root field: who took over whose business."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

import strawberry

from api.context import Info, selected_names
from api.queries._names import resolve_then
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
        graph = loaders.graph
        asked = selected_names(info)
        names = bool(asked & NAMED)
        sources = bool(asked & CITED)

        def answer(start: model.Entity) -> Gathered:
            found = graph.lineage(start, model.Direction[direction.name], as_of)
            cited = {c.source for t in found.transfers for c in t.event.citations}
            return (
                found,
                graph.lineage_names(start, found.transfers) if names else {},
                graph.sources(cited) if sources else {},
            )

        _, (found, entities, cited) = await resolve_then(info, name, answer)
        loaders.prime_events([t.event for t in found.transfers])
        loaders.prime_entities(entities.values())
        loaders.sources.prime_many(cited)
        return [Transfer.of(t) for t in found.transfers]


NAMED = frozenset({"from", "to", "business"})
"""Fields under a lineage that show the entities on either side (or what moved)."""
CITED = frozenset({"sources", "citations", "firstReported"})
"""Fields under a lineage that show the hand-overs' sources."""

Gathered = tuple[model.Lineage, Mapping[str, model.Entity], Mapping[str, model.Source]]
"""A lineage with the entities it names and the sources it cites, as far as they are asked."""
