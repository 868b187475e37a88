"""Field arguments several fields share: one definition, one description."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.types.enums import Direction, EventKind
from kg.dates import PartialDate

FromDate = Annotated[
    PartialDate | None,
    strawberry.argument(
        name="from", description="Only events that may have happened from then on."
    ),
]
"""The start of a window of events ("2015" is the whole year)."""

ToDate = Annotated[
    PartialDate | None,
    strawberry.argument(description="Only events that may have happened until then."),
]
"""The end of a window of events."""

EventKinds = Annotated[
    list[EventKind] | None, strawberry.argument(description="Only events of these kinds.")
]
"""A filter on event kinds."""

LineageDirection = Annotated[
    Direction, strawberry.argument(description="Which way to follow the hand-overs.")
]
"""Which way a lineage goes (DOWNSTREAM when omitted)."""

LineageAsOf = Annotated[
    PartialDate | None,
    strawberry.argument(description="Only hand-overs that had happened by then."),
]
"""A cut of a lineage at a date."""

LineageDepth = Annotated[
    int | None,
    strawberry.argument(
        description="Only hand-overs at most this many steps away (1: those touching the "
        "entity itself); all when omitted."
    ),
]
"""How far along a lineage to go."""

KNOWN_AT = (
    "Read the graph as a reader could have known it at the end of this day, month or year: "
    "only the facts (names, events, relationships, figures) that a source published by then "
    "asserts, cited to those sources only, with the dates they state; an entity with no such "
    "fact is unknown. A source dated to a month or a year counts once that period has ended. "
    "Every field under this one reads the graph so; the whole graph when omitted."
)
"""What ``knownAt`` means, said once for every root field that takes it."""

KnownAt = Annotated[PartialDate | None, strawberry.argument(description=KNOWN_AT)]
"""A root field's ``knownAt``: the graph as known at the end of that date."""
