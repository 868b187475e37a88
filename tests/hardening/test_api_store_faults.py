"""The API over a SPARQL server that misbehaves: slow, cutting its answers mid-body or at a
line boundary, answering garbage, refusing connections, or stopping its answers at a row cap.

The API (served over real HTTP) talks to an Oxigraph server of the test's own through a
fault-injecting proxy (tests/faultproxy.py). Whatever the fault, a GraphQL answer is
STORE_UNAVAILABLE or TIMEOUT within the store's (short) timeout, /readyz turns 503 while the
fault lasts and 200 once the proxy heals, and no answer is ever shorter than the whole: the
answers after healing equal the answers before the fault. ``GUARD`` bounds every wait as a
hang, never as a measure of speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from api.app import create_app
from api.cli import EXIT_STORE
from api.errors import RESULT_CAPPED, STORE_UNAVAILABLE, TIMEOUT
from kg.errors import RowCapError
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import Endpoint, RemoteStore
from tests.api.conftest import write_graph
from tests.faultproxy import (
    CutBody,
    CutDownstream,
    Delay,
    Fault,
    FaultProxy,
    Garbage,
    Refuse,
    Trickle,
    containing,
)
from tests.hardening.conftest import run_cli
from tests.server import serving
from tests.servers.oxigraph import oxigraph_server

pytestmark = pytest.mark.own_servers

GUARD = 60.0
"""Seconds before a request counts as hung."""

STORE_TIMEOUT = 1.0
"""The store's timeout in these tests: a fault is answered within about this."""

LINEAGE = """{ lineage(name: "花呗") {
    from { id name } to { id name } event { id summary } sources { title } } }"""
EVENTS = "{ events(first: 100) { edges { node { id summary sources { title } } } } }"
"""An answer of 47 rows from the store (its largest question), where the lineage's
largest is 14 and the registry's 8."""

TSV = "text/tab-separated-values"
EVERY_TRIPLE = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"

MANY = 10_000
"""A fault's ``times`` that lasts until the proxy heals (``disarm``)."""


@dataclass
class Api:
    """The API's base URL, the proxy between it and its server, and the server direct."""

    url: str
    proxy: FaultProxy
    direct: Endpoint

    def graphql(self, query: str) -> dict[str, Any]:
        with httpx.Client(timeout=GUARD) as client:
            answer = client.post(f"{self.url}/graphql", json={"query": query})
        assert answer.status_code == 200, answer.text
        found: dict[str, Any] = answer.json()
        return found

    def get(self, path: str, **params: str) -> httpx.Response:
        with httpx.Client(timeout=GUARD) as client:
            return client.get(f"{self.url}{path}", params=params)

    def sparql(self, query: str, accept: str = TSV) -> httpx.Response:
        with httpx.Client(timeout=GUARD) as client:
            return client.post(
                f"{self.url}/sparql", data={"query": query}, headers={"Accept": accept}
            )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """An Oxigraph server holding the API test graph."""
    folder = tmp_path_factory.mktemp("graph")
    (folder / "finreg.toml").write_text("")
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as endpoint:
        store = RemoteStore(endpoint)
        load_files(store, write_graph(folder))
        store.close()
        yield endpoint


def serve_through_proxy(
    server: Endpoint,
    tmp_path: Path,
    *,
    max_rows: int | None = None,
    timeout: float = 10.0,
    store_timeout: float = STORE_TIMEOUT,
) -> Iterator[Api]:
    url = urlsplit(server.query_url)
    assert url.hostname is not None
    assert url.port is not None
    with FaultProxy((url.hostname, url.port)) as proxy:
        settings = Settings(
            data_dir=tmp_path / "unused",
            store_url=proxy.url("/query"),
            store_timeout=store_timeout,
            store_max_rows=max_rows,
            timeout=timeout,
            cache="off",  # each request must reach the store, as the first one did
        )
        graph = KnowledgeGraph.open(settings)
        try:
            with serving(create_app(settings, graph=graph)) as base:
                yield Api(base, proxy, server)
        finally:
            graph.close()


@pytest.fixture
def api(server: Endpoint, tmp_path: Path) -> Iterator[Api]:
    yield from serve_through_proxy(server, tmp_path)


@pytest.fixture
def impatient(server: Endpoint, tmp_path: Path) -> Iterator[Api]:
    """The API with a request time limit (1 s) shorter than its store's timeout (5 s)."""
    yield from serve_through_proxy(server, tmp_path, timeout=1.0, store_timeout=5.0)


@pytest.fixture
def capped(server: Endpoint, tmp_path: Path) -> Iterator[Api]:
    """The API told that its server stops every answer at 20 rows."""
    yield from serve_through_proxy(server, tmp_path, max_rows=20)


def codes(answer: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in answer.get("errors", ())]


def eventually_ready(api: Api) -> bool:
    """Whether /readyz turns 200 before GUARD (questions given up on may still hold their
    threads until the store's timeout)."""
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline:
        if api.get("/readyz").status_code == 200:
            return True
        time.sleep(0.2)
    return False


# What each fault does to every request while it lasts.
FAULTS: dict[str, Callable[[], Fault]] = {
    "slow: answers held past the timeout": lambda: Delay(
        seconds=STORE_TIMEOUT * 3, downstream=True, times=MANY
    ),
    "slow: answers trickled past the timeout": lambda: Trickle(size=8, pause=0.1, times=MANY),
    "cut mid-body": lambda: CutDownstream(after=200, times=MANY),
    "cut at a line boundary, framed": lambda: CutBody(lines=1, times=MANY),
    "cut at a line boundary, unframed": lambda: CutBody(lines=1, framing=False, times=MANY),
    "garbage: not HTTP": lambda: Garbage(times=MANY),
    "garbage: HTTP with a body that is no SPARQL results": lambda: Garbage(
        data=b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
        b'Content-Length: 9\r\n\r\n{"head":[',
        times=MANY,
    ),
    "refused": lambda: Refuse(times=MANY),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", FAULTS)
def test_a_misbehaving_store_is_store_unavailable_and_unready_until_it_heals(
    api: Api, name: str
) -> None:
    whole = api.graphql(LINEAGE)
    assert not whole.get("errors")
    assert whole["data"]["lineage"]
    assert api.get("/readyz").status_code == 200

    api.proxy.arm(FAULTS[name]())
    api.proxy.drop_connections()  # a gone server's connections are gone too
    during = api.graphql(LINEAGE)
    assert api.proxy.fired, "the fault never fired"
    assert during["data"] is None or during["data"].get("lineage") is None
    assert codes(during), during
    assert set(codes(during)) <= {STORE_UNAVAILABLE, TIMEOUT}
    assert "lineage" not in str(during.get("data") or "")
    ready = api.get("/readyz")
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable"}

    api.proxy.disarm()
    assert eventually_ready(api)
    assert api.graphql(LINEAGE) == whole


@pytest.mark.slow
def test_a_store_slower_than_the_request_limit_is_timeout(impatient: Api) -> None:
    whole = impatient.graphql(LINEAGE)
    assert not whole.get("errors")

    impatient.proxy.arm(Delay(seconds=3.0, downstream=True, times=MANY))
    during = impatient.graphql(LINEAGE)
    assert impatient.proxy.fired
    assert during["data"] is None
    assert codes(during) == [TIMEOUT]
    assert impatient.get("/readyz").status_code == 503

    impatient.proxy.disarm()
    assert eventually_ready(impatient)
    assert impatient.graphql(LINEAGE) == whole


# /sparql passes the server's TSV or N-Triples on, and a linked data description is read
# from the server as N-Triples: one line each, so a cut at a line boundary leaves a shorter
# answer that still parses. The cut is made on the user's query or the description only.
LINE_CUTS = {"framed": True, "unframed": False}


def line_cut(framing: str, marker: bytes) -> Fault:
    """Every answer to a request containing ``marker`` cut after its third line."""
    return CutBody(lines=3, framing=LINE_CUTS[framing], when=containing(marker), times=MANY)


@pytest.mark.slow
@pytest.mark.parametrize("framing", LINE_CUTS)
@pytest.mark.parametrize(
    ("query", "accept", "marker"),
    [(EVERY_TRIPLE, TSV, b"ORDER+BY"), (TRIPLES, "application/n-triples", b"CONSTRUCT")],
)
def test_an_answer_cut_at_a_line_boundary_is_never_passed_on(
    api: Api, framing: str, query: str, accept: str, marker: bytes
) -> None:
    whole = api.sparql(query, accept)
    assert whole.status_code == 200
    assert len(whole.content.splitlines()) > 3

    api.proxy.arm(line_cut(framing, marker))
    cut = api.sparql(query, accept)
    assert api.proxy.fired
    assert cut.status_code == 503
    assert "incomplete" in cut.text
    assert cut.headers["retry-after"]

    api.proxy.disarm()
    assert api.sparql(query, accept).content == whole.content


@pytest.mark.slow
@pytest.mark.parametrize("framing", LINE_CUTS)
def test_a_linked_data_description_cut_at_a_line_boundary_is_never_shown(
    api: Api, framing: str
) -> None:
    path = "/data/company/chongqing.ttl"
    whole = api.get(path)
    assert whole.status_code == 200
    assert len(whole.content.splitlines()) > 3

    api.proxy.arm(line_cut(framing, b"CONSTRUCT"))
    cut = api.get(path)
    assert api.proxy.fired
    assert cut.status_code == 503
    assert not cut.headers["content-type"].startswith("text/turtle")  # an error page
    api.proxy.disarm()
    assert api.get(path).content == whole.content


# The row cap -------------------------------------------------------------------------


@pytest.mark.slow
def test_an_answer_at_the_row_cap_is_refused_and_a_shorter_one_answered(capped: Api) -> None:
    lineage = capped.graphql(LINEAGE)
    assert not lineage.get("errors")
    assert [t["to"]["id"] for t in lineage["data"]["lineage"]] == [
        "https://w3id.org/finreg/id/company/acf"
    ]
    events = capped.graphql(EVENTS)
    assert codes(events) == [RESULT_CAPPED]
    assert events["errors"][0]["extensions"]["cap"] == 20
    assert events["data"] is None or not events["data"].get("events")

    assert capped.sparql(EVERY_TRIPLE + " LIMIT 3").status_code == 200
    refused = capped.sparql(EVERY_TRIPLE + " LIMIT 100")
    assert refused.status_code == 503
    assert "FINREG_STORE_MAX_ROWS" in refused.text
    assert capped.sparql(TRIPLES + " LIMIT 100", "application/n-triples").status_code == 503


def test_a_construct_answer_at_the_row_cap_is_refused(server: Endpoint) -> None:
    store = RemoteStore(Endpoint(server.query_url, server.update_url, max_rows=20))
    try:
        assert len(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5")) == 5
        with pytest.raises(RowCapError, match="stops answers at 20 rows"):
            store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    finally:
        store.close()


@pytest.mark.slow
def test_an_export_at_the_row_cap_is_refused(
    server: Endpoint, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, whole, _ = run_cli(capsys, "export", "--store", server.query_url)
    assert code == 0
    assert len(whole.splitlines()) > 20
    monkeypatch.setenv("FINREG_STORE_MAX_ROWS", "20")
    code, out, err = run_cli(capsys, "export", "--store", server.query_url)
    assert code == EXIT_STORE
    assert out == ""
    assert "stops answers at 20 rows" in err
    assert "FINREG_STORE_MAX_ROWS" in err
