"""The endpoint's limits: a time limit answered 503 (never a hang), a size limit on answers,
and a cap on running queries that keeps the GraphQL API answering through a flood of SPARQL.

A query "too slow" is a fake's answer that blocks until the test releases it, as a query
pyoxigraph cannot interrupt would: nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError

import httpx
import pytest
from SPARQLWrapper import JSON

from api.app import create_app
from api.work import SPARQL_SLOTS, SPARQL_WAITING, Workload, Workloads
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from kg.store import Endpoint, GraphStore, RemoteStore
from tests.blocking import GUARD, BlockingGraph, eventually
from tests.server import free_port, serving
from tests.sparql.conftest import client

HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""Billions of rows, streamed: stopped by the size limit."""


def ask(n: int) -> str:
    """A query of its own (the fake counts calls by query text)."""
    return f"ASK {{ ?s ?p {n} }}"


@contextmanager
def blocking_app(
    store: GraphStore, tmp: Path, *, timeout: float, sparql: Workload | None = None
) -> Iterator[tuple[str, BlockingGraph, Workloads]]:
    """An app over a BlockingGraph of ``store``: its base URL, the graph and its workloads."""
    graph = BlockingGraph(store)
    work = Workloads(sparql=sparql) if sparql is not None else Workloads()
    settings = Settings(data_dir=tmp / "data", timeout=timeout)
    try:
        with serving(create_app(settings, graph=graph, work=work)) as url:
            yield url, graph, work
    finally:
        graph.release.set()


def test_a_query_past_the_time_limit_is_a_503_and_keeps_its_slot_until_it_ends(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    one = Workload("SPARQL queries", slots=1, waiting=0)
    with (
        blocking_app(seeded_store, tmp_path, timeout=0.5, sparql=one) as (url, graph, work),
        httpx.Client(base_url=url, timeout=GUARD) as http,
    ):
        late = http.get("/sparql", params={"query": ask(1)})
        assert late.status_code == 503
        assert "did not finish within the time limit of 0.5 s" in late.text
        assert (graph.entered[ask(1)], graph.left[ask(1)]) == (1, 0)  # its thread still runs
        assert work.sparql.busy == 1

        refused = http.get("/sparql", params={"query": ask(2)})
        assert refused.status_code == 503
        assert "too many SPARQL queries are running" in refused.text
        assert refused.headers["retry-after"] == "1"
        assert graph.entered[ask(2)] == 0
        sparql = client(url + "/sparql", ask(3), fmt=JSON)
        with pytest.raises(HTTPError) as raised:  # SPARQLWrapper passes a 503 on as it is
            sparql.query()
        raised.value.close()
        assert raised.value.code == 503

        graph.release.set()
        eventually(lambda: work.sparql.busy == 0)
        again = http.get("/sparql", params={"query": ask(4)})
        assert again.status_code == 200


def _get(url: str, query: str) -> None:
    with httpx.Client(base_url=url, timeout=GUARD) as http:
        http.get("/sparql", params={"query": query})


def test_a_query_still_waiting_at_its_deadline_never_runs(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    one = Workload("SPARQL queries", slots=1, waiting=1)
    with (
        blocking_app(seeded_store, tmp_path, timeout=0.5, sparql=one) as (url, graph, work),
        httpx.Client(base_url=url, timeout=GUARD) as http,
    ):
        first = threading.Thread(target=_get, args=(url, ask(1)))
        first.start()
        graph.wait_until(lambda g: g.entered[ask(1)] == 1)
        waited = http.get("/sparql", params={"query": ask(2)})
        assert waited.status_code == 503
        assert "did not finish within the time limit" in waited.text
        graph.release.set()
        first.join(GUARD)
        eventually(lambda: work.sparql.busy == 0)
        assert graph.entered[ask(2)] == 0


def test_a_flood_of_sparql_is_turned_away_while_graphql_answers(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    admitted = SPARQL_SLOTS + SPARQL_WAITING
    answers: list[httpx.Response] = []
    lock = threading.Lock()

    with blocking_app(seeded_store, tmp_path, timeout=GUARD) as (url, graph, _):

        def query(n: int) -> None:
            with httpx.Client(base_url=url, timeout=GUARD) as http:
                response = http.get("/sparql", params={"query": ask(n)})
            with lock:
                answers.append(response)

        flood = [threading.Thread(target=query, args=(n,)) for n in range(admitted + 2)]
        for thread in flood:
            thread.start()
        graph.wait_until(lambda g: sum(g.entered.values()) == SPARQL_SLOTS)
        eventually(lambda: len(answers) == 2)  # the two past the waiting room, at once
        with lock:
            refused = list(answers)
        assert [r.status_code for r in refused] == [503, 503]
        assert all("too many SPARQL queries are running" in r.text for r in refused)
        assert all(r.headers["retry-after"] == "1" for r in refused)

        with httpx.Client(base_url=url, timeout=GUARD) as http:
            answer = http.post("/graphql", json={"query": '{ entity(name: "花呗") { name } }'})
        assert answer.status_code == 200
        assert answer.json()["data"]["entity"]["name"] == "花呗"

        graph.release.set()
        for thread in flood:
            thread.join(GUARD)
    assert sorted(r.status_code for r in answers) == [200] * admitted + [503, 503]
    assert sum(graph.entered.values()) == admitted


def test_an_answer_past_the_size_limit_is_a_503_saying_so(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": HUGE})
    assert response.status_code == 503
    assert "larger than the limit" in response.text


def test_an_unreachable_sparql_server_is_a_503_naming_it(tmp_path: Path) -> None:
    gone = Endpoint(query_url=f"http://127.0.0.1:{free_port()}/query", timeout=5)
    store = RemoteStore(gone)
    app = create_app(Settings(data_dir=tmp_path / "data"), graph=KnowledgeGraph(store))
    try:
        with serving(app) as url, httpx.Client(base_url=url, timeout=60) as http:
            response = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    finally:
        store.close()
    assert response.status_code == 503
    assert "cannot reach the SPARQL server" in response.text
    assert response.headers["retry-after"] == "5"
