"""A request costs a bounded number of store round trips, whatever the size of the answer.

The API runs every batch in a worker thread, so which tick of the event loop a batch lands in
(and so how many batches a level takes) depends on thread timing. The exact counts are taken
with batches run inline, where the dispatch order is fixed; one run with real threads checks
that they never cost a trip per entity either.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from api.schema import build_schema
from api.work import Workload
from kg.loaders import load_files
from kg.settings import Settings
from tests.api.conftest import execute
from tests.api.graph import API_PREFIXES
from tests.backends import Backend
from tests.conftest import stated_by
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
    fr:summary "成立"@zh ; prov:wasDerivedFrom source:s ; {stated_by("source:s", "fr:date")} .
event:g{i} a fr:LicenceGrant ; fr:subject licence:l{i} ; fr:holder company:c{i} ;
    fr:notAfter "2021"^^xsd:gYear ; fr:summary "获牌"@zh ; prov:wasDerivedFrom source:s ;
    {stated_by("source:s", "fr:notAfter")} .
"""
        )
    return "\n".join(parts)


T = TypeVar("T")


class InlineWork(Workload):
    """The GraphQL workload, but every call runs on the event loop instead of in a thread,
    so every batch completes in a fixed order and a query's round trips are the same each
    run."""

    def __init__(self) -> None:
        super().__init__("inline calls", slots=1, waiting=0)

    async def run(
        self, function: Callable[..., T], *args: object, deadline: float | None = None
    ) -> T:
        """``function(*args)``, here and now."""
        return function(*args)


def round_trips(
    backend: Backend, tmp_path: Path, count: int, query: str = QUERY, *, inline: bool = True
) -> tuple[int, dict[str, Any]]:
    """How many round trips ``query`` (a search for the companies) costs over a graph of
    ``count`` companies, and its answer; with ``inline``, batches run in a fixed order."""
    path = tmp_path / f"companies-{count}.ttl"
    path.write_text(company_graph(count), encoding="utf-8")
    store = backend.store()
    try:
        load_files(store, [path])
        settings = Settings(data_dir=tmp_path / "unused")
        counted = CountingStore(store)
        work = InlineWork() if inline else None
        result = execute(build_schema(settings), counted, settings, query, work=work)  # type: ignore[arg-type]
        assert not result.errors, result.errors
        assert result.data is not None
        assert result.data["search"]["totalCount"] == count
        return counted.round_trips, result.data
    finally:
        store.close()


def _costs(backend: Backend, tmp_path: Path, count: int, *, inline: bool = True) -> int:
    trips, data = round_trips(backend, tmp_path, count, inline=inline)
    edges = data["search"]["edges"]
    assert all(len(e["node"]["timeline"]) == 2 for e in edges)
    assert all(e["node"]["owners"] == [{"name": "集团"}] for e in edges)
    return trips


def test_round_trips_do_not_grow_with_the_number_of_entities(
    backend: Backend, tmp_path: Path
) -> None:
    few = _costs(backend, tmp_path, 3)
    many = _costs(backend, tmp_path, 60)
    assert few == many
    # One trip per field that needs the store (search, names, sources, timeline, licences,
    # ...), not one per company.
    assert many < 25


def test_round_trips_stay_below_one_per_entity_with_real_threads(
    backend: Backend, tmp_path: Path
) -> None:
    # With worker threads a level's keys may arrive over two ticks (two batches instead of
    # one), but never one trip per company.
    assert _costs(backend, tmp_path, 60, inline=False) < 60
