"""Partial dates keep their precision; "by then" and windows treat them as periods."""

from __future__ import annotations

import pytest

from kg.dates import PartialDate, happened_by
from kg.errors import InvalidDateError


@pytest.mark.parametrize("text", ["2015", "2023-06", "2024-12-30", "2024-02-29"])
def test_valid_dates_round_trip_at_their_precision(text: str) -> None:
    assert str(PartialDate.parse(text)) == text
    assert PartialDate.from_literal(PartialDate.parse(text).to_literal()) == PartialDate.parse(text)


@pytest.mark.parametrize(
    "text", ["2023-13", "2023-02-30", "15", "2015-6", "2015/06", "2015-06-01T00:00", "", "abcd"]
)
def test_anything_else_is_refused_naming_the_value(text: str) -> None:
    with pytest.raises(InvalidDateError, match=f'invalid date "{text}"'):
        PartialDate.parse(text)


def test_a_year_is_never_padded_to_january_first() -> None:
    year = PartialDate.parse("2015")
    assert year.precision == "year"
    assert year.to_literal().datatype.value.endswith("#gYear")


@pytest.mark.parametrize(
    ("when", "as_of", "expected"),
    [
        ("2015", "2015-12-31", True),
        ("2015", "2015-06-30", False),
        ("2015", "2015", True),
        ("2023-06", "2023-06-15", False),
        ("2023-06", "2023-07", True),
        ("2024-12-30", "2024-12-30", True),
    ],
)
def test_happened_by_uses_the_last_day_of_the_period(when: str, as_of: str, expected: bool) -> None:
    assert happened_by(PartialDate.parse(when), None, PartialDate.parse(as_of)) is expected


def test_a_bound_counts_when_the_date_is_unknown() -> None:
    bound = PartialDate.parse("2025-10-24")
    assert happened_by(None, bound, PartialDate.parse("2025-11"))
    assert not happened_by(None, None, PartialDate.parse("2025-11"))
