"""Statuses, relationships, licences and notices: what holds between entities and when, from
the events that change it (kg.history) and the bounds the sources give."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from pyoxigraph import Triple

from kg.dates import PartialDate
from kg.history import licence_status, operation_holds, registration_status
from kg.knowledge._lineage import Lineages
from kg.model import (
    LicenceInfo,
    LicenceStatus,
    NoticeInfo,
    RegistrationStatus,
    Relationship,
    RelationshipKind,
)
from kg.queries import describe as describe_queries
from kg.queries import lineage as lineage_queries
from kg.queries import relations

_MAX_OWNERSHIP_DEPTH = 10


class Relations(Lineages):
    """What holds between entities over time."""

    def describe(self, iri: str) -> list[Triple]:
        """The entity's description as RDF triples: its own triples and those pointing at it,
        its names, the events, relationships and figures about it, and the sources they cite
        (one round trip; empty for an unknown IRI)."""
        return describe_queries.describe(self._store, iri)

    # Status, relationships, licences, notices ---------------------------------------

    def registration_statuses(
        self, iris: Collection[str], as_of: PartialDate | None = None
    ) -> dict[str, RegistrationStatus]:
        """Each company's registration status at ``as_of`` (now when None)."""
        timelines = self.timelines(iris)
        return {iri: registration_status(iri, evs, as_of) for iri, evs in timelines.items()}

    def licence_statuses(
        self, licences: Sequence[LicenceInfo] | Collection[str], as_of: PartialDate | None = None
    ) -> dict[str, LicenceStatus]:
        """Each licence's status at ``as_of`` (now when None): its own events, and its
        holder's deregistration, which ends it. Licences may be given as records or IRIs."""
        if any(isinstance(lic, str) for lic in licences):
            iris = [lic for lic in licences if isinstance(lic, str)]
            records = relations.licences(self._store, iris, self._known_at)
            licences = [records[i] for i in iris if i in records]
        licences = [lic for lic in licences if isinstance(lic, LicenceInfo)]
        holders = {lic.holder for lic in licences if lic.holder}
        timelines = self.timelines({lic.iri for lic in licences} | holders)
        holder_status = {h: registration_status(h, timelines[h], as_of) for h in holders}
        return {
            lic.iri: licence_status(
                lic.iri,
                timelines[lic.iri],
                holder_status.get(lic.holder or "", RegistrationStatus.UNKNOWN),
                as_of,
                lic.end_not_after,
            )
            for lic in licences
        }

    def relationships(self, iris: Collection[str]) -> dict[str, list[Relationship]]:
        """For each entity, the stakes, operations and partnerships it is part of."""
        return relations.relationships(self._store, iris, self._known_at)

    def licences(self, iris: Collection[str]) -> dict[str, list[LicenceInfo]]:
        """For a licence, its own record; for anyone else, the licences they hold; by IRI,
        each list sorted by licence IRI (one round trip)."""
        found = relations.licences(self._store, iris, self._known_at)
        return {
            key: sorted(
                (lic for lic in found.values() if key in (lic.iri, lic.holder)),
                key=lambda lic: lic.iri,
            )
            for key in iris
        }

    def notices(self, iris: Collection[str]) -> dict[str, list[NoticeInfo]]:
        """For a notice, its own record; for anyone else, the notices they issued; by IRI,
        each list sorted by notice IRI (one round trip)."""
        found = relations.notices(self._store, iris, self._known_at)
        return {
            key: sorted(
                (n for n in found.values() if key == n.iri or key in n.issuers),
                key=lambda n: n.iri,
            )
            for key in iris
        }

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
        moves = lineage_queries.transfers_moving(self._store, products)
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
        """Follow stakes that hold at ``as_of`` from every start at once, up to ten levels,
        each entity once: two round trips whatever the depth (one when no stake leads on),
        the entities a chain of stakes reaches, then the stakes on their near side; the
        walk by level and the date cut happen here."""
        seen: dict[str, set[str]] = {s: set() for s in starts}
        reach = relations.stake_reach(self._store, starts, upward=upward)
        if not any(reach.values()):
            return {start: [] for start in starts}
        near_ends = {s for s, far in reach.items() if far}.union(*reach.values())
        rels = relations.relationships(self._store, near_ends, self._known_at, owned_side=upward)
        frontier: dict[str, set[str]] = {s: {s} for s in starts}
        for _ in range(_MAX_OWNERSHIP_DEPTH):
            if not any(frontier.values()):
                break
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
