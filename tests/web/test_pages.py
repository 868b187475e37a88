"""The pages a journalist reads, in Chinese and English, show the seed graph's facts."""

from __future__ import annotations

import httpx
import pytest

from tests.web.dom import Element, parse

COMPANY = "/page/company"


def page(client: httpx.Client, path: str, status: int = 200) -> Element:
    """The parsed page at ``path``, after checking its status and media type."""
    response = client.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return parse(response.text)


def section(doc: Element, name: str) -> Element:
    """The ``<section id=name>`` of an entity page."""
    return doc.find("section", id=name)


def row_stated(row: Element) -> str:
    """Who states the date of an event row: "据 经济网 [7]" / "per ..."."""
    return row.find("td").find("span", class_="stated").text()


def date_of(row: Element) -> str:
    """The date of an event row, as written: its first cell's ``<time>`` (the cell goes on to
    name the sources that state the date)."""
    return row.find("td").find("time").text()


# Home and search -----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "html_lang"), [("zh", "zh-Hans"), ("en", "en")])
def test_home_has_the_search_form_examples_and_the_ways_to_the_data(
    client: httpx.Client, lang: str, html_lang: str
) -> None:
    doc = page(client, "/" if lang == "zh" else "/?lang=en")
    assert doc.find("html").attrs["lang"] == html_lang
    form = doc.find("form", id="search")
    assert (form.attrs["action"], form.attrs["method"]) == ("/search", "get")
    assert form.find("input", name="q").attrs["type"] == "search"
    hrefs = [href for href, _ in doc.links()]
    for target in ("/graphql", "/sparql", "/export/finreg.ttl", "/export/finreg.nq"):
        assert target in hrefs
    texts = [text for _, text in doc.links()]
    if lang == "zh":
        assert {"花呗", "借呗", "蚂蚁消费金融", "阿里小贷", "网商银行", "微信分付"} <= set(texts)
        assert ("/?lang=en", "English") in doc.links()
    else:
        assert {"Huabei", "Jiebei", "Ant Consumer Finance", "MYbank", "NFRA"} <= set(texts)
        assert ("/?lang=zh", "中文") in doc.links()
        assert form.find("input", name="lang").attrs["value"] == "en"


@pytest.mark.parametrize(
    ("query", "lang", "first"),
    [
        ("huabei", "zh", ("/page/product/huabei", "花呗")),
        ("huabei", "en", ("/page/product/huabei?lang=en", "Huabei")),
        (
            "Ant Consumer Finance",
            "zh",
            ("/page/company/ant-consumer-finance", "蚂蚁消费金融有限公司"),
        ),
        ("花唄", "en", ("/page/product/huabei?lang=en", "Huabei")),
        ("MYbank", "en", ("/page/company/mybank?lang=en", "MYbank")),
        ("微信分付", "zh", ("/page/product/wechat-fenfu", "微信分付")),
    ],
)
def test_search_finds_the_entity_by_any_name(
    client: httpx.Client, query: str, lang: str, first: tuple[str, str]
) -> None:
    doc = page(client, "/search?" + httpx.QueryParams({"q": query, "lang": lang}).__str__())
    results = doc.find("ol", id="results").find_all("li")
    assert results[0].links()[0] == first
    assert doc.find("input", name="q").attrs["value"] == query
    assert all(href.startswith("/page/") for li in results for href, _ in li.links()[:1])


def test_search_shows_the_kind_and_the_name_that_matched(client: httpx.Client) -> None:
    doc = page(client, "/search?q=%E8%8A%B1%E5%94%84&lang=en")  # 花唄, traditional
    first = doc.find("ol", id="results").find("li")
    assert "product" in first.find("span", class_="kind").text()
    assert "花呗" in first.text()


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_search_asks_for_a_name(client: httpx.Client, query: str) -> None:
    doc = page(client, "/search?" + str(httpx.QueryParams({"q": query})))
    assert "请输入要搜索的名称" in doc.find("main").text()
    assert not doc.find_all("ol", id="results")


def test_a_too_long_search_is_refused_with_a_message(client: httpx.Client) -> None:
    doc = page(client, "/search?lang=en&q=" + "a" * 1001, status=400)
    assert "1001 characters" in doc.find("main").text()


def test_a_search_that_finds_nothing_says_so(client: httpx.Client) -> None:
    doc = page(client, "/search?q=zzzqqqxxx&lang=en")
    assert "No name matches" in doc.find("main").text()


def test_search_lists_at_most_the_cap(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("api.web.pages.MAX_HITS", 2)
    doc = page(client, "/search?q=%E5%B0%8F%E8%B4%B7&lang=en")  # 小贷: many microloan firms
    assert len(doc.find("ol", id="results").find_all("li")) == 2
    assert "the first 2 shown" in doc.find("main").text()


# Entity pages -------------------------------------------------------------------------


ENTITY_PAGES = [
    "/page/company/ant-consumer-finance",
    "/page/company/zhejiang-alibaba-microloan",
    "/page/product/huabei",
    "/page/licence/alibaba-microloan-online-microloan-licence",
    "/page/notice/microloan-company-supervision-interim-measures",
    "/page/regulator/nfra",
    "/page/group/ant-group",
]


@pytest.mark.parametrize("path", ENTITY_PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_entity_page_has_the_agreed_sections(
    client: httpx.Client, path: str, lang: str
) -> None:
    doc = page(client, path + ("?lang=en" if lang == "en" else ""))
    assert doc.find("html").attrs["lang"] == ("en" if lang == "en" else "zh-Hans")
    for name in ("names", "status", "licences", "products", "owners", "timeline", "lineage"):
        assert section(doc, name)
    assert section(doc, "sources")
    lineage = section(doc, "lineage").find("svg")
    assert lineage.attrs["role"] == "img"
    assert lineage.find("title").text()
    assert section(doc, "timeline").find_all("svg")
    alternates = {a.attrs["href"] for a in doc.find_all(rel="alternate")}
    assert f"{path.replace('/page/', '/data/')}.ttl" in alternates
    assert f"{path.replace('/page/', '/data/')}.jsonld" in alternates
    assert any(href.startswith(f"{path}/timeline.csv") for href in alternates)
    internal = [h for h, _ in doc.find("main").links() if h.startswith("/page/")]
    assert internal
    if lang == "en":
        assert all(h.endswith("?lang=en") for h in internal)
        assert (path + "?lang=zh", "中文") in doc.links()
    else:
        assert all("lang=" not in h for h in internal)


def test_ant_consumer_finance_timeline_has_true_precision_dates_and_sources(
    client: httpx.Client,
) -> None:
    doc = page(client, "/page/company/ant-consumer-finance")
    assert doc.find("h1").text() == "蚂蚁消费金融有限公司"
    rows = section(doc, "timeline").find_all("tr", class_="event")
    assert len(rows) == 2
    dates = [date_of(row) for row in rows]
    assert dates == ["不晚于 2024-12-30", "不晚于 2024-12-30"]  # the transferors' deregistration
    (jiebei,) = [row for row in rows if "借呗" in row.text()]
    assert jiebei.find("time").attrs["datetime"] == "2024-12-30"
    assert "编者推断" in jiebei.text()  # the bound is the editors' inference, and says so
    first = jiebei.text()
    assert "蚂蚁商诚小贷" in first
    assert "小贷行业深度洗牌" in first
    assert "经济网" in first
    assert "2025-11-13" in first
    assert "[7]" in first
    source_links = [h for h, _ in jiebei.links() if h.startswith("#source-")]
    sources = section(doc, "sources")
    for href in source_links:
        assert sources.find("li", id=href[1:])
    assert ("/page/product/huabei", "花呗") in section(doc, "products").links()
    assert ("/page/product/jiebei", "借呗") in section(doc, "products").links()


def test_ant_consumer_finance_in_english(client: httpx.Client) -> None:
    doc = page(client, "/page/company/ant-consumer-finance?lang=en")
    assert doc.find("h1").text() == "Ant Consumer Finance"
    rows = section(doc, "timeline").find_all("tr", class_="event")
    assert [date_of(row) for row in rows] == ["by 2024-12-30", "by 2024-12-30"]
    assert any("The Jiebei business passes" in row.text() for row in rows)
    assert "active" in section(doc, "status").text()


def test_a_company_timeline_keeps_year_month_and_day_precision(client: httpx.Client) -> None:
    doc = page(client, "/page/company/zhejiang-alibaba-microloan?lang=en")
    dates = [date_of(r) for r in section(doc, "timeline").find_all("tr", class_="event")]
    assert "2010-03-05" in dates
    assert "not before 2015, by 2025-10-24" in dates  # the MYbank hand-over began in 2015
    assert "2022-11" in dates
    assert "not before 2024-02, by 2025-10-22" in dates
    assert not any(d.startswith("2015-") for d in dates)
    assert "deregistered" in section(doc, "status").text()
    licences = section(doc, "licences")
    assert "online microloan licence" in licences.text()
    assert licences.find_all("tr")  # the licence's own history
    lineage = section(doc, "lineage")
    assert ("/page/company/mybank?lang=en", "MYbank") in lineage.links()


def test_huabei_shows_its_hand_over_to_ant_consumer_finance(client: httpx.Client) -> None:
    doc = page(client, "/page/product/huabei")
    assert doc.find("h1").text() == "花呗"
    lineage = section(doc, "lineage")
    assert ("/page/company/ant-consumer-finance", "蚂蚁消费金融有限公司") in lineage.links()
    assert ("/page/company/chongqing-ant-xiaowei-microloan", "蚂蚁小微小贷") in lineage.links()
    assert "不晚于 2024-12-30" in lineage.text()
    assert "蚂蚁消费金融有限公司" in section(doc, "status").text()  # run now by
    names = section(doc, "names").text()
    assert "Huabei" in names
    assert "蚂蚁花呗" in names


def test_a_licence_page_shows_holder_status_and_history(client: httpx.Client) -> None:
    doc = page(client, "/page/licence/alibaba-microloan-online-microloan-licence?lang=en")
    status = section(doc, "status")
    assert "lapsed with its deregistered holder" in status.text()
    holder = "/page/company/zhejiang-alibaba-microloan?lang=en"
    assert (holder, "浙江阿里巴巴小额贷款股份有限公司") in status.links()
    assert status.find("a", href=holder).attrs["lang"] == "zh"  # a Chinese name says so
    grant = section(doc, "timeline").find("tr", class_="event")
    assert "licence grant" in grant.text()
    assert date_of(grant) == "not before 2010-03-05, by 2025-10-24"


def test_a_notice_page_shows_issuer_and_issue_date(client: httpx.Client) -> None:
    doc = page(client, "/page/notice/microloan-company-supervision-interim-measures")
    status = section(doc, "status")
    assert "2025-01" in status.text()
    assert ("/page/regulator/nfra", "国家金融监督管理总局") in status.links()


def test_a_regulator_page_lists_the_notices_it_issued(client: httpx.Client) -> None:
    doc = page(client, "/page/regulator/nfra?lang=en")
    assert doc.find("h1").text() == "National Financial Regulatory Administration"
    notices = [h for h, _ in section(doc, "notices").links()]
    assert "/page/notice/microloan-company-supervision-interim-measures?lang=en" in notices


def test_a_group_page_lists_its_members_and_stakes(client: httpx.Client) -> None:
    doc = page(client, "/page/group/ant-group")
    owners = section(doc, "owners")
    assert ("/page/company/chongqing-ant-xiaowei-microloan", "蚂蚁小微小贷") in owners.links()
    assert "2024-12-30" in owners.text()


@pytest.mark.parametrize(
    "path",
    [
        "/page/company/no-such-company",
        "/page/spaceship/huabei",
        "/data/company/no-such-company.ttl",
        "/page/company/no-such-company/timeline.csv",
        "/export/finreg.xml",
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_page_is_a_404_page_in_the_right_language(
    client: httpx.Client, path: str, lang: str
) -> None:
    response = client.get(path + ("?lang=en" if lang == "en" else ""))
    assert response.status_code == 404
    doc = parse(response.text)
    assert doc.find("html").attrs["lang"] == ("en" if lang == "en" else "zh-Hans")
    assert doc.find("h1").text() == ("Not found" if lang == "en" else "未找到")
