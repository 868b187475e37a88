"""Serving the finreg app with settings of a test's own (a short time limit, say)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from api.app import create_app
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from kg.store import GraphStore
from tests.server import serving


@contextmanager
def app_with(store: GraphStore, tmp: Path, **settings: object) -> Iterator[httpx.Client]:
    """A client for an app over ``store`` with these settings, served on loopback."""
    app = create_app(Settings(data_dir=tmp, **settings), graph=KnowledgeGraph(store))  # type: ignore[arg-type]
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http
