"""Atom feeds of events as first reported: valid Atom 1.0 by feedparser and by the rules of
RFC 4287 that matter (ids, updated, authors, links, at the feed's and each entry's level),
newest first report first, paged by RFC 5005 (first, previous, next), each kind of event
and each entity with its own, in zh and en, read as known on a date, and linked from the
pages' <head>. On every backend."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import feedparser
import httpx
import pytest

from tests.feeds_graph import EVENTS, first_reported, kind_of
from tests.web.test_pages import page

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CHINA_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$")


def fetch(client: httpx.Client, path: str, status: int = 200) -> bytes:
    """The feed document at ``path``, after checking its status and media type."""
    response = client.get(path)
    assert response.status_code == status, response.text[:500]
    if status == 200:
        assert response.headers["content-type"] == "application/atom+xml"
    return response.content


def read(body: bytes) -> feedparser.FeedParserDict:
    """The feed as feedparser reads it, after checking that it read it as clean Atom 1.0."""
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def links(element: ET.Element) -> dict[str, str]:
    """The element's atom:link hrefs by relation."""
    own = element.findall(f"{ATOM}link")
    return {link.get("rel", "alternate"): link.get("href", "") for link in own}


def check_rfc4287(body: bytes) -> ET.Element:
    """The feed's root, after checking the rules of RFC 4287 that matter: the feed has one
    id, title and updated, an author (which every entry then inherits), a self link and no
    two alternate links of the same type and language; each entry one id, title and updated,
    an alternate link, and XHTML content in one div; dates are RFC 3339."""
    root = ET.fromstring(body)  # noqa: S314 - the server under test wrote it
    assert root.tag == f"{ATOM}feed"

    def one(parent: ET.Element, tag: str) -> ET.Element:
        found = parent.findall(f"{ATOM}{tag}")
        assert len(found) == 1, f"{len(found)} atom:{tag} in {parent.tag}"
        return found[0]

    assert urlsplit(one(root, "id").text or "").scheme in ("http", "https")
    assert one(root, "title").text
    assert CHINA_DAY.match(one(root, "updated").text or "")
    author = one(root, "author")
    assert one(author, "name").text == "finreg"
    own = links(root)
    assert own["self"] == one(root, "id").text or "page=" in own["self"]
    assert own["alternate"]
    for entry in root.findall(f"{ATOM}entry"):
        assert (one(entry, "id").text or "").startswith("https://w3id.org/finreg/id/")
        assert one(entry, "title").text
        assert CHINA_DAY.match(one(entry, "updated").text or "")
        assert links(entry)["alternate"].startswith("http")
        content = one(entry, "content")
        assert content.get("type") == "xhtml"
        assert [child.tag for child in content] == [f"{XHTML}div"]
    return root


# The seed graph --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title"), [("zh", "finreg：新报道的事件"), ("en", "finreg: events")]
)
def test_the_feed_of_every_event_is_valid_atom_newest_first(
    client: httpx.Client, lang: str, title: str
) -> None:
    body = fetch(client, f"/feed.atom?lang={lang}")
    check_rfc4287(body)
    feed = read(body)
    assert feed.feed.title.startswith(title)
    assert feed.feed.language == ("en" if lang == "en" else "zh-Hans")
    assert len(feed.entries) == 33  # every seed event, on one page
    days = [e.updated for e in feed.entries]
    assert days == sorted(days, reverse=True)
    assert feed.feed.updated == days[0]
    assert feed.feed.author == "finreg"  # every entry's (RFC 4287 4.2.1: entries inherit it)
    assert "next" not in {link.rel for link in feed.feed.links}


def test_an_entry_carries_summary_dates_sources_and_entities(client: httpx.Client) -> None:
    feed = read(fetch(client, "/feed.atom?lang=en"))
    (entry,) = [
        e for e in feed.entries if e.id.endswith("/event/huabei-transfer-to-ant-consumer-finance")
    ]
    # First reported by 贝壳财经 on 2025-10-24 (the earliest of the sources citing it).
    assert entry.updated == "2025-10-24T00:00:00+08:00"
    assert entry.link.endswith("/page/event/huabei-transfer-to-ant-consumer-finance?lang=en")
    assert entry.tags[0].term == "https://w3id.org/finreg/ontology#BusinessTransfer"
    assert entry.summary.startswith("The Huabei business passes in full")
    html = entry.content[0].value
    assert "by 2024-12-30" in html  # the bound at its precision, as the editors inferred it
    assert "[editors' inference]" in html
    assert "/page/company/ant-consumer-finance?lang=en" in html
    assert "/page/product/huabei?lang=en" in html
    assert "/page/source/beikecaijing-2025-10-24-alibaba-microloan-deregistered?lang=en" in html
    assert "First reported" in html
    assert "2025-10-24" in html


def test_dates_keep_their_precision_in_an_entry(
    client: httpx.Client, known_client: httpx.Client
) -> None:
    feed = read(fetch(client, "/feed.atom"))
    ending = "/event/alibaba-microloan-business-transfer-to-mybank"
    (entry,) = [e for e in feed.entries if e.id.endswith(ending)]
    html = entry.content[0].value
    assert "<dd>不早于 2015、不晚于 2025-10-24 据 贝壳财经 [2]</dd>" in html  # a year stays a year
    assert "2015-01" not in html
    known = read(fetch(known_client, "/feed.atom?lang=en")).entries
    (month,) = [e for e in known if e.id.endswith("/event/old-to-new")]
    assert "<dd>2025-09 per 乙报</dd>" in month.content[0].value  # a month stays a month
    assert month.updated == "2025-10-24T00:00:00+08:00"


def test_a_kind_and_an_entity_have_feeds_of_their_own(client: httpx.Client) -> None:
    kind = read(fetch(client, "/feed/BusinessTransfer.atom"))
    assert kind.entries
    assert {e.tags[0].term.rsplit("#", 1)[1] for e in kind.entries} == {"BusinessTransfer"}
    huabei = read(fetch(client, "/page/product/huabei/feed.atom?lang=en"))
    assert huabei.feed.title.startswith("Huabei")
    assert [e.id.rsplit("/", 1)[1] for e in huabei.entries] == [
        "huabei-transfer-to-ant-consumer-finance"
    ]
    assert huabei.feed.link.endswith("/page/product/huabei?lang=en")
    fetch(client, "/feed/NoSuchKind.atom", status=404)
    fetch(client, "/page/product/no-such-product/feed.atom", status=404)
    fetch(client, "/page/event/huabei-transfer-to-ant-consumer-finance/feed.atom", status=404)


@pytest.mark.parametrize("bad", ["0", "-1", "two", "1.5", "99999999999"])
def test_a_page_that_is_no_number_is_400(client: httpx.Client, bad: str) -> None:
    response = client.get(f"/feed.atom?page={bad}")
    assert response.status_code == 400
    assert bad in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/page/company/ant-consumer-finance",
        "/page/event/huabei-transfer-to-ant-consumer-finance",
        "/page/source/beikecaijing-2025-10-24-alibaba-microloan-deregistered",
    ],
)
def test_every_page_links_feeds_in_its_head_that_resolve(client: httpx.Client, path: str) -> None:
    head = page(client, path + "?lang=en").find("head")
    hrefs = [
        link.attrs["href"]
        for link in head.find_all("link", rel="alternate", type="application/atom+xml")
    ]
    assert "/feed.atom?lang=en" in hrefs
    for href in hrefs:
        assert read(fetch(client, href)).entries
    if path.startswith("/page/company/"):
        assert f"{path}/feed.atom?lang=en" in hrefs


# A graph of 230 events: paging --------------------------------------------------------------


def test_a_feed_holds_the_latest_100_and_pages_to_the_rest(feeds_client: httpx.Client) -> None:
    seen: list[str] = []
    days: list[str] = []
    path = "/feed.atom"
    documents = []
    while True:
        body = fetch(feeds_client, path)
        check_rfc4287(body)
        feed = read(body)
        documents.append(feed)
        seen += [e.id for e in feed.entries]
        days += [e.updated for e in feed.entries]
        rels = {link.rel: link.href for link in feed.feed.links}
        assert urlsplit(rels["first"]).path == "/feed.atom"
        assert "page" not in parse_qs(urlsplit(rels["first"]).query)
        if "next" not in rels:
            break
        path = urlsplit(rels["next"]).path + "?" + urlsplit(rels["next"]).query
    assert [len(d.entries) for d in documents] == [100, 100, 30]
    assert len(set(seen)) == EVENTS
    assert days == sorted(days, reverse=True)
    assert {d.feed.id for d in documents} == {documents[0].feed.id}  # one logical feed
    assert "previous" not in {link.rel for link in documents[0].feed.links}
    previous = {link.rel: link.href for link in documents[2].feed.links}["previous"]
    assert parse_qs(urlsplit(previous).query)["page"] == ["2"]
    fetch(feeds_client, "/feed.atom?page=4", status=404)


def test_updated_is_the_first_report_day_of_each_entry(feeds_client: httpx.Client) -> None:
    entries = []
    for number in (1, 2, 3):
        entries += read(fetch(feeds_client, f"/feed.atom?page={number}")).entries
    found = {e.id.rsplit("/e", 1)[1]: e.updated for e in entries}
    for i in range(EVENTS):
        # A month counts from its last day, a year from its 31 December; a later source
        # citing the same event changes nothing.
        assert found[f"{i:03d}"] == first_reported(i) + "T00:00:00+08:00", i
    # Ties are ordered by IRI, so that pages never overlap.
    ids = [e.id for e in entries]
    for a, b in itertools.pairwise(entries):
        if a.updated == b.updated:
            assert ids.index(a.id) < ids.index(b.id)
            assert a.id < b.id


def test_a_kind_feed_pages_too(feeds_client: httpx.Client) -> None:
    feed = read(fetch(feeds_client, "/feed/BusinessTransfer.atom?lang=en"))
    wanted = {f"e{i:03d}" for i in range(EVENTS) if kind_of(i) == "BusinessTransfer"}
    assert {e.id.rsplit("/", 1)[1] for e in feed.entries} == wanted  # 58: one document
    assert feed.feed.title.startswith("business transfer")


def test_a_feed_read_as_known_on_a_date(feeds_client: httpx.Client) -> None:
    feed = read(fetch(feeds_client, "/feed.atom?knownAt=2025-01-11&lang=en"))
    days = {e.updated[:10] for e in feed.entries}
    assert days == {"2024-12-31", "2025-01-10", "2025-01-11"}
    assert len(feed.entries) == sum(1 for i in range(EVENTS) if first_reported(i) <= "2025-01-11")
    rels = {link.rel: link.href for link in feed.feed.links}
    assert parse_qs(urlsplit(rels["self"]).query)["knownAt"] == ["2025-01-11"]
    html = feed.entries[0].content[0].value
    assert "knownAt=2025-01-11" in html  # its links lead to the pages as known then
    assert "日报7" not in html  # a later source is not cited yet
    # The month's source counts only once the month has ended.
    february = read(fetch(feeds_client, "/feed.atom?knownAt=2025-02-27")).entries
    assert "2025-02-28T00:00:00+08:00" not in {e.updated for e in february}
    month = read(fetch(feeds_client, "/feed.atom?knownAt=2025-02")).entries
    assert "2025-02-28T00:00:00+08:00" in {e.updated for e in month}
    assert feeds_client.get("/feed.atom?knownAt=2025-13").status_code == 400
