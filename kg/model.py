"""Plain frozen dataclasses that the query layer returns: no SPARQL, no GraphQL here.

IRIs are plain strings; dates are ``PartialDate`` at their true precision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from kg.dates import PartialDate


class EntityKind(Enum):
    """The classes of entity finreg tracks."""

    REGULATOR = "Regulator"
    COMPANY = "Company"
    GROUP = "Group"
    PRODUCT = "Product"
    LICENCE = "Licence"
    NOTICE = "Notice"


class NameKind(Enum):
    """The kinds of name (fr:NameKind individuals)."""

    LEGAL = "LegalName"
    SHORT = "ShortName"
    FORMER = "FormerName"
    TRANSLATION = "Translation"
    ALIAS = "Alias"


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


@dataclass(frozen=True)
class Citation:
    """A source that asserts a fact, with the article's citation marker where given."""

    source: str
    locator: str | None = None


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


_NAME_PREFERENCE = {
    NameKind.LEGAL: 0,
    NameKind.SHORT: 1,
    NameKind.TRANSLATION: 2,
    NameKind.ALIAS: 3,
    NameKind.FORMER: 4,
}


@dataclass(frozen=True)
class Entity:
    """A regulator, company, group, product, licence or notice, with all its names."""

    iri: str
    kind: EntityKind
    names: tuple[Name, ...] = ()

    def name(self, lang: str = "zh", as_of: PartialDate | None = None) -> str:
        """The best name in ``lang`` (valid at ``as_of`` if given; the latest otherwise).

        Falls back to another language, then to the IRI, so there is always an answer.
        """
        candidates = [n for n in self.names if as_of is None or n.valid_at(as_of)] or list(
            self.names
        )
        for wanted in (lang, lang.split("-")[0], "zh", "en"):
            in_lang = [n for n in candidates if n.lang.lower() == wanted.lower()]
            if in_lang:
                return min(in_lang, key=_name_rank(as_of)).value
        if candidates:
            return min(candidates, key=_name_rank(as_of)).value
        return self.iri


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

    def summary(self, lang: str = "zh") -> str:
        """The summary in ``lang``, else in any language, else an empty string."""
        return _in_lang(self.summaries, lang)

    def reason(self, lang: str = "zh") -> str:
        """The reason given for the event in ``lang`` (empty when none)."""
        return _in_lang(self.reasons, lang)

    def role(self, role: str) -> list[str]:
        """The IRIs of the entities in ``role``."""
        return [p.entity for p in self.participants if p.role == role]

    @property
    def sort_date(self) -> PartialDate | None:
        """The date to order by: the effective date, else the latest bound."""
        return self.date or self.not_after or self.not_before


def _in_lang(texts: tuple[tuple[str, str], ...], lang: str) -> str:
    for wanted in (lang, lang.split("-")[0], "zh", "en"):
        for language, text in texts:
            if language.lower() == wanted.lower():
                return text
    return texts[0][1] if texts else ""


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
