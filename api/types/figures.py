"""Figures: numbers about an entity (metric, amount as reported, comparator, unit, date,
sources), and whether the editors inferred them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info, loaders_of
from api.present.phrases import basis_text, figure_summary, pick
from api.types.enums import Comparator, to_api
from api.types.node import field
from api.types.sources import Citation, Source, load_citations, load_sources
from kg import model
from kg.dates import PartialDate

if TYPE_CHECKING:
    from api.types.entities import Entity

LANG = "A BCP 47 language tag: zh, en, ..."

METRIC = (
    "Only figures of this metric: its IRI, or its slug (loan-balance or metric:loan-balance "
    "for https://w3id.org/finreg/id/metric/loan-balance); all when omitted."
)
"""The description of every ``metric`` argument."""


def in_lang(texts: tuple[tuple[str, str], ...], lang: str) -> str | None:
    """The text in ``lang`` (api.present.phrases.pick), or None when there is none at all.

    >>> in_lang((("en", "loan balance"), ("zh", "贷款余额")), "zh-Hans")
    '贷款余额'
    """
    return pick(texts, lang) if texts else None


@strawberry.type(
    description="A number about an entity: a loan balance, a registered capital, the number "
    "of companies in a sector... With a `comparator`, `amount` is a bound or an approximation "
    '("more than 300"), never the exact value.'
)
class Figure:
    """A figure (kg.model.Figure)."""

    record: strawberry.Private[model.Figure]

    id: strawberry.ID = strawberry.field(description="The figure's IRI.")
    metric: strawberry.ID = strawberry.field(
        description="The IRI of what is measured (a fr:Metric)."
    )
    amount: str = strawberry.field(
        description='The amount as a decimal string ("1234.5"), so no digit is lost to floats; '
        "a bound or an approximation where `comparator` is set."
    )
    comparator: Comparator | None = strawberry.field(
        description="How `amount` relates to the true value where the source gives only a "
        "bound or an approximation (MORE_THAN 300: more than 300); null where the amount is "
        "exact as reported."
    )
    unit: str = strawberry.field(
        description="The unit the amount is in, as the source gives it (亿元...)."
    )
    date: PartialDate | None = strawberry.field(
        description="The date (or end of the period) the figure is for."
    )
    period_start: PartialDate | None = strawberry.field(
        description="Where the figure is for a period, its first day or month."
    )
    inferred: bool = strawberry.field(
        description="True where the figure or one of its properties (its date...) is the "
        "editors' inference rather than what a source states; `basis` says from what."
    )

    @classmethod
    def of(cls, figure: model.Figure) -> Figure:
        """The GraphQL object for a kg figure, its plain fields filled once."""
        comparator = figure.comparator
        return cls(
            record=figure,
            id=strawberry.ID(figure.iri),
            metric=strawberry.ID(figure.metric),
            amount=str(figure.amount),
            comparator=None if comparator is None else to_api(comparator, Comparator),
            unit=figure.unit,
            date=figure.date,
            period_start=figure.period_start,
            inferred=figure.inferred,
        )

    @field(description="The metric's label in `lang` (another language if none).")
    def label(
        self,
        lang: Annotated[str, strawberry.argument(description="A BCP 47 language tag.")] = "zh",
    ) -> str:
        """The metric's label."""
        return in_lang(self.record.metric_labels, lang) or self.record.metric

    @field(
        description="The figure in words, in `lang`: metric, amount with its comparator "
        '("more than 300"), unit and date or period, so that a bound is never read as '
        "an exact amount."
    )
    def summary(self, lang: Annotated[str, strawberry.argument(description=LANG)] = "zh") -> str:
        """The figure in one line."""
        return figure_summary(self.record, lang)

    @field(description="The entity the figure is about (fr:figureOf): a sector, a company...")
    async def subject(
        self, info: Info
    ) -> Annotated[Entity, strawberry.lazy("api.types.entities")] | None:
        """The subject."""
        from api.types.entities import load_entities

        return next(iter(await load_entities(info, [self.record.subject])), None)

    @field(
        description="What the editors' inference rests on, in `lang` (each basis after the "
        "property inferred, where one is); null for a figure no one inferred."
    )
    def basis(
        self, lang: Annotated[str, strawberry.argument(description=LANG)] = "zh"
    ) -> str | None:
        """The basis of the inferences."""
        return basis_text(self.record.inferences, lang) or None

    @field(
        description="Other figures for the same fact that disagree with this one, each with "
        "its own sources."
    )
    async def conflicts_with(self, info: Info) -> list[Figure]:
        """Conflicting figures."""
        found = await loaders_of(info).figure_records.load_many(list(self.record.conflicts_with))
        return [Figure.of(f) for f in found if f is not None]

    @field(description="The sources that give the figure.")
    async def sources(self, info: Info) -> list[Source]:
        """Sources."""
        return await load_sources(info, (c.source for c in self.record.citations))

    @field(description="The sources that give the figure, with locators.")
    async def citations(self, info: Info) -> list[Citation]:
        """Citations."""
        return await load_citations(info, self.record.citations)
