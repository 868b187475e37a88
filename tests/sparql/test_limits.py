"""The endpoint's limits: a time limit answered 503 (never a hang), a size limit on answers, and
a cap on running queries that keeps the GraphQL API answering through a flood of SPARQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError

import httpx
import pytest
from SPARQLWrapper import JSON

from api.app import create_app
from api.sparql import MAX_RUNNING, MAX_WAITING, QueryRunner
from kg.settings import Settings
from kg.store import Endpoint, GraphStore, RemoteStore
from tests.server import free_port, serving
from tests.sparql.conftest import client

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . VALUES ?k { 1 2 3 } }"
"""Millions of rows counted before the first answer: seconds on the seeds, and nothing a
store can stream meanwhile (pyoxigraph cannot interrupt it; it ends by itself)."""

HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""Billions of rows, streamed: stopped by the size limit."""


@pytest.fixture(scope="module")
def impatient(seeded_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app over the seed graph with a one-second time limit."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("impatient") / "data", timeout=1.0)
    with serving(create_app(settings, store=seeded_store)) as url:
        yield url


def test_a_slow_query_is_answered_503_at_the_time_limit(impatient: str) -> None:
    with httpx.Client(base_url=impatient, timeout=60) as http:
        response = http.get("/sparql", params={"query": SLOW})
    assert response.status_code == 503
    assert "did not finish within the time limit of 1 s" in response.text
    sparql = client(impatient + "/sparql", SLOW, fmt=JSON)
    with pytest.raises(HTTPError) as raised:  # SPARQLWrapper passes a 503 on as it is
        sparql.query()
    raised.value.close()
    assert raised.value.code == 503


def test_an_answer_past_the_size_limit_is_a_503_saying_so(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": HUGE})
    assert response.status_code == 503
    assert "larger than the limit" in response.text


def test_a_flood_of_sparql_is_turned_away_while_graphql_answers(impatient: str) -> None:
    flood = MAX_RUNNING + MAX_WAITING + 2
    statuses: list[int] = []
    texts: list[str] = []

    def ask_slowly() -> None:
        with httpx.Client(base_url=impatient, timeout=60) as http:
            response = http.get("/sparql", params={"query": SLOW})
        statuses.append(response.status_code)
        texts.append(response.text)

    threads = [threading.Thread(target=ask_slowly) for _ in range(flood)]
    for thread in threads:
        thread.start()
    with httpx.Client(base_url=impatient, timeout=60) as http:
        answer = http.post("/graphql", json={"query": '{ entity(name: "花呗") { name } }'})
    for thread in threads:
        thread.join()
    assert answer.status_code == 200
    assert answer.json()["data"]["entity"]["name"] == "花呗"
    assert statuses == [503] * flood
    assert any("too many SPARQL queries" in text for text in texts)


def test_the_runner_runs_at_most_its_slots_and_turns_away_past_its_waiting_room() -> None:
    runner = QueryRunner(running=1, waiting=1)
    release = threading.Event()
    started: list[str] = []

    def blocking(name: str) -> str:
        started.append(name)
        release.wait(30)
        return name

    far = time.monotonic() + 60
    first = runner.submit(lambda: blocking("first"), far)
    second = runner.submit(lambda: blocking("second"), far)
    assert first is not None
    assert second is not None
    assert runner.submit(lambda: blocking("third"), far) is None
    release.set()
    assert (first.result(30), second.result(30)) == ("first", "second")
    assert sorted(started) == ["first", "second"]
    again = runner.submit(lambda: "again", far)
    assert again is not None
    assert again.result(30) == "again"


def test_a_query_still_waiting_at_its_deadline_never_runs(tmp_path: Path) -> None:
    runner = QueryRunner(running=1, waiting=1)
    release = threading.Event()
    ran = tmp_path / "ran"
    busy = runner.submit(lambda: release.wait(30), time.monotonic() + 60)
    late = runner.submit(lambda: ran.write_text("ran"), 0.0)
    assert busy is not None
    assert late is not None
    release.set()
    assert busy.result(30) is True
    with pytest.raises(Exception):  # noqa: B017, PT011 (cancelled: any error will do)
        late.result(30)
    assert not ran.exists()


def test_an_unreachable_sparql_server_is_a_503_naming_it(tmp_path: Path) -> None:
    gone = Endpoint(query_url=f"http://127.0.0.1:{free_port()}/query", timeout=5)
    store = RemoteStore(gone)
    app = create_app(Settings(data_dir=tmp_path / "data"), store=store)
    try:
        with serving(app) as url, httpx.Client(base_url=url, timeout=60) as http:
            response = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    finally:
        store.close()
    assert response.status_code == 503
    assert "cannot reach the SPARQL server" in response.text
