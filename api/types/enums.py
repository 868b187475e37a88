"""The GraphQL enums, each mirroring a kg enum member for member (names are the contract's).

Kept apart from kg's enums so that the API's names never leak into kg; ``to_api`` and
``to_kg`` convert by member name. The members that stand for finreg terms (entity, name and
event kinds) are described by the ontology's definitions (api.types.ontology).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

import strawberry

from api.types.ontology import definition, kinds_of, member
from kg import model
from kg.dates import PartialDate

E = TypeVar("E", bound=Enum)


def to_api(kind: Enum, api: type[E]) -> E:
    """The API enum member with the same name as a kg enum member."""
    return api[kind.name]


def to_kg(kinds: Iterable[Enum] | None, kg_enum: type[E]) -> list[E] | None:
    """The kg enum members named like the given API members (None stays None)."""
    return None if kinds is None else [kg_enum[k.name] for k in kinds]


@strawberry.enum(description=kinds_of("Entity"))
class EntityKind(Enum):
    """The classes of entity (kg.model.EntityKind)."""

    REGULATOR = member(model.EntityKind.REGULATOR)
    COMPANY = member(model.EntityKind.COMPANY)
    GROUP = member(model.EntityKind.GROUP)
    PRODUCT = member(model.EntityKind.PRODUCT)
    LICENCE = member(model.EntityKind.LICENCE)
    NOTICE = member(model.EntityKind.NOTICE)
    SECTOR = member(model.EntityKind.SECTOR)


@strawberry.enum(description=definition("Comparator"))
class Comparator(Enum):
    """How a figure's amount relates to the true value (kg.model.Comparator)."""

    MORE_THAN = member(model.Comparator.MORE_THAN)
    AT_LEAST = member(model.Comparator.AT_LEAST)
    LESS_THAN = member(model.Comparator.LESS_THAN)
    AT_MOST = member(model.Comparator.AT_MOST)
    ABOUT = member(model.Comparator.ABOUT)
    NEARLY = member(model.Comparator.NEARLY)


@strawberry.enum(description=definition("NameKind"))
class NameKind(Enum):
    """The kinds of name (kg.model.NameKind)."""

    LEGAL = member(model.NameKind.LEGAL)
    SHORT = member(model.NameKind.SHORT)
    FORMER = member(model.NameKind.FORMER)
    TRANSLATION = member(model.NameKind.TRANSLATION)
    ALIAS = member(model.NameKind.ALIAS)


@strawberry.enum(description=kinds_of("Event"))
class EventKind(Enum):
    """The kinds of event (kg.model.EventKind)."""

    ESTABLISHMENT = member(model.EventKind.ESTABLISHMENT)
    RENAME = member(model.EventKind.RENAME)
    BUSINESS_TRANSFER = member(model.EventKind.BUSINESS_TRANSFER)
    BUSINESS_CESSATION = member(model.EventKind.BUSINESS_CESSATION)
    LIQUIDATION = member(model.EventKind.LIQUIDATION)
    DEREGISTRATION = member(model.EventKind.DEREGISTRATION)
    LICENCE_GRANT = member(model.EventKind.LICENCE_GRANT)
    LICENCE_REVOCATION = member(model.EventKind.LICENCE_REVOCATION)
    NOTICE_ISSUED = member(model.EventKind.NOTICE_ISSUED)
    PRODUCT_LAUNCH = member(model.EventKind.PRODUCT_LAUNCH)
    OWNERSHIP_CHANGE = member(model.EventKind.OWNERSHIP_CHANGE)
    OTHER = member(model.EventKind.OTHER)


@strawberry.enum(description="Which way along the hand-overs of business to follow.")
class Direction(Enum):
    """Lineage directions (kg.model.Direction)."""

    UPSTREAM = strawberry.enum_value(
        "UPSTREAM", description="Hand-overs to the entity, and to those it took over from."
    )
    DOWNSTREAM = strawberry.enum_value(
        "DOWNSTREAM", description="Hand-overs from the entity, and from those who took over."
    )
    BOTH = strawberry.enum_value("BOTH", description="Both ways.")


@strawberry.enum(description="A company's standing in the register.")
class RegistrationStatus(Enum):
    """Registration statuses (kg.model.RegistrationStatus)."""

    ACTIVE = strawberry.enum_value("ACTIVE", description="Registered and not being wound up.")
    IN_LIQUIDATION = strawberry.enum_value(
        "IN_LIQUIDATION", description="A liquidation has happened; not yet deregistered."
    )
    DEREGISTERED = strawberry.enum_value("DEREGISTERED", description="Struck off the register.")
    UNKNOWN = strawberry.enum_value("UNKNOWN", description="The graph holds no dated event.")


@strawberry.enum(description="A licence's standing.")
class LicenceStatus(Enum):
    """Licence statuses (kg.model.LicenceStatus)."""

    ACTIVE = strawberry.enum_value("ACTIVE", description="Granted and not revoked.")
    REVOKED = strawberry.enum_value("REVOKED", description="Cancelled or revoked.")
    SURRENDERED = strawberry.enum_value("SURRENDERED", description="Given up by its holder.")
    EXPIRED = strawberry.enum_value("EXPIRED", description="Lapsed with its deregistered holder.")
    ENDED = strawberry.enum_value(
        "ENDED",
        description="Had ended by the latest date the sources give (its end bound, "
        "fr:endNotAfter, has passed), though not how: no longer active.",
    )
    UNKNOWN = strawberry.enum_value("UNKNOWN", description="No grant or revocation is known.")


@strawberry.enum(description="How precisely a date is known.")
class DatePrecision(Enum):
    """The precision of a PartialDate."""

    YEAR = strawberry.enum_value("YEAR", description='Known to the year: "2015".')
    MONTH = strawberry.enum_value("MONTH", description='Known to the month: "2023-06".')
    DAY = strawberry.enum_value("DAY", description='Known to the day: "2024-12-30".')


def precision(date: PartialDate | None) -> DatePrecision | None:
    """The precision of ``date`` (None for no date)."""
    return None if date is None else DatePrecision[date.precision.upper()]
