"""The SPARQL 1.1 Protocol endpoint as a real client (SPARQLWrapper) uses it: queries by GET,
form POST and direct POST, results in JSON, CSV, XML and Turtle, the dataset parameters."""

from __future__ import annotations

import csv
import io
from xml.dom.minidom import Document

import httpx
from pyoxigraph import NamedNode, RdfFormat, parse
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML

from tests.sparql.conftest import (
    ANT_CONSUMER_FINANCE,
    HUABEI_TRANSFEREE,
    PREFIXES,
    client,
    json_answer,
    seed_graph_name,
)


def test_select_as_json_names_ant_consumer_finance_as_huabeis_transferee(endpoint: str) -> None:
    result = json_answer(client(endpoint, HUABEI_TRANSFEREE, fmt=JSON))
    assert result["head"]["vars"] == ["to"]
    assert [b["to"]["value"] for b in result["results"]["bindings"]] == [ANT_CONSUMER_FINANCE]


def test_select_as_csv_over_a_form_post(endpoint: str) -> None:
    body = client(endpoint, HUABEI_TRANSFEREE, fmt=CSV, method=POST).queryAndConvert()
    assert isinstance(body, bytes)
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows == [["to"], [ANT_CONSUMER_FINANCE]]


def test_select_posted_directly_as_a_sparql_query_body(endpoint: str) -> None:
    sparql = client(endpoint, HUABEI_TRANSFEREE, fmt=TSV, method=POST)
    sparql.setRequestMethod(POSTDIRECTLY)
    body = sparql.queryAndConvert()
    assert isinstance(body, bytes)
    assert body.decode("utf-8").split() == ["?to", f"<{ANT_CONSUMER_FINANCE}>"]


def test_select_as_xml_results(endpoint: str) -> None:
    document = client(endpoint, HUABEI_TRANSFEREE, fmt=XML).queryAndConvert()
    assert isinstance(document, Document)
    uris = [
        "".join(str(text.nodeValue) for text in node.childNodes)
        for node in document.getElementsByTagName("uri")
    ]
    assert uris == [ANT_CONSUMER_FINANCE]


def test_ask_answers_true_for_a_seed_fact_and_false_for_a_made_up_one(endpoint: str) -> None:
    fact = PREFIXES + "ASK { event:huabei-transfer-to-ant-consumer-finance fr:transferee ?to }"
    made_up = PREFIXES + "ASK { company:ant-consumer-finance fr:transferee company:nobody }"
    for method in ("GET", POST):
        assert json_answer(client(endpoint, fact, fmt=JSON, method=method))["boolean"]
        assert not json_answer(client(endpoint, made_up, fmt=JSON, method=method))["boolean"]


def test_construct_as_turtle(endpoint: str) -> None:
    query = PREFIXES + (
        "CONSTRUCT { ?event fr:transferee ?to } WHERE { ?event fr:transferredScope product:huabei ;"
        " fr:transferee ?to }"
    )
    body = client(endpoint, query, fmt=TURTLE).queryAndConvert()
    assert isinstance(body, bytes)
    triples = list(parse(body, format=RdfFormat.TURTLE))
    assert [str(t.object) for t in triples] == [f"<{ANT_CONSUMER_FINANCE}>"]


def test_describe_and_other_graph_formats_by_accept(http: httpx.Client) -> None:
    query = PREFIXES + "DESCRIBE company:ant-consumer-finance"
    for media_type, fmt in (
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/ld+json", RdfFormat.JSON_LD),
        ("application/rdf+xml", RdfFormat.RDF_XML),
    ):
        response = http.get("/sparql", params={"query": query}, headers={"Accept": media_type})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith(media_type)
        subjects = {t.subject for t in parse(response.content, format=fmt)}
        assert NamedNode(ANT_CONSUMER_FINANCE) in subjects


def test_default_answer_is_json_and_results_are_open_to_any_web_page(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": HUABEI_TRANSFEREE})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = http.options("/sparql", headers={"Origin": "https://example.org"})
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_default_graph_uri_limits_the_default_graph_to_the_graphs_named(endpoint: str) -> None:
    events = client(endpoint, HUABEI_TRANSFEREE, fmt=JSON)
    events.addDefaultGraph(seed_graph_name("events-ant.ttl"))
    assert len(json_answer(events)["results"]["bindings"]) == 1
    entities = client(endpoint, HUABEI_TRANSFEREE, fmt=JSON, method=POST)
    entities.addDefaultGraph(seed_graph_name("entities.ttl"))
    assert json_answer(entities)["results"]["bindings"] == []


def test_named_graph_uri_names_the_graphs_a_query_may_open(endpoint: str) -> None:
    query = PREFIXES + (
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?e fr:transferredScope product:huabei } }"
    )
    sparql = client(endpoint, query, fmt=JSON)
    sparql.addNamedGraph(seed_graph_name("events-ant.ttl"))
    sparql.addNamedGraph(seed_graph_name("entities.ttl"))
    graphs = [b["g"]["value"] for b in json_answer(sparql)["results"]["bindings"]]
    assert graphs == [seed_graph_name("events-ant.ttl")]


def test_a_query_with_from_reads_the_graph_it_names(endpoint: str) -> None:
    query = HUABEI_TRANSFEREE.replace("WHERE", f"FROM <{seed_graph_name('entities.ttl')}> WHERE")
    assert json_answer(client(endpoint, query, fmt=JSON))["results"]["bindings"] == []
