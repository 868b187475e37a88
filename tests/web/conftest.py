"""Fixtures for the web tests: the app over the seed graph, served on loopback, and a client."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from kg.store import GraphStore
from tests.server import serving


@pytest.fixture(scope="session")
def site(seeded_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the finreg app serving the seed graph (once per test session)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("web-data"))
    with serving(create_app(settings, graph=KnowledgeGraph(seeded_store))) as url:
        yield url


@pytest.fixture(scope="session")
def client(site: str) -> Iterator[httpx.Client]:
    """An HTTP client for the served app; it never follows redirects by itself."""
    with httpx.Client(base_url=site, timeout=60, follow_redirects=False) as http:
        yield http
