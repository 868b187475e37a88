"""A page for every node finreg mints: ``/page/<kind>/<slug>`` is the entity page for an
entity, and for an event, a source, a stake, an operation or a partnership, a figure or a
metric a page of its own. What a node is, the store says (its class), not the path.

A source's page lists every fact that cites it, at each place of the article (its citation
marker), in the article's order, paged; a metric's page its figures, newest first, paged.
Each page gathers its facts from KnowledgeGraph in one blocking call (a bounded number of
round trips) under the pages' time limit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.responses import Response

from api.present.phrases import figure_amount, name_of, pick, term_label
from api.state import AppRequest
from api.urls import feed_path, node_iri, page_path
from api.web import pages
from api.web.i18n import Ui, machine_date
from api.web.render import in_time, page_number, render, ui_of
from kg.errors import NotFoundError
from kg.knowledge import KnowledgeGraph
from kg.model import Citation, CitingFact, Entity, NodeFamily, Source, inferred_of, stating
from kg.vocab import ENTITY_CLASSES, EVENT_CLASSES, RELATIONSHIP_CLASSES

LIST_SIZE = 50
"""The rows of one page of a long list (a source's facts, a metric's figures)."""


@dataclass(frozen=True)
class NodeFacts:
    """What a node's page shows besides the node: the entities it names (for their names
    and links), the sources it cites, and the entity a figure is about."""

    entities: dict[str, Entity] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    entity: Entity | None = None


@dataclass(frozen=True)
class Paging:
    """Where a page of a list is: its number, how many pages, how many rows in all."""

    number: int
    total: int
    size: int = LIST_SIZE

    @property
    def pages(self) -> int:
        """How many pages the list has (1 for an empty list)."""
        return max(1, math.ceil(self.total / self.size))

    @property
    def offset(self) -> int:
        """The rows before this page."""
        return (self.number - 1) * self.size


@dataclass(frozen=True)
class CitingRow:
    """One fact citing a source, as the source's page lists it."""

    fact: CitingFact
    kind: str
    text: str
    href: str | None
    lang: str | None = None


@dataclass(frozen=True)
class NodePage:
    """A node's page: its template and what the template shows."""

    template: str
    context: dict[str, Any]


class Cited(Protocol):
    """A fact with citations: an event, a relationship, a figure."""

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The sources that assert it."""
        ...


def _cited(facts: Iterable[Cited]) -> set[str]:
    """The sources the citations of events, relationships or figures name."""
    return {c.source for fact in facts for c in fact.citations}


def _event_page(graph: KnowledgeGraph, iri: str, ui: Ui, number: int) -> NodePage:
    event = graph.events([iri]).get(iri)
    if event is None:
        raise NotFoundError(iri)
    others = graph.events(event.conflicts_with) if event.conflicts_with else {}
    claims = [event, *(others[o] for o in event.conflicts_with if o in others)]
    mentioned = {p.entity for e in claims for p in e.participants}
    facts = NodeFacts(graph.entities(mentioned), graph.sources(_cited(claims)))
    title = pick(event.summaries, ui.lang) or ui.event_kind(event.kind)
    return NodePage(
        "event.html",
        {
            "event": event,
            "claims": tuple(claims) if len(claims) > 1 else (),
            "facts": facts,
            "title": title,
            "kind_feed": ui.url(feed_path(kind=event.kind.value)),
        },
    )


def _relationship_page(graph: KnowledgeGraph, iri: str, ui: Ui, number: int) -> NodePage:
    rel = graph.relationships_by_iri([iri]).get(iri)
    if rel is None:
        raise NotFoundError(iri)
    entities = graph.entities([rel.source_entity, rel.target_entity])
    facts = NodeFacts(entities, graph.sources(_cited([rel])))
    names = pages.Names(entities, ui)
    title = (
        ui.relationship_kind(rel.kind)
        + ui("colon")
        + f"{names(rel.source_entity)} → {names(rel.target_entity)}"
    )
    return NodePage("relationship.html", {"rel": rel, "facts": facts, "title": title})


def _figure_page(graph: KnowledgeGraph, iri: str, ui: Ui, number: int) -> NodePage:
    figure = graph.figures_by_iri([iri]).get(iri)
    if figure is None:
        raise NotFoundError(iri)
    others = graph.figures_by_iri(figure.conflicts_with) if figure.conflicts_with else {}
    claims = [figure, *(others[o] for o in figure.conflicts_with if o in others)]
    entities = graph.entities({f.subject for f in claims})
    facts = NodeFacts(entities, graph.sources(_cited(claims)), entities.get(figure.subject))
    subject = pages.Names(entities, ui)(figure.subject)
    title = f"{subject}{ui('colon')}{ui.metric(figure)} {figure_amount(figure, ui.lang)}"
    context = {"figure": figure, "claims": tuple(claims) if len(claims) > 1 else ()}
    return NodePage("figure.html", {**context, "facts": facts, "title": title})


def _metric_page(graph: KnowledgeGraph, iri: str, ui: Ui, number: int) -> NodePage:
    metric = graph.metrics([iri]).get(iri)
    if metric is None:
        raise NotFoundError(iri)
    figures, total = graph.figure_page(metric=iri, offset=(number - 1) * LIST_SIZE, limit=LIST_SIZE)
    paging = Paging(number, total)
    if number > paging.pages:
        raise NotFoundError(f"{iri}?page={number}")
    entities = graph.entities({f.subject for f in figures})
    facts = NodeFacts(entities, graph.sources(_cited(figures)))
    title = pick(metric.labels, ui.lang) or iri
    return NodePage(
        "metric.html",
        {"metric": metric, "figures": figures, "paging": paging, "facts": facts, "title": title},
    )


def _source_page(graph: KnowledgeGraph, iri: str, ui: Ui, number: int) -> NodePage:
    source = graph.sources([iri]).get(iri)
    if source is None:
        raise NotFoundError(iri)
    cited, total = graph.citing_page(iri, offset=(number - 1) * LIST_SIZE, limit=LIST_SIZE)
    paging = Paging(number, total)
    if number > paging.pages:
        raise NotFoundError(f"{iri}?page={number}")
    rows = _citing_rows(graph, cited, ui)
    facts = NodeFacts(sources={iri: source})
    context = {"source": source, "rows": rows, "paging": paging, "facts": facts}
    return NodePage("source.html", {**context, "title": source.title})


def _citing_rows(graph: KnowledgeGraph, cited: list[CitingFact], ui: Ui) -> list[CitingRow]:
    """The facts of a source's page in words, each linked to its page: an event by its
    summary, a name by the name and its entity, a relationship by its ends, a figure by its
    subject, metric and amount, an entity's own statement by the entity (five round trips
    at most)."""
    of_kind: dict[str, set[str]] = {"event": set(), "rel": set(), "figure": set()}
    for c in cited:
        if c.kind in EVENT_CLASSES:
            of_kind["event"].add(c.fact)
        elif c.kind in RELATIONSHIP_CLASSES:
            of_kind["rel"].add(c.fact)
        elif c.kind == "Figure":
            of_kind["figure"].add(c.fact)
    events = graph.events(of_kind["event"]) if of_kind["event"] else {}
    rels = graph.relationships_by_iri(of_kind["rel"]) if of_kind["rel"] else {}
    figures = graph.figures_by_iri(of_kind["figure"]) if of_kind["figure"] else {}
    named = {c.fact for c in cited if c.kind == "Name" or c.kind in ENTITY_CLASSES}
    named |= {e for r in rels.values() for e in (r.source_entity, r.target_entity)}
    named |= {f.subject for f in figures.values()}
    entities = graph.entities(named) if named else {}
    names = pages.Names(entities, ui)
    rows = []
    for c in cited:
        href = ui.url(path) if (path := page_path(c.fact)) else None
        kind = term_label(c.kind, ui.lang)
        if c.name is not None:
            entity = entities.get(c.fact)
            whose = name_of(entity, ui.lang) if entity else c.fact
            rows.append(CitingRow(c, kind, f"{c.name[1]}（{whose}）" if ui.lang == "zh"
                                  else f"{c.name[1]} ({whose})", href, c.name[0]))  # fmt: skip
        elif (event := events.get(c.fact)) is not None:
            rows.append(CitingRow(c, kind, pick(event.summaries, ui.lang) or kind, href))
        elif (rel := rels.get(c.fact)) is not None:
            ends = f"{names(rel.source_entity)} → {names(rel.target_entity)}"
            rows.append(CitingRow(c, kind, ends, href))
        elif (figure := figures.get(c.fact)) is not None:
            said = f"{names(figure.subject)}{ui('colon')}{ui.metric(figure)} {ui.amount(figure)}"
            rows.append(CitingRow(c, kind, said, href))
        else:
            rows.append(CitingRow(c, kind, names(c.fact), href, names.lang(c.fact)))
    return rows


_PAGES: dict[NodeFamily, Callable[[KnowledgeGraph, str, Ui, int], NodePage]] = {
    NodeFamily.EVENT: _event_page,
    NodeFamily.RELATIONSHIP: _relationship_page,
    NodeFamily.FIGURE: _figure_page,
    NodeFamily.METRIC: _metric_page,
    NodeFamily.SOURCE: _source_page,
}


def _node_page(graph: KnowledgeGraph, iri: str, lang: str, number: int) -> NodePage | None:
    """The page of the node ``iri`` (blocking); None for an entity (the entity page).

    :raises NotFoundError: for a node the store does not hold (or not yet at ``knownAt``).
    """
    family = graph.node_family(iri)
    if family is None:
        raise NotFoundError(iri)
    if family is NodeFamily.ENTITY:
        return None
    return _PAGES[family](graph, iri, Ui(lang, graph.known_at), number)


async def node_page(request: AppRequest) -> Response:
    """``/page/<kind>/<slug>``: the page of whatever node the IRI names."""
    kind, slug = request.path_params["kind"], request.path_params["slug"]
    iri = node_iri(kind, slug)
    ui = ui_of(request)
    number = page_number(request)
    found = await in_time(request, _node_page, iri, ui.lang, number)
    if found is None:
        return await pages.entity_page(request)
    facts: NodeFacts = found.context["facts"]
    return render(
        request,
        found.template,
        q="",
        iri=iri,
        name=pages.Names(facts.entities, ui),
        machine_date=machine_date,
        stating=stating,
        inferred_of=inferred_of,
        path=f"/page/{kind}/{slug}",
        documents={"ttl": f"/data/{kind}/{slug}.ttl", "jsonld": f"/data/{kind}/{slug}.jsonld"},
        **found.context,
    )
