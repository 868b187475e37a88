"""Data extension: proposed properties per type, and rows whose cells keep each date at its
precision and name the sources that state it."""

from __future__ import annotations

from kg.knowledge import KnowledgeGraph
from kg.store import GraphStore
from tests.counting import CountingStore
from tests.reconcile.client import ReconciliationClient
from tests.reconcile.graph import DING_OLD, WU_COMPANY

IDS = "https://w3id.org/finreg/id/"
ONTOLOGY = "https://w3id.org/finreg/ontology#"
ALIBABA = IDS + "company/zhejiang-alibaba-microloan"
SHANGCHENG = IDS + "company/chongqing-ant-shangcheng-microloan"
ACF = IDS + "company/ant-consumer-finance"
HUABEI = IDS + "product/huabei"

DEREGISTRATION = [
    "deregistrationDate",
    "deregistrationNotBefore",
    "deregistrationNotAfter",
    "deregistrationSources",
]


def test_properties_are_proposed_per_type(seeds: ReconciliationClient) -> None:
    company = [p["id"] for p in seeds.propose(ONTOLOGY + "Company")["properties"]]
    assert {"legalName", "latestName", "status", "owners", *DEREGISTRATION} <= set(company)
    assert "operator" not in company
    product = [p["id"] for p in seeds.propose(ONTOLOGY + "Product")["properties"]]
    assert {"operator", "operatorSources", "legalName"} <= set(product)
    assert "deregistrationDate" not in product
    assert len(seeds.propose(ONTOLOGY + "Company", limit=3)["properties"]) == 3
    every = {p["id"] for p in seeds.propose()["properties"]}
    assert every == set(company) | set(product)


def test_sources_are_proposed_as_properties_of_their_own(
    seeds: ReconciliationClient, seeds_en: ReconciliationClient
) -> None:
    names = {p["id"]: p["name"] for p in seeds_en.propose(ONTOLOGY + "Company")["properties"]}
    assert names["deregistrationSources"] == "sources of the deregistration date"
    assert names["legalNameSources"] == "sources of the legal name"
    zh = {p["id"]: p["name"] for p in seeds.propose(ONTOLOGY + "Company")["properties"]}
    assert zh["deregistrationSources"] == "注销日期的来源"


def test_a_deregistration_date_keeps_its_precision(seeds: ReconciliationClient) -> None:
    rows = seeds.extend([SHANGCHENG, ALIBABA], ["status", *DEREGISTRATION])["rows"]
    # 贝壳财经 [3] gives the day: a date cell. 经济网 cites the event but gives only the month,
    # and 国际金融报 no date: neither is a source of the date.
    day = rows[SHANGCHENG]
    assert day["status"] == [{"str": "已注销"}]
    assert day["deregistrationDate"] == [{"date": "2024-12-30T00:00:00Z"}]
    assert day["deregistrationNotBefore"] == day["deregistrationNotAfter"] == []
    assert [c["str"] for c in day["deregistrationSources"]] == [
        "阿里小贷注销,阿里和蚂蚁系小贷公司还有谁? — 贝壳财经 — 2025-10-24 [3]"
    ]
    # Only bounds are known for Zhejiang Alibaba Microloan: a month, never padded, and a day.
    bounds = rows[ALIBABA]
    assert bounds["deregistrationDate"] == []
    assert bounds["deregistrationNotBefore"] == [{"str": "2024-02"}]
    assert bounds["deregistrationNotAfter"] == [{"date": "2025-10-22T00:00:00Z"}]
    assert len(bounds["deregistrationSources"]) == 1
    assert "贝壳财经 — 2025-10-24 [1][2][4]" in bounds["deregistrationSources"][0]["str"]


def test_a_year_stays_a_year_and_an_inference_says_so(small: ReconciliationClient) -> None:
    small_en = ReconciliationClient(small.http, small.endpoint + "/en")
    rows = small_en.extend([DING_OLD, WU_COMPANY], DEREGISTRATION)["rows"]
    assert rows[DING_OLD]["deregistrationDate"] == [{"str": "2021"}]
    # source:t cites the event without stating its date: only source:s is a source of it.
    assert rows[DING_OLD]["deregistrationSources"] == [
        {"str": "测试报道 — 测试报 — 2025-10-24 [4]"}
    ]
    assert rows[WU_COMPANY]["deregistrationNotAfter"] == [{"str": "2024-12"}]
    assert rows[WU_COMPANY]["deregistrationSources"] == [
        {"str": "inferred by the editors: the report says it had left by the end of the year"}
    ]


def test_names_operators_and_owners(
    seeds: ReconciliationClient, seeds_en: ReconciliationClient
) -> None:
    properties = ["legalName", "latestName", "names", "kind", "operator", "operatorSources"]
    rows = seeds_en.extend([HUABEI, SHANGCHENG, ACF], [*properties, "owners"])["rows"]
    huabei = rows[HUABEI]
    assert huabei["legalName"] == [{"str": "花呗"}]
    assert huabei["latestName"] == [{"str": "Huabei"}]
    assert {"str": "蚂蚁花呗"} in huabei["names"]
    assert huabei["kind"] == [{"str": "product"}]
    assert huabei["operator"] == [{"id": ACF, "name": "Ant Consumer Finance"}]
    assert any("贝壳财经" in c["str"] for c in huabei["operatorSources"])
    assert huabei["owners"] == []  # owners are a company's or a group's property
    # The shangcheng company has no legal name in the seeds, and its rename's new name is
    # not reported: its latest-known name is the short name it bore until 2023-06.
    assert rows[SHANGCHENG]["legalName"] == []
    assert rows[SHANGCHENG]["latestName"] == [{"str": "蚂蚁商诚小贷"}]
    # Owners are today's: Ant Group's stake in 阿里小贷 ended by 2025-10-22 (贝壳财经 [2]),
    # so the deregistered company has none now.
    owners = seeds.extend([ALIBABA], ["owners"])["rows"][ALIBABA]["owners"]
    assert owners == []


def test_an_unknown_id_has_a_row_of_empty_lists(seeds: ReconciliationClient) -> None:
    rows = seeds.extend(["urn:x:not-here", IDS + "company/nobody"], ["legalName", "owners"])
    assert rows["rows"] == {
        "urn:x:not-here": {"legalName": [], "owners": []},
        IDS + "company/nobody": {"legalName": [], "owners": []},
    }


def test_an_extension_costs_the_same_round_trips_whatever_its_size(
    seeded_store: GraphStore,
) -> None:
    from api.reconcile.extend import PROPERTIES, extend
    from api.reconcile.protocol import ExtendQuery

    def round_trips(ids: list[str]) -> int:
        counting = CountingStore(seeded_store)
        graph = KnowledgeGraph(counting)  # type: ignore[arg-type]
        extend(graph, ExtendQuery(tuple(ids), tuple(p.id for p in PROPERTIES)), "zh")
        return counting.round_trips

    one = round_trips([ALIBABA, HUABEI])
    many = round_trips(
        [ALIBABA, HUABEI, SHANGCHENG, ACF, *(IDS + f"company/x{i}" for i in range(20))]
    )
    assert many <= one + 2  # the walk up the owners may go one level further
    assert many <= 25
