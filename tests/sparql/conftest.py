"""The seed graph served over real HTTP for the SPARQL endpoint tests, and a SPARQLWrapper
client for it (a real SPARQL 1.1 Protocol client, as users run it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from SPARQLWrapper import SPARQLWrapper

from api.app import create_app
from kg.graphs import graph_iri
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from kg.store import GraphStore
from tests.server import serving

PREFIXES = """PREFIX fr: <https://w3id.org/finreg/ontology#>
PREFIX event: <https://w3id.org/finreg/id/event/>
PREFIX company: <https://w3id.org/finreg/id/company/>
PREFIX product: <https://w3id.org/finreg/id/product/>
"""

HUABEI_TRANSFEREE = (
    PREFIXES
    + "SELECT ?to WHERE { event:huabei-transfer-to-ant-consumer-finance fr:transferee ?to }"
)
"""Who took the Huabei business over: Ant Consumer Finance, in the seeds."""

ANT_CONSUMER_FINANCE = "https://w3id.org/finreg/id/company/ant-consumer-finance"


@pytest.fixture(scope="session")
def served(seeded_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app serving the seed graph (this run's backend), default limits."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("sparql-server") / "data")
    with serving(create_app(settings, graph=KnowledgeGraph(seeded_store))) as url:
        yield url


@pytest.fixture
def endpoint(served: str) -> str:
    """The URL of the SPARQL endpoint."""
    return served + "/sparql"


@pytest.fixture
def http(served: str) -> Iterator[httpx.Client]:
    """An httpx client for the served app (a generous timeout: a hang fails the test)."""
    with httpx.Client(base_url=served, timeout=60) as client:
        yield client


def client(endpoint: str, query: str, *, fmt: str, method: str = "GET") -> SPARQLWrapper:
    """SPARQLWrapper set up for ``query`` in ``fmt`` (a SPARQLWrapper return format)."""
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    sparql.setTimeout(60)
    return sparql


def seed_graph_name(file: str) -> str:
    """The named graph a seed file is loaded into (the IRI of its key, seeds/<file>)."""
    return graph_iri(f"seeds/{file}").value


def json_answer(sparql: SPARQLWrapper) -> dict[str, Any]:
    """Run ``sparql`` (set up for JSON); its SPARQL JSON results."""
    answer = sparql.queryAndConvert()
    assert isinstance(answer, dict)
    return answer
