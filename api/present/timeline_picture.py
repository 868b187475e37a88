"""A timeline as an SVG picture: a horizontal axis of years, one row and one mark per event.

A mark shows what the date knows: a year-precision date spans its year, a month-precision date
its month, an exact date is a dot. A date known only as a bound ("by 2023-06", notAfter) is a
dashed line that ends at the bound and is open towards the past; "not before" (notBefore) is
open towards the future. Undated events are listed last, without a mark.
"""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from api.present.phrases import (
    basis_text,
    entity_name,
    event_date,
    inferred_mark,
    kind_label,
    pick,
    role_label,
    word,
)
from api.present.svg import FONT_SIZE, Canvas, n
from kg.model import Entity, Event, EventKind

ROW = 26.0
TOP = 12.0
BAR = 12.0
_COLOURS = {
    EventKind.ESTABLISHMENT: "#15803d",
    EventKind.RENAME: "#0e7490",
    EventKind.BUSINESS_TRANSFER: "#4338ca",
    EventKind.BUSINESS_CESSATION: "#b45309",
    EventKind.LIQUIDATION: "#b91c1c",
    EventKind.DEREGISTRATION: "#7f1d1d",
    EventKind.LICENCE_GRANT: "#16a34a",
    EventKind.LICENCE_REVOCATION: "#dc2626",
    EventKind.NOTICE_ISSUED: "#6d28d9",
    EventKind.PRODUCT_LAUNCH: "#0369a1",
    EventKind.OWNERSHIP_CHANGE: "#a16207",
    EventKind.OTHER: "#525252",
}


class _Axis:
    """Years ``first``..``last`` drawn ``per_year`` px wide each."""

    def __init__(self, first: int, last: int) -> None:
        self.first, self.last = first, last
        self.per_year = min(90.0, max(28.0, 900.0 / (last - first + 1)))

    def x(self, day: date) -> float:
        """Where ``day`` begins on the axis."""
        days = 366 if calendar.isleap(day.year) else 365
        fraction = (day.timetuple().tm_yday - 1) / days
        return (day.year - self.first + fraction) * self.per_year

    def after(self, day: date) -> float:
        """Where ``day`` ends on the axis."""
        return self.x(day + timedelta(days=1))


def _axis(events: Sequence[Event]) -> _Axis | None:
    years: list[int] = []
    for e in events:
        for bound in (e.date, e.not_before, e.not_after):
            if bound is not None:
                years.append(bound.year)
        if e.date is None and e.not_after is not None and e.not_before is None:
            years.append(e.not_after.year - 1)
        if e.date is None and e.not_before is not None and e.not_after is None:
            years.append(min(e.not_before.year + 1, date.max.year - 1))
    return _Axis(min(years), max(years)) if years else None


def timeline_svg(
    events: Sequence[Event],
    entities: Mapping[str, Entity],
    *,
    lang: str = "zh",
    focus: str | None = None,
    id_prefix: str = "finreg-timeline",
) -> str:
    """The events on a time axis of years, one row each, in the order given (oldest first as
    KnowledgeGraph.timeline gives them); ``focus`` names the entity in the picture's title.
    Every id in the picture starts with ``id_prefix`` (one per picture inlined in a page).

    >>> svg = timeline_svg([], {}, lang="en")
    >>> 'role="img"' in svg and "no events" in svg
    True
    """
    title = (
        word("timeline_of", lang, name=entity_name(focus, entities, lang))
        if focus
        else word("timeline", lang)
    )
    canvas = Canvas(id_prefix, title=title, desc=word("no_events", lang))
    canvas.text(0, -30, title, font_weight="bold")
    if not events:
        canvas.text(0, 20, word("no_events", lang), fill="#555")
        return canvas.finish()
    canvas.describe("; ".join(f"{event_date(e, lang)} {kind_label(e.kind, lang)}" for e in events))
    axis = _axis(events)
    bottom = TOP + ROW * len(events)
    if axis is not None:
        _draw_axis(canvas, axis, bottom)
    for row, event in enumerate(events):
        _event(canvas, axis, event, TOP + ROW * row + ROW / 2, entities, lang)
    return canvas.finish()


def _draw_axis(canvas: Canvas, axis: _Axis, bottom: float) -> None:
    group = canvas.group(class_="axis", fill="#333")
    end = axis.x(date(axis.last, 12, 31)) + axis.per_year / 365
    canvas.path(f"M0,0 H{n(end)}", [(0, 0), (end, 0)], group, stroke="#333", stroke_width="1")
    step = 1 if axis.per_year >= 40 else (2 if axis.per_year >= 20 else 5)
    for year in range(axis.first, axis.last + 2):
        x = (year - axis.first) * axis.per_year
        canvas.path(
            f"M{n(x)},-4 V{n(bottom)}",
            [(x, -4), (x, bottom)],
            group,
            stroke="#d4d4d4",
            stroke_width="1",
        )
        if year <= axis.last and (year - axis.first) % step == 0:
            canvas.text(x + axis.per_year / 2, -8, str(year), group, anchor="middle", size=12)


def _event(
    canvas: Canvas,
    axis: _Axis | None,
    event: Event,
    y: float,
    entities: Mapping[str, Entity],
    lang: str,
) -> None:
    colour = _COLOURS[event.kind]
    group = canvas.group(class_="event", data_event=event.iri, data_kind=event.kind.name)
    who = "; ".join(
        f"{role_label(p.role, lang)}: {entity_name(p.entity, entities, lang)}"
        for p in event.participants
    )
    tip = [event_date(event, lang), kind_label(event.kind, lang), pick(event.summaries, lang), who]
    label = f"{event_date(event, lang)} {kind_label(event.kind, lang)}"
    if event.inferred:  # the editors' inference, said as such, with its basis in the tooltip
        group.set("class", "event inferred")
        label += f" {inferred_mark(lang)}"
        tip.append(f"{inferred_mark(lang)} {basis_text(event.inferences, lang)}".strip())
    ET.SubElement(group, "title").text = "\n".join(t for t in tip if t)
    end = _mark(canvas, axis, event, y, colour, group) if axis is not None else 0.0
    canvas.text(end + 8, y + FONT_SIZE * 0.35, label, group, fill=colour, size=13)


def _mark(
    canvas: Canvas, axis: _Axis, event: Event, y: float, colour: str, group: ET.Element
) -> float:
    """Draw the event's mark; return where it ends on the right."""
    when = event.date
    if when is not None and when.precision == "day":
        x = axis.x(when.start)
        canvas.grow(x - 5, y - 5, x + 5, y + 5)
        ET.SubElement(
            group, "circle", {"cx": n(x), "cy": n(y), "r": "5", "fill": colour, "class": "day"}
        )
        return x + 5
    if when is not None:
        x0, x1 = axis.x(when.start), axis.after(when.end)
        canvas.rect(
            x0,
            y - BAR / 2,
            max(3.0, x1 - x0),
            BAR,
            group,
            fill=colour,
            fill_opacity="0.75",
            rx="2",
            class_=when.precision,
        )
        return max(x0 + 3, x1)
    low, high = event.not_before, event.not_after
    if low is None and high is None:
        return 0.0
    open_length = max(axis.per_year, 30.0)
    x0 = axis.x(low.start) if low is not None else axis.after(high.end) - open_length  # type: ignore[union-attr]
    x1 = axis.after(high.end) if high is not None else x0 + open_length
    kind = "bounded" if low is not None and high is not None else ("by" if high else "from")
    canvas.path(
        f"M{n(x0)},{n(y)} H{n(x1)}",
        [(x0, y), (x1, y)],
        group,
        stroke=colour,
        stroke_width="3",
        stroke_dasharray="4 3",
        class_=kind,
    )
    for bound, x in ((low, x0), (high, x1)):
        if bound is not None:
            canvas.path(
                f"M{n(x)},{n(y - 7)} V{n(y + 7)}",
                [(x, y - 7), (x, y + 7)],
                group,
                stroke=colour,
                stroke_width="2.5",
            )
    return x1
