"""What events say about an entity over time: timelines, registration and licence status.

Pure functions over kg.model objects; the facade in kg.knowledge feeds them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date

from kg.dates import PartialDate, happened_by, overlaps
from kg.model import Event, EventKind, LicenceStatus, RegistrationStatus, Relationship, ended


def event_period(event: Event) -> tuple[date | None, date | None]:
    """The days the event may have happened on: its date's period, or its bounds (open ends)."""
    if event.date is not None:
        return event.date.start, event.date.end
    start = event.not_before.start if event.not_before else None
    end = event.not_after.end if event.not_after else None
    return start, end


def in_window(event: Event, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether the event may fall in [start, end]; "2015" as a bound is the whole year.

    An event with no date and no bounds is only kept when there is no window.
    """
    if start is None and end is None:
        return True
    first, last = event_period(event)
    if first is None and last is None:
        return False
    return overlaps(first, last, start, end)


def chronological(events: Iterable[Event], *, newest_first: bool = False) -> list[Event]:
    """Events oldest first (or newest first), undated events last either way, by IRI.

    Newest first is the order of ``Event.order_key`` then IRI (kg.dates.order_key: the
    one rule, which the store's event pages follow too); oldest first is that order read
    backwards, undated events kept last.
    """
    events = list(events)
    dated = sorted((e for e in events if e.dated), key=lambda e: (e.order_key, e.iri))
    undated = sorted((e for e in events if not e.dated), key=lambda e: e.iri)
    return (dated if newest_first else dated[::-1]) + undated


def select(
    events: Iterable[Event],
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    kinds: Collection[EventKind] | None = None,
) -> list[Event]:
    """Events of the given kinds in the window, oldest first."""
    return chronological(
        e for e in events if (not kinds or e.kind in kinds) and in_window(e, start, end)
    )


def operation_holds(
    operation: Relationship, moves: Sequence[Event], as_of: PartialDate | None
) -> bool:
    """Whether an operator still (or already) ran a product at ``as_of`` (now when None).

    The operation's own dates count first. Then the hand-overs that moved the product: the
    transferor stops once a hand-over has surely happened; the transferee starts only then.
    """
    if not operation.holds_at(as_of):
        return False
    for event in moves:
        done = as_of is None or happened_by(event.date, event.not_after, as_of)
        if operation.source_entity in event.role("transferor") and done:
            return False
        if operation.source_entity in event.role("transferee") and not done:
            return False
    return True


def _has_happened(event: Event, as_of: PartialDate | None) -> bool:
    return as_of is None or happened_by(event.date, event.not_after, as_of)


def registration_status(
    entity: str, events: Iterable[Event], as_of: PartialDate | None = None
) -> RegistrationStatus:
    """A company's status at ``as_of`` (now when None), from the events that name it.

    Deregistered once a deregistration has happened; in liquidation once a liquidation has;
    active once it was established or took part in any dated event; unknown otherwise.
    """
    happened = [e for e in events if _has_happened(e, as_of)]
    about = [e for e in happened if entity in e.role("subject")]
    if any(e.kind is EventKind.DEREGISTRATION for e in about):
        return RegistrationStatus.DEREGISTERED
    if any(e.kind is EventKind.LIQUIDATION for e in about):
        return RegistrationStatus.IN_LIQUIDATION
    if happened:
        return RegistrationStatus.ACTIVE
    return RegistrationStatus.UNKNOWN


def licence_status(
    licence: str,
    events: Iterable[Event],
    holder_status: RegistrationStatus,
    as_of: PartialDate | None = None,
    end_not_after: PartialDate | None = None,
    today: date | None = None,
) -> LicenceStatus:
    """A licence's status at ``as_of`` (now when None): revoked, expired with its deregistered
    holder, ended once its end bound (``end_not_after``) has passed (kg.model.ended: how it
    ended is not known, but it is no longer active), or active once granted."""
    about = [e for e in events if licence in e.role("subject") and _has_happened(e, as_of)]
    if any(e.kind is EventKind.LICENCE_REVOCATION for e in about):
        return LicenceStatus.REVOKED
    if holder_status is RegistrationStatus.DEREGISTERED:
        return LicenceStatus.EXPIRED
    if ended(None, end_not_after, as_of, today):
        return LicenceStatus.ENDED
    if any(e.kind is EventKind.LICENCE_GRANT for e in about):
        return LicenceStatus.ACTIVE
    return LicenceStatus.UNKNOWN
