"""A finreg server on loopback, seeded on first start from seeds/ (or FINREG_SEEDS), as a
newcomer runs it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.app import create_app
from tests.backends import Backend
from tests.conftest import SEEDS_DIR
from tests.server import serving


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e talks to a real server: mark it so."""
    for item in items:
        if "tests/e2e/" in item.nodeid or item.nodeid.startswith("e2e/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def seed_server(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[str]:
    """Base URL of a server on an empty store that loads the seeds on first start."""
    root = tmp_path_factory.mktemp("seed-server")
    backend.store("seed-server").close()  # empty: the app seeds it on first start
    settings = backend.settings(root / "data", "seed-server", seeds_dir=SEEDS_DIR)
    with serving(create_app(settings)) as url:
        yield url


@pytest.fixture
def client(seed_server: str) -> Iterator[httpx.Client]:
    """An httpx client for the seeded server."""
    with httpx.Client(base_url=seed_server, timeout=30) as http:
        yield http


def ask(client: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    """POST a query; assert HTTP 200 and no errors; return ``data``."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def fail(client: httpx.Client, query: str, **variables: Any) -> list[dict[str, Any]]:
    """POST a query that must fail; return its GraphQL errors (never a 500)."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code in (200, 400), response.text
    errors: list[dict[str, Any]] = response.json()["errors"]
    return errors
