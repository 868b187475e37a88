"""The read-only SPARQL 1.1 Protocol endpoint at /sparql.

Queries come by GET (``query=``), by POST as a form (``query=``) or by POST as an
``application/sparql-query`` body; ``default-graph-uri`` and ``named-graph-uri`` name the
dataset (else the default graph is the union of finreg's graphs). Answers are negotiated on
Accept (a ``format`` parameter naming a served media type overrides it, for HTML forms).

==========  ===================================================================
status      when
==========  ===================================================================
200         the answer (results or a graph); ``text/html``: a page with a table
204         an OPTIONS (CORS preflight) request
400         no query, several, a malformed query, an update, SERVICE, a bad IRI
405         a method other than GET, POST and OPTIONS
406         no media type the Accept header takes can carry this kind of answer
413         a request body larger than the app's limit (api.body_limit)
415         a POST body that is not a form or a query (``application/sparql-update``
            included: this endpoint is read-only)
503         the query ran past the time limit, its answer past the size limit,
            too many queries are running (with Retry-After), or the store is
            unavailable (with Retry-After)
==========  ===================================================================

Errors are raised to the app's exception handlers (api.failures), which answer them as plain
text through :func:`error_response`; a browser that asked for the form page gets its error
on that page. Queries run in the SPARQL workload's threads (api.work), so a flood of SPARQL
cannot take the threads of the GraphQL API, the pages or the readiness probe; more than its
waiting room holds are answered 503 at once. The answer comes at the time limit whatever the
query does; a query that pyoxigraph cannot stop (an aggregate, ORDER BY or ASK computing
before its first answer) keeps its thread, and its slot, until it finishes.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

from api.accept import negotiate, parse_accept
from api.failures import Failure, failure_of
from api.sparql_page import form_page, results_page
from api.state import AppRequest
from api.work import deadline_after
from kg.errors import FinregError, QueryTimeoutError, UpdateRefusedError
from kg.settings import Settings
from kg.user_query import Dataset, QueryForm, read_query

HTML = "text/html"
ALLOW = "GET, POST, OPTIONS"
CORS = {"Access-Control-Allow-Origin": "*"}
"""Public, read-only, no cookies: any web page may query it (as public SPARQL endpoints do)."""


def error_response(request: AppRequest, failure: Failure) -> Response:
    """A failure of /sparql as plain text, with CORS so that web pages can read it."""
    return PlainTextResponse(
        failure.message + "\n", status_code=failure.status, headers={**CORS, **failure.headers}
    )


@dataclass(frozen=True)
class _QueryRequest:
    """What a protocol request asks: a query (None: the form page), a dataset, a format."""

    query: str | None
    dataset: Dataset
    formats: tuple[str, ...]


class SparqlEndpoint:
    """The ASGI app answering /sparql (see the module docstring)."""

    def __init__(self, settings: Settings) -> None:
        self.timeout = settings.timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request."""
        request: AppRequest = Request(scope, receive)
        response = await self._respond(request)
        await response(scope, receive, send)

    async def _respond(self, request: AppRequest) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={**CORS, **_PREFLIGHT})
        if request.method not in ("GET", "POST"):
            raise HTTPException(405, f"use GET or POST, not {request.method}", {"Allow": ALLOW})
        asked = await self._read(request)
        accept = request.headers.get("accept")
        if asked.query is None:
            if _asks_for_html(accept):
                return HTMLResponse(form_page(_endpoint(request)), headers=CORS)
            raise HTTPException(400, "no query: send query=... (GET or a POST form) or POST one")
        query = asked.query
        try:
            media_type, body, content_type = await self._answer(request, query, asked, accept)
        except (HTTPException, FinregError) as error:
            if HTML in asked.formats or (not asked.formats and _asks_for_html(accept)):
                failure = failure_of(error)
                page = form_page(_endpoint(request), query, error=failure.message)
                headers = {**CORS, **failure.headers}
                return HTMLResponse(page, status_code=failure.status, headers=headers)
            raise
        headers = {**CORS, "Vary": "Accept"}
        if media_type == HTML:
            page = results_page(_endpoint(request), query, body, content_type)
            return HTMLResponse(page, headers=headers)
        return Response(body, headers={**headers, "Content-Type": content_type})

    async def _answer(
        self, request: AppRequest, query: str, asked: _QueryRequest, accept: str | None
    ) -> tuple[str, bytes, str]:
        """Check the query, choose the media type, answer it in a thread of the SPARQL
        workload, within the time limit.

        :raises QueryTimeoutError: past the time limit, whether the query waited or ran.
        """
        graph = request.state["graph"]
        started = time.monotonic()

        def work() -> tuple[str, bytes, str]:
            checked = read_query(query)  # refused before the store sees it
            media_type = _choose(checked.form, asked.formats, accept)
            stored = checked.form.media_types[0] if media_type == HTML else media_type
            remaining = self.timeout - (time.monotonic() - started)
            if remaining < _MIN_START:
                raise QueryTimeoutError(self.timeout)
            body, content_type = graph.answer_user_query(
                query, stored, timeout=remaining, dataset=asked.dataset
            )
            return media_type, body, content_type

        pool = request.state["work"].sparql
        try:
            return await pool.run(work, deadline=deadline_after(self.timeout + _GRACE))
        except TimeoutError as error:
            raise QueryTimeoutError(self.timeout) from error

    async def _read(self, request: AppRequest) -> _QueryRequest:
        """The protocol parameters of a GET, form POST or query POST."""
        url_params = request.query_params.multi_items()
        if request.method == "GET":
            return _parameters(url_params)
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type == "application/x-www-form-urlencoded":
            text = _utf8(await request.body(), "the form")
            return _parameters(parse_qsl(text, keep_blank_values=True))
        if media_type == "application/sparql-query":
            text = _utf8(await request.body(), "the query")
            return _parameters([("query", text), *(p for p in url_params if p[0] != "query")])
        if media_type == "application/sparql-update":
            raise HTTPException(415, str(UpdateRefusedError()), {"Accept-Post": _POSTS})
        raise HTTPException(
            415, f"POST a query as {_POSTS}, not {media_type or 'no type'}", {"Accept-Post": _POSTS}
        )


_GRACE = 0.5
"""Seconds past the time limit a request waits for its query to stop by itself (a query that
streams its answer stops at the limit, and says so) before it answers 503 anyway."""
_MIN_START = 0.1
"""Seconds a query must have left to be started: one that waited for a slot nearly all its
time is answered 503 without being run (a SPARQL server would compute it to the end)."""
_POSTS = "application/x-www-form-urlencoded, application/sparql-query"
_PREFLIGHT = {
    "Access-Control-Allow-Methods": ALLOW,
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
    "Allow": ALLOW,
}


def _choose(form: QueryForm, formats: Sequence[str], accept: str | None) -> str:
    """The media type to answer ``form`` in: a served ``format`` parameter, else Accept.

    :raises HTTPException: 406, if no type the client accepts can carry the answer.
    """
    offered = [*form.media_types, HTML]
    for media_type in formats:
        if media_type in offered:
            return media_type
    chosen = negotiate(accept, offered)
    if chosen is None:
        raise HTTPException(
            406,
            f"cannot answer a {form.value} query in any type Accept allows ({accept}): "
            f"ask for one of {', '.join(form.media_types)}",
        )
    return chosen


def _asks_for_html(accept: str | None) -> bool:
    """Whether Accept names text/html itself (a browser), not only by a wildcard."""
    return any(
        r.type == "text" and r.subtype == "html" and r.quality > 0
        for r in parse_accept(accept or "")
    )


def _endpoint(request: AppRequest) -> str:
    """This endpoint's URL, as the client reached it."""
    return str(request.url.replace(query="", fragment=""))


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HTTPException(400, f"{what} is not UTF-8: {error}") from error


def _parameters(pairs: Sequence[tuple[str, str]]) -> _QueryRequest:
    """The protocol's parameters from name-value pairs; an update or two queries is a 400."""
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    if "update" in values:
        raise HTTPException(400, str(UpdateRefusedError()))
    queries = values.get("query", [])
    if len(queries) > 1:
        raise HTTPException(400, f"give one query parameter, not {len(queries)}")
    dataset = Dataset(
        tuple(values.get("default-graph-uri", ())), tuple(values.get("named-graph-uri", ()))
    )
    return _QueryRequest(queries[0] if queries else None, dataset, tuple(values.get("format", ())))
