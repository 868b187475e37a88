"""Plain frozen dataclasses that the query layer returns: no SPARQL, no GraphQL here.

IRIs are plain strings; dates are ``PartialDate`` at their true precision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from kg.dates import UNDATED_KEY, PartialDate, order_key
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
    ENDED = "ended"
    """Had ended by a date the sources give (fr:endNotAfter), though not how: not active."""
    UNKNOWN = "unknown"


Texts = tuple[tuple[str, str], ...]
"""Texts in several languages: (language tag, text) pairs, sorted."""


@dataclass(frozen=True)
class Citation:
    """A source that asserts a fact, with the article's citation marker where given, and the
    properties of the fact the source states at that place (local names such as "date";
    fr:states): empty where it supports only that the fact exists."""

    source: str
    locator: str | None = None
    states: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Inference:
    """A conclusion the editors drew rather than one a source states (fr:Inference): of
    ``property`` (a local name such as "notAfter"; a full IRI outside finreg's terms), or of
    the whole fact when None, with the basis for it in the editors' words."""

    property: str | None
    basis: Texts = ()


def stating(citations: Iterable[Citation], *properties: str) -> tuple[Citation, ...]:
    """The citations whose source states any of ``properties`` at that place (fr:states).

    >>> cited = (Citation("urn:s", states=frozenset({"date"})), Citation("urn:t"))
    >>> [c.source for c in stating(cited, "date", "notAfter")]
    ['urn:s']
    """
    return tuple(c for c in citations if c.states.intersection(properties))


def inferred_of(inferences: Iterable[Inference], *properties: str) -> tuple[Inference, ...]:
    """The inferences of any of ``properties`` (local names).

    >>> found = inferred_of((Inference("date"), Inference(None)), "date")
    >>> [i.property for i in found]
    ['date']
    """
    return tuple(i for i in inferences if i.property is not None and i.property in properties)


def ended(
    valid_to: PartialDate | None,
    end_not_after: PartialDate | None,
    as_of: PartialDate | None,
    today: date | None = None,
) -> bool:
    """Whether something that ceased at ``valid_to``, or by ``end_not_after`` where only that
    bound is known, had surely ended at ``as_of``: by the end of its period, as a date ends
    elsewhere. Now (``as_of`` None) any ``valid_to`` has ended, and an ``end_not_after``
    once it has passed (``today``, the real date by default).

    >>> bound = PartialDate.parse("2023-06")
    >>> ended(None, bound, PartialDate.parse("2023")), ended(None, bound, PartialDate.parse("2022"))
    (True, False)
    >>> ended(None, bound, None), ended(None, None, None)
    (True, False)
    """
    if as_of is None:
        passed = end_not_after is not None and end_not_after.end < (today or date.today())
        return valid_to is not None or passed
    ends = [d.end for d in (valid_to, end_not_after) if d is not None]
    return bool(ends) and min(ends) < as_of.end


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
    inferences: tuple[Inference, ...] = ()

    @property
    def inferred(self) -> bool:
        """Whether the editors inferred the name or one of its dates."""
        return bool(self.inferences)

    def valid_at(self, as_of: PartialDate) -> bool:
        """Whether the name may have been in use at some point of the period ``as_of`` names."""
        if self.valid_from is not None and self.valid_from.start > as_of.end:
            return False
        return not (self.valid_to is not None and self.valid_to.end < as_of.start)


_NAME_PREFERENCE = {kind: NAME_KINDS.index(kind.value) for kind in NameKind}
"""The order in which kinds of name label an entity: the ontology's fr:labelPreference."""


@dataclass(frozen=True)
class Entity:
    """A regulator, company, group, product, licence, notice or sector, with all its names,
    and what the editors inferred about it (fr:inference on the entity itself)."""

    iri: str
    kind: EntityKind
    names: tuple[Name, ...] = ()
    inferences: tuple[Inference, ...] = ()

    @property
    def inferred(self) -> bool:
        """Whether the editors inferred the entity or one of its properties."""
        return bool(self.inferences)

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
    inferences: tuple[Inference, ...] = ()
    conflicts_with: tuple[str, ...] = ()
    """Other claims about the same fact that disagree with this one (fr:conflictsWith, read
    both ways), by IRI."""

    @property
    def inferred(self) -> bool:
        """Whether the event, its date or a participant is the editors' inference."""
        return bool(self.inferences)

    @property
    def date_properties(self) -> tuple[str, ...]:
        """The properties that give the date shown: "date", else the bounds known."""
        if self.date is not None:
            return ("date",)
        bounds = (("notBefore", self.not_before), ("notAfter", self.not_after))
        return tuple(name for name, bound in bounds if bound is not None)

    def role(self, role: str) -> list[str]:
        """The IRIs of the entities in ``role``."""
        return [p.entity for p in self.participants if p.role == role]

    @property
    def order_key(self) -> str:
        """The key that orders events newest first (kg.dates.order_key: the one rule, which
        the loader also stores as ``fr:orderKey`` for the store to order by)."""
        return order_key(self.date, self.not_after)

    @property
    def dated(self) -> bool:
        """Whether the event has a last day to order by (a date or a ``notAfter``)."""
        return self.order_key != UNDATED_KEY


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
    end_not_after: PartialDate | None = None
    """The latest date by which it had ceased to hold, where only that bound is known."""
    inferences: tuple[Inference, ...] = ()

    @property
    def inferred(self) -> bool:
        """Whether the editors inferred the relationship or one of its dates."""
        return bool(self.inferences)

    def holds_at(self, as_of: PartialDate | None, today: date | None = None) -> bool:
        """Whether the relationship held at ``as_of`` (now when None): begun by then, and
        not ended (``valid_to``, or an ``end_not_after`` bound that has passed; see
        ``ended``)."""
        if as_of is not None and self.valid_from is not None and self.valid_from.start > as_of.end:
            return False
        return not ended(self.valid_to, self.end_not_after, as_of, today)


@dataclass(frozen=True)
class LicenceInfo:
    """What a licence is, who holds it and who issued it, the latest date by which it had
    lapsed where only that bound is known, and the sources that state its own facts."""

    iri: str
    holder: str | None
    issuers: tuple[str, ...] = ()
    licence_types: tuple[tuple[str, str], ...] = ()
    end_not_after: PartialDate | None = None
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class NoticeInfo:
    """What a notice is, who issued it and whom it binds, when it applies, which notices it
    replaces and which replace it, and the sources that state its own facts."""

    iri: str
    issuers: tuple[str, ...] = ()
    affects: tuple[str, ...] = ()
    notice_types: tuple[tuple[str, str], ...] = ()
    summaries: tuple[tuple[str, str], ...] = ()
    effective_from: PartialDate | None = None
    deadline: PartialDate | None = None
    supersedes: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A number about an entity (its ``subject``, fr:figureOf): metric, amount, unit, date and
    sources. With a ``comparator`` the amount is a bound or an approximation ("more than
    300"), never the exact value; without one it is exact as reported."""

    iri: str
    subject: str
    metric: str
    metric_labels: tuple[tuple[str, str], ...]
    amount: Decimal
    unit: str
    date: PartialDate | None = None
    period_start: PartialDate | None = None
    citations: tuple[Citation, ...] = field(default=())
    comparator: Comparator | None = None
    summaries: tuple[tuple[str, str], ...] = ()
    inferences: tuple[Inference, ...] = ()
    conflicts_with: tuple[str, ...] = ()
    """Other figures about the same fact that disagree with this one (fr:conflictsWith, read
    both ways), by IRI."""

    @property
    def inferred(self) -> bool:
        """Whether the editors inferred the figure or one of its properties (its date...)."""
        return bool(self.inferences)


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


class NodeFamily(Enum):
    """What a node finreg mints is, by the family of its class: an entity, an event, a
    relationship (stake, operation, partnership), a figure, a metric or a source."""

    ENTITY = "entity"
    EVENT = "event"
    RELATIONSHIP = "relationship"
    FIGURE = "figure"
    METRIC = "metric"
    SOURCE = "source"


@dataclass(frozen=True)
class Metric:
    """What figures measure (fr:Metric), with its labels."""

    iri: str
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CitingFact:
    """A fact that cites a source, at one place of it: the fact's IRI (for a name, the IRI of
    the entity that bears it, and the name in ``name``), the local name of its class
    ("BusinessTransfer", "Stake", "Figure", "Name", "Licence"...), the article's citation
    marker there, and what the source states there (fr:states: "date"...)."""

    fact: str
    kind: str
    locator: str | None = None
    states: frozenset[str] = frozenset()
    name: tuple[str, str] | None = None
    """For a name: (language, text)."""


@dataclass(frozen=True)
class Reported:
    """An event as a feed lists it: its IRI and the day it was first reported (the end of
    the earliest publication period of the sources citing it: a source dated to a month
    counts from the month's last day, as it does when the graph is read as known on a date)."""

    event: str
    first_reported: date
