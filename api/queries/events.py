"""The events root field: events newest first, filtered and paged."""

from __future__ import annotations

import functools
from typing import Annotated

import strawberry

from api.context import Info
from api.queries._names import resolve_required
from api.types.arguments import EventKinds, FromDate, KnownAt, ToDate
from api.types.enums import to_kg
from api.types.events import Event
from api.types.node import field
from api.types.pagination import (
    EventConnection,
    EventEdge,
    PageInfo,
    check_first,
    decode_key_cursor,
    encode_key_cursor,
)
from kg import model


@strawberry.type(description="Root fields about events.")
class EventQuery:
    """events."""

    @field(
        description="Events, newest first: by the last day each can have happened (the end "
        "of its date's period, else its notAfter), a finer date first, then by IRI; undated "
        "events last. Filtered by kind, date range and the "
        "entity involved (any of its names). A reduced-precision bound is the whole period it "
        "names. An `involving` name that matches nothing gives a GraphQL error with "
        "extensions.code NOT_FOUND; several matches give AMBIGUOUS. `first` is 1 to 100."
    )
    async def events(
        self,
        info: Info,
        kinds: EventKinds = None,
        from_: FromDate = None,
        to: ToDate = None,
        involving: Annotated[
            str | None,
            strawberry.argument(description="Only events this entity takes part in (any name)."),
        ] = None,
        first: Annotated[
            int, strawberry.argument(description="How many events per page (1 to 100).")
        ] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The endCursor of the previous page.")
        ] = None,
        known_at: KnownAt = None,
    ) -> EventConnection:
        """A page of events."""
        settings = info.context.settings
        check_first(first, settings.max_page)
        cursor = decode_key_cursor(after, "events") if after is not None else None
        loaders = info.context.read_at(info, known_at)
        who = await resolve_required(info, involving) if involving is not None else None
        found, total = await info.context.run(
            functools.partial(
                loaders.graph.event_page,
                to_kg(kinds, model.EventKind),
                from_,
                to,
                who.iri if who else None,
                after=cursor,
                limit=first + 1,
            )
        )
        more, found = len(found) > first, found[:first]
        loaders.prime_events(found)
        edges = [(encode_key_cursor("events", e.order_key, e.iri), e) for e in found]
        return EventConnection(
            edges=[EventEdge(cursor=c, node=Event.of(e)) for c, e in edges],
            page_info=PageInfo(has_next_page=more, end_cursor=edges[-1][0] if edges else None),
            total_count=total,
        )
