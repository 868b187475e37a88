"""knownAt on GraphQL's root fields (v1.1): the graph as known at the end of a day, a month or
a year, down to every nested field, on every backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.schema import FinregSchema
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import GraphStore
from tests.api.conftest import Run, execute
from tests.backends import Backend
from tests.known_at import write_known_at_graph


@pytest.fixture
def known_store(tmp_path: Path, backend: Backend) -> Iterator[GraphStore]:
    """A store on this run's backend holding the known-at graph (tests.known_at)."""
    store = backend.store()
    load_files(store, write_known_at_graph(tmp_path / "graph"))
    yield store
    store.close()


@pytest.fixture
def ask(schema: FinregSchema, known_store: GraphStore, settings: Settings) -> Run:
    """Run a query against the known-at graph: ``ask(query, **variables)``."""

    def runner(query: str, **variables: Any) -> Any:
        return execute(schema, known_store, settings, query, variables or None)

    return runner


def data(ask: Run, query: str, **variables: Any) -> dict[str, Any]:
    """The data of a query that must not fail."""
    result = ask(query, **variables)
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data


ENTITY = "query($name: String!, $at: PartialDate) { entity(name: $name, knownAt: $at) { id } }"


@pytest.mark.parametrize(
    ("name", "unknown", "known"),
    [
        ("老公司", "2025-10-22", "2025-10-23"),  # the day itself counts, the day before not
        ("新公司", "2025-10-23", "2025-10-24"),
        ("月报公司", "2025-10-30", "2025-10-31"),  # a source dated to October: by its end
        ("月报公司", "2025-09", "2025-10"),  # knownAt "2025-10": by the end of October
        ("后来公司", "2025-10", "2025-11-18"),
        ("后来公司", "2024", "2025"),
    ],
)
def test_an_entity_is_null_before_its_first_source(
    ask: Run, name: str, unknown: str, known: str
) -> None:
    assert data(ask, ENTITY, name=name, at=unknown)["entity"] is None
    assert data(ask, ENTITY, name=name, at=known)["entity"] is not None
    assert data(ask, ENTITY, name=name)["entity"] is not None


def test_a_name_reported_later_does_not_resolve(ask: Run) -> None:
    assert data(ask, ENTITY, name="旧称", at="2025-10-24")["entity"] is None
    assert data(ask, ENTITY, name="Old Co", at="2025-10-31")["entity"] is None
    found = data(ask, ENTITY, name="旧称", at="2025-11-18")["entity"]
    assert found == {"id": "https://w3id.org/finreg/id/company/old"}


def test_search_finds_only_names_known_then(ask: Run) -> None:
    query = """query($at: PartialDate) { search(text: "公司", knownAt: $at) {
        totalCount edges { node { name } } } }"""
    counts = {
        at: data(ask, query, at=at)["search"]["totalCount"]
        for at in ("2025-10-22", "2025-10-23", "2025-10-24", "2025-10-30", "2025-10", "2025")
    }
    assert counts == {
        "2025-10-22": 0,
        "2025-10-23": 1,
        "2025-10-24": 2,
        "2025-10-30": 2,
        "2025-10": 3,
        "2025": 4,
    }
    assert data(ask, query)["search"]["totalCount"] == 4


NESTED = """query($at: PartialDate) { entity(name: "老公司", knownAt: $at) {
    name en: name(lang: "en") names { value } sources { id published }
    timeline { id date firstReported sources { id } conflictsWith { id } }
    figures { amount date sources { id } }
    ... on Company { owners { name } status }
    pageUrl
} }"""


def test_nested_fields_read_the_graph_as_known_at_the_root_fields_date(ask: Run) -> None:
    old = data(ask, NESTED, at="2025-10-24")["entity"]
    assert old["name"] == old["en"] == "老公司"  # no English name was reported yet
    assert old["names"] == [{"value": "老公司"}]
    assert [s["published"] for s in old["sources"]] == ["2025-10-23", "2025-10-24"]
    timeline = {e["id"].rsplit("/", 1)[-1]: e for e in old["timeline"]}
    assert list(timeline) == ["old-to-new", "old-founded"]
    founded = timeline["old-founded"]
    assert founded["date"] is None  # only the later report gives the year
    assert founded["firstReported"] == "2025-10-23"
    assert founded["sources"] == [{"id": "https://w3id.org/finreg/id/source/first"}]
    assert founded["conflictsWith"] == []  # the claim that disagrees came later
    assert old["figures"] == []  # the monthly source counts from 2025-10-31
    assert old["owners"] == [{"name": "集团"}]
    assert old["pageUrl"].endswith("/page/company/old?knownAt=2025-10-24")

    later = data(ask, NESTED, at="2025-11-18")["entity"]
    assert later["en"] == "Old Co"
    assert {e["id"].rsplit("/", 1)[-1] for e in later["timeline"]} == {
        "old-founded",
        "old-founded-other",
        "old-to-new",
    }
    founded = next(e for e in later["timeline"] if e["id"].endswith("/old-founded"))
    assert founded["date"] == "2010"
    assert [c["id"].rsplit("/", 1)[-1] for c in founded["conflictsWith"]] == ["old-founded-other"]
    assert later["figures"] == [
        {
            "amount": "100",
            "date": "2025-09-30",
            "sources": [{"id": "https://w3id.org/finreg/id/source/monthly"}],
        }
    ]
    assert data(ask, NESTED)["entity"]["pageUrl"].endswith("/page/company/old")


def test_names_as_of_a_date_among_the_names_known_then(ask: Run) -> None:
    query = """query($at: PartialDate) { entity(name: "老公司", knownAt: $at) {
        then: name(asOf: "2019") } }"""
    assert data(ask, query, at="2025-10-24")["entity"]["then"] == "老公司"
    # By 2025-11-18 the former name, in use until 2020, was known.
    assert data(ask, query, at="2025-11-18")["entity"]["then"] == "旧称"


LINEAGE = """query($at: PartialDate) { lineage(name: "老公司", knownAt: $at) {
    depth from { name } to { name names { value } } event { id sources { id } } } }"""


def test_lineage_follows_hand_overs_reported_by_then(ask: Run) -> None:
    assert data(ask, LINEAGE, at="2025-10-23")["lineage"] == []
    (one,) = data(ask, LINEAGE, at="2025-10-24")["lineage"]
    assert (one["depth"], one["from"]["name"], one["to"]["name"]) == (1, "老公司", "新公司")
    assert one["event"]["sources"] == [{"id": "https://w3id.org/finreg/id/source/second"}]
    later = data(ask, LINEAGE, at="2025-11-18")["lineage"]
    assert [(t["depth"], t["to"]["name"]) for t in later] == [(1, "新公司"), (2, "后来公司")]
    assert data(ask, LINEAGE)["lineage"] == later
    result = ask(LINEAGE.replace('"老公司"', '"新公司"'), at="2025-10-23")
    assert result.errors is not None
    assert result.errors[0].extensions["code"] == "NOT_FOUND"
    assert "as known at the end of 2025-10-23" in result.errors[0].message


def test_events_and_figures_count_what_was_known_then(ask: Run) -> None:
    events = """query($at: PartialDate) { events(knownAt: $at) {
        totalCount edges { node { id date } } } }"""
    totals = {at: data(ask, events, at=at)["events"]["totalCount"] for at in DAYS}
    assert totals == {"2025-10-22": 0, "2025-10-23": 1, "2025-10-24": 2, "2025-11-18": 4}
    involving = """query($at: PartialDate) { events(involving: "新公司", knownAt: $at) {
        totalCount } }"""
    assert data(ask, involving, at="2025-10-24")["events"]["totalCount"] == 1
    result = ask(involving, at="2025-10-23")
    assert result.errors is not None
    assert result.errors[0].extensions["code"] == "NOT_FOUND"
    figures = """query($at: PartialDate) { figures(knownAt: $at) {
        totalCount edges { node { amount subject { name } } } } }"""
    assert data(ask, figures, at="2025-10-30")["figures"]["totalCount"] == 0
    listed = data(ask, figures, at="2025-10")["figures"]
    assert listed["totalCount"] == 1
    assert listed["edges"][0]["node"] == {"amount": "100", "subject": {"name": "老公司"}}


DAYS = ("2025-10-22", "2025-10-23", "2025-10-24", "2025-11-18")


def test_two_root_fields_read_two_dates_in_one_request(ask: Run) -> None:
    query = """{
        before: entity(name: "老公司", knownAt: "2025-10-24") { names { value } }
        after: entity(name: "老公司", knownAt: "2025-11-18") { names { value } }
        now: entity(name: "老公司") { names { value } }
        node(id: "https://w3id.org/finreg/id/company/old") { ... on Company { names { value } } }
    }"""
    answer = data(ask, query)
    assert answer["before"]["names"] == [{"value": "老公司"}]
    assert len(answer["after"]["names"]) == 3
    assert answer["now"] == answer["after"] == answer["node"]


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-30", "yesterday", "25-10-24"])
def test_a_malformed_known_at_is_bad_user_input(ask: Run, bad: str) -> None:
    result = ask(ENTITY, name="老公司", at=bad)
    assert result.errors is not None
    assert result.errors[0].extensions["code"] == "BAD_USER_INPUT"
    assert bad in result.errors[0].message
