"""Plain frozen dataclasses that the query layer returns: no SPARQL, no GraphQL here.

IRIs are plain strings; dates are ``PartialDate`` at their true precision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from kg.dates import PartialDate
from kg.vocab import NAME_KINDS


class EntityKind(Enum):
    """The classes of entity finreg tracks."""

    REGULATOR = "Regulator"
    COMPANY = "Company"
    GROUP = "Group"
    PRODUCT = "Product"
    LICENCE = "Licence"
    NOTICE = "Notice"
    SECTOR = "Sector"


class NameKind(Enum):
    """The kinds of name (fr:NameKind individuals)."""

    LEGAL = "LegalName"
    SHORT = "ShortName"
    FORMER = "FormerName"
    TRANSLATION = "Translation"
    ALIAS = "Alias"


class Comparator(Enum):
    """How a figure's amount relates to the true value (fr:Comparator individuals); a figure
    without one is exact as reported."""

    MORE_THAN = "MoreThan"
    AT_LEAST = "AtLeast"
    LESS_THAN = "LessThan"
    AT_MOST = "AtMost"
    ABOUT = "About"
    NEARLY = "Nearly"


class EventKind(Enum):
    """The kinds of event (subclasses of fr:Event)."""

    ESTABLISHMENT = "Establishment"
    RENAME = "Rename"
    BUSINESS_TRANSFER = "BusinessTransfer"
    BUSINESS_CESSATION = "BusinessCessation"
    LIQUIDATION = "Liquidation"
    DEREGISTRATION = "Deregistration"
    LICENCE_GRANT = "LicenceGrant"
    LICENCE_REVOCATION = "LicenceRevocation"
    NOTICE_ISSUED = "NoticeIssued"
    PRODUCT_LAUNCH = "ProductLaunch"
    OWNERSHIP_CHANGE = "OwnershipChange"
    OTHER = "OtherEvent"


class RelationshipKind(Enum):
    """The kinds of relationship that hold over a period."""

    STAKE = "Stake"
    OPERATION = "Operation"
    PARTNERSHIP = "Partnership"


class RegistrationStatus(Enum):
    """A company's standing in the register."""

    ACTIVE = "active"
    IN_LIQUIDATION = "in liquidation"
    DEREGISTERED = "deregistered"
    UNKNOWN = "unknown"


class LicenceStatus(Enum):
    """A licence's standing."""

    ACTIVE = "active"
    REVOKED = "revoked"
    SURRENDERED = "surrendered"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Citation:
    """A source that asserts a fact, with the article's citation marker where given."""

    source: str
    locator: str | None = None


@dataclass(frozen=True)
class Grounds:
    """What one property of a fact (an event's date, say) rests on: the sources that state
    it (``fr:states`` on a qualified derivation), and the editors' basis in words where they
    inferred it (``fr:inference`` with ``fr:inferredProperty``)."""

    stated_by: tuple[Citation, ...] = ()
    inferred: tuple[tuple[str, str], ...] = ()
    """The basis of an inference, as (language, text) pairs; empty when nothing is inferred."""


@dataclass(frozen=True)
class Source:
    """A document that asserts facts: a news article, a regulator's page."""

    iri: str
    title: str
    publisher: str
    published: PartialDate
    url: str | None = None


@dataclass(frozen=True)
class Name:
    """One name of an entity, valid over a period, with its sources."""

    value: str
    lang: str
    kind: NameKind
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    citations: tuple[Citation, ...] = ()

    def valid_at(self, as_of: PartialDate) -> bool:
        """Whether the name may have been in use at some point of the period ``as_of`` names."""
        if self.valid_from is not None and self.valid_from.start > as_of.end:
            return False
        return not (self.valid_to is not None and self.valid_to.end < as_of.start)


_NAME_PREFERENCE = {kind: NAME_KINDS.index(kind.value) for kind in NameKind}
"""The order in which kinds of name label an entity: the ontology's fr:labelPreference."""


@dataclass(frozen=True)
class Entity:
    """A regulator, company, group, product, licence or notice, with all its names."""

    iri: str
    kind: EntityKind
    names: tuple[Name, ...] = ()

    def labels(self, as_of: PartialDate | None = None) -> tuple[tuple[str, str], ...]:
        """The entity's names as (language, text), best first: names valid at ``as_of`` (all
        if none is), ranked by kind (the ontology's fr:labelPreference), current before
        ended, latest first. The interfaces pick one per language from these."""
        candidates = [n for n in self.names if as_of is None or n.valid_at(as_of)] or list(
            self.names
        )
        return tuple((n.lang, n.value) for n in sorted(candidates, key=_name_rank(as_of)))


def _name_rank(as_of: PartialDate | None) -> Callable[[Name], tuple[int, int, int, int, str]]:
    def rank(name: Name) -> tuple[int, int, int, int, str]:
        dated = name.valid_from is not None or name.valid_to is not None
        # With a date asked for, a name whose own dates cover it beats an undated one.
        covered = 0 if as_of is None or dated else 1
        current = 0 if name.valid_to is None or as_of is not None else 1
        since = -(name.valid_from.start.toordinal()) if name.valid_from else 0
        return (covered, _NAME_PREFERENCE[name.kind], current, since, name.value)

    return rank


@dataclass(frozen=True)
class Participation:
    """An entity's role in an event (transferor, transferee, subject, ...)."""

    role: str
    entity: str


@dataclass(frozen=True)
class Event:
    """Something that happened, with its date at true precision, roles and sources."""

    iri: str
    kind: EventKind
    date: PartialDate | None = None
    not_before: PartialDate | None = None
    not_after: PartialDate | None = None
    deadline: PartialDate | None = None
    summaries: tuple[tuple[str, str], ...] = ()
    reasons: tuple[tuple[str, str], ...] = ()
    scope_notes: tuple[tuple[str, str], ...] = ()
    participants: tuple[Participation, ...] = ()
    citations: tuple[Citation, ...] = ()

    def role(self, role: str) -> list[str]:
        """The IRIs of the entities in ``role``."""
        return [p.entity for p in self.participants if p.role == role]

    @property
    def sort_date(self) -> PartialDate | None:
        """The date to order by: the effective date, else the latest bound."""
        return self.date or self.not_after or self.not_before


@dataclass(frozen=True)
class Transfer:
    """One hand-over of business from one entity to another, placed in a lineage."""

    event: Event
    transferor: str
    transferee: str
    business: tuple[str, ...]
    depth: int

    @property
    def date(self) -> PartialDate | None:
        """When the hand-over took effect, where known."""
        return self.event.date


@dataclass(frozen=True)
class Relationship:
    """A stake, an operation or a partnership between two entities over a period."""

    iri: str
    kind: RelationshipKind
    source_entity: str
    target_entity: str
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    direct: bool | None = None
    controlling: bool | None = None
    summaries: tuple[tuple[str, str], ...] = ()
    citations: tuple[Citation, ...] = ()

    def holds_at(self, as_of: PartialDate | None) -> bool:
        """Whether the relationship held at ``as_of`` (now when None)."""
        if as_of is None:
            return self.valid_to is None
        if self.valid_from is not None and self.valid_from.start > as_of.end:
            return False
        return not (self.valid_to is not None and self.valid_to.end < as_of.end)


@dataclass(frozen=True)
class LicenceInfo:
    """What a licence is, who holds it and who issued it."""

    iri: str
    holder: str | None
    issuers: tuple[str, ...] = ()
    licence_types: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class NoticeInfo:
    """What a notice is, who issued it and whom it binds."""

    iri: str
    issuers: tuple[str, ...] = ()
    affects: tuple[str, ...] = ()
    notice_types: tuple[tuple[str, str], ...] = ()
    summaries: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Figure:
    """A number about an entity: metric, amount, unit, date and sources."""

    iri: str
    entity: str
    metric: str
    metric_labels: tuple[tuple[str, str], ...]
    amount: Decimal
    unit: str
    date: PartialDate | None = None
    period_start: PartialDate | None = None
    citations: tuple[Citation, ...] = field(default=())
    comparator: Comparator | None = None
    """How the amount relates to the true value (a bound or an approximation); None: exact."""


class Direction(Enum):
    """Which way along the hand-overs to follow."""

    DOWNSTREAM = "downstream"
    UPSTREAM = "upstream"
    BOTH = "both"


@dataclass(frozen=True)
class Lineage:
    """The hand-overs in order (by depth, then date) and any cycles among them."""

    transfers: tuple[Transfer, ...]
    cycles: list[list[str]]

    def within(self, depth: int | None) -> tuple[Transfer, ...]:
        """The hand-overs at most ``depth`` steps from the start (all when None)."""
        return tuple(t for t in self.transfers if depth is None or t.depth <= depth)


def mentioned(transfers: Iterable[Transfer]) -> set[str]:
    """Every entity hand-overs name: both sides and what moved."""
    return {i for t in transfers for i in (t.transferor, t.transferee, *t.business)}
