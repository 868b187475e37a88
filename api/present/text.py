"""Plain-text tables for the terminal that line up Chinese and Latin text."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from kg.dates import PartialDate


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    """``text`` padded with spaces to ``columns`` terminal columns."""
    return text + " " * max(0, columns - width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table with a header row and a rule, columns as wide as their widest cell.

    >>> print(table(["a", "name"], [["1", "花呗"]]))
    a  name
    -  ----
    1  花呗
    """
    widths = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def optional_date(value: PartialDate | None) -> str:
    """A date or an empty string."""
    return "" if value is None else str(value)
