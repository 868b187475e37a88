"""Which candidates a query gets, with which scores, and when one is the match: an exact
legal, short or former name borne by one entity only (valid on the query's date, if it gives
one). Variants, pinyin, translations and aliases make candidates, never a match."""

from __future__ import annotations

from typing import Any

import pytest

from kg.knowledge import KnowledgeGraph, NameQuery
from kg.store import GraphStore
from tests.counting import CountingStore
from tests.reconcile.client import ReconciliationClient
from tests.reconcile.graph import DING_NEW, DING_OLD, WU_COMPANY, WU_PRODUCT

IDS = "https://w3id.org/finreg/id/"
ONTOLOGY = "https://w3id.org/finreg/ontology#"
ALIBABA = IDS + "company/zhejiang-alibaba-microloan"
ACF = IDS + "company/ant-consumer-finance"
SHANGCHENG = IDS + "company/chongqing-ant-shangcheng-microloan"
FOX = IDS + "company/fox-internet-microloan-ningbo"


def _results(client: ReconciliationClient, query: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.reconcile({"q": query})["q"]["result"]
    return found


def _top(client: ReconciliationClient, query: dict[str, Any]) -> dict[str, Any]:
    found = _results(client, query)
    assert found, query
    return found[0]


@pytest.mark.parametrize(
    ("text", "entity", "why"),
    [
        ("浙江阿里巴巴小额贷款股份有限公司", ALIBABA, "legal name"),
        ("阿里小贷", ALIBABA, "short name"),
        ("蚂蚁消金", ACF, "short name"),
        ("重庆市阿里巴巴小额贷款有限公司", SHANGCHENG, "former name"),
        ("螞蟻消費金融有限公司", ACF, "legal name in traditional characters"),
        ("狐狸互聯網小額貸款（寧波）有限公司", FOX, "traditional, full-width brackets"),
        ("  蚂蚁消费金融 有限公司 ", ACF, "spacing"),
        (ACF, ACF, "the entity's IRI"),
    ],
)
def test_an_exact_name_of_one_entity_is_the_match(
    seeds: ReconciliationClient, text: str, entity: str, why: str
) -> None:
    found = _results(seeds, {"query": text})
    assert found[0]["id"] == entity, why
    assert found[0]["match"] is True, why
    assert found[0]["score"] == 100
    assert [c for c in found if c["match"]] == [found[0]], "one match at most"


@pytest.mark.parametrize(
    ("text", "entity", "score", "feature"),
    [
        ("浙江阿里巴巴小额贷款有限公司", ALIBABA, 85, "name_company_form_variant"),
        (
            "中和农信小额贷款有限公司",
            IDS + "company/zhonghe-nongxin-microloan",
            85,
            "name_company_form_variant",
        ),
        (
            "马上消费金融股份有限公司",
            IDS + "company/mashang-consumer-finance",
            85,
            "name_company_form_variant",
        ),
        ("mayixiaojin", ACF, 80, "name_pinyin"),
        ("Mayi Xiaojin", ACF, 80, "name_pinyin"),
        ("Ant Consumer Finance", ACF, 95, "name_exact"),
        ("蚂蚁", IDS + "group/ant-group", 95, "name_exact"),
    ],
)
def test_variants_pinyin_translations_and_aliases_are_candidates_not_matches(
    seeds: ReconciliationClient, text: str, entity: str, score: int, feature: str
) -> None:
    found = _results(seeds, {"query": text})
    assert found[0]["id"] == entity
    assert found[0]["score"] == score
    assert not any(c["match"] for c in found)
    features = {f["id"]: f["value"] for f in found[0]["features"]}
    assert features[feature] is True


def test_a_name_in_no_article_has_no_candidate(seeds: ReconciliationClient) -> None:
    assert _results(seeds, {"query": "深圳市某某网络小额贷款有限公司"}) == []
    assert _results(seeds, {"query": "、、（）"}) == []


def test_partial_names_rank_below_whole_ones(seeds: ReconciliationClient) -> None:
    found = _results(seeds, {"query": "蚂蚁消金", "limit": 5})
    assert [c["id"] for c in found[:2]] == [ACF, IDS + "group/ant-group"]
    assert found[1]["score"] < 80
    assert found[1]["match"] is False


def test_types_and_limits_narrow_the_candidates(seeds: ReconciliationClient) -> None:
    licences = _results(seeds, {"query": "蚂蚁商诚小贷", "type": ONTOLOGY + "Licence"})
    assert [c["type"][0]["id"] for c in licences] == [ONTOLOGY + "Licence"]
    assert licences[0]["match"] is False
    assert len(_results(seeds, {"query": "消费金融", "limit": 2})) == 2
    # A limit past 25 (OpenRefine's maximum is the user's to set) gets 25 at most.
    assert 2 < len(_results(seeds, {"query": "消费金融", "limit": 500})) <= 25


def test_two_entities_sharing_a_name_give_no_match(small: ReconciliationClient) -> None:
    found = _results(small, {"query": "丁小额贷款有限公司"})
    assert {c["id"] for c in found} == {DING_OLD, DING_NEW}
    assert all(c["score"] == 100 for c in found)
    assert not any(c["match"] for c in found)


def test_a_type_separates_two_entities_sharing_a_name(small: ReconciliationClient) -> None:
    assert not any(c["match"] for c in _results(small, {"query": "戊付"}))
    for type_id, entity in (("Company", WU_COMPANY), ("Product", WU_PRODUCT)):
        found = _results(small, {"query": "戊付", "type": ONTOLOGY + type_id})
        assert [(c["id"], c["match"]) for c in found] == [(entity, True)]


@pytest.mark.parametrize(
    ("date", "matched"),
    [("2018", DING_OLD), ("2019-06-30", DING_OLD), ("2021", DING_NEW), ("2020-03", DING_NEW)],
)
def test_a_date_counts_the_names_valid_on_it(
    small: ReconciliationClient, date: str, matched: str
) -> None:
    query = {"query": "丁小额贷款有限公司", "properties": [{"pid": "validOn", "v": date}]}
    other = DING_NEW if matched == DING_OLD else DING_OLD
    found = _results(small, query)
    assert [(c["id"], c["match"], c["score"]) for c in found] == [
        (matched, True, 100),
        (other, False, 90),
    ]


def test_a_date_between_the_two_names_matches_neither(small: ReconciliationClient) -> None:
    # 2020-01 is after the old company's name ended (2019), before the new one's (2020-03).
    query = {"query": "丁小额贷款有限公司", "properties": [{"pid": "validOn", "v": "2020-01"}]}
    assert not any(c["match"] for c in _results(small, query))


def test_a_former_short_name_counts_only_while_it_was_borne(seeds: ReconciliationClient) -> None:
    # 蚂蚁商诚小贷 was the short name until its rename in 2023-06 (贝壳财经 [3]).
    def ask(date: str) -> dict[str, Any]:
        return _top(seeds, {"query": "蚂蚁商诚小贷", "properties": [{"pid": "validOn", "v": date}]})

    assert (ask("2022")["match"], ask("2023-06")["match"]) == (True, True)
    later = ask("2024-06")
    assert (later["id"], later["match"], later["score"]) == (SHANGCHENG, False, 90)
    features = {f["id"]: f["value"] for f in later["features"]}
    assert features["name_valid_on_date"] is False
    # OpenRefine sends a date cell as an ISO date and time: the day counts.
    assert ask("2022-05-01T00:00:00Z")["match"] is True


def test_a_date_that_is_no_date_gives_candidates_but_no_match(
    seeds: ReconciliationClient,
) -> None:
    # A journalist's date column may say 不详: that row cannot be checked against its date, so
    # it gets no match, but the other rows of its batch are answered as usual.
    batch = {
        "bad": {"query": "蚂蚁消金", "properties": [{"pid": "validOn", "v": "不详"}]},
        "month": {"query": "蚂蚁消金", "properties": [{"pid": "validOn", "v": "2023-13"}]},
        "good": {"query": "蚂蚁消金", "properties": [{"pid": "validOn", "v": "2025"}]},
    }
    found = seeds.reconcile(batch)
    for key in ("bad", "month"):
        top = found[key]["result"][0]
        assert (top["id"], top["score"], top["match"]) == (ACF, 100, False)
        assert {"id": "valid_on_unreadable", "value": True} in top["features"]
    assert found["good"]["result"][0]["match"] is True


def test_another_name_narrows_the_candidates(seeds: ReconciliationClient) -> None:
    both = {"pid": "name", "v": ["重庆市阿里巴巴小额贷款有限公司"]}
    found = _results(seeds, {"query": "蚂蚁商诚小贷", "properties": [both]})
    assert [(c["id"], c["match"]) for c in found] == [(SHANGCHENG, True)]
    other = {"pid": "name", "v": "网商银行"}
    assert _results(seeds, {"query": "蚂蚁商诚小贷", "properties": [other]}) == []
    # Without a query string, the other name finds the entity; nothing is then a match.
    alone = _results(seeds, {"properties": [{"pid": "name", "v": "阿里小贷"}]})
    assert [(c["id"], c["match"]) for c in alone] == [(ALIBABA, False)]


def test_a_batch_costs_two_round_trips(seeded_store: GraphStore) -> None:
    counting = CountingStore(seeded_store)
    graph = KnowledgeGraph(counting)  # type: ignore[arg-type]
    graph.name_index.names()  # the index's first read is the app's warm-up
    counting.round_trips = 0
    texts = ["浙江阿里巴巴小额贷款有限公司", "蚂蚁消金", "huabei", "阿里小贷", "无此公司", "花"]
    answers = graph.reconcile([NameQuery(t, limit=10) for t in texts * 5])
    assert len(answers) == 30
    assert counting.round_trips == 2
