"""Partial dates: "2015", "2023-06" or "2024-12-30", kept at the precision the sources give.

A partial date names a period (a year, a month or a day). Comparisons that ask "had it
happened by then?" use the period's last day; range filters use overlap of periods.

>>> d = PartialDate.parse("2015")
>>> d.precision, d.start.isoformat(), d.end.isoformat()
('year', '2015-01-01', '2015-12-31')
>>> str(PartialDate.parse("2023-06"))
'2023-06'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal as Lit

from pyoxigraph import Literal, NamedNode

from kg.errors import InvalidDateError

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_GYEAR = NamedNode(XSD + "gYear")
XSD_GYEARMONTH = NamedNode(XSD + "gYearMonth")
XSD_DATE = NamedNode(XSD + "date")

Precision = Lit["year", "month", "day"]
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=False)
class PartialDate:
    """A year, a month or a day; never padded to a finer precision than known."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD".

        :raises InvalidDateError: if ``text`` is none of those, or no such day exists.

        >>> PartialDate.parse("2024-12-30").precision
        'day'
        >>> PartialDate.parse("2023-13")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        kg.errors.InvalidDateError: invalid date "2023-13": expected YYYY, YYYY-MM or ...
        """
        match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise InvalidDateError(str(text))
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        try:
            if month is not None:
                date(year, month, day or 1)
            if year < 1:
                raise ValueError(year)
        except ValueError as error:
            raise InvalidDateError(text) from error
        return cls(year, month, day)

    @classmethod
    def from_literal(cls, literal: Literal) -> PartialDate:
        """Read an xsd:gYear, xsd:gYearMonth or xsd:date literal.

        :raises InvalidDateError: for any other datatype or a malformed value.
        """
        if literal.datatype not in (XSD_GYEAR, XSD_GYEARMONTH, XSD_DATE):
            raise InvalidDateError(f"{literal.value}^^{literal.datatype.value}")
        return cls.parse(literal.value)

    @property
    def precision(self) -> Precision:
        """How precise the date is: "year", "month" or "day"."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def start(self) -> date:
        """The first day of the period the date names."""
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> date:
        """The last day of the period the date names."""
        if self.day is not None and self.month is not None:
            return date(self.year, self.month, self.day)
        if self.month is not None:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def to_literal(self) -> Literal:
        """The typed literal that keeps this precision."""
        datatype = {"year": XSD_GYEAR, "month": XSD_GYEARMONTH, "day": XSD_DATE}[self.precision]
        return Literal(str(self), datatype=datatype)

    def sort_key(self) -> tuple[date, int]:
        """Order by start; a coarser date sorts before a finer one starting the same day."""
        return (self.start, {"year": 0, "month": 1, "day": 2}[self.precision])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


UNDATED_KEY = "999999999"
"""The order key of an event with neither a date nor a ``notAfter``: after every dated one."""

_FINER_FIRST = {"day": 0, "month": 1, "year": 2}


def order_key(when: PartialDate | None, not_after: PartialDate | None) -> str:
    """The text that orders events newest first, ascending: finreg's one rule for "newest
    first" (and, read backwards with undated events kept last, "oldest first").

    An event is placed at the last day it can have happened: the end of its date's period,
    else the end of its ``notAfter``; on the same day a finer date goes first (day, month,
    year), and a bound after a date; events with neither (a ``notBefore`` alone has no last
    day) go last, as ``UNDATED_KEY``. Ties go by IRI. The key is nine digits, the last day
    counted down from 9999-99-99 and then the rank, so that a string comparison (Python or
    SPARQL) follows the rule; the loader stores it as ``fr:orderKey`` (kg.loaders.enrich).

    >>> year, day = PartialDate.parse("2024"), PartialDate.parse("2024-12-31")
    >>> order_key(day, None) < order_key(year, None) < order_key(None, day) < UNDATED_KEY
    True
    >>> order_key(PartialDate.parse("2025-01"), None) < order_key(year, None)
    True
    """
    bound = when if when is not None else not_after
    if bound is None:
        return UNDATED_KEY
    rank = _FINER_FIRST[bound.precision] + (0 if when is not None else 3)
    return f"{end_key(bound.end)}{rank}"


def key_day(key: str | None) -> date | None:
    """The last day an order key stands for (None for the undated key, or no key).

    >>> key_day(order_key(PartialDate.parse("2023-02"), None)).isoformat()
    '2023-02-28'
    """
    if key is None or key == UNDATED_KEY or not key[:8].isdigit():
        return None
    day = 99_999_999 - int(key[:8])
    try:
        return date(day // 10_000, day // 100 % 100, day % 100)
    except ValueError:
        return None


def end_key(day: date) -> str:
    """The first eight digits of the key of an event whose last day is ``day``: for range
    filters on keys, an event that ended on or after ``day`` has a key below
    ``end_key(day) + "9"``.

    >>> end_key(date(2024, 12, 31)) == order_key(PartialDate.parse("2024-12-31"), None)[:8]
    True
    """
    return f"{99_999_999 - (day.year * 10_000 + day.month * 100 + day.day):08d}"


def happened_by(
    when: PartialDate | None, not_after: PartialDate | None, as_of: PartialDate
) -> bool:
    """Whether something dated ``when`` (or bounded by ``not_after``) surely happened by ``as_of``.

    A date known only to the year has happened by the end of that year, not before.

    >>> happened_by(PartialDate.parse("2015"), None, PartialDate.parse("2015-12-31"))
    True
    >>> happened_by(PartialDate.parse("2015"), None, PartialDate.parse("2015-06-30"))
    False
    """
    bound = when or not_after
    if bound is None:
        return False
    return bound.end <= as_of.end


def overlaps(
    start: date | None,
    end: date | None,
    window_from: PartialDate | None,
    window_to: PartialDate | None,
) -> bool:
    """Whether the period [start, end] (open where None) meets the window [from, to].

    >>> overlaps(date(2015, 1, 1), date(2015, 12, 31), PartialDate.parse("2015-06"), None)
    True
    """
    if window_from is not None and end is not None and end < window_from.start:
        return False
    return not (window_to is not None and start is not None and start > window_to.end)
