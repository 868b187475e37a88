"""One Accept parser (RFC 9110, section 12.5.1) for every route that negotiates: media ranges,
``*/*`` and ``type/*``, q-values including every spelling of zero, whitespace and case."""

from __future__ import annotations

import pytest

from api.accept import negotiate, parse_accept, quality
from api.graphql_http import wants_graphql_response

GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.mark.parametrize("zero", ["0", "0.", "0.0", "0.00", "0.000", "0.000 ", " 0.0"])
def test_every_spelling_of_q_zero_refuses(zero: str) -> None:
    assert quality(f"text/turtle;q={zero}", "text/turtle") == 0.0
    assert negotiate(f"text/turtle;q={zero}", ["text/turtle"]) is None


@pytest.mark.parametrize(
    ("header", "weight"),
    [
        ("text/turtle", 1.0),
        ("text/turtle;q=1.000", 1.0),
        ("text/turtle;q=0.5", 0.5),
        ("TEXT/Turtle ; Q=0.25", 0.25),
        ("text/turtle  ;  q=0.7 , text/html", 0.7),
        ("text/*;q=0.4", 0.4),
        ("*/*;q=0.3", 0.3),
        ("text/*;q=0.4, */*;q=0.9", 0.4),  # the more specific range decides
        ("text/turtle;q=0, text/*;q=1, */*", 0.0),
        ("application/json", 0.0),
        (None, 1.0),
        ("", 1.0),
    ],
)
def test_quality_takes_the_most_specific_range(header: str | None, weight: float) -> None:
    assert quality(header, "text/turtle") == weight


@pytest.mark.parametrize(
    "malformed",
    ["text/turtle;q=0.5000", "text/turtle;q=1.5", "text/turtle;q=-1", "text/turtle;q=.5",
     "text/turtle;q=1e-3", "text/turtle;q=nan", "text/turtle;q=", "text/turtle;q",
     "*/turtle", "text/", "/turtle", "text turtle", "text/tur tle"],
)  # fmt: skip
def test_a_malformed_range_is_left_out(malformed: str) -> None:
    assert parse_accept(malformed) == []
    assert negotiate(f"{malformed}, text/html;q=0.1", ["text/turtle", "text/html"]) == "text/html"


def test_a_comma_in_a_quoted_parameter_separates_nothing() -> None:
    ranges = parse_accept('text/html;title="a, b";q=0.5, text/turtle;q=0.2')
    assert [(r.subtype, r.quality) for r in ranges] == [("html", 0.5), ("turtle", 0.2)]


@pytest.mark.parametrize(
    ("accept", "wanted"),
    [
        (None, False),
        ("*/*", False),  # a tie: JSON, the legacy type
        ("application/json", False),
        (GRAPHQL_RESPONSE, True),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", True),
        (f"{GRAPHQL_RESPONSE};q=0.5, application/json", False),
        (f"{GRAPHQL_RESPONSE};q=0.0, application/json", False),
        (f"{GRAPHQL_RESPONSE};q=0.000, */*", False),
        (f"{GRAPHQL_RESPONSE};Q=0", False),
        ("application/json;q=0.5, application/*", True),
        ("application/json;q=0, */*", True),
    ],
)
def test_graphql_response_is_chosen_by_the_same_rules(accept: str | None, wanted: bool) -> None:
    assert wants_graphql_response(accept) is wanted
