"""Figures of one metric over time as a small SVG chart: a time axis of years, an amount axis
from zero, and one mark per figure.

A mark shows what the figure knows: a dot at the middle of the day, month or year it is for,
with a line across that period (or across the whole period a figure covers). Its label gives
the amount as reported, with its comparator as a sign (">5500 家", "≈5300 家"), so that a
bound is never drawn as an exact value; a figure the editors inferred is hollow and dashed,
and says so. Figures that disagree about the same date are drawn side by side, both kept.
"""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from api.present.phrases import (
    basis_text,
    figure_amount,
    figure_period,
    figure_summary,
    inferred_mark,
    word,
)
from api.present.svg import Canvas, n
from kg.model import Figure

HEIGHT = 160.0
"""The height of the amount axis, in px."""
COLOUR = "#4338ca"


class _TimeAxis:
    """Years ``first``..``last``, ``per_year`` px wide each."""

    def __init__(self, first: int, last: int) -> None:
        self.first, self.last = first, last
        self.per_year = min(80.0, max(24.0, 480.0 / (last - first + 1)))

    def x(self, day: date) -> float:
        """Where ``day`` begins on the axis."""
        days = 366 if calendar.isleap(day.year) else 365
        return (day.year - self.first + (day.timetuple().tm_yday - 1) / days) * self.per_year

    def after(self, day: date) -> float:
        """Where ``day`` ends on the axis."""
        return self.x(day + timedelta(days=1))


def _top(amounts: Sequence[Decimal]) -> float:
    """A round top for the amount axis, at or above the largest amount."""
    largest = float(max(amounts, default=Decimal(0)))
    if largest <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(largest))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if largest <= step * magnitude:
            return float(step * magnitude)
    return largest


def _tick(value: float) -> str:
    """An axis label: whole numbers without a decimal point."""
    return f"{value:.0f}" if value == int(value) else f"{value:g}"


def figures_svg(
    figures: Sequence[Figure],
    *,
    title: str,
    lang: str = "zh",
    id_prefix: str = "finreg-figures",
) -> str:
    """The dated figures (of one metric and unit) on a time axis, amounts from zero up; the
    undated are left out. Every id starts with ``id_prefix`` (one per chart in a page).

    >>> svg = figures_svg([], title="t", lang="en")
    >>> 'role="img"' in svg and "no figures" in svg
    True
    """
    dated = [f for f in figures if f.date is not None]
    canvas = Canvas(id_prefix, title=title, desc=word("no_figures", lang))
    canvas.text(0, -HEIGHT - 34, title, font_weight="bold")
    if not dated:
        canvas.text(0, 20, word("no_figures", lang), fill="#555")
        return canvas.finish()
    canvas.describe("; ".join(figure_summary(f, lang) for f in dated))
    years = [y for f in dated for y in _years(f)]
    axis = _TimeAxis(min(years), max(years))
    top = _top([f.amount for f in dated])
    _axes(canvas, axis, top)
    placed: dict[int, float] = {}
    # At one date, the highest amount first, so that each label can go below the one above.
    for figure in sorted(dated, key=lambda f: -f.amount):
        _mark(canvas, axis, top, figure, lang, placed)
    if any(f.inferred for f in dated):
        canvas.text(0, 44, word("inferred_point", lang), fill="#555", size=12)
    return canvas.finish()


def _years(figure: Figure) -> list[int]:
    """The years a dated figure's period touches, first and last."""
    return [d.year for d in (figure.period_start, figure.date) if d is not None]


def _axes(canvas: Canvas, axis: _TimeAxis, top: float) -> None:
    group = canvas.group(class_="axis", fill="#333")
    right = axis.x(date(axis.last, 12, 31)) + axis.per_year / 365
    canvas.path(
        f"M0,0 H{n(right)} M0,0 V{n(-HEIGHT)}",
        [(0, 0), (right, 0), (0, -HEIGHT)],
        group,
        stroke="#333",
        stroke_width="1",
        fill="none",
    )
    for share in (0.5, 1.0):
        y = -HEIGHT * share
        canvas.path(
            f"M0,{n(y)} H{n(right)}", [(0, y), (right, y)], group, stroke="#e5e5e5", fill="none"
        )
        canvas.text(-6, y + 4, _tick(top * share), group, anchor="end", size=11)
    canvas.text(-6, 4, "0", group, anchor="end", size=11)
    step = 1 if axis.per_year >= 40 else (2 if axis.per_year >= 20 else 5)
    for year in range(axis.first, axis.last + 1):
        if (year - axis.first) % step == 0:
            x = (year - axis.first) * axis.per_year
            canvas.text(x + axis.per_year / 2, 18, str(year), group, anchor="middle", size=12)


def _mark(
    canvas: Canvas,
    axis: _TimeAxis,
    top: float,
    figure: Figure,
    lang: str,
    placed: dict[int, float],
) -> None:
    when = figure.date
    if when is None:  # figures_svg draws dated figures only
        return
    x0, x1 = axis.x((figure.period_start or when).start), axis.after(when.end)
    y = -HEIGHT * float(figure.amount) / top
    # Figures for the same period (claims that disagree) are labelled one below the other.
    label_y = y - 6
    if round(x1) in placed:
        label_y = max(label_y, placed[round(x1)] + 14)
    placed[round(x1)] = label_y
    inferred = figure.inferred
    group = canvas.group(
        class_="figure inferred" if inferred else "figure",
        data_figure=figure.iri,
        data_comparator=figure.comparator.name if figure.comparator else "EXACT",
    )
    tip = [figure_summary(figure, lang)]
    if inferred:
        tip.append(f"{inferred_mark(lang)} {basis_text(figure.inferences, lang)}".strip())
    ET.SubElement(group, "title").text = "\n".join(tip)
    dashed = {"stroke_dasharray": "3 2"} if inferred else {}
    canvas.path(
        f"M{n(x0)},{n(y)} H{n(x1)}",
        [(x0, y), (x1, y)],
        group,
        stroke=COLOUR,
        stroke_width="2",
        **dashed,
    )
    cx = (x0 + x1) / 2
    canvas.grow(cx - 4, y - 4, cx + 4, y + 4)
    ET.SubElement(
        group,
        "circle",
        {
            "cx": n(cx),
            "cy": n(y),
            "r": "4",
            "fill": "#fff" if inferred else COLOUR,
            "stroke": COLOUR,
            "stroke-width": "1.5",
        },
    )
    label = figure_amount(figure, lang, compact=True)
    if inferred:
        label += f" {inferred_mark(lang)}"
    canvas.text(x1 + 6, label_y, f"{label} ({figure_period(figure)})", group, fill=COLOUR, size=12)
