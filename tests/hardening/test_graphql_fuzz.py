"""Property-based fuzzing of the served schema with hypothesis-graphql: valid documents
(positive mode) and invalid ones (negative mode), sent over HTTP to the seed graph. No answer
may be a 500, an unhandled exception, or "Unexpected error." (a masked crash).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

from api.schema import build_schema
from kg.settings import Settings

pytestmark = pytest.mark.e2e

SDL = str(build_schema(Settings(data_dir=Path("unused"))))
DATES = st.sampled_from(["2015", "2023-06", "2024-12-30", "1900", "2015-13", "nope", ""])
SCALARS = {"PartialDate": DATES.map(nodes.String)}
FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,  # the same documents on every run: no flaky CI
    database=None,  # nothing written to the working directory
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def client(served: str) -> Iterator[httpx.Client]:
    """One keep-alive client for all the examples."""
    with httpx.Client(base_url=served, timeout=30) as http:
        yield http


def _sound(response: httpx.Response, document: str) -> None:
    assert response.status_code != 500, document
    assert response.status_code < 500 or response.status_code == 503, document
    assert "Unexpected error." not in response.text, (document, response.text[:2000])
    body = response.json()
    assert "data" in body or body.get("errors"), document


@FUZZ
@given(document=from_schema(SDL, custom_scalars=SCALARS))
def test_valid_documents_never_crash(client: httpx.Client, document: str) -> None:
    _sound(client.post("/graphql", json={"query": document}), document)


@settings(FUZZ, max_examples=50)
@given(document=from_schema(SDL, custom_scalars=SCALARS, mode=Mode.NEGATIVE))
def test_invalid_documents_never_crash(client: httpx.Client, document: str) -> None:
    response = client.post("/graphql", json={"query": document})
    _sound(response, document)
    assert response.json().get("errors"), document


@settings(FUZZ, max_examples=100)
@given(
    name=st.text(max_size=40),
    text=st.text(max_size=40),
    lang=st.text(max_size=12),
)
def test_arbitrary_text_arguments_never_crash(
    client: httpx.Client, name: str, text: str, lang: str
) -> None:
    query = """query($name: String!, $text: String!, $lang: String!) {
      entity(name: $name) { id name(lang: $lang) }
      search(text: $text, first: 3) { totalCount edges { node { name(lang: $lang) } } }
      node(id: $name) { id }
    }"""
    variables = {"name": name, "text": text, "lang": lang}
    _sound(client.post("/graphql", json={"query": query, "variables": variables}), repr(variables))
