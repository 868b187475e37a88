"""Fields every entity type has that link its page and pictures, and its lineage as DOT.

The URLs follow the server's scheme: ``/page/<kind>/<slug>`` for the page and
``lineage.svg``, ``timeline.svg``, ``timeline.csv`` under it. They are absolute (built from
the address the request came to) when the request is known, root-relative otherwise. Under a
root field given ``knownAt``, they show the graph as known then too (``?knownAt=``).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

import strawberry

from api.context import Info, loaders_of
from api.present.dot import lineage_dot
from api.types.arguments import LineageAsOf, LineageDepth, LineageDirection
from api.types.enums import Direction
from api.types.node import field
from api.urls import page_path
from kg import model

PAGE_LANG = "The page's language: zh (the default) or en; other tags fall back to Chinese."


def _page(iri: str) -> str:
    """The page path of an entity this type shows (every finreg entity has one)."""
    return page_path(iri) or "/id/" + quote(iri, safe="")


def _url(info: Info, path: str, lang: str | None) -> str:
    """``path`` on this server (absolute when the request is known), with ``?lang=`` if given
    and ``?knownAt=`` under a root field given one."""
    known_at = loaders_of(info).graph.known_at
    params = {"knownAt": str(known_at)} if known_at is not None else {}
    if lang:
        params["lang"] = lang
    query = f"?{urlencode(params)}" if params else ""
    request = info.context.request
    base = str(request.base_url).rstrip("/") if request is not None else ""
    return base + path + query


Lang = Annotated[str | None, strawberry.argument(description=PAGE_LANG)]


@strawberry.type(description="Links to an entity's page and pictures (every entity type has them).")
class EntityLinks:
    """The page and picture links, and the lineage as Graphviz DOT source."""

    record: strawberry.Private[model.Entity]

    @field(description="The entity's HTML page on this server: /page/<kind>/<slug>.")
    def page_url(self, info: Info, lang: Lang = None) -> str:
        """The page's URL."""
        return _url(info, _page(self.record.iri), lang)

    @field(
        description="The entity's lineage drawn as SVG (image/svg+xml): who took over whose "
        "business, both ways, with dates and what moved; its boxes link to the entities' pages."
    )
    def lineage_svg_url(self, info: Info, lang: Lang = None) -> str:
        """The lineage picture's URL."""
        return _url(info, _page(self.record.iri) + "/lineage.svg", lang)

    @field(
        description="The entity's events on a time axis as SVG (image/svg+xml), each date "
        "drawn at its precision."
    )
    def timeline_svg_url(self, info: Info, lang: Lang = None) -> str:
        """The timeline picture's URL."""
        return _url(info, _page(self.record.iri) + "/timeline.svg", lang)

    @field(
        description="The entity's events as CSV (text/csv, UTF-8), one row per event: date as "
        "written, precision, bounds, kind, summary, participants, sources, event IRI."
    )
    def timeline_csv_url(self, info: Info, lang: Lang = None) -> str:
        """The timeline table's URL."""
        return _url(info, _page(self.record.iri) + "/timeline.csv", lang)

    @field(
        description="The entity's lineage as Graphviz DOT source (render it with "
        "`dot -Tsvg`): a node per entity (linked to its page), an edge per hand-over labelled "
        "with its date at true precision and what moved. The arguments are those of the "
        "`lineage` query; for a product or licence, every hand-over that moved it."
    )
    async def lineage_dot(
        self,
        info: Info,
        direction: LineageDirection = Direction.DOWNSTREAM,
        depth: LineageDepth = None,
        as_of: LineageAsOf = None,
        lang: Annotated[
            str, strawberry.argument(description="The language of names and labels: zh or en.")
        ] = "zh",
    ) -> str:
        """The DOT source."""
        loaders = loaders_of(info)
        found = await loaders.lineages.load((self.record, model.Direction[direction.name], as_of))
        transfers = found.within(depth)
        iris = sorted(model.mentioned(transfers) | {self.record.iri})
        names = {e.iri: e for e in await loaders.entities.load_many(iris) if e is not None}
        names[self.record.iri] = self.record

        def link(iri: str) -> str:
            return _url(info, _page(iri), None)

        return lineage_dot(transfers, names, focus=self.record.iri, lang=lang, link=link)
