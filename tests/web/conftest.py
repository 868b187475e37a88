"""Fixtures for the web tests: the app over the seed graph, and over the API test graph with
its claims (tests.api.graph.CLAIMS), served on loopback, and a client for each."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import GraphStore
from tests.api.conftest import write_claims_graph
from tests.backends import Backend
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


@pytest.fixture(scope="session")
def claims_site(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the finreg app serving the API test graph with its claims (inferences,
    conflicting claims, figures of a sector, bounded ends, notices that supersede)."""
    folder = tmp_path_factory.mktemp("claims")
    (folder / "finreg.toml").write_text("# the claims graph's dataset root\n")
    store = backend.store("claims")
    try:
        load_files(store, write_claims_graph(folder / "graph"))
        settings = Settings(data_dir=tmp_path_factory.mktemp("claims-data"))
        with serving(create_app(settings, graph=KnowledgeGraph(store))) as url:
            yield url
    finally:
        store.close()


@pytest.fixture(scope="session")
def claims_client(claims_site: str) -> Iterator[httpx.Client]:
    """An HTTP client for the app over the claims graph."""
    with httpx.Client(base_url=claims_site, timeout=60, follow_redirects=False) as http:
        yield http


@pytest.fixture(scope="session")
def known_client(
    backend: Backend, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """An HTTP client for the app over the known-at graph (tests.known_at: facts first
    reported on 2025-10-23, on 2025-10-24, in October 2025 and on 2025-11-18)."""
    from tests.known_at import write_known_at_graph

    folder = tmp_path_factory.mktemp("known-at")
    (folder / "finreg.toml").write_text("# the known-at graph's dataset root\n")
    store = backend.store("known-at")
    try:
        load_files(store, write_known_at_graph(folder / "graph"))
        settings = Settings(data_dir=tmp_path_factory.mktemp("known-at-data"))
        with (
            serving(create_app(settings, graph=KnowledgeGraph(store))) as url,
            httpx.Client(base_url=url, timeout=60, follow_redirects=False) as http,
        ):
            yield http
    finally:
        store.close()


@pytest.fixture(scope="session")
def feeds_client(
    backend: Backend, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """An HTTP client for the app over the feeds graph (tests.feeds_graph: 230 events)."""
    from tests.feeds_graph import write_feeds_graph

    folder = tmp_path_factory.mktemp("feeds")
    (folder / "finreg.toml").write_text("# the feeds graph's dataset root\n")
    store = backend.store("feeds")
    try:
        load_files(store, write_feeds_graph(folder / "graph"))
        settings = Settings(data_dir=tmp_path_factory.mktemp("feeds-data"))
        with (
            serving(create_app(settings, graph=KnowledgeGraph(store))) as url,
            httpx.Client(base_url=url, timeout=60, follow_redirects=False) as http,
        ):
            yield http
    finally:
        store.close()
