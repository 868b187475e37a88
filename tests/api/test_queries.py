"""The root fields and the types' fields against the API test graph, through schema.execute."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.schema import FinregSchema
from kg.loaders import load_files
from kg.settings import Settings
from tests.api.conftest import Run, execute, write_graph
from tests.api.graph import API_PREFIXES, NS
from tests.backends import Backend
from tests.conftest import stated_by

CHONGQING = NS + "company/chongqing"
ACF = NS + "company/acf"
HUABEI = NS + "product/huabei"


def data(run: Run, query: str, **variables: Any) -> dict[str, Any]:
    """Run a query that must succeed; return its data."""
    result = run(query, **variables)
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data


def test_entity_resolves_chinese_english_former_names_and_iris(run: Run) -> None:
    query = "query($n: String!) { entity(name: $n) { id kind name } }"
    for name in ("重庆市蚂蚁小微小额贷款有限公司", "重庆阿里小贷", CHONGQING):
        assert data(run, query, n=name)["entity"]["id"] == CHONGQING
    assert data(run, query, n="ant consumer finance")["entity"] == {
        "id": ACF,
        "kind": "COMPANY",
        "name": "重庆蚂蚁消费金融有限公司",
    }


def test_entity_is_null_when_nothing_bears_the_name(run: Run) -> None:
    assert data(run, '{ entity(name: "没有这家公司") { id } }') == {"entity": None}


def test_ambiguous_name_gives_ambiguous_error_with_candidates(run: Run) -> None:
    result = run('{ entity(name: "同名公司") { id } }')
    assert result.errors is not None
    (error,) = result.errors
    assert error.extensions is not None
    assert error.extensions["code"] == "AMBIGUOUS"
    assert error.extensions["candidates"] == [
        {"id": ACF, "name": "重庆蚂蚁消费金融有限公司"},
        {"id": CHONGQING, "name": "重庆市蚂蚁小微小额贷款有限公司"},
    ]
    assert "同名公司" in error.message


def test_name_as_of_a_date_and_all_names_with_sources(run: Run) -> None:
    found = data(
        run,
        """{ entity(name: "重庆阿里小贷") {
            then: name(asOf: "2014") now: name en: name(lang: "en")
            names { value lang kind validFrom validTo citations { locator source { title } } }
        } }""",
    )["entity"]
    assert found["then"] == "重庆阿里小贷"
    assert found["now"] == "重庆市蚂蚁小微小额贷款有限公司"
    assert found["en"] == "重庆市蚂蚁小微小额贷款有限公司"  # no English name: falls back
    former = next(n for n in found["names"] if n["kind"] == "FORMER")
    assert former["validFrom"] == "2013"
    assert former["validTo"] == "2015-06"
    legal = next(n for n in found["names"] if n["kind"] == "LEGAL")
    assert legal["citations"] == [{"locator": "[3]", "source": {"title": "花呗换主体"}}]


def test_timeline_oldest_first_with_window_and_kinds(run: Run) -> None:
    query = """query($from: PartialDate, $to: PartialDate, $kinds: [EventKind!]) {
        entity(name: "重庆阿里小贷") {
            timeline(from: $from, to: $to, kinds: $kinds) { id kind date notAfter }
        } }"""
    everything = data(run, query)["entity"]["timeline"]
    assert [e["kind"] for e in everything] == [
        "LICENCE_GRANT",
        "PRODUCT_LAUNCH",
        "BUSINESS_TRANSFER",
        "LIQUIDATION",
    ]
    window = data(run, query, **{"from": "2015", "to": "2023"})["entity"]["timeline"]
    assert [e["kind"] for e in window] == ["PRODUCT_LAUNCH", "BUSINESS_TRANSFER"]
    kinds = data(run, query, kinds=["LIQUIDATION"])["entity"]["timeline"]
    assert [e["date"] for e in kinds] == ["2024-12-30"]


def test_company_status_licences_products_owners_and_figures(run: Run) -> None:
    company = data(
        run,
        """{ entity(name: "重庆市蚂蚁小微小额贷款有限公司") { ... on Company {
            status then: status(asOf: "2020")
            licences { name }
            products { id } productsThen: products(asOf: "2016") { id name }
            owners { id kind }
            figures { label en: label(lang: "en") amount unit date sources { title } }
        } } }""",
    )["entity"]
    assert company["status"] == "IN_LIQUIDATION"
    assert company["then"] == "ACTIVE"
    assert company["licences"] == [{"name": "网络小贷牌照"}]
    assert company["products"] == []
    assert company["productsThen"] == [{"id": HUABEI, "name": "花呗"}]
    assert company["owners"] == [{"id": NS + "group/ant", "kind": "GROUP"}]
    assert company["figures"] == [
        {
            "label": "贷款余额",
            "en": "loan balance",
            "amount": "1234.5",
            "unit": "亿元",
            "date": "2020-06-30",
            "sources": [{"title": "花呗换主体"}],
        }
    ]


def test_owners_are_followed_indirectly_and_members_of_a_group(run: Run) -> None:
    found = data(
        run,
        """{ acf: entity(name: "重庆蚂蚁消费金融有限公司") { ... on Company {
                owners { id } before: owners(asOf: "2020") { id } } }
            ant: entity(name: "Ant Group") { ... on Group { members { id } } } }""",
    )
    assert found["acf"]["owners"] == [{"id": CHONGQING}, {"id": NS + "group/ant"}]
    assert found["acf"]["before"] == []
    assert found["ant"]["members"] == [{"id": ACF}, {"id": CHONGQING}]


def test_product_operators_now_and_then(run: Run) -> None:
    found = data(
        run,
        """{ entity(name: "huabei") { kind ... on Product {
            operators { id } then: operators(asOf: "2016") { id } } } }""",
    )["entity"]
    assert found == {"kind": "PRODUCT", "operators": [{"id": ACF}], "then": [{"id": CHONGQING}]}


def test_licence_holder_issuer_status_and_type(run: Run) -> None:
    found = data(
        run,
        """{ entity(name: "网络小贷牌照") { ... on Licence {
            holder { id } issuer { name(lang: "en") } status before: status(asOf: "2012")
            licenceType
        } } }""",
    )["entity"]
    assert found == {
        "holder": {"id": CHONGQING},
        "issuer": {"name": "NFRA"},
        "status": "ACTIVE",
        "before": "UNKNOWN",
        "licenceType": "网络小额贷款业务资格",
    }


def test_notice_and_regulator_notices(run: Run) -> None:
    found = data(
        run,
        """{ entity(name: "NFRA") { kind ... on Regulator { notices {
            id issued noticeType issuedBy { id } affects { id }
        } } } }""",
    )["entity"]
    assert found["kind"] == "REGULATOR"
    assert found["notices"] == [
        {
            "id": NS + "notice/window",
            "issued": "2021-04-12",
            "noticeType": "窗口指导",
            "issuedBy": [{"id": NS + "regulator/nfra"}],
            "affects": [{"id": CHONGQING}],
        }
    ]


def test_event_fields_dates_reasons_participants_and_citations(run: Run) -> None:
    event = data(
        run,
        """{ node(id: "https://w3id.org/finreg/id/event/huabei-moves") { ... on Event {
            kind date datePrecision notBefore notAfter deadline firstReported
            summary en: summary(lang: "en") reason
            participants { role entity { id } }
            citations { locator source { id } }
            sources { published publishedPrecision }
        } } }""",
    )["node"]
    assert event["kind"] == "BUSINESS_TRANSFER"
    assert event["date"] is None
    assert event["datePrecision"] is None
    assert [event["notBefore"], event["notAfter"], event["deadline"]] == [
        "2022",
        "2023-06",
        "2023-12",
    ]
    assert event["firstReported"] == "2015-03"
    assert event["summary"] == event["en"] == "花呗转入消费金融公司"
    assert event["reason"] == "监管整改"
    assert event["participants"] == [
        {"role": "transferor", "entity": {"id": CHONGQING}},
        {"role": "transferee", "entity": {"id": ACF}},
        {"role": "transferredScope", "entity": {"id": HUABEI}},
    ]
    assert {"locator": "[7]", "source": {"id": NS + "source/news"}} in event["citations"]
    assert {"published": "2015-03", "publishedPrecision": "MONTH"} in event["sources"]


def test_node_finds_entities_events_and_sources_and_null_otherwise(run: Run) -> None:
    query = "query($id: ID!) { node(id: $id) { __typename id } }"
    for iri, typename in (
        (HUABEI, "Product"),
        (NS + "event/huabei-launch", "Event"),
        (NS + "source/early", "Source"),
    ):
        assert data(run, query, id=iri)["node"] == {"__typename": typename, "id": iri}
    assert data(run, query, id=NS + "company/nobody")["node"] is None


def test_lineage_of_a_product_is_every_hand_over_that_moved_it(run: Run) -> None:
    found = data(
        run,
        """{ lineage(name: "花呗") {
            from { id } to { id } business { id } date notAfter depth
            event { id } sources { title }
        } }""",
    )["lineage"]
    assert found == [
        {
            "from": {"id": CHONGQING},
            "to": {"id": ACF},
            "business": [{"id": HUABEI}],
            "date": None,
            "notAfter": "2023-06",
            "depth": 1,
            "event": {"id": NS + "event/huabei-moves"},
            "sources": [{"title": "Early report"}, {"title": "花呗换主体"}],
        }
    ]


def test_lineage_of_a_company_by_direction_and_as_of(run: Run) -> None:
    query = """query($n: String!, $d: Direction!, $asOf: PartialDate) {
        lineage(name: $n, direction: $d, asOf: $asOf) { from { id } to { id } depth } }"""
    hand_over = [{"from": {"id": CHONGQING}, "to": {"id": ACF}, "depth": 1}]
    assert data(run, query, n="重庆阿里小贷", d="DOWNSTREAM")["lineage"] == hand_over
    assert data(run, query, n="重庆阿里小贷", d="UPSTREAM")["lineage"] == []
    assert data(run, query, n="Ant Consumer Finance", d="UPSTREAM")["lineage"] == hand_over
    assert data(run, query, n="Ant Consumer Finance", d="BOTH")["lineage"] == hand_over
    before = data(run, query, n="重庆阿里小贷", d="DOWNSTREAM", asOf="2023-05")
    assert before["lineage"] == []


def test_lineage_of_an_unknown_name_is_not_found(run: Run) -> None:
    result = run('{ lineage(name: "没有这家公司") { depth } }')
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}
    assert "没有这家公司" in result.errors[0].message


def test_events_newest_first_filtered_and_paged(run: Run) -> None:
    query = """query($kinds: [EventKind!], $from: PartialDate, $to: PartialDate,
                     $involving: String, $first: Int!, $after: String) {
        events(kinds: $kinds, from: $from, to: $to, involving: $involving,
               first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id date } }
        } }"""
    everything = data(run, query, first=50)["events"]
    ids = [e["node"]["id"].rsplit("/", 1)[1] for e in everything["edges"]]
    assert ids == [
        "chongqing-liquidation",
        "huabei-moves",
        "window-issued",
        "huabei-launch",
        "licence-granted",
        "undated-rumour",
    ]
    assert everything["totalCount"] == 6
    assert everything["pageInfo"]["hasNextPage"] is False

    first = data(run, query, first=2)["events"]
    assert first["pageInfo"]["hasNextPage"] is True
    second = data(run, query, first=2, after=first["pageInfo"]["endCursor"])["events"]
    assert [e["node"]["id"] for e in first["edges"] + second["edges"]] == [
        e["node"]["id"] for e in everything["edges"][:4]
    ]

    kinds = data(run, query, first=50, kinds=["NOTICE_ISSUED", "PRODUCT_LAUNCH"])["events"]
    assert kinds["totalCount"] == 2
    window = data(run, query, first=50, **{"from": "2021", "to": "2021-04"})["events"]
    assert [e["node"]["date"] for e in window["edges"]] == ["2021-04-12"]
    huabei = data(run, query, first=50, involving="Huabei")["events"]
    assert huabei["totalCount"] == 2

    for size in (1, 4):  # keyset cursors: every event once, in order, the count each time
        pages, after = [], None
        while True:
            got = data(run, query, first=size, after=after)["events"]
            assert got["totalCount"] == 6
            pages += [e["node"]["id"] for e in got["edges"]]
            assert got["pageInfo"]["endCursor"] == (
                got["edges"][-1]["cursor"] if got["edges"] else None
            )
            if not got["pageInfo"]["hasNextPage"]:
                break
            after = got["pageInfo"]["endCursor"]
        assert pages == [e["node"]["id"] for e in everything["edges"]]


def test_search_ranks_pages_and_filters_by_kind(run: Run) -> None:
    query = """query($text: String!, $kinds: [EntityKind!], $first: Int!, $after: String) {
        search(text: $text, kinds: $kinds, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { cursor score matched node { id kind } }
        } }"""
    found = data(run, query, text="huabei", first=20)["search"]
    assert found["edges"][0]["node"] == {"id": HUABEI, "kind": "PRODUCT"}
    assert found["edges"][0]["score"] > found["edges"][-1]["score"]
    products = data(run, query, text="huabei", kinds=["PRODUCT"], first=20)["search"]
    assert products["totalCount"] == 1
    first = data(run, query, text="蚂蚁", first=1)["search"]
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    rest = data(run, query, text="蚂蚁", first=20, after=first["pageInfo"]["endCursor"])["search"]
    assert len(rest["edges"]) == 2
    assert rest["pageInfo"] == {"hasNextPage": False, "endCursor": rest["edges"][-1]["cursor"]}


def test_timeline_keeps_undated_events_last(run: Run) -> None:
    timeline = data(run, '{ entity(name: "Ant Consumer Finance") { timeline { id date } } }')
    ids = [e["id"].rsplit("/", 1)[1] for e in timeline["entity"]["timeline"]]
    assert ids == ["huabei-moves", "undated-rumour"]


def test_malformed_iris_are_unknown_not_unexpected_errors(run: Run) -> None:
    assert data(run, '{ node(id: "not an iri") { id } }') == {"node": None}
    assert data(run, '{ node(id: "") { id } }') == {"node": None}
    broken = '{ entity(name: "https://w3id.org/finreg/id/a b") { id } }'
    assert data(run, broken) == {"entity": None}


def test_a_sector_is_found_by_search_entity_and_node_and_takes_part_in_events(
    tmp_path: Path, backend: Backend, schema: FinregSchema, settings: Settings
) -> None:
    # fr:Sector is served as the GraphQL type Sector (it was once left out of answers).
    sector = tmp_path / "sector.ttl"
    sector.write_text(
        API_PREFIXES
        + f"""@prefix sector: <{NS}sector/> .
sector:microloan a fr:Sector ; fr:name [ a fr:Name ; fr:value "全国小额贷款公司"@zh ;
    fr:nameKind fr:ShortName ; prov:wasDerivedFrom source:news ] .
event:sector-shrinks a fr:OtherEvent ; fr:subject sector:microloan , company:acf ;
    fr:date "2024"^^xsd:gYear ; fr:summary "行业收缩"@zh ; prov:wasDerivedFrom source:news ;
    {stated_by("source:news", "fr:date")} .
""",
        encoding="utf-8",
    )
    store = backend.store()
    try:
        load_files(store, [*write_graph(tmp_path / "graph"), sector])
        query = """{ search(text: "全国小额贷款公司") { totalCount edges { node { id } } }
            entity(name: "全国小额贷款公司") { __typename id kind name figures { id } }
            node(id: "%s") { id } }""" % (NS + "sector/microloan")
        result = execute(schema, store, settings, query)
        assert not result.errors, result.errors
        sector = {"id": NS + "sector/microloan"}
        assert result.data == {
            "search": {"totalCount": 1, "edges": [{"node": sector}]},
            "entity": {
                **sector,
                "__typename": "Sector",
                "kind": "SECTOR",
                "name": "全国小额贷款公司",
                "figures": [],
            },
            "node": sector,
        }
        events = execute(
            schema,
            store,
            settings,
            "{ events(first: 100) { edges { node { id participants { entity { id } } } } } }",
        )
        assert not events.errors, events.errors
        assert events.data is not None
        shrinks = next(
            e["node"] for e in events.data["events"]["edges"] if "sector-shrinks" in e["node"]["id"]
        )
        assert shrinks["participants"] == [
            {"entity": {"id": ACF}},
            {"entity": {"id": NS + "sector/microloan"}},
        ]
    finally:
        store.close()
