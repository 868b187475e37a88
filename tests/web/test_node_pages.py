"""A page for every node finreg mints: every subject IRI of the seeds in finreg's namespace
(entities, events, sources, stakes, operations, partnerships, figures, metrics) answers at
/id/ with a 303 to its page, its Turtle and its JSON-LD, each a 200; a source's page lists
the facts citing it in the article's order, paged; a company's page lists the notices that
affect it; nodes not yet reported are not found when the graph is read as known on a date.
On every backend."""

from __future__ import annotations

import json

import httpx
import pytest
from pyoxigraph import NamedNode, RdfFormat, Store, parse

from kg.vocab import DATA
from tests.conftest import SEEDS
from tests.web.test_pages import page, section

SOURCE = "/page/source/jingjiwang-2025-11-13-microloan-shakeout"
"""经济网's article: 59 facts cite it at its places, more than one page of 50."""


def seed_subjects() -> list[str]:
    """Every subject IRI the seed files write in finreg's instance namespace."""
    store = Store()
    for path in SEEDS:
        store.load(path=str(path), format=RdfFormat.TURTLE)
    return sorted(
        {
            q.subject.value
            for q in store.quads_for_pattern(None, None, None)
            if isinstance(q.subject, NamedNode) and q.subject.value.startswith(str(DATA))
        }
    )


def test_the_seeds_mint_every_kind_of_node() -> None:
    kinds = {iri[len(str(DATA)) :].split("/")[0] for iri in seed_subjects()}
    assert kinds == {
        "regulator", "company", "group", "product", "licence", "notice", "sector", "event",
        "source", "stake", "operation", "partnership", "figure", "metric",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("accept", "media_type", "prefix"),
    [
        ("text/html", "text/html; charset=utf-8", "/page/"),
        ("text/turtle", "text/turtle; charset=utf-8", "/data/"),
        ("application/ld+json", "application/ld+json", "/data/"),
    ],
)
def test_every_seed_iri_dereferences(
    client: httpx.Client, accept: str, media_type: str, prefix: str
) -> None:
    failed = []
    for iri in seed_subjects():
        path = "/id/" + iri[len(str(DATA)) :]
        answer = client.get(path, headers={"Accept": accept})
        location = answer.headers.get("location", "")
        if answer.status_code != 303 or not location.startswith(prefix):
            failed.append((iri, answer.status_code, location))
            continue
        document = client.get(location)
        if document.status_code != 200 or document.headers["content-type"] != media_type:
            failed.append((iri, document.status_code, document.headers["content-type"]))
            continue
        if accept == "text/turtle":
            triples = list(parse(document.content, format=RdfFormat.TURTLE))
            assert any(t.subject == NamedNode(iri) for t in triples), iri
        elif accept == "application/ld+json":
            assert json.loads(document.content), iri
        else:
            assert f"<code>{iri}</code>" in document.text, iri
    assert failed == []


def test_a_source_page_lists_the_facts_citing_it_in_the_articles_order(
    client: httpx.Client,
) -> None:
    doc = page(client, SOURCE + "?lang=en")
    assert "经济网" in section(doc, "source").text()
    citing = section(doc, "citing")
    assert "59 in all" in citing.text()
    rows = citing.find_all("tr", class_="citing")
    assert len(rows) == 50
    markers = [row.find("td", class_="locator").text() for row in rows]
    marked = [m for m in markers if m]
    assert markers[: len(marked)] == marked  # facts cited at no marked place come last
    numbers = [int(m[1:].split("]")[0]) for m in marked]
    assert numbers == sorted(numbers)
    assert markers[0].startswith("[1]")
    # Each fact links to its page, with what the article states there.
    transfer = next(r for r in rows if "MYbank" in r.text() or "网商银行" in r.text())
    ((href, _),) = transfer.links()
    assert href.startswith("/page/event/")
    assert href.endswith("?lang=en")
    stated = [r for r in rows if r.find_all("td")[3].text()]
    assert stated
    assert "date" in " ".join(r.find_all("td")[3].text() for r in stated)
    kinds = {r.find_all("td")[1].text() for r in rows}
    assert {"business transfer", "figure", "stake"} <= kinds
    nav = doc.find("nav", class_="pager")
    assert "Page 1 of 2" in nav.text()
    ((older, _),) = nav.links()
    assert older == SOURCE + "?page=2&lang=en"
    second = page(client, older)
    rest = section(second, "citing").find_all("tr", class_="citing")
    assert len(rest) == 9
    first_page = {(r.text()) for r in rows}
    assert not first_page & {r.text() for r in rest}
    assert [h for h, _ in second.find("nav", class_="pager").links()] == [SOURCE + "?lang=en"]
    assert client.get(SOURCE + "?page=3").status_code == 404


def test_a_name_is_cited_with_the_entity_that_bears_it(client: httpx.Client) -> None:
    doc = page(client, "/page/source/beikecaijing-2025-10-24-alibaba-microloan-deregistered")
    rows = section(doc, "citing").find_all("tr", class_="citing")
    names = [r for r in rows if r.find_all("td")[1].text() == "名称"]
    assert names
    assert any("浙江阿里巴巴小额贷款股份有限公司" in r.text() for r in names)
    assert all(h.startswith("/page/") for r in names for h, _ in r.links())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_event_page(client: httpx.Client, lang: str) -> None:
    doc = page(client, f"/page/event/huabei-transfer-to-ant-consumer-finance?lang={lang}")
    assert doc.find("html").attrs["lang"] == ("en" if lang == "en" else "zh-Hans")
    facts = section(doc, "event").text()
    assert ("by 2024-12-30" if lang == "en" else "不晚于 2024-12-30") in facts
    assert doc.find("section", id="event").find_all("span", class_="inferred")
    people = {h.split("?")[0] for h, _ in section(doc, "participants").links()}
    assert people == {
        "/page/company/chongqing-ant-xiaowei-microloan",
        "/page/company/ant-consumer-finance",
        "/page/product/huabei",
    }
    sources = {h.split("?")[0] for h, _ in section(doc, "sources").links()}
    assert "/page/source/beikecaijing-2025-10-24-alibaba-microloan-deregistered" in sources
    hrefs = [h for h, _ in section(doc, "documents").links()]
    assert "/data/event/huabei-transfer-to-ant-consumer-finance.ttl" in hrefs
    assert any(h.startswith("/feed/BusinessTransfer.atom") for h in hrefs)


def test_relationship_figure_and_metric_pages(client: httpx.Client) -> None:
    stake = page(client, "/page/stake/ant-group-chongqing-ant-xiaowei-microloan?lang=en")
    assert "stake" in stake.find("p", class_="kind").text()
    assert {"/page/group/ant-group?lang=en"} <= {
        h for h, _ in section(stake, "relationship").links()
    }
    figure = page(
        client, "/page/figure/ant-group-electronic-medical-insurance-code-users-lower-bound?lang=en"
    )
    assert "more than 800000000" in section(figure, "figure").text()
    assert "/page/metric/covered-users?lang=en" in [h for h, _ in section(figure, "figure").links()]
    metric = page(client, "/page/metric/covered-users?lang=en")
    rows = section(metric, "figures").find_all("tr", class_="figure")
    assert rows
    assert any("/page/group/ant-group?lang=en" in h for r in rows for h, _ in r.links())


def test_a_company_page_lists_the_notices_that_affect_it(client: httpx.Client) -> None:
    doc = page(client, "/page/company/mashang-consumer-finance?lang=en")
    affecting = section(doc, "affecting")
    hrefs = {h.split("?")[0] for h, _ in affecting.links()}
    assert "/page/notice/consumer-finance-rate-cap-guidance-mid-december" in hrefs
    assert "/page/notice/consumer-finance-rate-cap-window-guidance-2026q1" in hrefs
    none = page(client, "/page/company/ant-consumer-finance")
    assert "暂无记录" in section(none, "affecting").text() or section(none, "affecting").links()


def test_nodes_not_yet_reported_are_not_found_then(known_client: httpx.Client) -> None:
    for path in ("/page/event/new-to-late", "/page/source/later", "/page/relationship/g-new"):
        assert known_client.get(path).status_code == 200, path
        assert known_client.get(path + "?knownAt=2025-10-24").status_code == 404, path
        iri = path.replace("/page/", "/id/")
        assert known_client.get(iri + "?knownAt=2025-10-24").status_code == 404, iri
    response = known_client.get("/id/event/old-to-new?knownAt=2025-10-24&lang=en")
    assert response.headers["location"] == "/page/event/old-to-new?knownAt=2025-10-24&lang=en"
    doc = page(known_client, "/page/source/first?knownAt=2025-10-24")
    assert doc.find("p", id="known-at")
    assert known_client.get("/page/metric/balance?knownAt=2020").status_code == 200


@pytest.mark.parametrize(
    "path", ["/page/nothing/x", "/page/event/no-such-event", "/id/source/nope"]
)
def test_an_unknown_node_is_404(client: httpx.Client, path: str) -> None:
    assert client.get(path).status_code == 404


def test_claims_that_disagree_stand_side_by_side_on_their_pages(
    claims_client: httpx.Client,
) -> None:
    doc = page(claims_client, "/page/event/gone-deregistered?lang=en")
    claims = section(doc, "conflicts").find("table", class_="claims")
    assert "2023-03-15" in claims.text()
    assert len(claims.find_all("th", scope="col")) == 2
    ceased = page(claims_client, "/page/event/gone-ceased?lang=en")
    assert "the report says only that it stopped lending" in section(ceased, "event").text()
    assert section(ceased, "event").find_all("span", class_="inferred")
    figure = page(claims_client, "/page/figure/microloan-count-stated?lang=en")
    assert "more than 5500" in section(figure, "conflicts").text()
    news = page(claims_client, "/page/source/news?lang=en")
    assert section(news, "citing").find_all("tr", class_="citing")
