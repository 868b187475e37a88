"""Abusive GraphQL over real HTTP: deep nesting, alias floods, huge pages, fragment cycles,
enormous strings, batches, introspection, malformed bodies, wrong content types and methods.

Every one gets a GraphQL error or a 4xx, never a 500 nor "Unexpected error.", and answers
well within the request time limit (10 s).
"""

from __future__ import annotations

import json
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from graphql import get_introspection_query

pytestmark = pytest.mark.e2e

SECONDS = 30.0
"""How long a client waits before it counts a request as hung (the server's own limit is 10 s)."""
"""Each answer comes within this (the request time limit is 10 s)."""


def _deep(levels: int) -> str:
    inner = "id"
    for _ in range(levels):
        inner = f"participants {{ entity {{ timeline {{ {inner} }} }} }}"
    return f'{{ entity(name: "花呗") {{ timeline {{ {inner} }} }} }}'


def _introspection_deep(levels: int) -> str:
    inner = "name"
    for _ in range(levels):
        inner = f"fields {{ type {{ {inner} }} }}"
    return f'{{ __type(name: "Company") {{ {inner} }} }}'


HEAVY = "".join(
    f'a{i}: search(text: "公司", first: 100) {{ edges {{ node {{ name names {{ value }} '
    f"timeline {{ summary sources {{ title }} }} }} }} }} "
    for i in range(30)
)

# id, method, request arguments, HTTP statuses accepted, what the errors must say (or None)
CASES: list[tuple[str, str, dict[str, Any], set[int], str | None]] = [
    ("deep-nesting", "POST", {"json": {"query": _deep(40)}}, {200}, "LIMIT_EXCEEDED"),
    (
        "alias-flood-1000",
        "POST",
        {"json": {"query": "{" + " ".join(f"a{i}: __typename" for i in range(1000)) + "}"}},
        {200},
        "LIMIT_EXCEEDED",
    ),
    (
        "aliases-31",
        "POST",
        {"json": {"query": "{" + " ".join(f"a{i}: __typename" for i in range(31)) + "}"}},
        {200},
        "aliases",
    ),
    ("thirty-heavy-aliases", "POST", {"json": {"query": "{" + HEAVY + "}"}}, {200}, None),
    (
        "first-2147483647",
        "POST",
        {"json": {"query": '{ search(text: "a", first: 2147483647) { totalCount } }'}},
        {200},
        "BAD_USER_INPUT",
    ),
    (
        "first-beyond-int",
        "POST",
        {"json": {"query": "{ events(first: 99999999999) { totalCount } }"}},
        {200},
        "32-bit",
    ),
    (
        "first-negative",
        "POST",
        {"json": {"query": "{ events(first: -5) { totalCount } }"}},
        {200},
        "BAD_USER_INPUT",
    ),
    (
        "fragment-cycle",
        "POST",
        {
            "json": {
                "query": '{ entity(name: "花呗") { ...A } } '
                "fragment A on Entity { ...B } fragment B on Entity { ...A }"
            }
        },
        {200},
        "Cannot spread fragment",
    ),
    (
        "fragment-self",
        "POST",
        {"json": {"query": '{ entity(name: "花呗") { ...A } } fragment A on Entity { id ...A }'}},
        {200},
        "Cannot spread fragment",
    ),
    (
        "name-10k-characters",
        "POST",
        {
            "json": {
                "query": "query($n: String!) { entity(name: $n) { id } }",
                "variables": {"n": "花" * 10_000},
            }
        },
        {200},
        "BAD_USER_INPUT",
    ),
    (
        "search-10k-characters",
        "POST",
        {
            "json": {
                "query": "query($t: String!) { search(text: $t) { totalCount } }",
                "variables": {"t": "蚂" * 10_000},
            }
        },
        {200},
        "at most 1000",
    ),
    (
        "lineage-10k-characters",
        "POST",
        {
            "json": {
                "query": "query($n: String!) { lineage(name: $n) { depth } }",
                "variables": {"n": "x" * 10_000},
            }
        },
        {200},
        "BAD_USER_INPUT",
    ),
    (
        "name-1mb-variable",
        "POST",
        {
            "json": {
                "query": "query($n: String!) { entity(name: $n) { id } }",
                "variables": {"n": "花" * 1_000_000},
            }
        },
        {413},
        "larger than",
    ),
    (
        "name-1mb-inline",
        "POST",
        {"json": {"query": '{ entity(name: "' + "a" * 1_100_000 + '") { id } }'}},
        {413},
        "larger than",
    ),
    (
        "batch-of-1000",
        "POST",
        {"json": [{"query": "{ __typename }"}] * 1000},
        {400},
        "Batching is not enabled",
    ),
    (
        "batch-of-2",
        "POST",
        {"json": [{"query": "{ __typename }"}, {"query": "{ __typename }"}]},
        {400},
        "Batching is not enabled",
    ),
    (
        "introspection-deep",
        "POST",
        {"json": {"query": _introspection_deep(20)}},
        {200},
        "LIMIT_EXCEEDED",
    ),
    (
        "malformed-json",
        "POST",
        {"content": b'{"query": ', "headers": {"content-type": "application/json"}},
        {400},
        "parse",
    ),
    (
        "json-string",
        "POST",
        {"content": b'"{ __typename }"', "headers": {"content-type": "application/json"}},
        {400},
        "JSON object",
    ),
    (
        "json-number",
        "POST",
        {"content": b"42", "headers": {"content-type": "application/json"}},
        {400},
        "JSON object",
    ),
    (
        "json-null",
        "POST",
        {"content": b"null", "headers": {"content-type": "application/json"}},
        {400},
        "JSON object",
    ),
    (
        "json-not-utf8",
        "POST",
        {"content": b'{"query": "\xff"}', "headers": {"content-type": "application/json"}},
        {400},
        "parse",
    ),
    (
        "json-nested-100k",
        "POST",
        {
            "content": b'{"query": "{ __typename }", "variables": {"v": '
            + b"[" * 100_000
            + b"]" * 100_000
            + b"}}",
            "headers": {"content-type": "application/json"},
        },
        {400},
        "parse",
    ),
    (
        "json-lone-surrogate",
        "POST",
        {
            "content": b'{"query": "query($n: String!) { entity(name: $n) { id } }", '
            b'"variables": {"n": "\\ud800"}}',
            "headers": {"content-type": "application/json"},
        },
        {400},
        "parse",
    ),
    ("query-not-a-string", "POST", {"json": {"query": 42}}, {400}, "must be a string"),
    (
        "variables-not-an-object",
        "POST",
        {"json": {"query": "{ __typename }", "variables": [1]}},
        {400},
        "must be an object",
    ),
    (
        "operation-name-unknown",
        "POST",
        {"json": {"query": "query A { __typename }", "operationName": "B"}},
        {400},
        "Unknown operation",
    ),
    (
        "enum-list-100k",
        "POST",
        {
            "json": {
                "query": "query($k: [EventKind!]) { events(kinds: $k) { totalCount } }",
                "variables": {"k": ["NOPE"] * 100_000},
            }
        },
        {200},
        "EventKind",
    ),
    (
        "text-plain",
        "POST",
        {"content": b'{"query": "{ __typename }"}', "headers": {"content-type": "text/plain"}},
        {400, 415},
        "content type",
    ),
    (
        "xml",
        "POST",
        {"content": b"<query/>", "headers": {"content-type": "application/xml"}},
        {400, 415},
        "content type",
    ),
    ("form", "POST", {"data": {"query": "{ __typename }"}}, {400, 415}, "content type"),
    (
        "multipart",
        "POST",
        {"files": {"query": ("q", b"{ __typename }")}},
        {400, 415},
        "content type",
    ),
    (
        "application-graphql",
        "POST",
        {"content": b"{ __typename }", "headers": {"content-type": "application/graphql"}},
        {400, 415},
        "content type",
    ),
    (
        "get-mutation",
        "GET",
        {"params": {"query": "mutation { x }"}, "headers": {"accept": "application/json"}},
        {405},
        "mutations are not allowed",
    ),
    (
        "post-mutation",
        "POST",
        {"json": {"query": "mutation { x }"}},
        {200, 400},
        "mutation operation is not supported",
    ),
    (
        "post-subscription",
        "POST",
        {"json": {"query": "subscription { x }"}},
        {200, 400},
        "subscription operation is not supported",
    ),
    (
        "get-bad-variables",
        "GET",
        {"params": {"query": "{ __typename }", "variables": "{"}},
        {400},
        "parse",
    ),
    ("put", "PUT", {"json": {"query": "{ __typename }"}}, {405}, None),
    ("delete", "DELETE", {}, {405}, None),
    ("patch", "PATCH", {"json": {"query": "{ __typename }"}}, {405}, None),
]


def _body(response: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    ("method", "arguments", "statuses", "says"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_abuse_gets_a_graphql_error_or_4xx_in_time(
    http: httpx.Client, method: str, arguments: dict[str, Any], statuses: set[int], says: str | None
) -> None:
    # A hang fails the test (the client gives up after SECONDS); no timing is asserted.
    response = http.request(method, "/graphql", timeout=SECONDS, **arguments)
    assert response.status_code in statuses, response.text[:500]
    assert "Unexpected error." not in response.text
    if response.status_code != 200 or says is not None:
        body = _body(response)
        assert body["errors"], body
        if says is not None:
            assert says in json.dumps(body, ensure_ascii=False), body
    else:
        assert "errors" not in _body(response)


def test_full_introspection_answers(http: httpx.Client) -> None:
    response = http.post("/graphql", json={"query": get_introspection_query(descriptions=True)})
    assert response.status_code == 200
    schema = _body(response)["data"]["__schema"]
    assert schema["mutationType"] is None
    assert schema["subscriptionType"] is None


def test_a_chunked_body_over_the_limit_is_413(http: httpx.Client) -> None:
    def chunks() -> Any:
        for _ in range(40):
            yield b" " * 65536  # 2.5 MiB with no content-length

    response = http.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert _body(response)["errors"]


def test_a_get_with_a_1_mb_query_is_refused(served: str) -> None:
    parts = urlsplit(served)
    request = (
        f"GET /graphql?query={'a' * 1_000_000} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(request)
        status = sock.recv(64).split(b" ", 2)[1]
    assert 400 <= int(status) < 500


def test_the_server_still_answers_after_the_abuse(http: httpx.Client) -> None:
    response = http.post("/graphql", json={"query": '{ entity(name: "花呗") { name } }'})
    assert response.json() == {"data": {"entity": {"name": "花呗"}}}
