"""The store side: which texts count as read-only queries, and answers from each backend in
every format, within the time and size limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat, parse_query_results

from kg.errors import (
    FederatedQueryError,
    MalformedQueryError,
    QueryTimeoutError,
    ResultTooLargeError,
    UpdateRefusedError,
)
from kg.loaders import load_files
from kg.store import EmbeddedStore, GraphStore
from kg.store.answers import answer_in_process
from kg.user_query import GRAPH_FORMATS, RESULTS_FORMATS, Dataset, QueryForm, read_query
from tests.conftest import SEEDS
from tests.sparql.conftest import ANT_CONSUMER_FINANCE, HUABEI_TRANSFEREE, PREFIXES


@pytest.mark.parametrize(
    ("text", "operation"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
        ("PREFIX ex: <urn:ex:>\nDELETE WHERE { ?s ex:p ?o }", "DELETE"),
        ("# a comment\nLOAD <http://127.0.0.1:9/x.ttl>", "LOAD"),
        ("BASE <urn:b> clear all", "CLEAR"),
        ("DROP SILENT GRAPH <urn:g>", "DROP"),
        ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
        ("SELECT * WHERE {} ; DROP ALL", ""),
    ],
)
def test_updates_are_refused_naming_the_operation(text: str, operation: str) -> None:
    error = UpdateRefusedError if operation else MalformedQueryError
    with pytest.raises(error, match=operation or "not a SPARQL query"):
        read_query(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o .SERVICE SILENT <http://127.0.0.1:9/> { } }",
        "SELECT * WHERE { SERVI\\u0043E <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "PREFIX ex: <urn:> SELECT * WHERE { ?s ex:a\\# ?o . SERVICE <http://127.0.0.1:9/> {} }",
        "SELECT * WHERE { ?s ?p 'a' # comment\n SERVICE ?endpoint { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_however_it_is_written(text: str) -> None:
    with pytest.raises(FederatedQueryError):
        read_query(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT ?service WHERE { ?service ?p 'SERVICE' } # SERVICE", QueryForm.SELECT),
        (
            "PREFIX ex: <urn:x:> SELECT * { ?s ex:service ?o ; ex:long-service ?x }",
            QueryForm.SELECT,
        ),
        ("ASK { <http://example.org/SERVICE> ?p ?o }", QueryForm.ASK),
        ("CONSTRUCT WHERE { ?s ?p ?o }", QueryForm.CONSTRUCT),
        ("describe <urn:x>", QueryForm.DESCRIBE),
    ],
)
def test_queries_that_only_mention_service_are_run(text: str, form: QueryForm) -> None:
    assert read_query(text).form is form


def test_select_answers_in_every_results_format(seeded_store: GraphStore) -> None:
    for media_type in RESULTS_FORMATS:
        body, content_type = seeded_store.answer(HUABEI_TRANSFEREE, media_type, timeout=30)
        assert content_type.split(";")[0] == media_type
        assert ANT_CONSUMER_FINANCE.encode() in body, media_type
    body, _ = seeded_store.answer(HUABEI_TRANSFEREE, "application/sparql-results+xml", timeout=30)
    solutions = parse_query_results(body, format=QueryResultsFormat.XML)
    assert [str(s["to"]) for s in solutions] == [f"<{ANT_CONSUMER_FINANCE}>"]  # type: ignore[union-attr]


def test_construct_answers_in_every_graph_format(seeded_store: GraphStore) -> None:
    query = PREFIXES + "CONSTRUCT WHERE { company:ant-consumer-finance a ?class }"
    for media_type in GRAPH_FORMATS:
        body, content_type = seeded_store.answer(query, media_type, timeout=30)
        assert content_type.split(";")[0] == media_type
        assert b"ant-consumer-finance" in body


def test_a_dataset_names_the_default_graph(seeded_store: GraphStore) -> None:
    entities = (Path(SEEDS[0]).parent / "entities.ttl").as_uri()
    body, _ = seeded_store.answer(
        HUABEI_TRANSFEREE,
        "application/sparql-results+json",
        timeout=30,
        dataset=Dataset(default_graphs=(entities,)),
    )
    assert json.loads(body)["results"]["bindings"] == []


def test_an_update_never_reaches_the_store(seeded_store: GraphStore) -> None:
    before = seeded_store.export("nq")
    with pytest.raises(UpdateRefusedError):
        seeded_store.answer("CLEAR ALL", "application/sparql-results+json", timeout=30)
    assert seeded_store.export("nq") == before


@pytest.fixture(scope="module")
def in_process() -> EmbeddedStore:
    """The seeds in a pyoxigraph store in memory (answer_in_process takes its Store)."""
    store = EmbeddedStore.in_memory()
    load_files(store, SEEDS)
    return store


HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
UNION = {"use_default_graph_as_union": True}


def test_a_streamed_answer_is_stopped_at_the_deadline(in_process: EmbeddedStore) -> None:
    with pytest.raises(QueryTimeoutError, match=r"time limit of 0\.5 s"):
        answer_in_process(
            in_process.raw(), HUGE, "text/csv", timeout=0.5, options=UNION, max_bytes=1 << 40
        )


def test_a_streamed_answer_is_stopped_at_the_size_limit(in_process: EmbeddedStore) -> None:
    with pytest.raises(ResultTooLargeError, match="1000000 bytes"):
        answer_in_process(
            in_process.raw(), HUGE, "text/csv", timeout=60, options=UNION, max_bytes=1_000_000
        )


def test_answers_are_serialised_as_pyoxigraph_writes_them(in_process: EmbeddedStore) -> None:
    body = answer_in_process(
        in_process.raw(),
        "ASK { ?s ?p ?o }",
        "application/sparql-results+json",
        timeout=30,
        options=UNION,
    )
    assert bool(parse_query_results(body, format=QueryResultsFormat.JSON))
