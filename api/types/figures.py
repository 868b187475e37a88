"""Figures: numbers about an entity (metric, exact amount, unit, date, sources)."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.context import Info
from api.present.phrases import pick
from api.types.enums import Comparator, to_api
from api.types.node import field
from api.types.sources import Citation, Source, load_citations, load_sources
from kg import model
from kg.dates import PartialDate


def in_lang(texts: tuple[tuple[str, str], ...], lang: str) -> str | None:
    """The text in ``lang`` (api.present.phrases.pick), or None when there is none at all.

    >>> in_lang((("en", "loan balance"), ("zh", "贷款余额")), "zh-Hans")
    '贷款余额'
    """
    return pick(texts, lang) if texts else None


@strawberry.type(description="A number about an entity: a loan balance, a registered capital...")
class Figure:
    """A figure (kg.model.Figure)."""

    record: strawberry.Private[model.Figure]

    @field(description="The figure's IRI.")
    def id(self) -> strawberry.ID:
        """The IRI."""
        return strawberry.ID(self.record.iri)

    @field(description="The IRI of what is measured (a fr:Metric).")
    def metric(self) -> strawberry.ID:
        """The metric's IRI."""
        return strawberry.ID(self.record.metric)

    @field(description="The metric's label in `lang` (another language if none).")
    def label(
        self,
        lang: Annotated[str, strawberry.argument(description="A BCP 47 language tag.")] = "zh",
    ) -> str:
        """The metric's label."""
        return in_lang(self.record.metric_labels, lang) or self.record.metric

    @field(description='The amount as a decimal string ("1234.5"), so no digit is lost to floats.')
    def amount(self) -> str:
        """The amount, exact."""
        return str(self.record.amount)

    @field(description="The unit the amount is in, as the source gives it (亿元...).")
    def unit(self) -> str:
        """The unit."""
        return self.record.unit

    @field(description="The date (or end of the period) the figure is for.")
    def date(self) -> PartialDate | None:
        """The date."""
        return self.record.date

    @field(description="Where the figure is for a period, its first day or month.")
    def period_start(self) -> PartialDate | None:
        """The start of the period."""
        return self.record.period_start

    @field(
        description="How the amount relates to the true value where the source gives only a "
        "bound or an approximation (MORE_THAN for 超, AT_MOST for 以内, ABOUT for 约...); "
        "null when the amount is exact as reported."
    )
    def comparator(self) -> Comparator | None:
        """The comparator."""
        return to_api(self.record.comparator, Comparator) if self.record.comparator else None

    @field(description="The sources that give the figure.")
    async def sources(self, info: Info) -> list[Source]:
        """Sources."""
        return await load_sources(info, (c.source for c in self.record.citations))

    @field(description="The sources that give the figure, with locators.")
    async def citations(self, info: Info) -> list[Citation]:
        """Citations."""
        return await load_citations(info, self.record.citations)
