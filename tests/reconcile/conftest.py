"""Fixtures for the reconciliation tests: the app over the seeds and over a small graph of
its own, served on loopback, and spec-written clients of their services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import EmbeddedStore, GraphStore
from tests.backends import Backend
from tests.reconcile.client import ReconciliationClient
from tests.reconcile.graph import GRAPH
from tests.server import serving


@pytest.fixture(scope="session")
def seed_site(seeded_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the app serving the seed graph (this run's backend)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("reconcile-data"))
    with serving(create_app(settings, graph=KnowledgeGraph(seeded_store))) as url:
        yield url


@pytest.fixture(scope="session")
def http(seed_site: str) -> Iterator[httpx.Client]:
    """An HTTP client of the seed site; it never follows redirects by itself."""
    with httpx.Client(base_url=seed_site, timeout=60, follow_redirects=False) as client:
        yield client


@pytest.fixture(scope="session")
def seeds(http: httpx.Client, seed_site: str) -> ReconciliationClient:
    """The Chinese service over the seeds."""
    return ReconciliationClient(http, seed_site + "/reconcile")


@pytest.fixture(scope="session")
def seeds_en(http: httpx.Client, seed_site: str) -> ReconciliationClient:
    """The English service over the seeds."""
    return ReconciliationClient(http, seed_site + "/reconcile/en")


@pytest.fixture(scope="session")
def small_store(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The small graph of tests/reconcile/graph.py, on this run's backend."""
    folder = tmp_path_factory.mktemp("reconcile-graph")
    (folder / "finreg.toml").write_text("# dataset root\n")
    path = folder / "graph.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    store: GraphStore = backend.store("reconcile") if backend.remote else EmbeddedStore.in_memory()
    load_files(store, [path])
    yield store
    store.close()


@pytest.fixture(scope="session")
def small(
    small_store: GraphStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ReconciliationClient]:
    """The Chinese service over the small graph."""
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("reconcile-small")))
    app = create_app(settings, graph=KnowledgeGraph(small_store))
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield ReconciliationClient(client, url + "/reconcile")
