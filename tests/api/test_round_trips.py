"""A request costs a bounded number of store round trips, whatever the size of the answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from api.schema import build_schema
from kg.loaders import load_files
from kg.settings import Settings
from tests.api.conftest import execute
from tests.api.graph import API_PREFIXES
from tests.backends import Backend
from tests.counting import CountingStore

QUERY = """{ search(text: "测试公司", first: 100) { totalCount edges { node {
    id name names { value sources { title } }
    sources { title }
    timeline { kind date summary sources { title } participants { role entity { id name } } }
    ... on Company {
        status licences { name status holder { id } } products { name } owners { name }
        figures { amount }
    }
} } } }"""


def company_graph(count: int) -> str:
    """``count`` companies, each with a name, an owner, an establishment and a licence."""
    parts = [
        API_PREFIXES,
        'source:s a fr:Source ; dcterms:title "报道"@zh ; dcterms:publisher "报"@zh ;'
        ' dcterms:issued "2020"^^xsd:gYear .',
        'group:g a fr:Group ; fr:name [ a fr:Name ; fr:value "集团"@zh ;'
        " fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .",
    ]
    for i in range(count):
        parts.append(
            f"""
company:c{i} a fr:Company ; fr:name [ a fr:Name ; fr:value "测试公司{i:03d}"@zh ;
    fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .
licence:l{i} a fr:Licence ; fr:heldBy company:c{i} ; fr:name [ a fr:Name ;
    fr:value "牌照{i:03d}"@zh ; fr:nameKind fr:ShortName ; prov:wasDerivedFrom source:s ] .
relationship:r{i} a fr:Stake ; fr:owner group:g ; fr:owned company:c{i} ;
    prov:wasDerivedFrom source:s .
event:e{i} a fr:Establishment ; fr:subject company:c{i} ; fr:date "20{i % 20:02d}"^^xsd:gYear ;
    fr:summary "成立"@zh ; prov:wasDerivedFrom source:s .
event:g{i} a fr:LicenceGrant ; fr:subject licence:l{i} ; fr:holder company:c{i} ;
    fr:notAfter "2021"^^xsd:gYear ; fr:summary "获牌"@zh ; prov:wasDerivedFrom source:s .
"""
        )
    return "\n".join(parts)


def round_trips(
    backend: Backend, tmp_path: Path, count: int, query: str = QUERY
) -> tuple[int, dict[str, Any]]:
    """How many round trips ``query`` (a search for the companies) costs over a graph of
    ``count`` companies, and its answer."""
    path = tmp_path / f"companies-{count}.ttl"
    path.write_text(company_graph(count), encoding="utf-8")
    store = backend.store()
    try:
        load_files(store, [path])
        settings = Settings(data_dir=tmp_path / "unused")
        counted = CountingStore(store)
        result = execute(build_schema(settings), counted, settings, query)  # type: ignore[arg-type]
        assert not result.errors, result.errors
        assert result.data is not None
        assert result.data["search"]["totalCount"] == count
        return counted.round_trips, result.data
    finally:
        store.close()


def _costs(backend: Backend, tmp_path: Path, count: int) -> int:
    trips, data = round_trips(backend, tmp_path, count)
    edges = data["search"]["edges"]
    assert all(len(e["node"]["timeline"]) == 2 for e in edges)
    assert all(e["node"]["owners"] == [{"name": "集团"}] for e in edges)
    return trips


def test_round_trips_do_not_grow_with_the_number_of_entities(
    backend: Backend, tmp_path: Path
) -> None:
    # Loaders that wait on different worker threads may be dispatched in one event-loop tick or
    # two, so the count can differ by a batch from run to run; what must not happen is a round
    # trip per entity (60 companies would then cost well over 60).
    few = _costs(backend, tmp_path, 3)
    many = _costs(backend, tmp_path, 60)
    assert few <= 25
    assert many <= 25
