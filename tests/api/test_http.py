"""End to end over real HTTP: uvicorn on loopback, httpx and gql as clients."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport

from api.app import create_app
from kg.errors import StoreUnavailableError
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from tests.api.conftest import write_graph
from tests.backends import Backend
from tests.server import serving

pytestmark = pytest.mark.e2e

HUABEI = '{ entity(name: "花呗") { id kind name } }'
GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[str]:
    """A server on a fresh data directory, seeded from the API test graph on first start."""
    root = tmp_path_factory.mktemp("server")
    write_graph(root / "seeds")
    backend.store("api-graph").close()  # empty: the app seeds it on first start
    settings = backend.settings(root / "data", "api-graph", seeds_dir=root / "seeds")
    with serving(create_app(settings)) as url:
        yield url


@pytest.fixture
def http(base_url: str) -> Iterator[httpx.Client]:
    """An httpx client for the test server."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


def test_post_query(http: httpx.Client) -> None:
    response = http.post("/graphql", json={"query": HUABEI})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {
        "data": {
            "entity": {
                "id": "https://w3id.org/finreg/id/product/huabei",
                "kind": "PRODUCT",
                "name": "花呗",
            }
        }
    }


def test_get_query_with_variables(http: httpx.Client) -> None:
    response = http.get(
        "/graphql",
        params={
            "query": 'query($n: String!) { entity(name: $n) { name(lang: "en") } }',
            "variables": json.dumps({"n": "花呗"}),
        },
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"entity": {"name": "Huabei"}}}


def test_bad_json_is_400_with_errors(http: httpx.Client) -> None:
    response = http.post(
        "/graphql", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "Unable to parse request body as JSON"}]}


def test_mutation_over_get_is_405(http: httpx.Client) -> None:
    response = http.get(
        "/graphql", params={"query": "mutation { x }"}, headers={"accept": "application/json"}
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert "mutations are not allowed when using GET" in response.json()["errors"][0]["message"]


def test_other_methods_are_405(http: httpx.Client) -> None:
    response = http.put("/graphql", json={"query": HUABEI})
    assert response.status_code == 405
    assert response.json()["errors"]


def test_graphql_response_json_is_honoured(http: httpx.Client) -> None:
    headers = {"accept": f"{GRAPHQL_RESPONSE}, application/json;q=0.9"}
    ok = http.post("/graphql", json={"query": HUABEI}, headers=headers)
    assert ok.status_code == 200
    assert ok.headers["content-type"] == GRAPHQL_RESPONSE
    assert ok.json()["data"]["entity"]["kind"] == "PRODUCT"

    invalid = http.post("/graphql", json={"query": "{ nope }"}, headers=headers)
    assert invalid.status_code == 400
    assert invalid.headers["content-type"] == GRAPHQL_RESPONSE
    body = invalid.json()
    assert "data" not in body
    assert "nope" in body["errors"][0]["message"]

    bad_json = http.post(
        "/graphql", content=b"{", headers={**headers, "content-type": "application/json"}
    )
    assert bad_json.status_code == 400
    assert bad_json.headers["content-type"] == GRAPHQL_RESPONSE


@pytest.mark.parametrize(
    ("accept", "answered"),
    [
        (f"{GRAPHQL_RESPONSE};q=0.0, application/json", "application/json"),
        (f"{GRAPHQL_RESPONSE};q=0.5, application/json", "application/json"),
        ("application/json;q=0.5, application/*", GRAPHQL_RESPONSE),
        ("*/*", "application/json"),
    ],
)
def test_the_response_type_follows_the_accept_header_q_values_and_wildcards(
    http: httpx.Client, accept: str, answered: str
) -> None:
    # Regression: q=0.0 was taken as acceptance, and application/* was not seen as a match.
    response = http.post("/graphql", json={"query": HUABEI}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == answered


def test_legacy_json_keeps_200_for_invalid_queries(http: httpx.Client) -> None:
    response = http.post("/graphql", json={"query": "{ nope }"})
    assert response.status_code == 200
    assert response.json()["data"] is None


def test_limit_errors_are_graphql_errors_not_500(http: httpx.Client) -> None:
    inner = "id"
    for _ in range(6):
        inner = f"participants {{ entity {{ timeline {{ {inner} }} }} }}"
    response = http.post(
        "/graphql", json={"query": f'{{ entity(name: "花呗") {{ timeline {{ {inner} }} }} }}'}
    )
    assert response.status_code == 200
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "depth"}
    page = http.post("/graphql", json={"query": "{ events(first: 1000) { totalCount } }"})
    assert page.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_ambiguous_over_http(http: httpx.Client) -> None:
    response = http.post("/graphql", json={"query": '{ entity(name: "同名公司") { id } }'})
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "AMBIGUOUS"
    assert {c["name"] for c in error["extensions"]["candidates"]} == {
        "重庆蚂蚁消费金融有限公司",
        "重庆市蚂蚁小微小额贷款有限公司",
    }


def test_health_and_readiness(http: httpx.Client) -> None:
    assert http.get("/healthz").json()["status"] == "ok"
    ready = http.get("/readyz")
    deadline = time.monotonic() + 30
    while ready.status_code == 503 and time.monotonic() < deadline:
        assert ready.json() == {"status": "reading names for search"}
        time.sleep(0.05)
        ready = http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


def test_graphiql_for_a_browser(http: httpx.Client) -> None:
    response = http.get("/graphql", headers={"accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "finreg GraphiQL" in page
    assert "defaultTabs: FINREG_TABS" in page
    assert "__FINREG_TABS__" not in page
    for example in ("HuabeiLineage", "LicenceHistory", "NfraNotices"):
        assert example in page
    home = http.get("/", follow_redirects=False)  # the home page links GraphiQL
    assert home.status_code == 200
    assert 'href="/graphql"' in home.text


def test_gql_client(base_url: str) -> None:
    transport = HTTPXTransport(url=f"{base_url}/graphql", timeout=30)
    with Client(transport=transport, fetch_schema_from_transport=True) as session:
        request = GraphQLRequest(
            "query($n: String!) { lineage(name: $n) { depth to { name } } }",
            variable_values={"n": "花呗"},
        )
        result: dict[str, Any] = session.execute(request)
        assert result == {"lineage": [{"depth": 1, "to": {"name": "重庆蚂蚁消费金融有限公司"}}]}
        with pytest.raises(TransportQueryError, match="matches 2 entities") as raised:
            session.execute(gql('{ entity(name: "同名公司") { id } }'))
        assert raised.value.errors is not None
        assert raised.value.errors[0]["extensions"]["code"] == "AMBIGUOUS"


class BrokenStore:
    """A store that opened but no longer answers."""

    location = "http://store.invalid/query"

    def ask(self, query: str, bindings: object = None) -> bool:
        """Fail like an unreachable store."""
        raise StoreUnavailableError("the store went away")

    def select(self, query: str, bindings: object = None) -> list[object]:
        """Fail like an unreachable store."""
        raise StoreUnavailableError("the store went away")

    def graph_versions(self) -> frozenset[tuple[str, str | None]]:
        """Fail like an unreachable store."""
        raise StoreUnavailableError("the store went away")


def test_readyz_is_503_when_the_store_does_not_answer(tmp_path: Path) -> None:
    app = create_app(
        Settings(data_dir=tmp_path / "data"),
        graph=KnowledgeGraph(BrokenStore()),  # type: ignore[arg-type]
    )
    with serving(app) as url, httpx.Client(base_url=url) as client:
        assert client.get("/healthz").status_code == 200
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json() == {"status": "unavailable"}
