"""The seed graph answers the questions researchers and journalists ask of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.present.phrases import name_of
from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.loaders import validate_paths
from kg.model import (
    Direction,
    Entity,
    EventKind,
    LicenceStatus,
    RegistrationStatus,
    Transfer,
)
from kg.store import GraphStore
from tests.conftest import ROOT


def entity(graph: KnowledgeGraph, name: str) -> Entity:
    found = graph.resolve(name)
    assert found is not None, f"{name} does not resolve"
    return found


def names_of(graph: KnowledgeGraph, iri: str) -> set[str]:
    return {n.value for n in graph.entities([iri])[iri].names}


def publishers(graph: KnowledgeGraph, transfer: Transfer) -> set[str]:
    sources = graph.sources({c.source for c in transfer.event.citations})
    return {s.publisher for s in sources.values()}


@pytest.mark.parametrize(
    ("product", "operator", "bound"),
    [("花呗", "蚂蚁小微小贷", "2023-12"), ("借呗", "蚂蚁商诚小贷", "2023-06")],
)
def test_huabei_and_jiebei_moved_from_a_chongqing_company_to_ant_consumer_finance(
    seed_graph: KnowledgeGraph, product: str, operator: str, bound: str
) -> None:
    lineage = seed_graph.lineage(entity(seed_graph, product), Direction.DOWNSTREAM)
    assert len(lineage.transfers) == 1
    (transfer,) = lineage.transfers
    assert operator in names_of(seed_graph, transfer.transferor)
    assert transfer.transferee == entity(seed_graph, "蚂蚁消费金融有限公司").iri
    assert transfer.date is None
    assert str(transfer.event.not_after) == bound
    assert {"贝壳财经", "经济网"} <= publishers(seed_graph, transfer)


def test_alibaba_microloan_handed_its_business_to_mybank_from_2015(
    seed_graph: KnowledgeGraph,
) -> None:
    lineage = seed_graph.lineage(entity(seed_graph, "阿里小贷"), Direction.DOWNSTREAM)
    (transfer,) = lineage.transfers
    assert transfer.transferee == entity(seed_graph, "MYbank").iri
    assert str(transfer.date) == "2015"
    assert transfer.date is not None
    assert transfer.date.precision == "year"
    assert transfer.depth == 1
    assert len(publishers(seed_graph, transfer)) == 3


def test_mybank_upstream_leads_back_to_alibaba_microloan(seed_graph: KnowledgeGraph) -> None:
    lineage = seed_graph.lineage(entity(seed_graph, "网商银行"), Direction.UPSTREAM)
    assert [t.transferor for t in lineage.transfers] == [entity(seed_graph, "阿里小贷").iri]


@pytest.mark.parametrize(("as_of", "count"), [("2015-06-30", 0), ("2015-12-31", 1), ("2015", 1)])
def test_as_of_counts_a_2015_hand_over_only_from_the_end_of_2015(
    seed_graph: KnowledgeGraph, as_of: str, count: int
) -> None:
    lineage = seed_graph.lineage(
        entity(seed_graph, "阿里小贷"), Direction.DOWNSTREAM, PartialDate.parse(as_of)
    )
    assert len(lineage.transfers) == count


@pytest.mark.parametrize(
    ("company", "renamed"), [("蚂蚁商诚小贷", "2023-06"), ("蚂蚁小微小贷", "2023-12")]
)
def test_chongqing_companies_renamed_then_deregistered_on_2024_12_30(
    seed_graph: KnowledgeGraph, company: str, renamed: str
) -> None:
    subject = entity(seed_graph, company)
    timeline = seed_graph.timeline(subject.iri)
    kinds = [(e.kind, str(e.date)) for e in timeline]
    assert (EventKind.RENAME, renamed) in kinds
    assert (EventKind.DEREGISTRATION, "2024-12-30") in kinds
    assert kinds.index((EventKind.RENAME, renamed)) < kinds.index(
        (EventKind.DEREGISTRATION, "2024-12-30")
    )
    statuses = seed_graph.registration_statuses
    assert statuses([subject.iri])[subject.iri] is RegistrationStatus.DEREGISTERED
    before = PartialDate.parse("2024-06")
    assert statuses([subject.iri], before)[subject.iri] is RegistrationStatus.ACTIVE
    assert name_of(subject, "zh", PartialDate.parse("2022")) == company


def test_the_names_each_article_uses_all_resolve_to_the_same_company(
    seed_graph: KnowledgeGraph,
) -> None:
    iris = {
        entity(seed_graph, n).iri
        for n in ("蚂蚁商诚小贷", "重庆市阿里巴巴小额贷款有限公司", "原借呗运营主体")
    }
    assert len(iris) == 1


@pytest.mark.parametrize(
    "spelling",
    ["Ant Consumer Finance", "螞蟻消費金融有限公司", "蚂蚁消金", " 蚂蚁消费金融 有限公司 "],
)
def test_ant_consumer_finance_resolves_from_any_spelling(
    seed_graph: KnowledgeGraph, spelling: str
) -> None:
    assert entity(seed_graph, spelling).iri == entity(seed_graph, "蚂蚁消费金融有限公司").iri


def test_alibaba_microloan_history_in_order(seed_graph: KnowledgeGraph) -> None:
    subject = entity(seed_graph, "浙江阿里巴巴小额贷款股份有限公司")
    dated = [(e.kind, str(e.date)) for e in seed_graph.timeline(subject.iri) if e.date]
    assert dated[:4] == [
        (EventKind.ESTABLISHMENT, "2010-03-05"),
        (EventKind.BUSINESS_TRANSFER, "2015"),
        (EventKind.BUSINESS_CESSATION, "2022-11"),
        (EventKind.LIQUIDATION, "2024-02"),
    ]
    status = seed_graph.registration_statuses
    assert status([subject.iri], PartialDate.parse("2024-06"))[subject.iri] is (
        RegistrationStatus.IN_LIQUIDATION
    )
    assert status([subject.iri])[subject.iri] is RegistrationStatus.DEREGISTERED


def test_fox_microloan_lost_its_pilot_qualification_with_a_deadline(
    seed_graph: KnowledgeGraph,
) -> None:
    fox = entity(seed_graph, "狐狸互联网小额贷款(宁波)有限公司")
    (event,) = seed_graph.timeline(fox.iri, kinds=[EventKind.LICENCE_REVOCATION])
    assert str(event.deadline) == "2025-11-30"
    licences = seed_graph.licences([fox.iri])[fox.iri]
    assert [lic.holder for lic in licences] == [fox.iri]
    assert set(seed_graph.licence_statuses(licences).values()) == {LicenceStatus.REVOKED}
    owners = seed_graph.owners([fox.iri])[fox.iri]
    assert entity(seed_graph, "搜狐").iri in owners


def test_wechat_fenfu_is_run_by_weiheng(seed_graph: KnowledgeGraph) -> None:
    fenfu = entity(seed_graph, "WeChat Fenfu")
    assert seed_graph.operators([fenfu.iri])[fenfu.iri] == [entity(seed_graph, "微恒科技").iri]


def test_nfra_issued_the_2025_interim_measures(seed_graph: KnowledgeGraph) -> None:
    nfra = entity(seed_graph, "NFRA")
    issued = seed_graph.timeline(nfra.iri, kinds=[EventKind.NOTICE_ISSUED])
    measures = entity(seed_graph, "小额贷款公司监督管理暂行办法").iri
    assert any(measures in e.role("subject") and str(e.date) == "2025-01" for e in issued)
    assert measures in {n.iri for n in seed_graph.notices([nfra.iri])[nfra.iri]}


@pytest.mark.parametrize(
    ("text", "first"),
    [("huabei", "花呗"), ("Ant Consumer Finance", "蚂蚁消费金融有限公司"), ("分付", "微信分付")],
)
def test_search_ranks_the_expected_entity_first(
    seed_graph: KnowledgeGraph, text: str, first: str
) -> None:
    hits = seed_graph.search(text)
    assert hits
    assert hits[0].iri == entity(seed_graph, first).iri


def test_every_seed_event_has_sources_and_zh_and_en_summaries(seed_graph: KnowledgeGraph) -> None:
    events = seed_graph.event_list()
    assert len(events) >= 30
    for event in events:
        assert event.citations, event.iri
        assert {lang for lang, _ in event.summaries} >= {"zh", "en"}, event.iri


def test_the_readme_example_event_file_is_valid_against_the_seeds(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```turtle\n(.*?)```", readme, re.S)
    assert match
    example = tmp_path / "example.ttl"
    example.write_text(match.group(1), encoding="utf-8")
    assert validate_paths([example], seeded_store) > 10


@pytest.mark.parametrize(("as_of", "operator"), [(None, "蚂蚁消金"), ("2022", "蚂蚁小微小贷")])
def test_huabei_operator_changes_with_the_hand_over(
    seed_graph: KnowledgeGraph, as_of: str | None, operator: str
) -> None:
    huabei = entity(seed_graph, "花呗").iri
    when = PartialDate.parse(as_of) if as_of else None
    assert seed_graph.operators([huabei], when)[huabei] == [entity(seed_graph, operator).iri]
