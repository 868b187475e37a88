"""Readers while a load commits see the old graph or the new one, never a mix.

A file names N companies; reloading it with every name changed replaces them all in one
transaction. Readers in threads check that they see all old names or all new ones: one
SPARQL query at a time on the store, and whole GraphQL requests over HTTP.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import GraphStore
from tests.conftest import PREFIXES
from tests.server import serving

COMPANIES = 100
NAMES = """
SELECT ?value WHERE {
  ?company a <https://w3id.org/finreg/ontology#Company> ;
           <https://w3id.org/finreg/ontology#name>/<https://w3id.org/finreg/ontology#value> ?value .
}
"""


def _file(tag: str) -> str:
    return (
        PREFIXES + 'source:s a fr:Source ; dcterms:title "报道"@zh ; dcterms:publisher "某报"@zh ; '
        'dcterms:issued "2025-10-24"^^xsd:date .\n'
        + "".join(
            f'company:c{i} a fr:Company ; fr:name [ a fr:Name ; fr:value "{tag}公司{i:03d}"@zh ; '
            "fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .\n"
            for i in range(COMPANIES)
        )
    )


def _state(values: list[str]) -> str:
    """'old' or 'new' when every name has one tag; else what was seen, to fail on."""
    tags = Counter(v[:1] for v in values)
    if tags == Counter({"旧": COMPANIES}):
        return "old"
    if tags == Counter({"新": COMPANIES}):
        return "new"
    return f"MIX {dict(tags)}"


def _race(store: GraphStore, path: Path, read: Callable[[], str], readers: int = 3) -> Counter[str]:
    """Reload ``path`` alternately new and old while ``readers`` threads ``read``."""
    seen: Counter[str] = Counter()
    errors: list[BaseException] = []
    done = threading.Event()
    lock = threading.Lock()

    def reader() -> None:
        try:
            while not done.is_set():
                state = read()
                with lock:
                    seen[state] += 1
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(readers)]
    for thread in threads:
        thread.start()
    try:
        for round_ in range(4):
            path.write_text(_file("新" if round_ % 2 == 0 else "旧"), encoding="utf-8")
            load_files(store, [path])
    finally:
        done.set()
        for thread in threads:
            thread.join(timeout=60)
    assert not errors, errors
    return seen


def test_queries_during_reloads_see_all_old_or_all_new(tmp_path: Path, store: GraphStore) -> None:
    path = tmp_path / "companies.ttl"
    path.write_text(_file("旧"), encoding="utf-8")
    load_files(store, [path])
    seen = _race(store, path, lambda: _state([r["value"].value for r in store.select(NAMES)]))
    assert set(seen) <= {"old", "new"}, seen
    print(seen)  # shown with -s
    assert sum(seen.values()) >= 3, seen


QUERY = '{ search(text: "公司", first: 100) { edges { node { name names { value } } } } }'


@pytest.mark.e2e
def test_graphql_requests_during_reloads_see_all_old_or_all_new(
    tmp_path: Path, store: GraphStore
) -> None:
    path = tmp_path / "companies.ttl"
    path.write_text(_file("旧"), encoding="utf-8")
    load_files(store, [path])
    with (
        serving(
            create_app(Settings(data_dir=tmp_path / "data"), graph=KnowledgeGraph(store))
        ) as url,
        httpx.Client(base_url=url, timeout=60) as http,
    ):

        def read() -> str:
            response = http.post("/graphql", json={"query": QUERY})
            assert response.status_code == 200, response.text
            body = response.json()
            assert "errors" not in body, body
            edges = body["data"]["search"]["edges"]
            # the first 100 hits (of 200): their names, as found and as listed
            values = [e["node"]["name"] for e in edges] + [
                n["value"] for e in edges for n in e["node"]["names"]
            ]
            tags = {v[:1] for v in values}
            return "old" if tags == {"旧"} else "new" if tags == {"新"} else f"MIX {tags}"

        seen = _race(store, path, read, readers=2)
    assert set(seen) <= {"old", "new"}, seen
    print(seen)  # shown with -s
    assert sum(seen.values()) >= 3, seen
