"""The figures root field: figures newest first, filtered and paged."""

from __future__ import annotations

import functools
from typing import Annotated

import strawberry

from api.context import Info
from api.queries._names import resolve_required
from api.types.arguments import KnownAt
from api.types.figures import METRIC, Figure
from api.types.node import field
from api.types.pagination import (
    FigureConnection,
    FigureEdge,
    PageInfo,
    check_page,
    encode_cursor,
)
from kg.dates import PartialDate


@strawberry.type(description="Root fields about figures.")
class FigureQuery:
    """figures."""

    @field(
        description="Figures, newest first (undated last), filtered by the entity they are "
        "about (any of its names), the metric and a date range their date or period meets (a "
        "reduced-precision bound is the whole period it names). A `subject` that matches "
        "nothing gives a GraphQL error with extensions.code NOT_FOUND; several matches give "
        "AMBIGUOUS. `first` is 1 to 100."
    )
    async def figures(
        self,
        info: Info,
        subject: Annotated[
            str | None,
            strawberry.argument(description="Only figures about this entity (any name, or IRI)."),
        ] = None,
        metric: Annotated[str | None, strawberry.argument(description=METRIC)] = None,
        from_: Annotated[
            PartialDate | None,
            strawberry.argument(
                name="from", description="Only figures for a date or period from then on."
            ),
        ] = None,
        to: Annotated[
            PartialDate | None,
            strawberry.argument(description="Only figures for a date or period until then."),
        ] = None,
        first: Annotated[
            int, strawberry.argument(description="How many figures per page (1 to 100).")
        ] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The endCursor of the previous page.")
        ] = None,
        known_at: KnownAt = None,
    ) -> FigureConnection:
        """A page of figures."""
        settings = info.context.settings
        start = check_page(first, after, "figures", settings.max_page)
        loaders = info.context.read_at(info, known_at)
        about = await resolve_required(info, subject) if subject is not None else None
        found, total = await info.context.run(
            functools.partial(
                loaders.graph.figure_page,
                about.iri if about else None,
                metric,
                from_,
                to,
                offset=start,
                limit=first,
            )
        )
        loaders.figure_records.prime_many({f.iri: f for f in found})
        edges = [(encode_cursor("figures", start + i), f) for i, f in enumerate(found)]
        return FigureConnection(
            edges=[FigureEdge(cursor=c, node=Figure.of(f)) for c, f in edges],
            page_info=PageInfo(
                has_next_page=start + len(found) < total,
                end_cursor=edges[-1][0] if edges else None,
            ),
            total_count=total,
        )
