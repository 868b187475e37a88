"""The HTML pages: home, search results and entity pages (server-rendered, no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from starlette.responses import Response

from api.present.figure_chart import figures_svg
from api.present.lineage_picture import lineage_svg
from api.present.phrases import language, name_of, pick, picked, word
from api.present.timeline_picture import timeline_svg
from api.queries._names import MAX_TEXT_LENGTH
from api.state import AppRequest
from api.urls import entity_iri, page_path
from api.web.facts import EntityFacts, entity_facts
from api.web.i18n import Ui, machine_date
from api.web.render import in_time, render, ui_of
from kg.errors import NotFoundError
from kg.knowledge import KnowledgeGraph
from kg.model import Entity, EventKind, inferred_of, stating

MAX_HITS = 50
"""The most search results a page lists."""

EXAMPLES = (
    ("花呗", "Huabei"),
    ("借呗", "Jiebei"),
    ("蚂蚁消费金融", "Ant Consumer Finance"),
    ("阿里小贷", "阿里小贷"),
    ("网商银行", "MYbank"),
    ("微信分付", "WeChat Fenfu"),
    ("国家金融监督管理总局", "NFRA"),
)
"""Example searches on the home page: (Chinese, English)."""

EXPORTS = ("ttl", "trig", "nq", "jsonld")


async def home(request: AppRequest) -> Response:
    """What finreg is, the search form, examples, and the ways to the data."""
    ui = ui_of(request)
    examples = [zh if ui.lang == "zh" else en for zh, en in EXAMPLES]
    return render(
        request, "home.html", q="", examples=examples, exports=EXPORTS, event_kinds=list(EventKind)
    )


@dataclass(frozen=True)
class Hit:
    """One search result as the page lists it."""

    href: str
    name: str
    kind: str
    matched: str
    lang: str | None


def _search(graph: KnowledgeGraph, text: str, lang: str) -> tuple[list[Hit], int]:
    ui = Ui(lang, graph.known_at)
    hits = graph.search(text)
    shown = hits[:MAX_HITS]
    found = graph.entities([h.iri for h in shown])
    listed = []
    for hit in shown:
        path = page_path(hit.iri)
        entity = found.get(hit.iri)
        if path is None or entity is None:
            continue
        name = name_of(entity, lang)
        foreign = foreign_name_lang(entity, lang)
        listed.append(Hit(ui.url(path), name, ui.entity_kind(hit.kind), hit.matched, foreign))
    return listed, len(hits)


async def search(request: AppRequest) -> Response:
    """Search results for ``?q=``; an empty or too long text is told, not searched."""
    ui = ui_of(request)
    q = request.query_params.get("q", "")
    if len(q) > MAX_TEXT_LENGTH:
        message = ui("too_long", length=len(q), limit=MAX_TEXT_LENGTH)
        return render(request, "search.html", status=400, q="", hits=[], total=0, message=message)
    if not q.strip():
        return render(request, "search.html", q="", hits=[], total=0, message=ui("empty_query"))
    hits, total = await in_time(request, _search, q.strip(), ui.lang)
    message = "" if hits else ui("no_results", q=q.strip())
    return render(
        request, "search.html", q=q.strip(), hits=hits, total=total, message=message, cap=MAX_HITS
    )


@dataclass(frozen=True)
class EntityPage:
    """An entity's facts and its pictures in one language (a sector's figures over time, a
    chart per metric)."""

    facts: EntityFacts
    lineage_svg: Markup
    timeline_svg: Markup
    charts: tuple[Markup, ...] = ()


def _entity_page(graph: KnowledgeGraph, iri: str, lang: str) -> EntityPage:
    entity = graph.entity(iri)
    if entity is None:
        raise NotFoundError(iri)
    facts = entity_facts(graph, entity)
    ui = Ui(lang, graph.known_at)

    def link(target: str) -> str:
        path = page_path(target)
        return ui.url(path) if path else target

    lineage = lineage_svg(facts.lineage.transfers, facts.entities, focus=iri, lang=lang, link=link)
    timeline = timeline_svg(facts.events, facts.entities, lang=lang, focus=iri)
    name = name_of(entity, lang)
    charts = [
        figures_svg(
            series,
            title=word(
                "figures_of",
                lang,
                name=name,
                metric=pick(series[0].metric_labels, lang) or series[0].metric,
            ),
            lang=lang,
            id_prefix=f"finreg-figures-{i}",
        )
        for i, series in enumerate(facts.charts)
    ]
    # Every picture is built with ElementTree, which escapes every text it writes.
    return EntityPage(
        facts,
        Markup(lineage),  # noqa: S704
        Markup(timeline),  # noqa: S704
        tuple(Markup(chart) for chart in charts),  # noqa: S704
    )


def foreign_name_lang(entity: Entity, lang: str) -> str | None:
    """The language tag of the entity's display name in ``lang`` when the graph has no name
    in ``lang`` and the name is another language's; None when it is in ``lang``."""
    found = picked(entity.labels(), lang)
    tag = found[0] if found is not None else lang
    return None if language(tag) == language(lang) else tag


class Names:
    """Names and links of the entities a page mentions, in the page language."""

    def __init__(self, entities: dict[str, Entity], ui: Ui) -> None:
        self.entities = entities
        self.ui = ui

    def __call__(self, iri: str) -> str:
        """The entity's display name (its IRI when unknown)."""
        found = self.entities.get(iri)
        return name_of(found, self.ui.lang) if found else iri

    def lang(self, iri: str) -> str | None:
        """The language of the entity's display name where it is not the page's (a Chinese
        name on an English page, say), for a ``lang`` attribute; None otherwise."""
        found = self.entities.get(iri)
        return None if found is None else foreign_name_lang(found, self.ui.lang)

    def href(self, iri: str) -> str | None:
        """The entity's page in the page language, None for an IRI with no page."""
        path = page_path(iri)
        return self.ui.url(path) if path and iri in self.entities else None

    def node(self, iri: str) -> str | None:
        """The page of any node finreg mints (an event, a source...) in the page language,
        None for an IRI outside finreg's."""
        path = page_path(iri)
        return self.ui.url(path) if path else None


async def entity_page(request: AppRequest) -> Response:
    """The page of one entity: names, status, licences, products, owners, the notices that
    affect it, timeline, lineage, sources, and links to its RDF, CSV and feed documents."""
    kind, slug = request.path_params["kind"], request.path_params["slug"]
    ui = ui_of(request)
    page = await in_time(request, _entity_page, entity_iri(kind, slug), ui.lang)
    facts = page.facts
    base = f"/page/{kind}/{slug}"
    return render(
        request,
        "entity.html",
        q="",
        facts=facts,
        entity=facts.entity,
        lineage_svg=page.lineage_svg,
        timeline_svg=page.timeline_svg,
        charts=page.charts,
        name=Names(facts.entities, ui),
        machine_date=machine_date,
        stating=stating,
        inferred_of=inferred_of,
        documents={
            "ttl": f"/data/{kind}/{slug}.ttl",
            "jsonld": f"/data/{kind}/{slug}.jsonld",
            "csv": ui.url(f"{base}/timeline.csv"),
            "lineage": ui.url(f"{base}/lineage.svg"),
            "timeline": ui.url(f"{base}/timeline.svg"),
            "feed": ui.url(f"{base}/feed.atom"),
        },
        iri=facts.entity.iri,
    )
