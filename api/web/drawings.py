"""An entity's pictures and timeline table as documents of their own:
``/page/<kind>/<slug>/lineage.svg``, ``timeline.svg`` and ``timeline.csv``."""

from __future__ import annotations

import re

from starlette.responses import Response

from api.present.csv_export import timeline_csv as csv_table
from api.present.lineage_picture import lineage_svg as draw_lineage
from api.present.timeline_picture import timeline_svg as draw_timeline
from api.state import AppRequest
from api.urls import entity_iri, page_path
from api.web.i18n import Ui
from api.web.render import in_time, ui_of
from kg.errors import NotFoundError
from kg.knowledge import KnowledgeGraph
from kg.model import Direction, Entity

SVG = "image/svg+xml"
CSV = "text/csv; charset=utf-8"


def _entity(graph: KnowledgeGraph, iri: str) -> Entity:
    found = graph.entity(iri)
    if found is None:
        raise NotFoundError(iri)
    return found


def lineage_picture(graph: KnowledgeGraph, iri: str, lang: str) -> str:
    """The entity's lineage (both directions, full depth) as an SVG document whose boxes
    link to the entities' pages (blocking)."""
    entity = _entity(graph, iri)
    lineage = graph.lineage(entity, Direction.BOTH)
    names = graph.lineage_names(entity, lineage.transfers)
    ui = Ui(lang, graph.known_at)

    def link(target: str) -> str:
        path = page_path(target)
        return ui.url(path) if path else target

    return draw_lineage(lineage.transfers, names, focus=iri, lang=lang, link=link)


def timeline_picture(graph: KnowledgeGraph, iri: str, lang: str) -> str:
    """The entity's events on a time axis as an SVG document (blocking)."""
    entity = _entity(graph, iri)
    events = graph.timeline(iri)
    names, _ = graph.timeline_context(entity, events)
    return draw_timeline(events, names, lang=lang, focus=iri)


def timeline_table(graph: KnowledgeGraph, iri: str, lang: str) -> str:
    """The entity's events as CSV, one row each, with a byte-order mark so that spreadsheet
    programs read the Chinese text as UTF-8 (blocking)."""
    entity = _entity(graph, iri)
    events = graph.timeline(iri)
    names, sources = graph.timeline_context(entity, events)
    return csv_table(events, names, sources, lang=lang, bom=True)


async def lineage_svg(request: AppRequest) -> Response:
    """``lineage.svg``: the lineage picture (image/svg+xml)."""
    kind, slug = request.path_params["kind"], request.path_params["slug"]
    svg = await in_time(request, lineage_picture, entity_iri(kind, slug), ui_of(request).lang)
    return Response(svg, media_type=SVG)


async def timeline_svg(request: AppRequest) -> Response:
    """``timeline.svg``: the timeline picture (image/svg+xml)."""
    kind, slug = request.path_params["kind"], request.path_params["slug"]
    svg = await in_time(request, timeline_picture, entity_iri(kind, slug), ui_of(request).lang)
    return Response(svg, media_type=SVG)


async def timeline_csv(request: AppRequest) -> Response:
    """``timeline.csv``: the timeline as CSV (text/csv), offered as a download (its file name
    says the date it is known at, where the request gives one)."""
    kind, slug = request.path_params["kind"], request.path_params["slug"]
    ui = ui_of(request)
    text = await in_time(request, timeline_table, entity_iri(kind, slug), ui.lang)
    known = f"-known-{ui.known_at}" if ui.known_at is not None else ""
    name = f"finreg-{kind}-{slug}-timeline-{ui.lang}{known}.csv"
    filename = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    return Response(
        text.encode("utf-8"),
        media_type=CSV,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
