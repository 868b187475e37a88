"""Each workload has threads of its own: with every GraphQL and page worker blocked, the
probes still answer; a full waiting room is a 503 with Retry-After, never a hang.

The workers block in a fake graph's search until the test releases them, so nothing here
depends on how fast the machine is (tests.blocking).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.work import GRAPHQL_SLOTS, PAGE_SLOTS, Workload, Workloads
from kg.settings import Settings
from kg.store import GraphStore
from tests.blocking import GUARD, BlockingGraph, eventually
from tests.server import serving

pytestmark = pytest.mark.e2e


def graphql_search(text: str) -> dict[str, object]:
    """A GraphQL request that searches ``text`` once."""
    return {
        "query": "query($t: String!) { search(text: $t) { totalCount } }",
        "variables": {"t": text},
    }


@contextmanager
def blocking_app(
    store: GraphStore, tmp: Path, work: Workloads | None = None
) -> Iterator[tuple[httpx.Client, BlockingGraph]]:
    """A client of an app over a BlockingGraph of ``store`` (a generous time limit: the
    blocked requests wait for the test, not for the clock), once the app is ready. No answer
    is kept (FINREG_CACHE=off): the tests count the requests that reach the graph, and send
    the same request several times."""
    graph = BlockingGraph(store)
    settings = Settings(data_dir=tmp / "data", timeout=GUARD, cache="off")
    app = create_app(settings, graph=graph, work=work)
    try:
        with serving(app) as url, httpx.Client(base_url=url, timeout=GUARD) as http:
            eventually(lambda: http.get("/readyz").status_code == 200)
            yield http, graph
    finally:
        graph.release.set()


def in_background(
    calls: list[Callable[[], httpx.Response]],
) -> tuple[list[threading.Thread], list[httpx.Response]]:
    """Start each call in a thread of its own; the answers are collected as they come."""
    answers: list[httpx.Response] = []
    threads = [threading.Thread(target=lambda c=call: answers.append(c())) for call in calls]
    for thread in threads:
        thread.start()
    return threads, answers


def test_the_probes_answer_while_every_graphql_and_page_worker_is_blocked(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    with blocking_app(seeded_store, tmp_path) as (http, graph):
        base = str(http.base_url)

        def graphql() -> httpx.Response:
            with httpx.Client(base_url=base, timeout=GUARD) as own:
                return own.post("/graphql", json=graphql_search("graphql"))

        def page() -> httpx.Response:
            with httpx.Client(base_url=base, timeout=GUARD) as own:
                return own.get("/search", params={"q": "page"})

        # One request more than each workload has slots: it waits for one.
        threads, answers = in_background(
            [graphql] * (GRAPHQL_SLOTS + 1) + [page] * (PAGE_SLOTS + 1)
        )
        graph.wait_until(
            lambda g: g.entered["graphql"] == GRAPHQL_SLOTS and g.entered["page"] == PAGE_SLOTS
        )

        assert http.get("/healthz").status_code == 200
        ready = http.get("/readyz")
        assert ready.status_code == 200
        assert ready.json() == {"status": "ready"}
        assert answers == []
        assert (graph.entered["graphql"], graph.entered["page"]) == (GRAPHQL_SLOTS, PAGE_SLOTS)

        graph.release.set()
        for thread in threads:
            thread.join(GUARD)
    assert sorted(a.status_code for a in answers) == [200] * (GRAPHQL_SLOTS + PAGE_SLOTS + 2)
    assert (graph.entered["graphql"], graph.entered["page"]) == (GRAPHQL_SLOTS + 1, PAGE_SLOTS + 1)


def test_a_full_graphql_waiting_room_is_a_503_with_retry_after(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    work = Workloads(graphql=Workload("GraphQL requests", slots=1, waiting=0))
    with blocking_app(seeded_store, tmp_path, work) as (http, graph):
        base = str(http.base_url)

        def blocked() -> httpx.Response:
            with httpx.Client(base_url=base, timeout=GUARD) as own:
                return own.post("/graphql", json=graphql_search("first"))

        threads, answers = in_background([blocked])
        graph.wait_until(lambda g: g.entered["first"] == 1)
        refused = http.post("/graphql", json=graphql_search("second"))
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "1"
        (error,) = refused.json()["errors"]
        assert error["extensions"] == {"code": "OVERLOADED", "retryAfter": 1}
        assert "too many GraphQL requests are running" in error["message"]
        assert graph.entered["second"] == 0
        graph.release.set()
        threads[0].join(GUARD)
    assert [a.status_code for a in answers] == [200]


def test_a_full_page_waiting_room_is_the_503_page_with_retry_after(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    work = Workloads(pages=Workload("page requests", slots=1, waiting=0))
    with blocking_app(seeded_store, tmp_path, work) as (http, graph):
        base = str(http.base_url)

        def blocked() -> httpx.Response:
            with httpx.Client(base_url=base, timeout=GUARD) as own:
                return own.get("/search", params={"q": "first", "lang": "en"})

        threads, answers = in_background([blocked])
        graph.wait_until(lambda g: g.entered["first"] == 1)
        refused = http.get("/search", params={"q": "second", "lang": "en"})
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "1"
        assert "Cannot answer right now" in refused.text
        graph.release.set()
        threads[0].join(GUARD)
    assert [a.status_code for a in answers] == [200]
