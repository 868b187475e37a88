"""Per-request DataLoaders over KnowledgeGraph's batch methods.

Every loader turns the keys one resolver level asks for into one batch call, run in a thread
of the GraphQL workload (``Context.run``) so that the time limit can interrupt a request. So
a request costs a number of store round trips that grows with the shape of the query, never
with the size of the answer.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection, Hashable, Mapping, Sequence
from typing import Protocol, TypeVar

from strawberry.dataloader import DataLoader

from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.model import (
    Direction,
    Entity,
    Event,
    EventKind,
    Figure,
    LicenceInfo,
    LicenceStatus,
    Lineage,
    NoticeInfo,
    RegistrationStatus,
    Relationship,
    Source,
)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")

AsOf = tuple[str, PartialDate | None]
"""A key for a question asked at a date: (IRI, as-of date or None for now)."""

Window = tuple[PartialDate | None, PartialDate | None, frozenset[EventKind] | None]
"""A timeline's window: from, to, the kinds of event (None: all)."""

WindowKey = tuple[str, PartialDate | None, PartialDate | None, frozenset[EventKind] | None]
"""A key for a timeline cut to a window: (IRI, from, to, kinds)."""

LineageKey = tuple[Entity, Direction, PartialDate | None]
"""A key for a lineage: (entity, direction, as-of date or None for no cut)."""

MetricKey = tuple[str, str | None]
"""A key for an entity's figures: (IRI, metric as the query gave it, or None for all)."""


class Runner(Protocol):
    """Runs a blocking kg call in a worker thread (``Context.run``)."""

    def __call__(self, function: Callable[..., T], /, *args: object) -> Awaitable[T]:
        """``function(*args)``, awaited."""
        ...


def _by_key(
    run: Runner, fetch: Callable[[list[K]], Mapping[K, V]], default: Callable[[], V]
) -> Callable[[list[K]], Awaitable[Sequence[V]]]:
    async def load(keys: list[K]) -> Sequence[V]:
        found = await run(fetch, keys)
        return [found[k] if k in found else default() for k in keys]

    return load


def _by_date(
    run: Runner,
    fetch: Callable[[list[str], PartialDate | None], Mapping[str, V]],
    default: Callable[[], V],
) -> Callable[[list[AsOf]], Awaitable[Sequence[V]]]:
    """Batch (IRI, as-of) keys: one call per distinct as-of date (dates come from the query)."""

    async def load(keys: list[AsOf]) -> Sequence[V]:
        groups: dict[PartialDate | None, list[str]] = defaultdict(list)
        for iri, as_of in keys:
            groups[as_of].append(iri)
        answers = await asyncio.gather(*(run(fetch, iris, as_of) for as_of, iris in groups.items()))
        found = {
            (iri, as_of): answer[iri] if iri in answer else default()
            for as_of, answer in zip(groups, answers, strict=True)
            for iri in groups[as_of]
        }
        return [found[k] for k in keys]

    return load


def _none() -> None:
    return None


class Loaders:
    """The DataLoaders of one request (each caches what it loaded for the request's life)."""

    def __init__(self, graph: KnowledgeGraph, run: Runner) -> None:
        self.graph = graph
        self.run = run
        self.entities: DataLoader[str, Entity | None] = DataLoader(
            _by_key(run, graph.entities, _none)
        )
        self.events: DataLoader[str, Event | None] = DataLoader(_by_key(run, graph.events, _none))
        self.sources: DataLoader[str, Source | None] = DataLoader(
            _by_key(run, graph.sources, _none)
        )
        self.timelines: DataLoader[str, list[Event]] = DataLoader(self._timelines)
        self.sources_about: DataLoader[str, list[str]] = DataLoader(
            _by_key(run, graph.sources_about, list)
        )
        self.relationships: DataLoader[str, list[Relationship]] = DataLoader(
            _by_key(run, graph.relationships, list)
        )
        self.licences: DataLoader[str, list[LicenceInfo]] = DataLoader(self._licences)
        self.notices: DataLoader[str, list[NoticeInfo]] = DataLoader(self._notices)
        self.figures: DataLoader[MetricKey, list[Figure]] = DataLoader(self._figures)
        self.figure_records: DataLoader[str, Figure | None] = DataLoader(
            _by_key(run, graph.figures_by_iri, _none)
        )
        self.operators: DataLoader[AsOf, list[str]] = DataLoader(
            _by_date(run, graph.operators, list)
        )
        self.products: DataLoader[AsOf, list[str]] = DataLoader(_by_date(run, graph.products, list))
        self.owners: DataLoader[AsOf, list[str]] = DataLoader(_by_date(run, graph.owners, list))
        self.members: DataLoader[AsOf, list[str]] = DataLoader(_by_date(run, graph.members, list))
        self.lineages: DataLoader[LineageKey, Lineage] = DataLoader(self._lineages)
        self.registration: DataLoader[AsOf, RegistrationStatus] = DataLoader(
            _by_date(run, graph.registration_statuses, lambda: RegistrationStatus.UNKNOWN)
        )
        self.licence_status: DataLoader[AsOf, LicenceStatus] = DataLoader(
            _by_date(run, graph.licence_statuses, lambda: LicenceStatus.UNKNOWN)
        )
        self.issue_dates: DataLoader[str, PartialDate | None] = DataLoader(
            _by_key(run, graph.issue_dates, _none)
        )
        self.windows: DataLoader[WindowKey, list[Event]] = DataLoader(self._windows)

    def prime_entities(self, entities: Collection[Entity]) -> None:
        """Remember entities a root field already fetched, so nothing loads them again."""
        self.entities.prime_many({e.iri: e for e in entities})

    def prime_events(self, events: Collection[Event]) -> None:
        """Remember events a root field already fetched."""
        self.events.prime_many({e.iri: e for e in events})

    async def _timelines(self, keys: list[str]) -> Sequence[list[Event]]:
        found = await self.run(self.graph.timelines, keys)
        self.prime_events({e for events in found.values() for e in events})
        return [found.get(k, []) for k in keys]

    async def _windows(self, keys: list[WindowKey]) -> Sequence[list[Event]]:
        """Timelines cut to a window: one batch per window asked for."""
        groups: dict[Window, list[str]] = defaultdict(list)
        for iri, start, end, kinds in keys:
            groups[(start, end, kinds)].append(iri)
        answers = await asyncio.gather(
            *(self.run(self.graph.timelines, iris, *window) for window, iris in groups.items())
        )
        by_window = dict(zip(groups, answers, strict=True))
        return [by_window[(start, end, kinds)].get(iri, []) for iri, start, end, kinds in keys]

    async def _lineages(self, keys: list[LineageKey]) -> Sequence[Lineage]:
        """One batch per (direction, as-of) asked for: a fixed number of round trips each."""
        groups: dict[tuple[Direction, PartialDate | None], list[Entity]] = defaultdict(list)
        for entity, direction, as_of in keys:
            groups[(direction, as_of)].append(entity)
        answers = await asyncio.gather(
            *(self.run(self.graph.lineages, found, *cut) for cut, found in groups.items())
        )
        by_cut = dict(zip(groups, answers, strict=True))
        return [by_cut[(direction, as_of)][e.iri] for e, direction, as_of in keys]

    async def _figures(self, keys: list[MetricKey]) -> Sequence[list[Figure]]:
        """Each entity's figures: one batch per metric asked for (metrics come from the query)."""
        groups: dict[str | None, list[str]] = defaultdict(list)
        for iri, metric in keys:
            groups[metric].append(iri)
        answers = await asyncio.gather(
            *(self.run(self.graph.figures, iris, metric) for metric, iris in groups.items())
        )
        by_metric = dict(zip(groups, answers, strict=True))
        self.figure_records.prime_many(
            {f.iri: f for found in answers for figures in found.values() for f in figures}
        )
        return [by_metric[metric].get(iri, []) for iri, metric in keys]

    async def _licences(self, keys: list[str]) -> Sequence[list[LicenceInfo]]:
        """For a licence, its own record; for anyone else, the licences they hold."""
        found = await self.run(self.graph.licences, keys)
        return [found.get(k, []) for k in keys]

    async def _notices(self, keys: list[str]) -> Sequence[list[NoticeInfo]]:
        """For a notice, its own record; for a regulator, the notices it issued."""
        found = await self.run(self.graph.notices, keys)
        return [found.get(k, []) for k in keys]
