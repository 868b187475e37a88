"""HTTP caching over real HTTP: ETags from the graph's stamp, 304s, what the ETag varies
with, a load that changes it, and the answers kept in memory, on and really off."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import httpx
import pytest

from api.app import create_app
from kg.errors import StoreUnavailableError
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.queries.entities import _GRAPH_VERSIONS as STAMP_QUERY
from kg.settings import Settings
from kg.store import GraphStore
from tests.api.conftest import write_graph
from tests.backends import Backend
from tests.server import serving

pytestmark = pytest.mark.e2e

NAME = 'query($lang: String!) { entity(name: "花呗") { name(lang: $lang) } }'
HUABEI_PAGE = "/page/product/huabei"

LATER = """@prefix fr: <https://w3id.org/finreg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/finreg/id/source/later> a fr:Source ; dcterms:title "Later" ;
    dcterms:publisher "Test" ; dcterms:issued "2025-01-02"^^xsd:date .
<https://w3id.org/finreg/id/company/later-co> a fr:Company ;
    fr:name [ a fr:Name ; fr:value "后来公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom <https://w3id.org/finreg/id/source/later> ] .
"""


def _get(http: httpx.Client, lang: str = "en", **headers: str) -> httpx.Response:
    return http.get(
        "/graphql",
        params={"query": NAME, "variables": json.dumps({"lang": lang})},
        headers={"accept": "application/json", **headers},
    )


@pytest.fixture
def served(tmp_path: Path, backend: Backend) -> Iterator[tuple[httpx.Client, KnowledgeGraph]]:
    """The app over the API test graph (answers kept in memory, as by default), a client,
    and the graph it serves (to load more into)."""
    store = backend.store()
    load_files(store, write_graph(tmp_path / "graph"))
    graph = KnowledgeGraph(store)
    try:
        with (
            serving(create_app(Settings(data_dir=tmp_path / "data"), graph=graph)) as url,
            httpx.Client(base_url=url, timeout=30) as http,
        ):
            yield http, graph
    finally:
        store.close()


def test_a_get_answer_carries_an_etag_and_a_repeat_with_it_is_304(
    served: tuple[httpx.Client, KnowledgeGraph],
) -> None:
    http, _ = served
    first = _get(http)
    assert first.status_code == 200
    assert first.json() == {"data": {"entity": {"name": "Huabei"}}}
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "public, no-cache"
    again = _get(http, **{"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    stale = _get(http, **{"if-none-match": 'W/"0-0"'})
    assert stale.status_code == 200
    assert stale.json() == first.json()


def test_the_etag_varies_with_lang_known_at_and_the_media_type(
    served: tuple[httpx.Client, KnowledgeGraph],
) -> None:
    http, _ = served
    english = _get(http, "en").headers["etag"]
    chinese = _get(http, "zh")
    assert chinese.json() == {"data": {"entity": {"name": "花呗"}}}
    assert chinese.headers["etag"] != english
    assert _get(http, "zh", **{"if-none-match": english}).status_code == 200
    graphql_response = _get(http, accept="application/graphql-response+json")
    assert graphql_response.headers["content-type"].startswith("application/graphql-response")
    assert graphql_response.headers["etag"] != english
    page = http.get(HUABEI_PAGE).headers["etag"]
    known = http.get(HUABEI_PAGE, params={"knownAt": "2024"})
    english_page = http.get(HUABEI_PAGE, params={"lang": "en"})
    assert len({page, known.headers["etag"], english_page.headers["etag"]}) == 3
    assert http.get(HUABEI_PAGE, headers={"if-none-match": page}).status_code == 304


def test_a_load_changes_the_etag_and_the_answer(
    served: tuple[httpx.Client, KnowledgeGraph], tmp_path: Path
) -> None:
    http, graph = served
    query = {"query": '{ entity(name: "后来公司") { id } }'}
    before = http.get("/graphql", params=query)
    assert before.json() == {"data": {"entity": None}}
    later = tmp_path / "later" / "later.ttl"
    later.parent.mkdir()
    later.write_text(LATER, encoding="utf-8")
    graph.load([later], root=tmp_path)
    after = http.get("/graphql", params=query, headers={"if-none-match": before.headers["etag"]})
    assert after.status_code == 200
    assert after.json() == {
        "data": {"entity": {"id": "https://w3id.org/finreg/id/company/later-co"}}
    }
    assert after.headers["etag"] != before.headers["etag"]


def test_answers_with_errors_and_failures_are_not_tagged(
    served: tuple[httpx.Client, KnowledgeGraph],
) -> None:
    http, _ = served
    unknown = http.get("/graphql", params={"query": '{ lineage(name: "没有这个") { depth } }'})
    assert unknown.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "etag" not in unknown.headers
    missing = http.get("/page/company/no-such-company")
    assert missing.status_code == 404
    assert "etag" not in missing.headers
    assert "etag" not in http.get("/healthz").headers


class AnswerQueries:
    """Wraps a store; counts the SELECT queries it answers other than the stamp's (which is
    read again whenever a second has passed, however fast the machine)."""

    def __init__(self, store: GraphStore) -> None:
        self.inner = store
        self.count = 0

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.inner, name)
        if name != "select":
            return found

        def select(query: str, *args: Any, **kwargs: Any) -> Any:
            if query != STAMP_QUERY:
                self.count += 1
            return found(query, *args, **kwargs)

        return select


@pytest.mark.parametrize("cache", ["on", "off"])
def test_kept_answers_skip_the_store_and_finreg_cache_off_keeps_none(
    tmp_path: Path, backend: Backend, cache: str
) -> None:
    store = AnswerQueries(backend.store())
    try:
        load_files(store.inner, write_graph(tmp_path / "graph"))
        graph = KnowledgeGraph(cast(GraphStore, store))
        settings = Settings(data_dir=tmp_path / "data", cache=cache)
        body = {"query": NAME, "variables": {"lang": "en"}}
        with (
            serving(create_app(settings, graph=graph)) as url,
            httpx.Client(base_url=url, timeout=30) as http,
        ):
            first = http.post("/graphql", json=body)
            before = store.count
            second = http.post("/graphql", json=body)
            page = http.get(HUABEI_PAGE)
            middle = store.count
            page_again = http.get(HUABEI_PAGE)
            after = store.count
    finally:
        store.inner.close()
    assert first.json() == second.json() == {"data": {"entity": {"name": "Huabei"}}}
    assert page_again.text == page.text
    if cache == "on":
        assert middle - before > 0  # the page, first asked
        assert after == middle
    else:
        assert middle - before > 1  # the GraphQL answer and the page
        assert after > middle


def test_finreg_cache_is_on_or_off() -> None:
    assert Settings.from_env({"FINREG_CACHE": "off"}).answer_cache is False
    assert Settings.from_env({}).answer_cache is True
    with pytest.raises(Exception, match="FINREG_CACHE='no' is neither on nor off"):
        Settings.from_env({"FINREG_CACHE": "no"})


class NoStamp(AnswerQueries):
    """A store that answers every question but the stamp's (a store failing part-way)."""

    def __getattr__(self, name: str) -> Any:
        found = getattr(self.inner, name)
        if name != "select":
            return found

        def select(query: str, *args: Any, **kwargs: Any) -> Any:
            if query == STAMP_QUERY:
                raise StoreUnavailableError("the test's store gives no stamp")
            return found(query, *args, **kwargs)

        return select


def test_without_a_stamp_the_route_answers_untagged(tmp_path: Path, backend: Backend) -> None:
    store = NoStamp(backend.store())
    try:
        load_files(store.inner, write_graph(tmp_path / "graph"))
        graph = KnowledgeGraph(cast(GraphStore, store))
        settings = Settings(data_dir=tmp_path / "data")
        with (
            serving(create_app(settings, graph=graph)) as url,
            httpx.Client(base_url=url, timeout=30) as http,
        ):
            answer = _get(http)
            page = http.get(HUABEI_PAGE)
    finally:
        store.inner.close()
    assert answer.json() == {"data": {"entity": {"name": "Huabei"}}}
    assert "etag" not in answer.headers
    assert page.status_code == 200
    assert "etag" not in page.headers
