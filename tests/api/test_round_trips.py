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
    timeline {
        kind date notBefore firstReported summary inferred basis
        sources { title } citations { states source { title } }
        participants { role entity { id name } }
        conflictsWith { id date sources { title } participants { entity { id name } } }
    }
    figures { amount comparator summary inferred basis subject { id name } }
    ... on Company {
        status licences { name status endNotAfter holder { id } } products { name } owners { name }
        counted: figures(metric: "count") {
            amount conflictsWith { amount inferred subject { id name } sources { title } }
        }
    }
} } } }"""

FIGURES = """{ figures(first: 100) { totalCount edges { node {
    amount comparator summary inferred basis sources { title } citations { states }
    subject { id name ... on Sector { figures { amount } } }
    conflictsWith { amount subject { id } }
} } } }"""

NOTICES = """{ search(text: "测试通知", first: 100) { totalCount edges { node {
    id name ... on Notice {
        issued effectiveFrom deadline issuedBy { id }
        supersedes { id name effectiveFrom } supersededBy { id name deadline }
    }
} } } }"""


def company_graph(count: int) -> list[str]:
    """``count`` companies, each with a name, an owner, an establishment and a claim that
    disagrees with it, a licence with an end bound and a figure; as many sectors, each with a
    figure the editors inferred that disagrees with the company's; as many notices, each
    superseding the one before. Three files (companies, figures, notices), loaded one after
    the other so that a SPARQL server takes each update within its time limit (Virtuoso
    needs over 10 s for the whole at 60 on a busy machine)."""
    companies = [
        API_PREFIXES,
        'source:s a fr:Source ; dcterms:title "报道"@zh ; dcterms:publisher "报"@zh ;'
        ' dcterms:issued "2020"^^xsd:gYear .',
        'group:g a fr:Group ; fr:name [ a fr:Name ; fr:value "集团"@zh ;'
        " fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .",
    ]
    figures = [
        API_PREFIXES,
        "@prefix sector: <https://w3id.org/finreg/id/sector/> .",
        'metric:count a fr:Metric ; rdfs:label "数量"@zh .',
    ]
    notices = [
        API_PREFIXES,
        'regulator:r a fr:Regulator ; fr:name [ a fr:Name ; fr:value "监管"@zh ;'
        " fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .",
    ]
    for i in range(count):
        companies.append(
            f"""
company:c{i} a fr:Company ; fr:name [ a fr:Name ; fr:value "测试公司{i:03d}"@zh ;
    fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .
licence:l{i} a fr:Licence ; fr:heldBy company:c{i} ; fr:name [ a fr:Name ;
    fr:value "牌照{i:03d}"@zh ; fr:nameKind fr:ShortName ; prov:wasDerivedFrom source:s ] ;
    fr:endNotAfter "2030"^^xsd:gYear ; prov:wasDerivedFrom source:s ;
    {stated_by("source:s", "fr:endNotAfter")} .
relationship:r{i} a fr:Stake ; fr:owner group:g ; fr:owned company:c{i} ;
    prov:wasDerivedFrom source:s .
event:e{i} a fr:Establishment ; fr:subject company:c{i} ; fr:date "20{i % 20:02d}"^^xsd:gYear ;
    fr:summary "成立"@zh ; prov:wasDerivedFrom source:s ; {stated_by("source:s", "fr:date")} .
event:g{i} a fr:LicenceGrant ; fr:subject licence:l{i} ; fr:holder company:c{i} ;
    fr:notAfter "2021"^^xsd:gYear ; fr:summary "获牌"@zh ; prov:wasDerivedFrom source:s ;
    {stated_by("source:s", "fr:notAfter")} .
event:x{i} a fr:Establishment ; fr:subject company:c{i} ; fr:notBefore "2001"^^xsd:gYear ;
    fr:conflictsWith event:e{i} ; fr:summary "另说成立"@zh ; prov:wasDerivedFrom source:s ;
    fr:inference [ a fr:Inference ; fr:inferredProperty fr:notBefore ;
                   fr:basis "推断"@zh , "inferred"@en ] .
"""
        )
        figures.append(
            f"""
figure:p{i:03d}-company a fr:Figure ; fr:figureOf company:c{i} ; fr:metric metric:count ;
    fr:amount "{i + 300}"^^xsd:decimal ; fr:unit "家" ; fr:comparator fr:MoreThan ;
    fr:date "2020"^^xsd:gYear ; fr:conflictsWith figure:p{i:03d}-sector ;
    prov:wasDerivedFrom source:s ; {stated_by("source:s", "fr:date")} .
sector:s{i} a fr:Sector ; fr:name [ a fr:Name ; fr:value "行业{i:03d}"@zh ;
    fr:nameKind fr:ShortName ; prov:wasDerivedFrom source:s ] .
figure:p{i:03d}-sector a fr:Figure ; fr:figureOf sector:s{i} ; fr:metric metric:count ;
    fr:amount "{i + 280}"^^xsd:decimal ; fr:unit "家" ; fr:comparator fr:About ;
    fr:date "2020"^^xsd:gYear ; prov:wasDerivedFrom source:s ;
    fr:inference [ a fr:Inference ; fr:inferredProperty fr:date ;
                   fr:basis "推断"@zh , "inferred"@en ] .
"""
        )
        notices.append(
            f"""
notice:n{i} a fr:Notice ; fr:issuedBy regulator:r ;
    fr:effectiveFrom "2021"^^xsd:gYear ; fr:deadline "2022"^^xsd:gYear ;
    {"fr:supersedes notice:n" + str(i - 1) + " ;" if i else ""}
    fr:name [ a fr:Name ; fr:value "测试通知{i:03d}"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:s ] ;
    prov:wasDerivedFrom source:s ;
    {stated_by("source:s", "fr:effectiveFrom", "fr:deadline")} .
event:n{i} a fr:NoticeIssued ; fr:subject notice:n{i} ; fr:issuer regulator:r ;
    fr:date "2020"^^xsd:gYear ; fr:summary "发布"@zh ; prov:wasDerivedFrom source:s ;
    {stated_by("source:s", "fr:date")} .
"""
        )
    return ["\n".join(part) for part in (companies, figures, notices)]


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
    backend: Backend,
    tmp_path: Path,
    count: int,
    query: str = QUERY,
    *,
    inline: bool = True,
    expected: int | None = None,
) -> tuple[int, dict[str, Any]]:
    """How many round trips ``query`` (a search for the companies) costs over a graph of
    ``count`` companies, and its answer; with ``inline``, batches run in a fixed order."""
    paths = []
    for name, text in zip(("companies", "figures", "notices"), company_graph(count), strict=True):
        paths.append(tmp_path / f"{name}-{count}.ttl")
        paths[-1].write_text(text, encoding="utf-8")
    store = backend.store()
    try:
        for path in paths:
            load_files(store, [path])
        settings = Settings(data_dir=tmp_path / "unused")
        counted = CountingStore(store)
        work = InlineWork() if inline else None
        result = execute(build_schema(settings), counted, settings, query, work=work)  # type: ignore[arg-type]
        assert not result.errors, result.errors
        assert result.data is not None
        if "search" in result.data:
            found = result.data["search"]["totalCount"]
            assert found == (count if expected is None else expected)
        return counted.round_trips, result.data
    finally:
        store.close()


KNOWN_AT = QUERY.replace(
    'search(text: "测试公司", first: 100)',
    KNOWN_SEARCH := ('search(text: "测试公司", first: 100, knownAt: "2020")'),
)
"""QUERY read as known at the end of 2020, when the graph's one source (dated "2020") was
published: the same answer, every field under the search cut to that date."""

BEFORE = QUERY.replace('search(text: "测试公司", first: 100)', KNOWN_SEARCH.replace("2020", "2019"))
"""QUERY read as known at the end of 2019, before anything was published."""


def _costs(
    backend: Backend, tmp_path: Path, count: int, *, inline: bool = True, query: str = QUERY
) -> int:
    trips, data = round_trips(backend, tmp_path, count, query, inline=inline)
    edges = data["search"]["edges"]
    assert all(len(e["node"]["timeline"]) == 3 for e in edges)
    assert all(e["node"]["owners"] == [{"name": "集团"}] for e in edges)
    for edge in edges:
        (inferred,) = [e for e in edge["node"]["timeline"] if e["inferred"]]
        assert inferred["basis"] == "不早于：推断"
        assert inferred["conflictsWith"][0]["participants"] == [
            {"entity": {"id": edge["node"]["id"], "name": edge["node"]["name"]}}
        ]
        assert edge["node"]["licences"][0]["endNotAfter"] == "2030"
        (counted,) = edge["node"]["counted"]
        assert counted["conflictsWith"][0]["inferred"] is True
    return trips


def test_round_trips_do_not_grow_with_the_number_of_entities(
    backend: Backend, tmp_path: Path
) -> None:
    few = _costs(backend, tmp_path, 3)
    many = _costs(backend, tmp_path, 60)
    assert few == many
    # One trip per field that needs the store (search, names, sources, timeline, licences,
    # figures, conflicting claims...), not one per company.
    assert many < 30


def test_figures_and_notices_cost_the_same_whatever_their_number(
    backend: Backend, tmp_path: Path
) -> None:
    # Figures of a date are listed by IRI: each company's figure beside the sector's that
    # disagrees with it, so a page never splits a pair (a figure whose conflicting one is
    # off the page costs one batch more, as many as 60 would).
    few, listed = round_trips(backend, tmp_path, 3, FIGURES)
    many, more = round_trips(backend, tmp_path, 60, FIGURES)
    assert few == many
    assert listed["figures"]["totalCount"] == 6
    assert more["figures"]["totalCount"] == 120
    sectors = [e["node"] for e in more["figures"]["edges"] if e["node"]["inferred"]]
    assert len(sectors) == 50  # the first page: 100 of the 120
    assert all(len(f["subject"]["figures"]) == 1 for f in sectors)
    few, _ = round_trips(backend, tmp_path, 3, NOTICES)
    many, notices = round_trips(backend, tmp_path, 60, NOTICES)
    assert few == many
    chained = [e["node"] for e in notices["search"]["edges"]]
    assert sum(len(n["supersedes"]) for n in chained) == 59
    assert all(n["issued"] == "2020" and n["effectiveFrom"] == "2021" for n in chained)


def test_known_at_costs_the_same_whatever_the_number_of_entities(
    backend: Backend, tmp_path: Path
) -> None:
    # Read as known on a date, the answer is the same (everything was published by then) and
    # the count still does not grow with the companies. Search first reads when each name
    # was published (once per store version: one round trip more on a fresh index), the
    # rest asks the same questions with the date inside.
    plain = _costs(backend, tmp_path, 3)
    few = _costs(backend, tmp_path, 3, query=KNOWN_AT)
    many = _costs(backend, tmp_path, 60, query=KNOWN_AT)
    assert few == many
    assert many == plain + 1
    _, known = round_trips(backend, tmp_path, 60, KNOWN_AT)
    _, everything = round_trips(backend, tmp_path, 60)
    assert known == everything


def test_nothing_is_known_before_the_first_source(backend: Backend, tmp_path: Path) -> None:
    trips, data = round_trips(backend, tmp_path, 3, BEFORE, expected=0)
    assert data["search"] == {"totalCount": 0, "edges": []}
    # the stamps, the names (a fresh index reads each of the three graphs once), when they
    # were published; nothing more, whatever the number of companies
    assert trips <= 5
    assert round_trips(backend, tmp_path, 60, BEFORE, expected=0)[0] == trips


def test_round_trips_stay_below_one_per_entity_with_real_threads(
    backend: Backend, tmp_path: Path
) -> None:
    # With worker threads a level's keys may arrive over two ticks (two batches instead of
    # one), but never one trip per company.
    assert _costs(backend, tmp_path, 60, inline=False) < 60
