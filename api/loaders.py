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

from kg import views
from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.lineage import Direction, Lineage
from kg.model import (
    Entity,
    Event,
    Figure,
    LicenceInfo,
    NoticeInfo,
    Relationship,
    Source,
)

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")

AsOf = tuple[str, PartialDate | None]
"""A key for a question asked at a date: (IRI, as-of date or None for now)."""

LineageKey = tuple[Entity, Direction, PartialDate | None]
"""A key for a lineage: (entity, direction, as-of date or None for no cut)."""


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
    fetch: Callable[[list[str], PartialDate | None], dict[str, list[str]]],
) -> Callable[[list[AsOf]], Awaitable[Sequence[list[str]]]]:
    """Batch (IRI, as-of) keys: one call per distinct as-of date (dates come from the query)."""

    async def load(keys: list[AsOf]) -> Sequence[list[str]]:
        groups: dict[PartialDate | None, list[str]] = defaultdict(list)
        for iri, as_of in keys:
            groups[as_of].append(iri)
        answers = await asyncio.gather(*(run(fetch, iris, as_of) for as_of, iris in groups.items()))
        found = {
            (iri, as_of): answer.get(iri, [])
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
        self.figures: DataLoader[str, list[Figure]] = DataLoader(_by_key(run, graph.figures, list))
        self.operators: DataLoader[AsOf, list[str]] = DataLoader(_by_date(run, graph.operators))
        self.products: DataLoader[AsOf, list[str]] = DataLoader(_by_date(run, graph.products))
        self.owners: DataLoader[AsOf, list[str]] = DataLoader(_by_date(run, graph.owners))
        self.members: DataLoader[AsOf, list[str]] = DataLoader(_by_date(run, graph.members))
        self.lineages: DataLoader[LineageKey, Lineage] = DataLoader(self._lineages)

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

    async def _lineages(self, keys: list[LineageKey]) -> Sequence[Lineage]:
        """One batch per (direction, as-of) asked for: a fixed number of round trips each."""
        groups: dict[tuple[Direction, PartialDate | None], list[Entity]] = defaultdict(list)
        for entity, direction, as_of in keys:
            groups[(direction, as_of)].append(entity)
        answers = await asyncio.gather(
            *(self.run(views.lineages, self.graph, found, *cut) for cut, found in groups.items())
        )
        by_cut = dict(zip(groups, answers, strict=True))
        return [by_cut[(direction, as_of)][e.iri] for e, direction, as_of in keys]

    async def _licences(self, keys: list[str]) -> Sequence[list[LicenceInfo]]:
        """For a licence, its own record; for anyone else, the licences they hold."""
        found = await self.run(self.graph.licences, keys)
        return [
            sorted(
                (lic for lic in found.values() if key in (lic.iri, lic.holder)),
                key=lambda lic: lic.iri,
            )
            for key in keys
        ]

    async def _notices(self, keys: list[str]) -> Sequence[list[NoticeInfo]]:
        """For a notice, its own record; for a regulator, the notices it issued."""
        found = await self.run(self.graph.notices, keys)
        return [
            sorted(
                (n for n in found.values() if key == n.iri or key in n.issuers),
                key=lambda n: n.iri,
            )
            for key in keys
        ]
