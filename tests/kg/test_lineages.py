"""The facade's lineages: many at once give what one at a time gives, in a fixed number of
round trips; a depth keeps the hand-overs up to it."""

from __future__ import annotations

import pytest

from kg.knowledge import KnowledgeGraph
from kg.model import Direction
from kg.store import GraphStore
from kg.vocab import DATA
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
