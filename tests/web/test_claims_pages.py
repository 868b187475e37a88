"""What the pages say of claims, in Chinese and English (the API test graph with its claims,
tests.api.graph.CLAIMS): inferences shown as the editors', with their basis; conflicting
claims side by side; the sources that state each date; a sector's figures over time; notice
dates and supersession; ends known only by a bound."""

from __future__ import annotations

import httpx
import pytest

from tests.web.dom import Element, parse
from tests.web.test_pages import date_of, page, row_stated, section

CLAIMS_PAGES = [
    "/page/sector/microloan",
    "/page/company/gone",
    "/page/notice/new-measures",
    "/page/notice/old-measures",
    "/page/licence/gone-online",
    "/page/product/gone-loan",
    "/page/group/ant",
    "/page/regulator/nfra",
]
"""The pages of the claims graph (tests/web/test_validity.py checks them too)."""

INFERRED = {"zh": "[编者推断]", "en": "[editors' inference]"}


def terms(dl: Element) -> dict[str, Element]:
    """A description list's descriptions by their terms."""
    return dict(zip((dt.text() for dt in dl.find_all("dt")), dl.find_all("dd"), strict=True))


def events(doc: Element) -> dict[str, Element]:
    """The timeline's rows by their summary's first words (the third cell)."""
    rows = section(doc, "timeline").find_all("tr", class_="event")
    return {row.find_all("td")[2].text(): row for row in rows}


def row_of(doc: Element, summary: str) -> Element:
    """The timeline row whose summary starts with ``summary``."""
    found = [row for text, row in events(doc).items() if text.startswith(summary)]
    assert len(found) == 1, list(events(doc))
    return found[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_inferred_date_is_marked_as_the_editors_with_its_basis(
    claims_client: httpx.Client, lang: str
) -> None:
    doc = page(claims_client, "/page/company/gone?lang=" + lang)
    founded = row_of(doc, "消失小贷成立" if lang == "zh" else "Gone Microloan is founded")
    cell = founded.find("td")
    assert date_of(founded) == "2016"
    assert cell.find("span", class_="inferred").text() == INFERRED[lang]
    basis = cell.find("span", class_="basis").text()
    if lang == "zh":
        assert basis == "推断依据：日期：其牌照于2017年获批，成立应在此前一年"
    else:
        assert basis == "Basis: date: its licence was granted in 2017, a year after it was founded"
    # No source states the date: the cell names none, though a source reports the founding.
    assert not cell.find_all("span", class_="stated")
    assert "花呗换主体" in founded.find_all("td")[4].text()


def test_a_wholly_inferred_event_is_marked_beside_what_it_says(
    claims_client: httpx.Client,
) -> None:
    doc = page(claims_client, "/page/company/gone?lang=en")
    ceased = row_of(doc, "消失小贷停止放贷")
    summary = ceased.find_all("td")[2]
    assert summary.find("span", class_="inferred").text() == INFERRED["en"]
    assert "stopped lending, not trading" in summary.find("span", class_="basis").text()
    # Its bound is a source's word, and the date cell says whose.
    assert date_of(ceased) == "by 2022"
    assert row_stated(ceased) == "per 财新 [8]"
    assert not ceased.find("td").find_all("span", class_="inferred")


def test_a_date_names_the_sources_that_state_it(claims_client: httpx.Client) -> None:
    doc = page(claims_client, "/page/company/gone")
    deregistered = row_of(doc, "消失小贷注销（")
    assert date_of(deregistered) == "2023-09"
    assert row_stated(deregistered) == "据 国家企业信用信息公示系统"
    link = deregistered.find("td").find("span", class_="stated").find("a")
    assert section(doc, "sources").find("li", id=link.attrs["href"][1:])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_conflicting_claims_stand_side_by_side_each_with_its_sources(
    claims_client: httpx.Client, lang: str
) -> None:
    doc = page(claims_client, "/page/company/gone?lang=" + lang)
    conflicts = section(doc, "conflicts")
    assert conflicts.find("h2").text() == (
        "相互矛盾的说法" if lang == "zh" else "Conflicting claims"
    )
    (claims,) = conflicts.find_all("table", class_="claims")
    assert len(claims.find("thead").find_all("th")) == 2
    rows = claims.find("tbody").find_all("tr")
    dates = [td.find("time").text() for td in rows[0].find_all("td")]
    assert dates == ["2023-03-15", "2023-09"]
    sources = [td.text() for td in rows[2].find_all("td")]
    assert "花呗换主体 · 财新 · 2023-06-01 · [9]" in sources[0]
    assert "注销公告" in sources[1]
    # Both claims link there from the timeline.
    assert len([r for r in events(doc).values() if r.find_all("a", class_="conflict")]) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_sector_page_charts_its_figures_with_their_comparators(
    claims_client: httpx.Client, lang: str
) -> None:
    doc = page(claims_client, "/page/sector/microloan?lang=" + lang)
    assert doc.find("h1").text() == (
        "全国小额贷款公司" if lang == "zh" else "Microloan companies in China"
    )
    figures = section(doc, "figures")
    charts = figures.find_all("svg")
    assert len(charts) == 2  # one per metric: loan balance, number of companies
    counted = next(c for c in charts if len(c.find_all("g", class_="figure")) == 4)
    marks = {
        g.attrs["data-figure"].rsplit("/", 1)[1]: g for g in counted.find_all("g", class_="figure")
    }
    assert marks["microloan-count-stated"].attrs["data-comparator"] == "MORE_THAN"
    assert ">5500 家 (2023)" in marks["microloan-count-stated"].text()
    assert "≈5300 家" in marks["microloan-count-inferred"].text()
    assert "inferred" in marks["microloan-count-inferred"].attrs["class"].split()
    assert marks["microloan-count-2020"].attrs["data-comparator"] == "EXACT"
    table = figures.find("table").text()
    assert ("超过 5500 家" if lang == "zh" else "more than 5500 家") in table
    # A sector holds no licences, runs no products and has no owners: no such sections.
    assert not doc.find_all("section", id="licences")
    assert not doc.find_all("section", id="owners")


def test_a_sector_page_sets_conflicting_figures_side_by_side(claims_client: httpx.Client) -> None:
    doc = page(claims_client, "/page/sector/microloan?lang=en")
    (claims,) = section(doc, "conflicts").find_all("table", class_="claims")
    amounts = [td.text() for td in claims.find("tbody").find_all("tr")[1].find_all("td")]
    assert amounts == ["about 5300 家", "more than 5500 家"]
    when = claims.find("tbody").find_all("tr")[2].find_all("td")
    assert when[0].find("span", class_="inferred").text() == INFERRED["en"]
    assert when[1].find("span", class_="stated").text() == "per 财新 [4]"


def test_a_notice_page_gives_its_dates_their_sources_and_what_it_supersedes(
    claims_client: httpx.Client,
) -> None:
    doc = page(claims_client, "/page/notice/new-measures?lang=en")
    status = section(doc, "status")
    facts = terms(status.find("dl"))
    assert facts["Effective from"].find("time").text() == "2025-01-01"
    assert (
        facts["Effective from"].find("span", class_="stated").text()
        == "per 国家企业信用信息公示系统 [2]"
    )
    assert facts["Deadline"].find("time").text() == "2026"
    assert facts["Supersedes"].links() == [
        ("/page/notice/old-measures?lang=en", "小额贷款公司暂行办法")
    ]
    old = page(claims_client, "/page/notice/old-measures")
    status = section(old, "status")
    facts = terms(status.find("dl"))
    assert facts["已被以下文件取代"].links() == [
        ("/page/notice/new-measures", "小额贷款公司监督管理办法")
    ]
    effective = facts["施行日期"]
    assert effective.find("span", class_="inferred").text() == INFERRED["zh"]
    assert "发布当年即施行" in effective.text()


def test_a_regulator_lists_which_notice_supersedes_which(claims_client: httpx.Client) -> None:
    notices = section(page(claims_client, "/page/regulator/nfra?lang=en"), "notices")
    old = next(li for li in notices.find_all("li") if "暂行办法" in li.text())
    assert "Superseded by" in old.text()
    assert ("/page/notice/new-measures?lang=en", "小额贷款公司监督管理办法") in old.links()


def test_ends_known_by_a_bound_are_past_and_say_who_gives_them(
    claims_client: httpx.Client,
) -> None:
    ant = page(claims_client, "/page/group/ant?lang=en")
    assert "/page/company/gone?lang=en" not in [
        h for h, _ in section(ant, "owners").find("ul").links()
    ]
    stake = next(
        tr for tr in section(ant, "owners").find("table").find_all("tr") if "消失" in tr.text()
    )
    ended = stake.find_all("td")[4]
    assert ended.text().startswith("Ended by 2023-09")
    assert ended.find("span", class_="stated").text() == "per 国家企业信用信息公示系统"
    loan = page(claims_client, "/page/product/gone-loan?lang=en")
    assert "Run now by" not in section(loan, "status").text()
    operation = section(loan, "products").find("table").find("tbody").find("tr")
    assert operation.find_all("td")[4].find("span", class_="inferred")
    licence = page(claims_client, "/page/licence/gone-online?lang=en")
    status = section(licence, "status").text()
    assert "lapsed with its deregistered holder" in status
    assert "Ended by 2022-12 per 财新 [8]" in status


def test_the_timeline_picture_marks_inferred_events(claims_client: httpx.Client) -> None:
    svg = claims_client.get("/page/company/gone/timeline.svg?lang=en").text
    doc = parse(svg)
    inferred = [
        g for g in doc.find_all("g", class_="event") if "inferred" in g.attrs["class"].split()
    ]
    assert {g.attrs["data-kind"] for g in inferred} == {"ESTABLISHMENT", "BUSINESS_CESSATION"}
    assert all(INFERRED["en"] in g.text() for g in inferred)


def test_an_entitys_rdf_description_carries_the_inferences_and_their_basis(
    claims_client: httpx.Client,
) -> None:
    turtle = claims_client.get("/data/company/gone.ttl")
    assert turtle.status_code == 200
    text = turtle.text
    assert "fr:Inference" in text
    assert "its licence was granted in 2017, a year after it was founded" in text
    assert "fr:inferredProperty fr:validFrom" in text  # the name's, one level down
