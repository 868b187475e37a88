"""Newest first, one rule on every backend: the events page the store orders and pages by
the order key materialised at load, the timeline and the known-at page ordered in Python by
the same key (kg.dates.order_key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.model import EventKind
from kg.queries import event_pages
from kg.store import GraphStore
from tests.conftest import ENTITIES, PREFIXES, stated_by

EV = "https://w3id.org/finreg/id/event/"
A = "https://w3id.org/finreg/id/company/a"


def _event(slug: str, kind: str, subject: str, **dates: str) -> str:
    types = {"date": "xsd:date", "notAfter": "xsd:date", "notBefore": "xsd:date"}
    given = ""
    for prop, value in dates.items():
        datatype = {4: "xsd:gYear", 7: "xsd:gYearMonth"}.get(len(value), types[prop])
        given += f' fr:{prop} "{value}"^^{datatype} ;'
    states = stated_by("source:s", *(f"fr:{p}" for p in dates)) if dates else ""
    return (
        f'event:{slug} a fr:{kind} ; fr:subject {subject} ;{given} fr:summary "{slug}"@en ;\n'
        f"    prov:wasDerivedFrom source:s {';' if states else ''} {states} .\n"
    )


FACTS = [
    # the MYbank case: a hand-over bounded by its report sorts by that bound
    ("handover", "OtherEvent", "company:b", {"notBefore": "2015", "notAfter": "2025-10-24"}),
    ("jan-2025", "Rename", "company:a", {"date": "2025-01"}),
    ("day-2024-12-31", "Deregistration", "company:a", {"date": "2024-12-31"}),
    ("month-2024-12", "Liquidation", "company:a", {"date": "2024-12"}),
    ("year-2024", "Rename", "company:b", {"date": "2024"}),
    ("bound-2024-12-31", "Liquidation", "company:b", {"notAfter": "2024-12-31"}),
    ("bound-year-2024", "Rename", "company:a", {"notBefore": "2020", "notAfter": "2024"}),
    ("dereg-2024-06", "Deregistration", "company:b", {"date": "2024-06"}),
    ("tie-b", "Rename", "company:a", {"date": "2023-06-15"}),
    ("tie-a", "Rename", "company:b", {"date": "2023-06-15"}),
    ("undated-b", "Rename", "company:a", {}),
    ("after-only", "Rename", "company:a", {"notBefore": "2010"}),
    ("undated-a", "Liquidation", "company:b", {}),
]
EVENTS = PREFIXES + "".join(_event(slug, kind, who, **dates) for slug, kind, who, dates in FACTS)
RENAMES = {slug for slug, kind, _, _ in FACTS if kind == "Rename"}
OF_A = {slug for slug, _, who, _ in FACTS if who == "company:a"}

NEWEST_FIRST = [
    "handover",
    "jan-2025",
    "day-2024-12-31",
    "month-2024-12",
    "year-2024",
    "bound-2024-12-31",
    "bound-year-2024",
    "dereg-2024-06",
    "tie-a",
    "tie-b",
    # neither a date nor a notAfter: no last day, so last, by IRI
    "after-only",
    "undated-a",
    "undated-b",
]
UNDATED = 3


@pytest.fixture(params=["whole", "listed", "scanned"])
def graph(
    store: GraphStore,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> KnowledgeGraph:
    """The graph, its pages read in each of the store's three ways (kg.queries.event_pages):
    a filter's events read whole and cut, the keys of the days a page needs listed, keys
    scanned after a cursor."""
    if request.param != "whole":
        monkeypatch.setattr(event_pages, "_WHOLE", 0)
        monkeypatch.setattr(event_pages, "_DAYS_LISTED", 400 if request.param == "listed" else 0)
    paths = [tmp_path / "entities.ttl", tmp_path / "events.ttl"]
    paths[0].write_text(ENTITIES, encoding="utf-8")
    paths[1].write_text(EVENTS, encoding="utf-8")
    load_files(store, paths)
    return KnowledgeGraph(store)


def _slugs(events: list) -> list[str]:  # type: ignore[type-arg]
    return [e.iri.removeprefix(EV) for e in events]


def _all_pages(graph: KnowledgeGraph, size: int, **filters: object) -> tuple[list[str], set[int]]:
    """Every page of ``size`` through keyset cursors, and the totals the pages gave."""
    seen: list[str] = []
    totals: set[int] = set()
    after = None
    for _ in range(100):
        found, total = graph.event_page(after=after, limit=size, **filters)  # type: ignore[arg-type]
        totals.add(total)
        seen += _slugs(found)
        if len(found) < size:
            return seen, totals
        after = (found[-1].order_key, found[-1].iri)
    raise AssertionError("paging did not end")


def test_newest_first_follows_the_last_day_then_precision_then_iri(graph: KnowledgeGraph) -> None:
    events, total = graph.event_page()
    assert _slugs(events) == NEWEST_FIRST
    assert total == len(NEWEST_FIRST)


def test_known_at_orders_by_the_same_rule(graph: KnowledgeGraph) -> None:
    # the source is published 2025-10-24: known by 2026 the graph is whole, ordered the same
    known = graph.as_known_at(PartialDate.parse("2026"))
    assert _slugs(known.event_page()[0]) == NEWEST_FIRST
    assert _all_pages(known, 4)[0] == NEWEST_FIRST
    assert known.event_page(limit=2)[1] == len(NEWEST_FIRST)
    assert graph.as_known_at(PartialDate.parse("2025-10-23")).event_page() == ([], 0)


def test_timeline_is_the_same_order_read_backwards(graph: KnowledgeGraph) -> None:
    dated = [e for e in NEWEST_FIRST[:-UNDATED] if e in OF_A]
    assert _slugs(graph.timeline(A)) == [*dated[::-1], "after-only", "undated-b"]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 13, 50])
def test_keyset_pages_give_each_event_once_in_order(graph: KnowledgeGraph, size: int) -> None:
    seen, totals = _all_pages(graph, size)
    assert seen == NEWEST_FIRST
    assert totals == {len(NEWEST_FIRST)}


WINDOW_2024_12_ON = [
    "handover",
    "jan-2025",
    "day-2024-12-31",
    "month-2024-12",
    "year-2024",
    "bound-2024-12-31",
    "bound-year-2024",
    "after-only",  # began 2010, end open: it may fall in any later window
]
DAY = PartialDate.parse("2023-06-15")
TO_2019 = ["handover", "bound-2024-12-31", "after-only"]  # begun by 2019 or start unknown


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"kinds": [EventKind.RENAME]},
            [s for s in NEWEST_FIRST if s in RENAMES],
        ),
        (
            {"kinds": [EventKind.DEREGISTRATION, EventKind.LIQUIDATION]},
            ["day-2024-12-31", "month-2024-12", "bound-2024-12-31", "dereg-2024-06", "undated-a"],
        ),
        (
            {"start": PartialDate.parse("2024-12"), "end": PartialDate.parse("2025")},
            WINDOW_2024_12_ON,
        ),
        ({"start": PartialDate.parse("2024-12")}, WINDOW_2024_12_ON),
        ({"end": PartialDate.parse("2019")}, TO_2019),
        (
            {"start": DAY, "end": DAY},
            ["handover", "bound-2024-12-31", "bound-year-2024", "tie-a", "tie-b", "after-only"],
        ),
        (
            {"involving": A},
            [s for s in NEWEST_FIRST if s in OF_A],
        ),
        (
            {"involving": A, "kinds": [EventKind.RENAME], "start": PartialDate.parse("2021")},
            ["jan-2025", "bound-year-2024", "tie-b", "after-only"],
        ),
        ({"involving": "not an iri"}, []),
    ],
)
def test_filtered_pages_keep_the_order_and_count(
    graph: KnowledgeGraph, filters: dict[str, object], expected: list[str]
) -> None:
    assert _slugs(graph.event_page(**filters)[0]) == expected  # type: ignore[arg-type]
    for size in (1, 3):
        seen, totals = _all_pages(graph, size, **filters)
        assert seen == expected
        assert totals == {len(expected)}
    known = graph.as_known_at(PartialDate.parse("2026"))
    assert _slugs(known.event_page(**filters)[0]) == expected  # type: ignore[arg-type]


def test_filters_asked_in_turn_are_summarised_once_each(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client paging through many filters in turn (a feed reader, a request mix) pays
    each filter's scan once per store version, not at every turn; past the bounds, the
    least recently used filter goes first."""
    paths = [tmp_path / "entities.ttl", tmp_path / "events.ttl"]
    paths[0].write_text(ENTITIES, encoding="utf-8")
    paths[1].write_text(EVENTS, encoding="utf-8")
    load_files(store, paths)
    scans: list[event_pages.EventFilter] = []
    real = event_pages.summary

    def counted(on: GraphStore, chosen: event_pages.EventFilter) -> event_pages.Summary:
        scans.append(chosen)
        return real(on, chosen)

    monkeypatch.setattr(event_pages, "summary", counted)
    years = [PartialDate.parse(str(y)) for y in range(2000, 2026)]
    filters = [event_pages.EventFilter(frozenset({k}), y, y) for k in EventKind for y in years]
    kept = event_pages.Summaries(store)
    for _ in range(3):
        for chosen in filters:
            kept.get(chosen)
    assert len(scans) == len(filters) > 256

    small = event_pages.Summaries(store, size=2)
    first, second, third = filters[:3]
    for chosen in (first, second, first, third, first, second):
        small.get(chosen)
    # 'second' was the least recently used when 'third' came, so it alone was read again
    assert scans[len(filters) :] == [first, second, third, second]
