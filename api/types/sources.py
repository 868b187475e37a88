"""Sources: the documents that assert facts, and citations of them with locators."""

from __future__ import annotations

from collections.abc import Iterable

import strawberry

from api.context import Info, loaders_of
from api.types.enums import DatePrecision
from api.types.node import Node
from kg import model
from kg.dates import PartialDate


@strawberry.type(
    description="A document that asserts facts in the graph: a news article, "
    "a regulator's notice, a filing."
)
class Source(Node):
    """A source (kg.model.Source)."""

    record: strawberry.Private[model.Source]

    title: str = strawberry.field(description="The document's title, as published.")
    publisher: str = strawberry.field(
        description="Who published it: a newspaper, a regulator, a company."
    )
    published: PartialDate = strawberry.field(
        description="When it was published, at the precision known."
    )
    published_precision: DatePrecision = strawberry.field(
        description="How precisely the publication date is known."
    )
    url: str | None = strawberry.field(description="Where to read it, when it is online.")

    @classmethod
    def of(cls, source: model.Source) -> Source:
        """The GraphQL object for a kg source, its plain fields filled once."""
        return cls(
            id=strawberry.ID(source.iri),
            record=source,
            title=source.title,
            publisher=source.publisher,
            published=source.published,
            published_precision=DatePrecision[source.published.precision.upper()],
            url=source.url,
        )


@strawberry.type(
    description="A source asserting a fact, with the place in it (the article's citation "
    "marker, such as [7]) where the source gives one."
)
class Citation:
    """One citation of a source."""

    source: Source = strawberry.field(description="The document that asserts the fact.")
    locator: str | None = strawberry.field(
        description="Where in the document: a citation marker, a paragraph; null when none."
    )
    states: list[str] = strawberry.field(
        description="Which properties of the fact the source states at that place (their "
        'names in the ontology, such as "date" or "notAfter"); empty where it supports only '
        "that the fact exists, so a date it does not state is not its word."
    )


async def load_sources(info: Info, iris: Iterable[str]) -> list[Source]:
    """The sources with these IRIs (each once, in the given order; unknown ones left out)."""
    unique = list(dict.fromkeys(iris))
    found = await loaders_of(info).sources.load_many(unique)
    return [Source.of(s) for s in found if s is not None]


async def load_citations(info: Info, citations: Iterable[model.Citation]) -> list[Citation]:
    """Citations with their sources loaded (citations of unknown sources left out)."""
    cited = list(citations)
    found = await loaders_of(info).sources.load_many([c.source for c in cited])
    return [
        Citation(source=Source.of(s), locator=c.locator, states=sorted(c.states))
        for c, s in zip(cited, found, strict=True)
        if s is not None
    ]
