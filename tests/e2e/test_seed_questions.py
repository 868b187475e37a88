"""The questions researchers and journalists ask, over real HTTP against the seeded server."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.httpx import HTTPXTransport

from tests.e2e.conftest import ask, fail

LINEAGE = """query($name: String!, $direction: Direction! = DOWNSTREAM, $asOf: PartialDate) {
  lineage(name: $name, direction: $direction, asOf: $asOf) {
    depth date notAfter
    from { name } to { name } business { name }
    event { summary(lang: "en") firstReported sources { publisher published } }
  }
}"""


@pytest.mark.parametrize(
    ("product", "operator", "bound"),
    [("花呗", "蚂蚁小微小贷", "2023-12"), ("Jiebei", "蚂蚁商诚小贷", "2023-06")],
)
def test_huabei_and_jiebei_went_to_ant_consumer_finance(
    client: httpx.Client, product: str, operator: str, bound: str
) -> None:
    (transfer,) = ask(client, LINEAGE, name=product)["lineage"]
    assert transfer["from"]["name"] == operator
    assert transfer["to"]["name"] == "蚂蚁消费金融有限公司"
    assert transfer["date"] is None
    assert transfer["notAfter"] == bound
    assert {s["publisher"] for s in transfer["event"]["sources"]} >= {"贝壳财经", "经济网"}


def test_alibaba_microloan_handed_its_business_to_mybank_from_2015(client: httpx.Client) -> None:
    (transfer,) = ask(client, LINEAGE, name="浙江阿里巴巴小额贷款股份有限公司")["lineage"]
    assert (transfer["to"]["name"], transfer["date"], transfer["depth"]) == ("网商银行", "2015", 1)
    published = {(s["publisher"], s["published"]) for s in transfer["event"]["sources"]}
    assert published == {
        ("贝壳财经", "2025-10-24"),
        ("国际金融报", "2025-10-25"),
        ("经济网", "2025-11-13"),
    }
    assert transfer["event"]["firstReported"] == "2025-10-24"
    upstream = ask(client, LINEAGE, name="MYbank", direction="UPSTREAM")["lineage"]
    assert [t["from"]["name"] for t in upstream] == ["浙江阿里巴巴小额贷款股份有限公司"]
    assert ask(client, LINEAGE, name="阿里小贷", asOf="2015-06-30")["lineage"] == []


TIMELINE = """query($name: String!) {
  entity(name: $name) {
    name
    names { value kind validTo }
    timeline { kind date notAfter }
    ... on Company { status before: status(asOf: "2024-06") }
  }
}"""


@pytest.mark.parametrize(
    ("company", "renamed"),
    [("蚂蚁商诚小贷", "2023-06"), ("重庆市阿里小微小额贷款有限公司", "2023-12")],
)
def test_chongqing_companies_rename_and_deregistration_dates(
    client: httpx.Client, company: str, renamed: str
) -> None:
    entity = ask(client, TIMELINE, name=company)["entity"]
    events = [(e["kind"], e["date"]) for e in entity["timeline"]]
    assert ("RENAME", renamed) in events
    assert ("DEREGISTRATION", "2024-12-30") in events
    assert (entity["status"], entity["before"]) == ("DEREGISTERED", "ACTIVE")
    assert {n["validTo"] for n in entity["names"] if n["kind"] == "SHORT"} == {renamed}


def test_who_runs_wechat_fenfu(client: httpx.Client) -> None:
    query = '{ entity(name: "WeChat Fenfu") { ... on Product { operators { name } } } }'
    assert ask(client, query)["entity"]["operators"] == [{"name": "微恒科技"}]


def test_fox_microloan_lost_its_pilot_qualification(client: httpx.Client) -> None:
    query = """{ entity(name: "狐狸互联网小额贷款(宁波)有限公司") {
      ... on Company {
        licences { name status timeline { kind deadline notAfter } }
        owners { name }
      }
    } }"""
    company = ask(client, query)["entity"]
    (licence,) = company["licences"]
    assert licence["status"] == "REVOKED"
    (revocation,) = licence["timeline"]
    assert (revocation["kind"], revocation["deadline"]) == ("LICENCE_REVOCATION", "2025-11-30")
    assert {"name": "搜狐"} in company["owners"]


def test_the_nfra_notices(client: httpx.Client) -> None:
    query = (
        '{ entity(name: "国家金融监督管理总局") { ... on Regulator { notices { name issued } } } }'
    )
    notices = ask(client, query)["entity"]["notices"]
    assert {"name": "小额贷款公司监督管理暂行办法", "issued": "2025-01"} in notices
    assert len(notices) >= 2


@pytest.mark.parametrize(
    ("text", "first"),
    [("huabei", "花呗"), ("Ant Consumer Finance", "蚂蚁消费金融有限公司"), ("jiebei", "借呗")],
)
def test_english_and_pinyin_search(client: httpx.Client, text: str, first: str) -> None:
    query = "query($t: String!) { search(text: $t) { totalCount edges { node { name } } } }"
    found = ask(client, query, t=text)["search"]
    assert found["totalCount"] >= 1
    assert found["edges"][0]["node"]["name"] == first


def test_events_newest_first_filtered_by_kind_and_year(client: httpx.Client) -> None:
    query = """{ events(kinds: [DEREGISTRATION], from: "2024", to: "2024") {
      totalCount edges { node { date participants { role entity { name } } } } } }"""
    page = ask(client, query)["events"]
    assert page["totalCount"] == 2
    assert {e["node"]["date"] for e in page["edges"]} == {"2024-12-30"}


def _deep(levels: int) -> str:
    inner = "name"
    for _ in range(levels):
        inner = f"timeline {{ participants {{ entity {{ {inner} }} }} }}"
    return f'{{ entity(name: "花呗") {{ {inner} }} }}'


DEEP = _deep(8)


@pytest.mark.parametrize(
    ("query", "code", "words"),
    [
        ('{ lineage(name: "花呗", asOf: "2023-13") { depth } }', None, 'invalid date "2023-13"'),
        ('{ search(text: "蚂蚁", first: 101) { totalCount } }', "BAD_USER_INPUT", "100"),
        (DEEP, "LIMIT_EXCEEDED", "depth"),
    ],
)
def test_user_mistakes_get_graphql_errors(
    client: httpx.Client, query: str, code: str | None, words: str
) -> None:
    errors = fail(client, query)
    assert words in errors[0]["message"]
    if code:
        assert errors[0]["extensions"]["code"] == code


def test_a_real_graphql_client_asks_the_lineage_of_huabei(seed_server: str) -> None:
    transport = HTTPXTransport(url=f"{seed_server}/graphql", timeout=30)
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        request = GraphQLRequest(LINEAGE, variable_values={"name": "花呗"})
        result: dict[str, Any] = session.execute(request)
    assert [t["to"]["name"] for t in result["lineage"]] == ["蚂蚁消费金融有限公司"]
