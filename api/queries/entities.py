"""Root fields that find entities: node, entity, search."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry

from api.context import Info
from api.queries._names import check_text, resolve
from api.types.arguments import KnownAt
from api.types.entities import Entity, entity
from api.types.enums import EntityKind, to_kg
from api.types.events import Event
from api.types.node import Node, field
from api.types.pagination import EntityConnection, EntityEdge, PageInfo, check_page, page
from api.types.sources import Source
from kg import model


@strawberry.type(description="Root fields that find entities.")
class EntityQuery:
    """node, entity and search."""

    @field(description="The entity, event or source with this IRI; null when the graph has none.")
    async def node(
        self,
        info: Info,
        id_: Annotated[strawberry.ID, strawberry.argument(name="id", description="An IRI.")],
    ) -> Node | None:
        """Any node by IRI (three batched look-ups at most; text that is no IRI finds nothing)."""
        loaders = info.context.loaders  # node(id:) takes no knownAt: the whole graph
        found_entity, found_event, found_source = await asyncio.gather(
            loaders.entities.load(id_), loaders.events.load(id_), loaders.sources.load(id_)
        )
        if found_entity is not None:
            return entity(found_entity)
        if found_event is not None:
            return Event.of(found_event)
        if found_source is not None:
            return Source.of(found_source)
        return None

    @field(
        description="Resolves any current or former legal name, short name, translation or "
        "alias, in Chinese or English (or an IRI). Null when nothing matches; a GraphQL error "
        "whose extensions.code is AMBIGUOUS, listing the candidates, when several entities match."
    )
    async def entity(
        self,
        info: Info,
        name: Annotated[str, strawberry.argument(description="Any name of the entity.")],
        known_at: KnownAt = None,
    ) -> Entity | None:
        """The entity a name names."""
        info.context.read_at(info, known_at)
        found = await resolve(info, name)
        return entity(found) if found is not None else None

    @field(
        description="Ranked search over all names and aliases (Chinese, English, pinyin): "
        "exact matches first, then prefixes, then substrings. `first` is 1 to 100."
    )
    async def search(
        self,
        info: Info,
        text: Annotated[str, strawberry.argument(description="What to look for.")],
        kinds: Annotated[
            list[EntityKind] | None,
            strawberry.argument(description="Only entities of these kinds."),
        ] = None,
        first: Annotated[
            int, strawberry.argument(description="How many entities per page (1 to 100).")
        ] = 20,
        after: Annotated[
            str | None,
            strawberry.argument(description="The endCursor of the previous page."),
        ] = None,
        known_at: KnownAt = None,
    ) -> EntityConnection:
        """A page of search hits."""
        settings = info.context.settings
        start = check_page(first, after, "search", settings.max_page)
        check_text(text, "text")
        loaders = info.context.read_at(info, known_at)
        hits = await info.context.run(loaders.graph.search, text, to_kg(kinds, model.EntityKind))
        edges, more = page(hits, "search", start, first)
        found = await loaders.entities.load_many([h.iri for _, h in edges])
        return EntityConnection(
            edges=[
                EntityEdge(cursor=c, node=entity(record), score=h.score, matched=h.matched)
                for (c, h), record in zip(edges, found, strict=True)
                if record is not None
            ],
            page_info=PageInfo(has_next_page=more, end_cursor=edges[-1][0] if edges else None),
            total_count=len(hits),
        )
