"""The graph's stamp: what HTTP caching keys its ETags and kept answers by."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from kg.knowledge import KnowledgeGraph
from kg.knowledge._stamp import StampClock
from kg.store import GraphStore
from tests.api.conftest import write_graph
from tests.backends import Backend
from tests.counting import CountingStore


def test_the_stamp_changes_with_a_load_and_an_unload(tmp_path: Path, backend: Backend) -> None:
    store = backend.store()
    try:
        graph = KnowledgeGraph(store)
        empty = graph.stamp()
        entities, facts = write_graph(tmp_path / "graph")
        graph.load([entities], root=tmp_path)
        one = graph.stamp()
        graph.load([facts], root=tmp_path)
        two = graph.stamp()
        assert len({empty, one, two}) == 3
        assert graph.as_known_at(None).stamp() == two
        graph.unload([facts], root=tmp_path)
        assert graph.stamp() not in (two, empty)
    finally:
        store.close()


def test_the_stamp_is_read_at_most_once_per_max_age(backend: Backend) -> None:
    store = CountingStore(backend.store())
    try:
        clock = StampClock(cast(GraphStore, store), max_age=3600)
        assert clock.fresh() is None
        first = clock.stamp()
        assert clock.stamp() == clock.fresh() == first
        assert store.round_trips == 1
        clock.forget()
        assert clock.fresh() is None
        assert clock.stamp() == first
        assert store.round_trips == 2
        always = StampClock(cast(GraphStore, store), max_age=0)
        always.stamp()
        always.stamp()
        assert store.round_trips == 4
    finally:
        store.inner.close()
