"""The GraphQL enums, each mirroring a kg enum member for member (names are the contract's).

Kept apart from kg's enums so that the API's names and descriptions never leak into kg;
``to_api`` and ``to_kg`` convert by member name.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TypeVar

import strawberry

from kg.dates import PartialDate

E = TypeVar("E", bound=Enum)


def to_api(kind: Enum, api: type[E]) -> E:
    """The API enum member with the same name as a kg enum member."""
    return api[kind.name]


def to_kg(kinds: Iterable[Enum] | None, model: type[E]) -> list[E] | None:
    """The kg enum members named like the given API members (None stays None)."""
    return None if kinds is None else [model[k.name] for k in kinds]


@strawberry.enum(description="The classes of entity finreg tracks.")
class EntityKind(Enum):
    """The classes of entity (kg.model.EntityKind)."""

    REGULATOR = strawberry.enum_value("REGULATOR", description="A regulator, such as the NFRA.")
    COMPANY = strawberry.enum_value("COMPANY", description="A registered company.")
    GROUP = strawberry.enum_value("GROUP", description="A corporate group, such as Ant Group.")
    PRODUCT = strawberry.enum_value(
        "PRODUCT", description="A brand or service, such as Huabei; never a company."
    )
    LICENCE = strawberry.enum_value(
        "LICENCE", description="A licence or qualification issued by a regulator."
    )
    NOTICE = strawberry.enum_value(
        "NOTICE", description="A regulatory document: measures, notice, window guidance, list."
    )


@strawberry.enum(description="The kinds of name an entity bears.")
class NameKind(Enum):
    """The kinds of name (kg.model.NameKind)."""

    LEGAL = strawberry.enum_value("LEGAL", description="The registered legal name.")
    SHORT = strawberry.enum_value("SHORT", description="A short name in common use.")
    FORMER = strawberry.enum_value("FORMER", description="A name no longer in use.")
    TRANSLATION = strawberry.enum_value(
        "TRANSLATION", description="A translation of the name into another language."
    )
    ALIAS = strawberry.enum_value("ALIAS", description="Any other name the entity is known by.")


@strawberry.enum(description="The kinds of event.")
class EventKind(Enum):
    """The kinds of event (kg.model.EventKind)."""

    ESTABLISHMENT = strawberry.enum_value("ESTABLISHMENT", description="An entity is founded.")
    RENAME = strawberry.enum_value("RENAME", description="An entity changes its name.")
    BUSINESS_TRANSFER = strawberry.enum_value(
        "BUSINESS_TRANSFER", description="Business (a product, licence or line) is handed over."
    )
    BUSINESS_CESSATION = strawberry.enum_value(
        "BUSINESS_CESSATION", description="An entity stops a business."
    )
    LIQUIDATION = strawberry.enum_value("LIQUIDATION", description="A company enters liquidation.")
    DEREGISTRATION = strawberry.enum_value(
        "DEREGISTRATION", description="A company is struck off the register."
    )
    LICENCE_GRANT = strawberry.enum_value("LICENCE_GRANT", description="A licence is granted.")
    LICENCE_REVOCATION = strawberry.enum_value(
        "LICENCE_REVOCATION", description="A licence is cancelled or revoked."
    )
    NOTICE_ISSUED = strawberry.enum_value(
        "NOTICE_ISSUED", description="A regulator issues a regulatory document."
    )
    PRODUCT_LAUNCH = strawberry.enum_value(
        "PRODUCT_LAUNCH", description="An entity launches a product or service."
    )
    OWNERSHIP_CHANGE = strawberry.enum_value(
        "OWNERSHIP_CHANGE", description="The owners or controllers of an entity change."
    )
    OTHER = strawberry.enum_value("OTHER", description="Any other event.")


@strawberry.enum(description="Which way along the hand-overs of business to follow.")
class Direction(Enum):
    """Lineage directions (kg.lineage.Direction)."""

    UPSTREAM = strawberry.enum_value(
        "UPSTREAM", description="Hand-overs to the entity, and to those it took over from."
    )
    DOWNSTREAM = strawberry.enum_value(
        "DOWNSTREAM", description="Hand-overs from the entity, and from those who took over."
    )
    BOTH = strawberry.enum_value("BOTH", description="Both ways.")


@strawberry.enum(description="A company's standing in the register.")
class RegistrationStatus(Enum):
    """Registration statuses (kg.history.RegistrationStatus)."""

    ACTIVE = strawberry.enum_value("ACTIVE", description="Registered and not being wound up.")
    IN_LIQUIDATION = strawberry.enum_value(
        "IN_LIQUIDATION", description="A liquidation has happened; not yet deregistered."
    )
    DEREGISTERED = strawberry.enum_value("DEREGISTERED", description="Struck off the register.")
    UNKNOWN = strawberry.enum_value("UNKNOWN", description="The graph holds no dated event.")


@strawberry.enum(description="A licence's standing.")
class LicenceStatus(Enum):
    """Licence statuses (kg.history.LicenceStatus)."""

    ACTIVE = strawberry.enum_value("ACTIVE", description="Granted and not revoked.")
    REVOKED = strawberry.enum_value("REVOKED", description="Cancelled or revoked.")
    SURRENDERED = strawberry.enum_value("SURRENDERED", description="Given up by its holder.")
    EXPIRED = strawberry.enum_value("EXPIRED", description="Lapsed with its deregistered holder.")
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
