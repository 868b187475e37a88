"""The knowledge graph as finreg's users ask it: names, timelines, lineage, status, search.

``KnowledgeGraph`` wraps a store and answers with kg.model objects. Its methods come in
batch form (many IRIs, one round trip) so the API's DataLoaders can use them directly.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from pyoxigraph import Triple

from kg.dates import PartialDate
from kg.errors import AmbiguousNameError
from kg.history import (
    LicenceStatus,
    RegistrationStatus,
    chronological,
    in_window,
    licence_status,
    operation_holds,
    registration_status,
    select,
)
from kg.lineage import Direction, Lineage, chains, moves_of
from kg.model import (
    Entity,
    EntityKind,
    Event,
    EventKind,
    Figure,
    LicenceInfo,
    NoticeInfo,
    Relationship,
    RelationshipKind,
    Source,
)
from kg.name_index import NameIndex
from kg.names import match_key
from kg.queries import describe as describe_queries
from kg.queries import entities as entity_queries
from kg.queries import events as event_queries
from kg.queries import health, relations, sources
from kg.queries import lineage as lineage_queries
from kg.store import GraphStore
from kg.store.answers import NO_DATASET, Dataset
from kg.vocab import DATA

_MAX_OWNERSHIP_DEPTH = 10


@dataclass(frozen=True)
class SearchHit:
    """An entity found by search, with how well it matched (higher is better)."""

    iri: str
    kind: EntityKind
    score: int
    matched: str


class KnowledgeGraph:
    """Read access to the finreg graph in a store."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.name_index = NameIndex(store)

    # Entities and names ---------------------------------------------------------------

    def entities(self, iris: Collection[str]) -> dict[str, Entity]:
        """The entities among ``iris`` with their names (one round trip)."""
        return entity_queries.entities(self.store, iris)

    def entity(self, iri: str) -> Entity | None:
        """The entity with this IRI, or None."""
        return self.entities([iri]).get(iri)

    def resolve(self, name: str) -> Entity | None:
        """The one entity that ``name`` names: an IRI, or any name in any language, normalised.

        :raises AmbiguousNameError: if several entities bear the name.
        """
        if name.startswith(str(DATA)):
            return self.entity(name)
        key = match_key(name)
        if not key:
            return None
        iris = entity_queries.resolve_key(self.store, key)
        if not iris:
            return None
        found = self.entities(iris)
        if len(found) > 1:
            raise AmbiguousNameError(name, [(i, e.name("zh")) for i, e in sorted(found.items())])
        return next(iter(found.values()), None)

    def search(self, text: str, kinds: Collection[EntityKind] | None = None) -> list[SearchHit]:
        """Entities whose names match ``text``, best first: exact, prefix, substring, pinyin.

        Reads the in-memory name index (see kg.name_index), so it costs one small round trip
        whatever the size of the graph; fetch the entities of the page you show with
        ``entities``.
        """
        key = match_key(text)
        if not key:
            return []
        best: dict[str, SearchHit] = {}
        for name in self.name_index.matches(key, kinds):
            score = _score(key, name.key, name.pinyin) - min(len(name.key), 60) // 6
            if name.iri not in best or best[name.iri].score < score:
                best[name.iri] = SearchHit(name.iri, name.kind, score, name.value)
        return sorted(best.values(), key=lambda hit: (-hit.score, len(hit.matched), hit.iri))

    # Events ---------------------------------------------------------------------------

    def events(self, iris: Collection[str]) -> dict[str, Event]:
        """The events among ``iris`` (one round trip)."""
        return event_queries.events(self.store, iris)

    def timelines(
        self,
        entity_iris: Collection[str],
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        kinds: Collection[EventKind] | None = None,
    ) -> dict[str, list[Event]]:
        """For each entity, its events in the window, oldest first (two round trips)."""
        involving = event_queries.events_involving(self.store, entity_iris)
        details = self.events({e for evs in involving.values() for e in evs})
        return {
            iri: select([details[e] for e in evs if e in details], start, end, kinds)
            for iri, evs in involving.items()
        }

    def timeline(self, entity_iri: str, **window: object) -> list[Event]:
        """One entity's events, oldest first (see ``timelines``)."""
        return self.timelines([entity_iri], **window)[entity_iri]  # type: ignore[arg-type]

    def event_page(
        self,
        kinds: Collection[EventKind] | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        involving: str | None = None,
        *,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[Event], int]:
        """A page of events newest first, filtered by kind, window and (by IRI) an entity
        involved, and how many there are in all. Orders and pages on kinds and dates alone,
        then fetches the details of the page only (two or three round trips)."""
        among = None
        if involving is not None:
            among = event_queries.events_involving(self.store, [involving])[involving]
        index = event_queries.dated_events(self.store, kinds, among)
        ordered = chronological((e for e in index if in_window(e, start, end)), newest_first=True)
        chosen = ordered[offset : None if limit is None else offset + limit]
        details = self.events([e.iri for e in chosen])
        return [details[e.iri] for e in chosen if e.iri in details], len(ordered)

    def event_list(
        self,
        kinds: Collection[EventKind] | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        involving: str | None = None,
    ) -> list[Event]:
        """Every event newest first, filtered as ``event_page`` filters (no paging)."""
        return self.event_page(kinds, start, end, involving)[0]

    # Lineage --------------------------------------------------------------------------

    def lineage(
        self, entity: Entity, direction: Direction, as_of: PartialDate | None = None
    ) -> Lineage:
        """Who took over whose business: for a company along ``direction``, for a product
        (or licence) every hand-over that moved it. Two round trips."""
        if entity.kind in (EntityKind.PRODUCT, EntityKind.LICENCE):
            iris = lineage_queries.transfer_events(
                self.store, entity.iri, lineage_queries.Reach.SCOPE
            )
            return moves_of(entity.iri, list(self.events(iris).values()), as_of)
        reaches = {
            Direction.DOWNSTREAM: [lineage_queries.Reach.DOWNSTREAM],
            Direction.UPSTREAM: [lineage_queries.Reach.UPSTREAM],
            Direction.BOTH: [lineage_queries.Reach.DOWNSTREAM, lineage_queries.Reach.UPSTREAM],
        }[direction]
        found = {
            i for r in reaches for i in lineage_queries.transfer_events(self.store, entity.iri, r)
        }
        return chains(entity.iri, list(self.events(found).values()), direction, as_of)

    # Sources --------------------------------------------------------------------------

    def sources(self, iris: Collection[str]) -> dict[str, Source]:
        """The sources among ``iris`` (one round trip)."""
        return sources.sources(self.store, iris)

    def sources_about(self, entity_iris: Collection[str]) -> dict[str, list[str]]:
        """For each entity, the IRIs of every source asserting anything about it."""
        return sources.sources_about(self.store, entity_iris)

    def describe(self, iri: str) -> list[Triple]:
        """The entity's description as RDF triples: its own triples and those pointing at it,
        its names, the events, relationships and figures about it, and the sources they cite
        (one round trip; empty for an unknown IRI)."""
        return describe_queries.describe(self.store, iri)

    def export(self, fmt: str) -> bytes:
        """Every published graph serialised in ``fmt`` ("ttl", "trig", "nq" or "jsonld")."""
        return self.store.export(fmt)

    # The store itself: health and users' own SPARQL ------------------------------------

    def ping(self) -> None:
        """Return once the store answers a trivial query (a readiness probe's question).

        :raises StoreError: if the store does not answer (StoreUnavailableError when it
            cannot be reached).

        >>> from kg.store import EmbeddedStore
        >>> KnowledgeGraph(EmbeddedStore.in_memory()).ping()
        """
        health.ping(self.store)

    def answer(
        self, query: str, media_type: str, *, timeout: float, dataset: Dataset = NO_DATASET
    ) -> tuple[bytes, str]:
        """A user's read-only SPARQL query answered in ``media_type``: the serialised answer
        and its Content-Type (see ``GraphStore.answer``).

        :raises QueryRefusedError: for an update, a SERVICE clause or a malformed query.
        :raises QueryTimeoutError: if the answer is not ready within ``timeout`` seconds.
        :raises ResultTooLargeError: if the answer passes the size limit.
        """
        return self.store.answer(query, media_type, timeout=timeout, dataset=dataset)

    # Status, relationships, licences, notices, figures -------------------------------

    def registration_statuses(
        self, iris: Collection[str], as_of: PartialDate | None = None
    ) -> dict[str, RegistrationStatus]:
        """Each company's registration status at ``as_of`` (now when None)."""
        timelines = self.timelines(iris)
        return {iri: registration_status(iri, evs, as_of) for iri, evs in timelines.items()}

    def licence_statuses(
        self, licences: Sequence[LicenceInfo], as_of: PartialDate | None = None
    ) -> dict[str, LicenceStatus]:
        """Each licence's status at ``as_of`` (now when None)."""
        holders = {lic.holder for lic in licences if lic.holder}
        timelines = self.timelines({lic.iri for lic in licences} | holders)
        holder_status = {h: registration_status(h, timelines[h], as_of) for h in holders}
        return {
            lic.iri: licence_status(
                lic.iri,
                timelines[lic.iri],
                holder_status.get(lic.holder or "", RegistrationStatus.UNKNOWN),
                as_of,
            )
            for lic in licences
        }

    def relationships(self, iris: Collection[str]) -> dict[str, list[Relationship]]:
        """For each entity, the stakes, operations and partnerships it is part of."""
        return relations.relationships(self.store, iris)

    def licences(self, iris: Collection[str]) -> dict[str, LicenceInfo]:
        """Licences among ``iris`` or held by them, keyed by licence IRI."""
        return relations.licences(self.store, iris)

    def notices(self, iris: Collection[str]) -> dict[str, NoticeInfo]:
        """Notices among ``iris`` or issued by them, keyed by notice IRI."""
        return relations.notices(self.store, iris)

    def figures(self, iris: Collection[str]) -> dict[str, list[Figure]]:
        """For each entity, the figures about it."""
        return relations.figures(self.store, iris)

    def operations(
        self, iris: Collection[str], as_of: PartialDate | None = None
    ) -> dict[str, list[Relationship]]:
        """For each entity, the operations (operator runs product) it is part of that held at
        ``as_of`` (now when None). Three round trips whatever the number of entities.

        An operation's own dates count, and so do the hand-overs that moved its product: the
        transferor stops running it once the hand-over has happened, the transferee starts then.
        """
        rels = self.relationships(iris)
        operations = {
            iri: [r for r in found if r.kind is RelationshipKind.OPERATION]
            for iri, found in rels.items()
        }
        products = {r.target_entity for found in operations.values() for r in found}
        moves = lineage_queries.transfers_moving(self.store, products)
        events = self.events({e for found in moves.values() for e in found})

        def holds(r: Relationship) -> bool:
            moved = [events[e] for e in moves[r.target_entity] if e in events]
            return operation_holds(r, moved, as_of)

        return {iri: [r for r in found if holds(r)] for iri, found in operations.items()}

    def operators(
        self, products: Collection[str], as_of: PartialDate | None = None
    ) -> dict[str, list[str]]:
        """Who ran each product at ``as_of`` (now when None); see ``operations``."""
        found = self.operations(products, as_of)
        return {
            p: sorted({r.source_entity for r in found[p] if r.target_entity == p}) for p in products
        }

    def products(
        self, operators: Collection[str], as_of: PartialDate | None = None
    ) -> dict[str, list[str]]:
        """The products each entity ran at ``as_of`` (now when None); see ``operations``."""
        found = self.operations(operators, as_of)
        return {
            o: sorted({r.target_entity for r in found[o] if r.source_entity == o})
            for o in operators
        }

    def owners(
        self, iris: Collection[str], as_of: PartialDate | None = None
    ) -> dict[str, list[str]]:
        """Who owns each entity at ``as_of``, directly or through other owners."""
        return self._walk_stakes(iris, as_of, upward=True)

    def members(
        self, iris: Collection[str], as_of: PartialDate | None = None
    ) -> dict[str, list[str]]:
        """The entities each group owns at ``as_of``, directly or indirectly."""
        return self._walk_stakes(iris, as_of, upward=False)

    def _walk_stakes(
        self, starts: Collection[str], as_of: PartialDate | None, *, upward: bool
    ) -> dict[str, list[str]]:
        """Follow stakes that hold at ``as_of`` from every start at once: one round trip per
        level, up to ten levels, each entity once."""
        seen: dict[str, set[str]] = {s: set() for s in starts}
        frontier: dict[str, set[str]] = {s: {s} for s in starts}
        for _ in range(_MAX_OWNERSHIP_DEPTH):
            nodes = set().union(*frontier.values())
            if not nodes:
                break
            rels = self.relationships(nodes)
            for start, front in frontier.items():
                following: set[str] = set()
                for node in front:
                    for r in rels.get(node, []):
                        if r.kind is not RelationshipKind.STAKE or not r.holds_at(as_of):
                            continue
                        near, far = (
                            (r.target_entity, r.source_entity)
                            if upward
                            else (r.source_entity, r.target_entity)
                        )
                        if near == node and far not in seen[start] and far != start:
                            following.add(far)
                seen[start] |= following
                frontier[start] = following
        return {start: sorted(found) for start, found in seen.items()}


def _score(key: str, match: str, pinyin: str | None) -> int:
    if match == key:
        return 100
    if pinyin == key:
        return 90
    if match.startswith(key):
        return 80
    if pinyin and pinyin.startswith(key):
        return 70
    if key in match:
        return 50
    return 40
