"""When the store fails or a page takes too long, the reader gets a 503 page, never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import StoreUnavailableError
from kg.knowledge import KnowledgeGraph
from kg.model import Entity
from kg.store import GraphStore
from tests.web.apps import app_with


def test_a_page_past_the_time_limit_is_a_503_page(seeded_store: GraphStore, tmp_path: Path) -> None:
    with app_with(seeded_store, tmp_path, timeout=0.0) as client:
        response = client.get("/page/product/huabei?lang=en")
        assert response.status_code == 503
        assert "Cannot answer right now" in response.text
        assert '<html lang="en">' in response.text


def test_a_store_failure_is_a_503_page(
    seeded_store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(self: KnowledgeGraph, iris: object) -> dict[str, Entity]:
        raise StoreUnavailableError("the SPARQL server at http://127.0.0.1:9/ does not answer")

    monkeypatch.setattr(KnowledgeGraph, "entities", unreachable)
    monkeypatch.setattr(KnowledgeGraph, "node_family", unreachable)  # what an IRI names
    with app_with(seeded_store, tmp_path) as client:
        paths = ("/page/company/ant-consumer-finance", "/search?q=huabei", "/id/product/x")
        for path in (*paths, "/page/event/x", "/feed.atom"):
            response = client.get(path)
            assert response.status_code == 503
            assert "暂时无法回答" in response.text
