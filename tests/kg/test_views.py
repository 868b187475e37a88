"""kg.views: many lineages at once give what one at a time gives, in a fixed number of trips."""

from __future__ import annotations

import pytest

from kg.knowledge import KnowledgeGraph
from kg.lineage import Direction
from kg.views import lineages, within
from kg.vocab import DATA

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
    seed_graph: KnowledgeGraph, direction: Direction
) -> None:
    entities = seed_graph.entities(SEED_IRIS)
    assert len(entities) == len(SEED_IRIS)
    before = seed_graph.store.round_trips
    together = lineages(seed_graph, list(entities.values()), direction)
    assert seed_graph.store.round_trips - before <= 6
    assert set(together) == set(SEED_IRIS)
    for iri, entity in entities.items():
        assert together[iri] == seed_graph.lineage(entity, direction)
    assert any(found.transfers for found in together.values())


def test_within_keeps_hand_overs_up_to_a_depth(seed_graph: KnowledgeGraph) -> None:
    start = seed_graph.entity(str(DATA["company/ant-consumer-finance"]))
    assert start is not None
    transfers = seed_graph.lineage(start, Direction.UPSTREAM).transfers
    assert within(transfers, None) == transfers
    assert all(t.depth <= 1 for t in within(transfers, 1))
    assert within(transfers, 0) == ()
