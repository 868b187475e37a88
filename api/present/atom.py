"""Atom 1.0 feeds (RFC 4287) of events as first reported, written with ElementTree (which
escapes every text it writes), from values the facade gathered.

A feed is paged as RFC 5005 section 3 says ("paged feeds": ``first``, ``previous`` and
``next`` links; the caller gives them), not archived (section 4). An archive document
promises that its entries never change, so that a client can rebuild the whole logical feed
from it; finreg's feed is ordered by first report, and a data engineer may load an article
published long ago (its events then enter an older page) or unload a file (its events leave
one), so older pages do change. Paged feeds are lossy by definition, which is the truth
here; and the feed is not complete (section 2) once it has more than one page.

Each entry is one event: its IRI is the entry's ``atom:id``; ``atom:updated`` is the day of
its first report at 00:00 China time (+08:00); ``atom:title`` its kind and summary; an
``atom:category`` its class in the ontology; its content (XHTML) the summary, the event's
own dates at the precision the sources give ("2015", "2023-06", never padded), who states
them or that the editors inferred them, the participants with links to their pages, and
the sources with links (the article where its URL is known, and its page in finreg). The
feed's ``atom:author`` (finreg) is every entry's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from api.present.phrases import (
    basis_text,
    event_date,
    inferred_mark,
    kind_label,
    name_of,
    pick,
    role_label,
    word,
)
from kg.model import Entity, Event, Inference, Source, inferred_of, stating
from kg.vocab import NAMESPACE

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml"

CHINA_TIME = "T00:00:00+08:00"
"""A first report's day starts in China's time zone (no daylight saving)."""

_EPOCH = date(1970, 1, 1)
"""The ``atom:updated`` of a feed document with no entry: nothing was ever added to it."""


def updated(day: date) -> str:
    """A day as ``atom:updated`` says it: its start in China time.

    >>> updated(date(2025, 10, 24))
    '2025-10-24T00:00:00+08:00'
    """
    return day.isoformat() + CHINA_TIME


@dataclass(frozen=True)
class FeedItem:
    """An event in a feed, with the day it was first reported."""

    event: Event
    first_reported: date


@dataclass(frozen=True)
class FeedHead:
    """What a feed document says of itself: its ``atom:id`` (stable: the subscription
    document's URL), title, language, its links by relation (``self``, ``alternate``,
    ``first``, ``previous``, ``next``) and the address of the site (the author's URI)."""

    feed_id: str
    title: str
    lang: str
    links: Mapping[str, str]
    site: str


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(
    head: FeedHead,
    items: Sequence[FeedItem],
    entities: Mapping[str, Entity],
    sources: Mapping[str, Source],
    page: Callable[[str], str],
) -> bytes:
    """The feed document (UTF-8 XML). ``page`` gives the absolute URL of a node's page in
    the feed's language (and as known at the date the feed is read at)."""
    lang = head.lang
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "en" if lang == "en" else "zh-Hans"})
    _add(feed, f"{{{ATOM}}}id", head.feed_id)
    _add(feed, f"{{{ATOM}}}title", head.title)
    _add(feed, f"{{{ATOM}}}subtitle", word("feed_subtitle", lang))
    newest = max((item.first_reported for item in items), default=_EPOCH)
    _add(feed, f"{{{ATOM}}}updated", updated(newest))
    author = _add(feed, f"{{{ATOM}}}author")
    _add(author, f"{{{ATOM}}}name", "finreg")
    _add(author, f"{{{ATOM}}}uri", head.site)
    _add(feed, f"{{{ATOM}}}generator", "finreg", uri=head.site)
    for rel, href in head.links.items():
        media = "text/html" if rel == "alternate" else MEDIA_TYPE
        _add(feed, f"{{{ATOM}}}link", rel=rel, href=href, type=media)
    for item in items:
        feed.append(_entry(item, lang, entities, sources, page))
    ET.register_namespace("", ATOM)
    ET.register_namespace("xhtml", XHTML)
    written: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return written


def _entry(
    item: FeedItem,
    lang: str,
    entities: Mapping[str, Entity],
    sources: Mapping[str, Source],
    page: Callable[[str], str],
) -> ET.Element:
    event = item.event
    entry = ET.Element(f"{{{ATOM}}}entry")
    _add(entry, f"{{{ATOM}}}id", event.iri)
    kind = kind_label(event.kind, lang)
    summary = pick(event.summaries, lang)
    _add(entry, f"{{{ATOM}}}title", kind + word("colon", lang) + summary if summary else kind)
    _add(entry, f"{{{ATOM}}}updated", updated(item.first_reported))
    _add(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=page(event.iri))
    _add(
        entry,
        f"{{{ATOM}}}category",
        term=NAMESPACE + event.kind.value,
        scheme=NAMESPACE,
        label=kind,
    )
    if summary:
        _add(entry, f"{{{ATOM}}}summary", summary, type="text")
    content = _add(entry, f"{{{ATOM}}}content", type="xhtml")
    content.append(_content(item, lang, entities, sources, page))
    return entry


def _content(
    item: FeedItem,
    lang: str,
    entities: Mapping[str, Entity],
    sources: Mapping[str, Source],
    page: Callable[[str], str],
) -> ET.Element:
    """The entry's XHTML: summary, dates, participants, sources."""
    event = item.event
    div = ET.Element(f"{{{XHTML}}}div")
    _add(div, f"{{{XHTML}}}p", pick(event.summaries, lang))
    other = [i for i in event.inferences if i.property not in event.date_properties]
    if other:
        _add(div, f"{{{XHTML}}}p", _inferred(other, lang))
    facts = _add(div, f"{{{XHTML}}}dl")
    _add(facts, f"{{{XHTML}}}dt", word("event", lang))
    _add(facts, f"{{{XHTML}}}dd", kind_label(event.kind, lang))
    _add(facts, f"{{{XHTML}}}dt", word("date", lang))
    when = event_date(event, lang, compact=False)
    said = _said(event, event.date_properties, lang, sources)
    _add(facts, f"{{{XHTML}}}dd", when + (" " + said if said else ""))
    if event.deadline is not None:
        _add(facts, f"{{{XHTML}}}dt", word("deadline", lang))
        said = _said(event, ("deadline",), lang, sources)
        _add(facts, f"{{{XHTML}}}dd", str(event.deadline) + (" " + said if said else ""))
    _add(facts, f"{{{XHTML}}}dt", word("first_reported", lang))
    _add(facts, f"{{{XHTML}}}dd", item.first_reported.isoformat())
    if event.participants:
        _add(div, f"{{{XHTML}}}p", word("participants", lang))
        listed = _add(div, f"{{{XHTML}}}ul")
        for taking in event.participants:
            li = _add(listed, f"{{{XHTML}}}li", role_label(taking.role, lang) + word("colon", lang))
            found = entities.get(taking.entity)
            name = name_of(found, lang) if found is not None else taking.entity
            _add(li, f"{{{XHTML}}}a", name, href=page(taking.entity))
    _add(div, f"{{{XHTML}}}p", word("sources", lang))
    cited = _add(div, f"{{{XHTML}}}ul")
    for citation in event.citations:
        li = _add(cited, f"{{{XHTML}}}li")
        source = sources.get(citation.source)
        if source is None:
            _add(li, f"{{{XHTML}}}a", citation.source, href=page(citation.source))
            continue
        title = _add(li, f"{{{XHTML}}}a", source.title, href=source.url or page(source.iri))
        title.tail = f" · {source.publisher} · {source.published}"
        if citation.locator:
            title.tail += f" · {citation.locator}"
        title.tail += " ("
        _add(li, f"{{{XHTML}}}a", word("on_finreg", lang), href=page(source.iri)).tail = ")"
    return div


def _said(event: Event, props: Sequence[str], lang: str, sources: Mapping[str, Source]) -> str:
    """Who states the properties ``props`` of the event ("据 财新 [7]"), or the editors'
    inference of them; "" for neither."""
    by = stating(event.citations, *props)
    names = []
    for citation in by:
        source = sources.get(citation.source)
        named = source.publisher if source is not None else citation.source
        names.append(named + (f" {citation.locator}" if citation.locator else ""))
    text = (word("stated_by", lang) + " " + word("sep", lang).join(names)) if names else ""
    inferred = inferred_of(event.inferences, *props)
    if inferred:
        text = (text + " " if text else "") + _inferred(inferred, lang)
    return text


def _inferred(inferences: Sequence[Inference], lang: str) -> str:
    """The inference mark and its basis, in words."""
    basis = basis_text(inferences, lang)
    mark = inferred_mark(lang)
    return f"{mark} {word('basis', lang)}{word('colon', lang)}{basis}" if basis else mark
