"""Atom feeds of events as first reported: every event (``/feed.atom``), one kind of event
(``/feed/<EventClass>.atom``, the class's local name in the ontology), one entity's events
(``/page/<kind>/<slug>/feed.atom``). Each holds the latest ``FEED_SIZE`` entries; older
ones are on ``?page=2``, ``3``... (RFC 5005 paged feeds: api.present.atom says why not
archived). ``?lang=en`` for English (Chinese by default). ``?knownAt=`` reads the feed as
known on a date: the events first reported by then, each with what was known of it then
(one filter in the store, so it costs nothing more).

Ordering and paging happen in the store (KnowledgeGraph.feed_page); a page then costs three
more round trips for the events' details, the entities they name and their sources."""

from __future__ import annotations

from collections.abc import Collection

from starlette.responses import Response

from api.present.atom import MEDIA_TYPE, FeedHead, FeedItem, atom_feed
from api.present.phrases import kind_label, name_of, word
from api.state import AppRequest
from api.urls import feed_path, node_iri, page_path
from api.web.i18n import Ui
from api.web.render import in_time, page_number, site_of, ui_of
from kg.errors import NotFoundError
from kg.knowledge import KnowledgeGraph
from kg.model import EventKind

FEED_SIZE = 100
"""The entries of one feed document: the latest ``FEED_SIZE``, then older pages."""


def _feed(
    graph: KnowledgeGraph,
    ui: Ui,
    site: str,
    number: int,
    kinds: Collection[EventKind] | None,
    involving: str | None,
) -> bytes:
    """A feed document (blocking): the page ``number`` of the events of ``kinds`` that
    ``involving`` takes part in."""
    lang = ui.lang
    if involving is not None:
        entity = graph.entity(involving)
        if entity is None:
            raise NotFoundError(involving)
        title = word("feed_of", lang, name=name_of(entity, lang))
        alternate = page_path(involving) or "/"
    elif kinds:
        title = word("feed_of", lang, name=kind_label(next(iter(kinds)), lang))
        alternate = "/"
    else:
        title, alternate = word("feed_title", lang), "/"
    path = feed_path(involving, kind=next(iter(kinds)).value if kinds else None)
    reported = graph.feed_page(
        kinds, involving, offset=(number - 1) * FEED_SIZE, limit=FEED_SIZE + 1
    )
    if number > 1 and not reported:
        raise NotFoundError(f"{path}?page={number}")
    more, reported = len(reported) > FEED_SIZE, reported[:FEED_SIZE]
    events = graph.events([r.event for r in reported])
    items = [FeedItem(events[r.event], r.first_reported) for r in reported if r.event in events]
    entities = graph.entities({p.entity for i in items for p in i.event.participants})
    sources = graph.sources({c.source for i in items for c in i.event.citations})

    def at(number: int) -> str:
        return site + ui.url(path if number == 1 else f"{path}?page={number}")

    links = {"self": at(number), "alternate": site + ui.url(alternate), "first": at(1)}
    if number > 1:
        links["previous"] = at(number - 1)
    if more:
        links["next"] = at(number + 1)

    def page(iri: str) -> str:
        found = page_path(iri)
        return site + ui.url(found) if found is not None else iri

    head = FeedHead(feed_id=at(1), title=title, lang=lang, links=links, site=site + "/")
    return atom_feed(head, items, entities, sources, page)


async def _respond(
    request: AppRequest, kinds: Collection[EventKind] | None, involving: str | None
) -> Response:
    ui = ui_of(request)
    number = page_number(request)
    body = await in_time(request, _feed, ui, site_of(request), number, kinds, involving)
    return Response(body, media_type=MEDIA_TYPE)


async def every_event(request: AppRequest) -> Response:
    """``/feed.atom``: every event, newest first report first."""
    return await _respond(request, None, None)


async def of_kind(request: AppRequest) -> Response:
    """``/feed/<EventClass>.atom``: the events of one kind (404 for no such kind)."""
    kind = EventKind._value2member_map_.get(request.path_params["kind"])
    if not isinstance(kind, EventKind):
        raise NotFoundError(request.url.path)
    return await _respond(request, [kind], None)


async def of_entity(request: AppRequest) -> Response:
    """``/page/<kind>/<slug>/feed.atom``: the events an entity takes part in (404 for no
    such entity, or one not yet known at ``?knownAt``)."""
    iri = node_iri(request.path_params["kind"], request.path_params["slug"])
    return await _respond(request, None, iri)
