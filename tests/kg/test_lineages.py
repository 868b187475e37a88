"""The facade's lineages: many at once give what one at a time gives, in a fixed number of
round trips; a depth keeps the hand-overs up to it."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.model import Direction
from kg.store import GraphStore
from kg.vocab import DATA, FR
from tests.counting import CountingStore

SEED_IRIS = [
    str(DATA[f"company/{slug}"])
    for slug in (
        "ant-consumer-finance",
        "mybank",
        "zhejiang-alibaba-microloan",
        "chongqing-ant-xiaowei-microloan",
        "chongqing-ant-shangcheng-microloan",
    )
] + [str(DATA["product/huabei"]), str(DATA["product/jiebei"])]


@pytest.mark.parametrize("direction", list(Direction))
def test_lineages_at_once_equal_each_lineage_alone(
    seeded_store: GraphStore, seed_graph: KnowledgeGraph, direction: Direction
) -> None:
    counted = CountingStore(seeded_store)
    graph = KnowledgeGraph(counted)  # type: ignore[arg-type]
    entities = graph.entities(SEED_IRIS)
    assert len(entities) == len(SEED_IRIS)
    before = counted.round_trips
    together = graph.lineages(list(entities.values()), direction)
    assert counted.round_trips - before <= 6
    assert set(together) == set(SEED_IRIS)
    for iri, entity in entities.items():
        assert together[iri] == seed_graph.lineage(entity, direction)
    assert any(found.transfers for found in together.values())


def test_within_keeps_hand_overs_up_to_a_depth(seed_graph: KnowledgeGraph) -> None:
    start = seed_graph.entity(str(DATA["company/ant-consumer-finance"]))
    assert start is not None
    lineage = seed_graph.lineage(start, Direction.UPSTREAM)
    assert lineage.within(None) == lineage.transfers
    assert all(t.depth <= 1 for t in lineage.within(1))
    assert lineage.within(0) == ()


@pytest.mark.parametrize("upward", [True, False])
def test_owners_and_members_at_once_in_two_round_trips(
    seeded_store: GraphStore, seed_graph: KnowledgeGraph, upward: bool
) -> None:
    # However deep the stakes go: what a chain of stakes reaches, then the stakes on the near
    # side of those entities; the walk by level and the date cut happen in Python.
    counted = CountingStore(seeded_store)
    graph = KnowledgeGraph(counted)  # type: ignore[arg-type]
    rows = seeded_store.select(
        f"SELECT DISTINCT ?e WHERE {{ ?e a ?kind VALUES ?kind {{ <{FR.Company}> <{FR.Group}> }} }}"
    )
    iris = sorted(row["e"].value for row in rows)
    walk = graph.owners if upward else graph.members
    alone = seed_graph.owners if upward else seed_graph.members
    now = walk(iris)
    assert counted.round_trips <= 2
    assert now == {iri: alone([iri])[iri] for iri in iris}
    assert any(now.values())
    # Ant Group's stakes in its microloan companies ended in December 2024: held in 2023,
    # not now; the same cut whether asked together or alone
    then = walk(iris, PartialDate.parse("2023"))
    assert then == {iri: alone([iri], PartialDate.parse("2023"))[iri] for iri in iris}
    ant = str(DATA["group/ant-group"])
    alibaba = str(DATA["company/chongqing-ant-xiaowei-microloan"])
    pair = (alibaba, ant) if upward else (ant, alibaba)
    assert pair[1] in then[pair[0]]
    assert pair[1] not in now[pair[0]]
