"""No HTTP route can change the graph: the schema has no mutations or subscriptions, the app
serves only read routes, and SPARQL updates sent anywhere are refused with the store as it was.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from api.app import create_app
from api.schema import build_schema
from kg.settings import Settings
from kg.store import GraphStore

pytestmark = pytest.mark.e2e

UPDATE = "DROP ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> }"


def test_the_schema_has_no_mutation_or_subscription() -> None:
    schema = build_schema(Settings(data_dir=Path("unused")))
    assert schema._schema.mutation_type is None
    assert schema._schema.subscription_type is None
    assert "Mutation" not in str(schema)
    served = (Path(__file__).resolve().parents[2] / "api" / "schema.graphql").read_text("utf-8")
    assert "type Mutation" not in served
    assert "type Subscription" not in served


def test_the_app_serves_only_read_routes() -> None:
    app = create_app(Settings(data_dir=Path("unused")))
    routes = {}
    for route in app.routes:
        if isinstance(route, Mount):  # GraphiQL's assets: StaticFiles answers GET and HEAD only
            assert route.path == "/static/vendor"
            assert isinstance(route.app, StaticFiles)
            continue
        assert isinstance(route, Route)
        routes[route.path] = route.methods
    # /graphql and /sparql take POST too, for queries only (below): /graphql declares GET
    # and POST, /sparql is an ASGI app answering GET, POST and OPTIONS itself; the
    # reconciliation services take POST forms of query batches and extension queries
    assert routes["/graphql"] == {"GET", "HEAD", "POST"}
    assert routes["/sparql"] is None
    reconcile = {"/reconcile", "/reconcile/en"}
    for path in reconcile:
        assert routes[path] == {"GET", "HEAD", "POST", "OPTIONS"}, path
    pages = set(routes) - {"/graphql", "/sparql"} - reconcile
    assert {"/", "/search", "/id/{kind}/{slug}", "/healthz", "/readyz"} <= pages
    for path in pages:  # every page, picture, download and export
        assert routes[path] == {"GET", "HEAD"}, path


@pytest.mark.parametrize(
    ("method", "path", "arguments"),
    [
        (
            "POST",
            "/graphql",
            {"content": UPDATE, "headers": {"content-type": "application/sparql-update"}},
        ),
        ("POST", "/graphql", {"data": {"update": UPDATE}}),
        ("POST", "/graphql", {"json": {"update": UPDATE}}),
        ("POST", "/graphql", {"json": {"query": UPDATE}}),
        ("POST", "/graphql", {"json": {"query": 'mutation { load(files: ["x.ttl"]) }'}}),
        ("POST", "/graphql", {"json": {"query": "mutation { __typename }"}}),
        ("GET", "/graphql", {"params": {"query": "mutation { __typename }"}}),
        ("GET", "/graphql", {"params": {"update": UPDATE}}),
        (
            "PUT",
            "/graphql",
            {"content": UPDATE, "headers": {"content-type": "application/sparql-update"}},
        ),
        ("DELETE", "/graphql", {}),
        (
            "POST",
            "/",
            {"content": UPDATE, "headers": {"content-type": "application/sparql-update"}},
        ),
        ("PUT", "/healthz", {"content": b"x"}),
        ("POST", "/readyz", {"content": b"x"}),
        ("POST", "/sparql", {"data": {"update": UPDATE}}),
        (
            "POST",
            "/update",
            {"content": UPDATE, "headers": {"content-type": "application/sparql-update"}},
        ),
        ("POST", "/query", {"data": {"query": "SELECT * WHERE { ?s ?p ?o }"}}),
        (
            "PUT",
            "/store",
            {
                "content": b"<urn:a> <urn:b> <urn:c> .",
                "headers": {"content-type": "application/n-triples"},
            },
        ),
        ("POST", "/reconcile", {"data": {"update": UPDATE}}),
        (
            "POST",
            "/reconcile/en",
            {"content": UPDATE, "headers": {"content-type": "application/sparql-update"}},
        ),
        ("PUT", "/reconcile", {"data": {"queries": "{}"}}),
        ("POST", "/reconcile/preview", {"data": {"id": "x"}}),
        ("POST", "/id/company/ant-consumer-finance", {"content": b"x"}),
        ("DELETE", "/id/company/ant-consumer-finance", {}),
        ("PUT", "/static/vendor/graphiql@3.8.3/graphiql.min.js", {"content": b"x"}),
    ],
)
def test_no_route_accepts_a_write(
    method: str,
    path: str,
    arguments: dict[str, object],
    http: httpx.Client,
    seeded_store: GraphStore,
) -> None:
    before = seeded_store.export("nq")
    response = http.request(method, path, **arguments)  # type: ignore[arg-type]
    if response.status_code == 200 and response.headers["content-type"].startswith("text/html"):
        assert "graphiql" in response.text.lower()  # a GET with no query: the IDE's page
    elif response.status_code == 200:  # GraphQL's legacy JSON: an error, no data
        body = response.json()
        assert body["errors"], body
        assert not body.get("data"), body
    else:
        assert 400 <= response.status_code < 500, response.text
    assert seeded_store.export("nq") == before
