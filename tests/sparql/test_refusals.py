"""What the read-only endpoint refuses, and how it says so: updates in every form the protocol
knows (the store unchanged after), malformed queries, SERVICE, unacceptable formats."""

from __future__ import annotations

import httpx
import pytest
from SPARQLWrapper import JSON, POST
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.store import GraphStore
from tests.sparql.conftest import HUABEI_TRANSFEREE, PREFIXES, client

INSERT = PREFIXES + "INSERT DATA { GRAPH <urn:x:g> { company:ant-consumer-finance fr:note 'x' } }"
"""An update that would add a triple (in a graph of its own)."""
INSERTED = PREFIXES + "ASK { GRAPH ?g { company:ant-consumer-finance fr:note ?x } }"


def test_updates_are_refused_in_every_form_and_the_store_is_unchanged(
    http: httpx.Client, endpoint: str, seeded_store: GraphStore
) -> None:
    before = seeded_store.export("nq")
    sparql = client(endpoint, INSERT, fmt=JSON, method=POST)  # SPARQLWrapper posts update=
    with pytest.raises(QueryBadFormed, match="read-only"):
        sparql.query()
    refusals = [
        http.get("/sparql", params={"update": INSERT}),
        http.post("/sparql", data={"update": "DROP ALL"}),
        http.get("/sparql", params={"query": INSERT}),
        http.post("/sparql", data={"query": "CLEAR ALL"}),
        http.post(
            "/sparql",
            content="DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
        ),
        http.post(
            "/sparql",
            content="LOAD <http://127.0.0.1:9/data.ttl>",
            headers={"Content-Type": "application/sparql-query"},
        ),
    ]
    assert [r.status_code for r in refusals] == [400, 400, 400, 400, 415, 400]
    for response in refusals:
        assert "read-only" in response.text, response.text
    assert "INSERT is a SPARQL update" in refusals[2].text
    assert seeded_store.export("nq") == before
    answer = http.get("/sparql", params={"query": INSERTED})
    assert answer.json()["boolean"] is False


def test_a_malformed_query_is_a_400_with_the_parsers_message(
    http: httpx.Client, endpoint: str
) -> None:
    with pytest.raises(QueryBadFormed, match="not a SPARQL query"):
        client(endpoint, "SELECT ?s WHERE { ?s ?p }", fmt=JSON).query()
    response = http.post("/sparql", data={"query": "SELEKT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400
    assert response.text.startswith("not a SPARQL query: error at 1:1")


def test_service_is_refused_before_anything_is_fetched(http: httpx.Client) -> None:
    for query in (
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVI\\u0043E <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ):
        response = http.get("/sparql", params={"query": query})
        assert response.status_code == 400, query
        assert "SERVICE (federated query) is not offered" in response.text


def test_nothing_acceptable_is_a_406_naming_what_is_offered(http: httpx.Client) -> None:
    response = http.get(
        "/sparql", params={"query": HUABEI_TRANSFEREE}, headers={"Accept": "image/png"}
    )
    assert response.status_code == 406
    assert "text/csv" in response.text
    construct = PREFIXES + "CONSTRUCT WHERE { company:ant-consumer-finance ?p ?o }"
    response = http.get("/sparql", params={"query": construct}, headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert "text/turtle" in response.text


def test_requests_outside_the_protocol_say_what_is_wrong(http: httpx.Client) -> None:
    two = http.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert two.status_code == 400
    assert "one query" in two.text
    none = http.get("/sparql", headers={"Accept": "application/sparql-results+json"})
    assert none.status_code == 400
    assert "no query" in none.text
    text = http.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert text.status_code == 415
    put = http.put("/sparql", content="ASK {}")
    assert put.status_code == 405
    assert put.headers["allow"] == "GET, POST, OPTIONS"
    bad_iri = http.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "not an iri"})
    assert bad_iri.status_code == 400
    assert "default-graph-uri" in bad_iri.text
    latin1 = http.post(
        "/sparql",
        content="ASK { ?s ?p 'caf\xe9' }".encode("latin-1"),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert latin1.status_code == 400
    assert "not UTF-8" in latin1.text


def test_a_body_over_the_apps_limit_is_a_413(http: httpx.Client) -> None:
    query = "ASK {}" + " " * (1024 * 1024 + 1)
    response = http.post(
        "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413
