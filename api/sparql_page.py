"""The /sparql pages for a browser: a form with an example query, and answers as a table.

No JavaScript: the form is a plain GET form, so a query's page can be bookmarked and shared.

>>> page = form_page("http://127.0.0.1:8000/sparql")
>>> "<textarea" in page and "fr:transferee" in page
True
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, Template

from kg.user_query import GRAPH_FORMATS, RESULTS_FORMATS
from kg.vocab import DATA

MAX_ROWS = 1000
"""Rows shown in a page; the full answer is a download away (CSV, JSON...)."""

EXAMPLE_PATH = Path(__file__).parent / "static" / "example.rq"
"""The query the form starts with: a file for people to read and change, not SPARQL finreg
runs itself (every query finreg runs lives in kg/queries)."""


@lru_cache(maxsize=1)
def example() -> str:
    """The example query (read once, on the first form served)."""
    return EXAMPLE_PATH.read_text(encoding="utf-8")


_LABELS = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/ld+json": "JSON-LD",
    "application/rdf+xml": "RDF/XML",
}

PAGE = Path(__file__).resolve().parent / "static" / "sparql.html"
"""The template of both pages (Jinja2, autoescaped)."""


@lru_cache(maxsize=1)
def _template() -> Template:
    environment = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return environment.from_string(PAGE.read_text("utf-8"))


def form_page(endpoint: str, query: str | None = None, *, error: str = "") -> str:
    """The query form at ``endpoint`` (its URL), holding ``query`` (the example by default),
    with the ``error`` the query met, if any."""
    return _render(endpoint, example() if query is None else query, None, [], error)


def results_page(endpoint: str, query: str, body: bytes, content_type: str) -> str:
    """The form holding ``query``, and its answer (SPARQL JSON results or a Turtle graph)."""
    if content_type.startswith("application/sparql-results+json"):
        answer = _results(json.loads(body))
        offered = list(RESULTS_FORMATS)
    else:
        answer = {"boolean": None, "graph": body.decode("utf-8")}
        offered = list(GRAPH_FORMATS)
    downloads = [
        ("/sparql?" + urlencode({"query": query, "format": media_type}), _LABELS[media_type])
        for media_type in offered
    ]
    return _render(endpoint, query, answer, downloads)


def _render(
    endpoint: str,
    query: str,
    answer: dict[str, Any] | None,
    downloads: list[tuple[str, str]],
    error: str = "",
) -> str:
    return _template().render(
        endpoint=endpoint,
        error=error,
        query=query,
        answer=answer,
        downloads=downloads,
        results=[(m, _LABELS[m]) for m in RESULTS_FORMATS],
        graphs=[(m, _LABELS[m]) for m in GRAPH_FORMATS],
    )


def _results(data: dict[str, Any]) -> dict[str, Any]:
    """SPARQL JSON results as the template shows them."""
    if "boolean" in data:
        return {"boolean": bool(data["boolean"]), "graph": None}
    names: list[str] = data.get("head", {}).get("vars", [])
    bindings: list[dict[str, Any]] = data.get("results", {}).get("bindings", [])
    rows = [[_cell(b.get(name)) for name in names] for b in bindings[:MAX_ROWS]]
    return {"boolean": None, "graph": None, "names": names, "rows": rows, "count": len(bindings)}


def _cell(term: dict[str, Any] | None) -> dict[str, str]:
    """One value: an IRI links to its page (finreg's own IRIs to this server's /id/...)."""
    if term is None:
        return {"text": ""}
    value = str(term.get("value", ""))
    if term.get("type") == "uri":
        local = value.removeprefix(str(DATA))
        href = "/id/" + local if local != value else value
        return {"text": value, "href": href if href.startswith(("/", "http")) else ""}
    if term.get("type") == "bnode":
        return {"text": "_:" + value}
    if "xml:lang" in term:
        return {"text": value, "note": "@" + str(term["xml:lang"])}
    datatype = str(term.get("datatype", ""))
    return {"text": value, "note": datatype.rsplit("#", 1)[-1] if datatype else ""}
