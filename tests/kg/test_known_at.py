"""The graph as known on a date (KnowledgeGraph.as_known_at), on every backend: the day a
source was published counts and the day before does not, a source dated to a month counts
once the month has ended, and every question (names, search, timelines, lineage, owners,
figures, sources, pages of events) reads the same cut."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.model import Direction, EventKind
from kg.queries._known import cutoffs
from kg.store import GraphStore
from tests.backends import Backend
from tests.known_at import DATES, write_known_at_graph

NS = "https://w3id.org/finreg/id/"
OLD, NEW, MONTHLY, LATE = (f"{NS}company/{s}" for s in ("old", "new", "monthly", "late"))
GROUP = f"{NS}group/g"


@pytest.fixture
def graph(backend: Backend, tmp_path: Path) -> Iterator[KnowledgeGraph]:
    """The known-at test graph (tests.known_at) on this run's backend."""
    store: GraphStore = backend.store()
    load_files(store, write_known_at_graph(tmp_path / "graph"))
    yield KnowledgeGraph(store)
    store.close()


def at(graph: KnowledgeGraph, when: str | None) -> KnowledgeGraph:
    """``graph`` as known at the date named in tests.known_at.DATES (or as written)."""
    if when is None:
        return graph
    return graph.as_known_at(PartialDate.parse(DATES.get(when, when)))


@pytest.mark.parametrize(
    ("known_at", "day", "month", "year"),
    [
        ("2025-10-24", "2025-10-24", "2025-09", "2024"),
        ("2025-10-31", "2025-10-31", "2025-10", "2024"),
        ("2025-10", "2025-10-31", "2025-10", "2024"),
        ("2024-02", "2024-02-29", "2024-02", "2023"),
        ("2025-12-31", "2025-12-31", "2025-12", "2025"),
        ("2025", "2025-12-31", "2025-12", "2025"),
        ("2025-01-01", "2025-01-01", "2024-12", "2024"),
    ],
)
def test_a_source_counts_once_its_whole_period_has_ended(
    known_at: str, day: str, month: str, year: str
) -> None:
    assert cutoffs(PartialDate.parse(known_at)) == (day, month, year)


@pytest.mark.parametrize(
    ("when", "names"),
    [
        ("before", set()),
        ("first", {"老公司", "集团"}),
        ("second", {"老公司", "集团", "新公司"}),
        ("2025-10-30", {"老公司", "集团", "新公司"}),
        ("month_end", {"老公司", "集团", "新公司", "月报公司"}),
        ("month", {"老公司", "集团", "新公司", "月报公司"}),
        ("2025-11-17", {"老公司", "集团", "新公司", "月报公司"}),
        ("later", {"老公司", "集团", "新公司", "月报公司", "后来公司"}),
        (None, {"老公司", "集团", "新公司", "月报公司", "后来公司"}),
    ],
)
def test_an_entity_is_unknown_before_its_first_source(
    graph: KnowledgeGraph, when: str | None, names: set[str]
) -> None:
    known = at(graph, when)
    found = known.entities([OLD, NEW, MONTHLY, LATE, GROUP])
    assert {e.labels()[0][1] for e in found.values()} == names
    assert {hit.matched for hit in known.search("公司")} == names - {"集团"}
    assert bool(known.search("集团")) == ("集团" in names)
    for name in ("老公司", "新公司", "月报公司", "后来公司", "集团"):
        assert (known.resolve(name) is not None) == (name in names)


def test_names_and_their_dates_only_as_reported_by_then(graph: KnowledgeGraph) -> None:
    old = at(graph, "second").entity(OLD)
    assert old is not None
    assert [(n.value, n.lang) for n in old.names] == [("老公司", "zh")]
    assert [c.source.rsplit("/", 1)[-1] for c in old.names[0].citations] == ["first"]
    assert at(graph, "second").resolve("旧称") is None  # a former name only reported later
    assert at(graph, "second").resolve("Old Co") is None
    assert at(graph, "second").search("旧称") == []
    later = at(graph, "later").resolve("旧称")
    assert later is not None
    assert later.iri == OLD
    former = next(n for n in later.names if n.value == "旧称")
    assert str(former.valid_to) == "2020"


def test_a_timeline_has_the_events_and_dates_reported_by_then(graph: KnowledgeGraph) -> None:
    def timeline(when: str | None) -> list[tuple[str, str | None]]:
        return [
            (e.iri.rsplit("/", 1)[-1], str(e.date) if e.date else None)
            for e in at(graph, when).timeline(OLD)
        ]

    assert timeline("before") == []
    # Founded, says the first report, but only the later one says when.
    assert timeline("first") == [("old-founded", None)]
    assert timeline("second") == [("old-to-new", "2025-09"), ("old-founded", None)]
    assert timeline("later") == [
        ("old-founded", "2010"),
        ("old-founded-other", "2011"),
        ("old-to-new", "2025-09"),
    ]
    founded = at(graph, "first").events([f"{NS}event/old-founded"])[f"{NS}event/old-founded"]
    assert [(c.source.rsplit("/", 1)[-1], c.locator) for c in founded.citations] == [
        ("first", "[1]")
    ]
    assert founded.conflicts_with == ()
    full = at(graph, "later").events([f"{NS}event/old-founded"])[f"{NS}event/old-founded"]
    assert full.conflicts_with == (f"{NS}event/old-founded-other",)


def test_lineage_follows_only_hand_overs_reported_by_then(graph: KnowledgeGraph) -> None:
    def lineage(when: str | None) -> list[tuple[str, str, int]]:
        known = at(graph, when)
        start = known.resolve("老公司")
        assert start is not None
        return [
            (t.transferor.rsplit("/", 1)[-1], t.transferee.rsplit("/", 1)[-1], t.depth)
            for t in known.lineage(start, Direction.DOWNSTREAM).transfers
        ]

    assert lineage("first") == []
    assert lineage("second") == [("old", "new", 1)]
    assert lineage("month") == [("old", "new", 1)]
    assert lineage("later") == [("old", "new", 1), ("new", "late", 2)]
    assert lineage(None) == lineage("later")
    known = at(graph, "second")
    start = known.resolve("老公司")
    assert start is not None
    transfers = known.lineage(start, Direction.DOWNSTREAM).transfers
    assert set(known.lineage_names(start, transfers)) == {OLD, NEW}


def test_owners_figures_and_sources_as_known(graph: KnowledgeGraph) -> None:
    assert at(graph, "first").owners([OLD, NEW]) == {OLD: [GROUP], NEW: []}
    assert at(graph, "later").owners([OLD, NEW]) == {OLD: [GROUP], NEW: [GROUP]}
    assert at(graph, "second").figures([OLD]) == {OLD: []}
    (balance,) = at(graph, "month").figures([OLD])[OLD]
    assert str(balance.amount) == "100"
    assert str(balance.date) == "2025-09-30"
    assert at(graph, "second").figure_page()[1] == 0
    assert at(graph, "month_end").figure_page()[1] == 1

    def sources(when: str | None) -> list[str]:
        return [s.rsplit("/", 1)[-1] for s in at(graph, when).sources_about([OLD])[OLD]]

    assert sources("first") == ["first"]
    assert sources("second") == ["first", "second"]
    assert sources("later") == ["first", "later", "monthly", "second"]
    everything = [f"{NS}source/{s}" for s in ("first", "second", "monthly", "later")]
    assert sorted(at(graph, "second").sources(everything)) == everything[:2]
    assert len(at(graph, "month").sources(everything)) == 3


def test_a_page_of_events_counts_only_the_events_known_then(graph: KnowledgeGraph) -> None:
    def page(when: str | None, **filters: object) -> tuple[list[str], int]:
        found, total = at(graph, when).event_page(**filters)  # type: ignore[arg-type]
        return [e.iri.rsplit("/", 1)[-1] for e in found], total

    assert page("before") == ([], 0)
    assert page("first") == (["old-founded"], 1)
    assert page("second") == (["old-to-new", "old-founded"], 2)
    assert page("later")[1] == 4
    # Undated as known then: a window on the founding year does not find it yet.
    start = PartialDate.parse("2010")
    assert page("first", start=start, end=start) == ([], 0)
    assert page("later", start=start, end=start) == (["old-founded"], 1)
    assert page("second", kinds=[EventKind.BUSINESS_TRANSFER]) == (["old-to-new"], 1)


def test_the_whole_graph_is_the_graph_known_at_none(graph: KnowledgeGraph) -> None:
    assert graph.as_known_at(None) is graph
    assert graph.known_at is None
    day = PartialDate.parse("2025-10-24")
    assert graph.as_known_at(day).known_at == day
    assert graph.as_known_at(day).as_known_at(None).known_at is None


# The seeds: ten articles published from 2025-10-23 to 2025-11-18. --------------------------


def test_the_seeds_know_alibabas_microloan_company_from_the_day_it_was_reported(
    seed_graph: KnowledgeGraph,
) -> None:
    # 贝壳财经 reported the deregistration of 阿里小贷 on 2025-10-24.
    assert seed_graph.as_known_at(PartialDate.parse("2025-10-23")).resolve("阿里小贷") is None
    found = seed_graph.as_known_at(PartialDate.parse("2025-10-24")).resolve("阿里小贷")
    assert found is not None
    assert seed_graph.as_known_at(PartialDate.parse("2025-10-22")).search("微信分付") == []
    assert seed_graph.as_known_at(PartialDate.parse("2025-10-23")).search("微信分付") != []


def test_the_seeds_date_the_cessation_only_once_an_article_says_when(
    seed_graph: KnowledgeGraph,
) -> None:
    # 贝壳财经 (2025-10-24) says 阿里小贷 has had no business in recent years; 国际金融报
    # (2025-10-25) says since November 2022.
    iri = f"{NS}event/alibaba-microloan-business-cessation"
    on_24 = seed_graph.as_known_at(PartialDate.parse("2025-10-24")).events([iri])[iri]
    on_25 = seed_graph.as_known_at(PartialDate.parse("2025-10-25")).events([iri])[iri]
    assert on_24.date is None
    assert str(on_25.date) == "2022-11"
    assert str(seed_graph.events([iri])[iri].date) == "2022-11"


SEED_DATES = ("2025-10-22", "2025-10-23", "2025-10-24", "2025-10-25", "2025-11-11", "2025-11")


@pytest.mark.parametrize("when", SEED_DATES)
def test_an_entity_is_known_exactly_when_a_source_about_it_is(
    seed_graph: KnowledgeGraph, when: str
) -> None:
    # Two definitions, one in each query: the entities query keeps an entity with a fact
    # known by then, the sources field lists the sources about it published by then.
    everyone = {hit.iri for letter in "公司集团局呗贷行业" for hit in seed_graph.search(letter)}
    known = seed_graph.as_known_at(PartialDate.parse(when))
    found = known.entities(everyone)
    about = known.sources_about(everyone)
    assert set(found) == {iri for iri, sources in about.items() if sources}
    assert (found == {}) == (when == "2025-10-22")  # the day before the first article
    assert all(known.sources(about[iri]) for iri in found)
