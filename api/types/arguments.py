"""Field arguments several fields share: one definition, one description."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.types.enums import EventKind
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
