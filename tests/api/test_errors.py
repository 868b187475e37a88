"""User errors carry codes; limits say which limit; anything unexpected is masked and logged."""

from __future__ import annotations

import base64
import logging
import time
from dataclasses import replace
from typing import Any

import pytest

from api.schema import build_schema
from kg.errors import StoreError
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from kg.store import GraphStore
from tests.api.conftest import Run, execute


def only_error(result: Any) -> Any:
    """The one error of a result that has no data."""
    assert result.errors is not None
    assert len(result.errors) == 1
    return result.errors[0]


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "15", "2015-6", "yesterday"])
def test_bad_partial_date_literal_names_the_value(run: Run, bad: str) -> None:
    error = only_error(run(f'{{ lineage(name: "花呗", asOf: "{bad}") {{ depth }} }}'))
    assert f'invalid date "{bad}"' in error.message
    assert "expected YYYY, YYYY-MM or YYYY-MM-DD" in error.message


def test_bad_partial_date_variable_names_the_value(run: Run) -> None:
    query = 'query($d: PartialDate) { lineage(name: "花呗", asOf: $d) { depth } }'
    error = only_error(run(query, d="2023-13"))
    assert 'invalid date "2023-13"' in error.message


def test_partial_date_literal_must_be_a_string(run: Run) -> None:
    error = only_error(run('{ lineage(name: "花呗", asOf: 2015) { depth } }'))
    assert 'invalid date "2015"' in error.message


@pytest.mark.parametrize("first", [0, -1, 101, 5000])
def test_page_size_outside_the_limit_is_bad_user_input(run: Run, first: int) -> None:
    for field in ('search(text: "花呗"', "events("):
        separator = ", " if field.startswith("search") else ""
        error = only_error(run(f"{{ {field}{separator}first: {first}) {{ totalCount }} }}"))
        assert error.extensions["code"] == "BAD_USER_INPUT"
        assert error.extensions["limit"] == "page"
        assert "between 1 and 100" in error.message
        assert str(first) in error.message


@pytest.mark.parametrize(
    "text",
    [
        "not ours",
        "events:12",  # an offset cursor, as the list once gave
        "events:12345678x:https://w3id.org/finreg/id/event/a",
        "events:123456789:",
        "figures:123456789:https://w3id.org/finreg/id/event/a",
        'events:123456789:https://w3id.org/finreg/id/event/a" } } #',
    ],
)
def test_foreign_or_forged_cursor_is_bad_user_input(run: Run, text: str) -> None:
    cursor = base64.urlsafe_b64encode(text.encode()).decode("ascii")
    result = run("query($after: String) { events(after: $after) { totalCount } }", after=cursor)
    error = only_error(result)
    assert error.extensions["code"] == "BAD_USER_INPUT"
    assert cursor in error.message


def test_ambiguous_involving_and_unknown_involving(run: Run) -> None:
    ambiguous = only_error(run('{ events(involving: "同名公司") { totalCount } }'))
    assert ambiguous.extensions["code"] == "AMBIGUOUS"
    assert len(ambiguous.extensions["candidates"]) == 2
    unknown = only_error(run('{ events(involving: "无名") { totalCount } }'))
    assert unknown.extensions["code"] == "NOT_FOUND"


def deep_query(levels: int) -> str:
    """A query ``levels`` deep: entity -> timeline -> participants -> entity -> ..."""
    inner = "id"
    for _ in range(levels):
        inner = f"participants {{ entity {{ timeline {{ {inner} }} }} }}"
    return f'{{ entity(name: "花呗") {{ timeline {{ {inner} }} }} }}'


def test_depth_limit_says_which_limit(api_store: GraphStore, settings: Settings) -> None:
    schema = build_schema(settings)
    assert not execute(schema, api_store, settings, deep_query(2)).errors
    error = only_error(execute(schema, api_store, settings, deep_query(5)))
    assert "exceeds maximum operation depth of 12" in error.message
    assert error.extensions == {"code": "LIMIT_EXCEEDED", "limit": "depth"}


def test_alias_limit_says_which_limit(api_store: GraphStore, settings: Settings) -> None:
    strict = replace(settings, max_aliases=3)
    query = "{ " + " ".join(f'a{i}: entity(name: "花呗") {{ id }}' for i in range(4)) + " }"
    error = only_error(execute(build_schema(strict), api_store, strict, query))
    assert "4 aliases found. Allowed: 3" in error.message
    assert error.extensions == {"code": "LIMIT_EXCEEDED", "limit": "aliases"}


def test_token_limit_says_which_limit(api_store: GraphStore, settings: Settings) -> None:
    strict = replace(settings, max_tokens=10)
    query = '{ entity(name: "花呗") { id kind name names { value lang kind validFrom validTo } } }'
    error = only_error(execute(build_schema(strict), api_store, strict, query))
    assert "more than 10 tokens" in error.message
    assert error.extensions == {"code": "LIMIT_EXCEEDED", "limit": "tokens"}


def test_introspection_depth_limit_says_which_limit(run: Run) -> None:
    inner = "name"
    for _ in range(20):
        inner = f"fields {{ type {{ {inner} }} }}"
    error = only_error(run(f'{{ __type(name: "Company") {{ {inner} }} }}'))
    assert error.message == "Maximum introspection depth exceeded"
    assert error.extensions == {"code": "LIMIT_EXCEEDED", "limit": "introspection"}


@pytest.mark.parametrize(
    "query",
    [
        '{ entity(name: "花呗" { id } }',  # a syntax error, not the token limit
        '{ entity(name: "exceeds maximum operation depth of 1") { nope } }',
        "query aliases_found_Allowed { nope }",
    ],
)
def test_other_errors_are_not_limits(run: Run, query: str) -> None:
    error = only_error(run(query))
    assert error.extensions.get("code") != "LIMIT_EXCEEDED"


def test_unexpected_errors_are_masked_and_logged(
    run: Run, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: KnowledgeGraph, text: str, kinds: object = None) -> list[object]:
        raise StoreError("secret detail of the store")

    monkeypatch.setattr(KnowledgeGraph, "search", broken)
    with caplog.at_level(logging.ERROR, logger="api"):
        result = run('{ search(text: "花呗") { totalCount } }')
    error = only_error(result)
    assert error.message == "Unexpected error."
    assert not error.extensions
    assert "secret" not in str(result.errors)
    assert "secret detail of the store" in caplog.text
    assert any(r.exc_info for r in caplog.records)


def test_slow_request_times_out_with_timeout_code(
    api_store: GraphStore, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(self: KnowledgeGraph, text: str, kinds: object = None) -> list[object]:
        time.sleep(0.5)
        return []

    monkeypatch.setattr(KnowledgeGraph, "search", slow)
    quick = replace(settings, timeout=0.1)
    result = execute(build_schema(quick), api_store, quick, '{ search(text: "x") { totalCount } }')
    error = only_error(result)
    assert error.extensions == {"code": "TIMEOUT", "limit": "timeout"}
    assert "0.1 s" in error.message
    assert result.data is None
