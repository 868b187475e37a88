"""The graph as known on a date (``knownAt``): a fact's dates as a reader could have read them.

The queries (kg.queries._known) keep the facts with a source published by then and cite
only those sources. A date is a statement of its own: a source states it at a place
(``fr:states``), or the editors infer it (``fr:inference``). So a fact known by then keeps
a date only where a source published by then states it, or where the editors inferred it
(marked as theirs, as always); a date that only a later source gives was not yet known,
and is left out (an event first reported on 2025-10-25 whose date only an article of
2025-11-13 gives has no date as known on 2025-10-30).

Pure functions over kg.model values whose citations are already cut to the date.

>>> from kg.dates import PartialDate
>>> from kg.model import Citation, Event, EventKind
>>> told = Citation("urn:s", states=frozenset({"notAfter"}))
>>> event = Event("urn:e", EventKind.OTHER, date=PartialDate.parse("2015"),
...               not_after=PartialDate.parse("2016"), citations=(told,))
>>> known = known_event(event)
>>> known.date, str(known.not_after)
(None, '2016')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.dates import PartialDate
from kg.model import (
    Citation,
    Event,
    Figure,
    Inference,
    LicenceInfo,
    Name,
    NoticeInfo,
    Relationship,
    inferred_of,
    stating,
)


def _kept(
    value: PartialDate | None,
    prop: str,
    citations: Iterable[Citation],
    inferences: Iterable[Inference],
) -> PartialDate | None:
    """``value`` where a (known) citation states ``prop`` or the editors inferred it."""
    if value is None or stating(citations, prop) or inferred_of(inferences, prop):
        return value
    return None


def known_event(event: Event) -> Event:
    """The event with only the dates and bounds its known sources state (or inferred)."""
    cited, inferred = event.citations, event.inferences
    return replace(
        event,
        date=_kept(event.date, "date", cited, inferred),
        not_before=_kept(event.not_before, "notBefore", cited, inferred),
        not_after=_kept(event.not_after, "notAfter", cited, inferred),
        deadline=_kept(event.deadline, "deadline", cited, inferred),
    )


def known_name(name: Name) -> Name:
    """The name with only the validity dates its known sources state (or inferred)."""
    cited, inferred = name.citations, name.inferences
    return replace(
        name,
        valid_from=_kept(name.valid_from, "validFrom", cited, inferred),
        valid_to=_kept(name.valid_to, "validTo", cited, inferred),
    )


def known_relationship(rel: Relationship) -> Relationship:
    """The relationship with only the dates and bounds its known sources state."""
    cited, inferred = rel.citations, rel.inferences
    return replace(
        rel,
        valid_from=_kept(rel.valid_from, "validFrom", cited, inferred),
        valid_to=_kept(rel.valid_to, "validTo", cited, inferred),
        end_not_after=_kept(rel.end_not_after, "endNotAfter", cited, inferred),
    )


def known_figure(figure: Figure) -> Figure:
    """The figure with only the date and period its known sources state."""
    cited, inferred = figure.citations, figure.inferences
    return replace(
        figure,
        date=_kept(figure.date, "date", cited, inferred),
        period_start=_kept(figure.period_start, "periodStart", cited, inferred),
    )


def known_licence(licence: LicenceInfo, inferences: Iterable[Inference]) -> LicenceInfo:
    """The licence with its end bound only where a known source states it (``inferences``:
    the editors' inferences about the licence itself)."""
    return replace(
        licence,
        end_not_after=_kept(licence.end_not_after, "endNotAfter", licence.citations, inferences),
    )


def known_notice(notice: NoticeInfo, inferences: Iterable[Inference]) -> NoticeInfo:
    """The notice with only the dates its known sources state (``inferences``: the editors'
    inferences about the notice itself)."""
    cited = notice.citations
    found = tuple(inferences)
    return replace(
        notice,
        effective_from=_kept(notice.effective_from, "effectiveFrom", cited, found),
        deadline=_kept(notice.deadline, "deadline", cited, found),
    )
