"""Users' own SPARQL queries, for the read-only endpoint: which are run, and in which formats
they are answered (kg.store.answers answers them).

A text is run only if pyoxigraph's SPARQL 1.1 parser takes it as a *query* (an update never
parses as one) and it has no SERVICE clause (the endpoint never calls other servers for a
user). The checks happen before any store sees the text, whatever the backend.

>>> read_query("PREFIX ex: <urn:ex:> ASK { ?s ex:p ?o }").form
<QueryForm.ASK: 'ASK'>
>>> read_query("DROP ALL")
Traceback (most recent call last):
...
kg.errors.UpdateRefusedError: DROP is a SPARQL update, refused: this endpoint is read-only ...
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
)

from kg.errors import (
    FederatedQueryError,
    MalformedQueryError,
    QueryRefusedError,
    StoreError,
    UpdateRefusedError,
)

MAX_RESULT_BYTES = 32 * 1024 * 1024
"""Largest serialised answer to a user's query (32 MiB); a bigger one is refused whole."""


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a request names (SPARQL 1.1 Protocol ``default-graph-uri`` and
    ``named-graph-uri``); empty when it names none."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


NO_DATASET = Dataset()
"""A request that names no dataset: the query's FROM clauses, else the union of the graphs."""


class QueryForm(Enum):
    """The four forms of SPARQL query; SELECT and ASK answer results, the others a graph."""

    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"

    @property
    def answers_graph(self) -> bool:
        """Whether the answer is an RDF graph (CONSTRUCT, DESCRIBE), not results."""
        return self in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)

    @property
    def media_types(self) -> tuple[str, ...]:
        """The media types this form can be answered in, the default first."""
        return tuple(GRAPH_FORMATS if self.answers_graph else RESULTS_FORMATS)


RESULTS_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
"""Formats of SELECT and ASK results by media type, the default first."""

GRAPH_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
"""Formats of CONSTRUCT and DESCRIBE graphs by media type, the default first."""

UPDATE_OPERATIONS = frozenset(
    ("INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
)
"""The words an update can start with (after its prologue)."""

# Strings, IRIs and comments, which may hold any word without it being a keyword. A
# backslash before a quote or "#" makes it part of a prefixed name (ex:a\#b), not a start.
_OPAQUE = re.compile(
    r'"""(?:\\.|[^\\])*?"""'
    r"|'''(?:\\.|[^\\])*?'''"
    r'|(?<!\\)"(?:\\.|[^"\\\n\r])*"'
    r"|(?<!\\)'(?:\\.|[^'\\\n\r])*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|(?<!\\)#[^\n\r]*"
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _keyword(word: str) -> re.Pattern[str]:
    """A keyword as a token: not part of a variable, prefixed name or longer word."""
    return re.compile(rf"(?<![\w?$:\-\\]){word}(?![\w:])", re.IGNORECASE)


_SERVICE = _keyword("SERVICE")
_FROM = _keyword("FROM")
_FIRST_WORD = re.compile(r"^(?:\s|BASE\b|PREFIX\s*[\w.\-]*:)*([A-Za-z]+)", re.IGNORECASE)


def _unescaped(text: str) -> str:
    """The text with SPARQL codepoint escapes (\\uXXXX, \\UXXXXXXXX) replaced."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, text)


def _bare(text: str) -> list[str]:
    """The text without strings, IRIs and comments, read with and without codepoint escapes
    replaced (parsers differ on where they apply them; a check must hold for both)."""
    return [_OPAQUE.sub(" ", t) for t in {text, _unescaped(text)}]


_PREFIX = re.compile(r"PREFIX\s*([\w.\-]*):\s*<([^<>\s]*)>", re.IGNORECASE)
_DATASET_CLAUSE = re.compile(
    r"(?<![\w?$:\-\\])FROM\s+(NAMED\s+)?(?:<([^<>\s]*)>|([\w.\-]*):((?:\\.|[^\s{}<#])*))",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def dataset_clauses(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The graphs a query's FROM and FROM NAMED clauses name, as absolute IRIs (default
    graphs, named graphs); None when some cannot be read without a full parse (a relative
    IRI, an unknown prefix). A server told to take the union of its graphs as the default
    graph ignores FROM (Oxigraph does); passed as protocol parameters, they hold.

    >>> dataset_clauses("PREFIX g: <urn:g:> SELECT * FROM g:a FROM NAMED <urn:b> { ?s ?p ?o }")
    (('urn:g:a',), ('urn:b',))
    """

    def keep_iris(match: re.Match[str]) -> str:
        return match.group(0) if match.group(0).startswith("<") else " "

    code = _OPAQUE.sub(keep_iris, text)
    prefixes = {m.group(1): m.group(2) for m in _PREFIX.finditer(code)}
    default: list[str] = []
    named: list[str] = []
    for clause in _DATASET_CLAUSE.finditer(code):
        iri = clause.group(2)
        if iri is None:
            if clause.group(3) not in prefixes:
                return None
            iri = prefixes[clause.group(3)] + re.sub(r"\\(.)", r"\1", clause.group(4))
        if not _SCHEME.match(iri):
            return None
        (named if clause.group(1) else default).append(iri)
    return tuple(default), tuple(named)


@dataclass(frozen=True)
class ReadQuery:
    """A user's SPARQL query, checked to be a query (not an update) without SERVICE."""

    text: str
    form: QueryForm
    names_dataset: bool
    """Whether the query names its own dataset (FROM or FROM NAMED)."""


def read_query(text: str) -> ReadQuery:
    """Check that ``text`` is a SPARQL query this read-only service runs; say which form.

    :raises UpdateRefusedError: if ``text`` is a SPARQL update.
    :raises FederatedQueryError: if ``text`` has a SERVICE clause.
    :raises MalformedQueryError: if ``text`` is no SPARQL query (the parser's message).

    >>> read_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1").form
    <QueryForm.SELECT: 'SELECT'>
    >>> read_query("SELECT * WHERE { ?s ?p }")
    Traceback (most recent call last):
    ...
    kg.errors.MalformedQueryError: not a SPARQL query: error at 1:25: expected one of ...
    """
    bare = _bare(text)
    if any(_SERVICE.search(t) for t in bare):
        raise FederatedQueryError
    try:
        # Parsed by a store that holds nothing: SELECT, CONSTRUCT and DESCRIBE are only
        # planned (their answers are lazy), ASK is evaluated over nothing.
        result = Store().query(text)
    except SyntaxError as error:
        for t in bare:
            first = _FIRST_WORD.match(t)
            if first and first.group(1).upper() in UPDATE_OPERATIONS:
                raise UpdateRefusedError(first.group(1).upper()) from error
        raise MalformedQueryError(f"not a SPARQL query: {error}") from error
    except (OSError, ValueError) as error:
        raise MalformedQueryError(f"not a SPARQL query: {error}") from error
    if isinstance(result, QuerySolutions):
        form = QueryForm.SELECT
    elif isinstance(result, QueryBoolean):
        form = QueryForm.ASK
    else:
        words = " ".join(bare).upper()
        form = QueryForm.DESCRIBE if _keyword("DESCRIBE").search(words) else QueryForm.CONSTRUCT
    return ReadQuery(text, form, any(_FROM.search(t) for t in bare))


def check_media_type(query: ReadQuery, media_type: str) -> QueryResultsFormat | RdfFormat:
    """The serialisation format of ``media_type`` for the query's form.

    :raises StoreError: if the form cannot be answered in ``media_type`` (the caller
        negotiates among ``query.form.media_types`` first).
    """
    formats: dict[str, QueryResultsFormat] | dict[str, RdfFormat] = (
        GRAPH_FORMATS if query.form.answers_graph else RESULTS_FORMATS
    )
    if media_type not in formats:
        raise StoreError(
            f"a {query.form.value} query cannot be answered as {media_type}: "
            f"use one of {', '.join(formats)}"
        )
    return formats[media_type]


def content_type(media_type: str) -> str:
    """The Content-Type header for an answer in ``media_type`` (text is UTF-8)."""
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


def graph_names(iris: Sequence[str], parameter: str) -> list[NamedNode]:
    """The graphs a request names (``default-graph-uri`` or ``named-graph-uri``).

    :raises QueryRefusedError: for a value that is not an absolute IRI.
    """
    names: list[NamedNode] = []
    for iri in iris:
        try:
            names.append(NamedNode(iri))
        except ValueError as error:
            raise QueryRefusedError(f'{parameter} "{iri}" is not an IRI: {error}') from error
    return names
