"""Pages read as known on a date (``?knownAt=``): a banner says so in both languages, every
link keeps the date, the facts are those reported by then, and a malformed date is a 400
page. On every backend."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.web.dom import Element, parse
from tests.web.test_pages import page, section

OLD = "/page/company/old"


def banner(doc: Element) -> Element:
    """The banner that says as of when the page is read."""
    return doc.find("p", id="known-at")


def known_at_of(href: str) -> str | None:
    """The ``knownAt`` a link carries."""
    return parse_qs(urlsplit(href).query).get("knownAt", [None])[0]


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", "本页显示截至 2025-10-24 当日可知的图谱"),
        ("en", "The graph as known at the end of 2025-10-24"),
    ],
)
def test_a_page_read_as_known_on_a_day_says_so(
    known_client: httpx.Client, lang: str, words: str
) -> None:
    doc = page(known_client, f"{OLD}?knownAt=2025-10-24&lang={lang}")
    said = banner(doc)
    assert words in said.text()
    ((now, _),) = said.links()
    assert now == f"{OLD}?lang={lang}"
    assert doc.find_all("p", id="known-at") == [said]
    assert page(known_client, OLD).find_all("p", id="known-at") == []


@pytest.mark.parametrize(
    ("known_at", "zh", "en"),
    [
        ("2025-10", "截至 2025-10 月底", "at the end of 2025-10"),
        ("2025", "截至 2025 年底", "at the end of 2025"),
    ],
)
def test_the_banner_says_the_end_of_a_month_or_a_year(
    known_client: httpx.Client, known_at: str, zh: str, en: str
) -> None:
    assert zh in banner(page(known_client, f"{OLD}?knownAt={known_at}")).text()
    assert en in banner(page(known_client, f"{OLD}?knownAt={known_at}&lang=en")).text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_link_of_a_page_keeps_the_date(known_client: httpx.Client, lang: str) -> None:
    doc = page(known_client, f"{OLD}?knownAt=2025-10-24&lang={lang}")
    internal = [h for h, _ in doc.links() if h.startswith("/") and not h.startswith("/data/")]
    kept = {h for h in internal if known_at_of(h) == "2025-10-24"}
    left = set(internal) - kept
    # Only the way to the graph as known now, and the services outside the pages, leave it.
    assert left == {banner(doc).links()[0][0], "/graphql", "/sparql"}
    assert {f"{OLD}/lineage.svg", f"{OLD}/timeline.svg", f"{OLD}/timeline.csv"} <= {
        urlsplit(h).path for h in kept
    }
    assert "/page/company/new" in {urlsplit(h).path for h in kept}  # an entity it names
    switch = next(h for h, text in doc.links() if text in ("English", "中文"))
    assert known_at_of(switch) == "2025-10-24"
    form = doc.find("form", id="search")
    assert form.find("input", name="knownAt").attrs["value"] == "2025-10-24"


def test_search_results_and_their_links_as_known(known_client: httpx.Client) -> None:
    def found(known_at: str) -> list[tuple[str, str]]:
        doc = page(known_client, f"/search?q=公司&knownAt={known_at}")
        return [(h, text) for h, text in doc.find("main").links() if h.startswith("/page/")]

    assert found("2025-10-22") == []
    assert found("2025-10-23") == [("/page/company/old?knownAt=2025-10-23", "老公司")]
    assert {text for _, text in found("2025-10-30")} == {"老公司", "新公司"}
    assert {text for _, text in found("2025-10")} == {"老公司", "新公司", "月报公司"}
    doc = page(known_client, "/search?q=公司&knownAt=2025-10-22")
    assert "2025-10-22" in banner(doc).text()


def test_an_entity_page_shows_what_was_reported_by_then(known_client: httpx.Client) -> None:
    doc = page(known_client, f"{OLD}?knownAt=2025-10-24&lang=en")
    names = section(doc, "names").text()
    assert "老公司" in names
    assert "Old Co" not in names
    assert "旧称" not in names
    timeline = section(doc, "timeline")
    rows = timeline.find_all("tr", class_="event")
    assert len(rows) == 2
    assert "2025-09" in rows[0].text()
    assert "undated" in rows[1].text()
    assert "后来公司" not in section(doc, "lineage").text()
    sources = section(doc, "sources").text()
    assert "甲报" in sources
    assert "乙报" in sources
    assert "丙报" not in sources
    assert "月刊" not in sources
    assert section(doc, "figures").find_all("tr", class_="figure") == []
    whole = page(known_client, f"{OLD}?lang=en")
    assert "Old Co" in section(whole, "names").text()
    assert "后来公司" in section(whole, "lineage").text()
    assert "丙报" in section(whole, "sources").text()


def test_an_entity_not_yet_known_is_not_found_then(known_client: httpx.Client) -> None:
    doc = page(known_client, "/page/company/monthly?knownAt=2025-10-24", status=404)
    assert "截至 2025-10-24 当日" in doc.find("main").text()
    page(known_client, "/page/company/monthly?knownAt=2025-10-31")
    page(known_client, "/page/company/monthly?knownAt=2025-10")
    doc = page(known_client, "/page/company/new?knownAt=2025-10-23&lang=en", status=404)
    assert "Nothing finreg holds here was known at the end of 2025-10-23" in doc.text()
    page(known_client, "/page/company/new?knownAt=2025-10-24")


def test_pictures_and_csv_as_known(known_client: httpx.Client) -> None:
    svg = known_client.get(f"{OLD}/lineage.svg?knownAt=2025-10-24")
    assert svg.status_code == 200
    assert "新公司" in svg.text
    assert "后来公司" not in svg.text
    assert "?knownAt=2025-10-24" in svg.text  # its boxes link to the pages as known then
    assert "后来公司" in known_client.get(f"{OLD}/lineage.svg").text
    response = known_client.get(f"{OLD}/timeline.csv?knownAt=2025-10-23&lang=en")
    assert response.status_code == 200
    assert "known-2025-10-23" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["date"], r["event"].rsplit("/", 1)[-1]) for r in rows] == [("", "old-founded")]
    assert len(list(csv.DictReader(io.StringIO(known_client.get(f"{OLD}/timeline.csv").text)))) == 3


def test_an_iri_keeps_the_date_on_its_way_to_the_page(known_client: httpx.Client) -> None:
    response = known_client.get("/id/company/old?knownAt=2025-10-24&lang=en")
    assert response.status_code == 303
    assert response.headers["location"] == "/page/company/old?knownAt=2025-10-24&lang=en"
    assert known_client.get("/id/company/late?knownAt=2025-10-24").status_code == 404


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-30", "yesterday", "20251024"])
@pytest.mark.parametrize(("lang", "words"), [("zh", "不是日期"), ("en", "is not a date")])
def test_a_malformed_date_is_a_400_page(
    known_client: httpx.Client, bad: str, lang: str, words: str
) -> None:
    for path in ("/", "/search?q=公司&", f"{OLD}?", f"{OLD}/timeline.csv?"):
        separator = "" if path.endswith(("?", "&")) else "?"
        response = known_client.get(f"{path}{separator}knownAt={bad}&lang={lang}")
        assert response.status_code == 400, path
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        main = parse(response.text).find("main")
        assert words in main.text()
        assert bad in main.text()
        assert parse(response.text).find_all("p", id="known-at") == []
