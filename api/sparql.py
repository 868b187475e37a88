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
413         a request body larger than the app's limit
415         a POST body that is not a form or a query (``application/sparql-update``
            included: this endpoint is read-only)
503         the query ran past the time limit, its answer past the size limit,
            too many queries are running, or the store is unavailable
==========  ===================================================================

Queries run in their own threads, at most ``max_running`` at once (more wait, up to
``max_waiting``; past that, 503 at once), so a flood of SPARQL cannot take the threads the
GraphQL API runs on. The answer comes at the time limit whatever the query does; a query
that pyoxigraph cannot stop (an aggregate, ORDER BY or ASK computing before its first
answer) keeps its thread, and its slot, until it finishes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send

from api.sparql_page import form_page, results_page
from api.web.negotiation import negotiate, parse_accept
from kg.errors import (
    QueryRefusedError,
    QueryTimeoutError,
    ResultTooLargeError,
    StoreError,
    StoreUnavailableError,
    UpdateRefusedError,
)
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from kg.user_query import Dataset, QueryForm, read_query

logger = logging.getLogger("api.sparql")

T = TypeVar("T")

HTML = "text/html"
ALLOW = "GET, POST, OPTIONS"
CORS = {"Access-Control-Allow-Origin": "*"}
"""Public, read-only, no cookies: any web page may query it (as public SPARQL endpoints do)."""

MAX_RUNNING = max(1, min(4, (os.cpu_count() or 2) // 2))
"""Queries run at once by default: half the cores (1 to 4), the rest stay for the API."""
MAX_WAITING = 8
"""Queries that may wait for a slot by default; past them a query is answered 503 at once."""


class _RequestError(Exception):
    """A request answered with ``status`` and a plain-text message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


@dataclass(frozen=True)
class _QueryRequest:
    """What a protocol request asks: a query (None: the form page), a dataset, a format."""

    query: str | None
    dataset: Dataset
    formats: tuple[str, ...]


class QueryRunner:
    """Runs blocking calls in threads of their own, at most ``running`` at once and
    ``running + waiting`` admitted; a thread keeps its slot until its call returns."""

    def __init__(self, running: int, waiting: int) -> None:
        self._slots = threading.BoundedSemaphore(running)
        self._limit = running + waiting
        self._admitted = 0
        self._lock = threading.Lock()

    def submit(self, call: Callable[[], T], deadline: float) -> Future[T] | None:
        """Start ``call`` once a slot is free (before ``deadline``); None when full."""
        with self._lock:
            if self._admitted >= self._limit:
                return None
            self._admitted += 1
        future: Future[T] = Future()
        thread = threading.Thread(
            target=self._run, args=(call, future, deadline), name="finreg-sparql", daemon=True
        )
        thread.start()
        return future

    def _run(self, call: Callable[[], T], future: Future[T], deadline: float) -> None:
        try:
            wait = min(max(deadline - time.monotonic(), 0), threading.TIMEOUT_MAX)
            if not self._slots.acquire(timeout=wait):
                future.cancel()
                return
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(call())
                    except BaseException as error:  # delivered to the waiting request
                        future.set_exception(error)
            finally:
                self._slots.release()
        finally:
            with self._lock:
                self._admitted -= 1


class SparqlEndpoint:
    """The ASGI app answering /sparql (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        *,
        max_body: int,
        max_running: int = MAX_RUNNING,
        max_waiting: int = MAX_WAITING,
    ) -> None:
        self.timeout = settings.timeout
        self.max_body = max_body
        self._runner = QueryRunner(max_running, max_waiting)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request."""
        request = Request(scope, receive)
        try:
            response = await self._respond(request)
        except _RequestError as error:
            response = PlainTextResponse(
                str(error) + "\n", status_code=error.status, headers={**CORS, **error.headers}
            )
        await response(scope, receive, send)

    async def _respond(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={**CORS, **_PREFLIGHT})
        if request.method not in ("GET", "POST"):
            raise _RequestError(405, f"use GET or POST, not {request.method}", {"Allow": ALLOW})
        asked = await self._read(request)
        accept = request.headers.get("accept")
        if asked.query is None:
            if _asks_for_html(accept):
                return HTMLResponse(form_page(_endpoint(request)), headers=CORS)
            raise _RequestError(400, "no query: send query=... (GET or a POST form) or POST one")
        graph: KnowledgeGraph | None = getattr(request.app.state, "graph", None)
        if graph is None:
            raise _RequestError(503, "the service is starting; try again shortly")
        query = asked.query
        try:
            media_type, body, content_type = await self._answer(graph, query, asked, accept)
        except _RequestError as error:
            if HTML in asked.formats or (not asked.formats and _asks_for_html(accept)):
                page = form_page(_endpoint(request), query, error=str(error))
                return HTMLResponse(page, status_code=error.status, headers=CORS)
            raise
        headers = {**CORS, "Vary": "Accept"}
        if media_type == HTML:
            page = results_page(_endpoint(request), query, body, content_type)
            return HTMLResponse(page, headers=headers)
        return Response(body, headers={**headers, "Content-Type": content_type})

    async def _answer(
        self, graph: KnowledgeGraph, query: str, asked: _QueryRequest, accept: str | None
    ) -> tuple[str, bytes, str]:
        """Check the query, choose the media type, answer it in a thread of the runner."""
        deadline = time.monotonic() + self.timeout

        def work() -> tuple[str, bytes, str]:
            checked = read_query(query)  # refused before the store sees it
            media_type = _choose(checked.form, asked.formats, accept)
            stored = checked.form.media_types[0] if media_type == HTML else media_type
            remaining = deadline - time.monotonic()
            if remaining < _MIN_START:
                raise QueryTimeoutError(self.timeout)
            body, content_type = graph.answer_user_query(
                query, stored, timeout=remaining, dataset=asked.dataset
            )
            return media_type, body, content_type

        future = self._runner.submit(work, deadline)
        if future is None:
            raise _RequestError(
                503, "too many SPARQL queries are running; try again shortly", {"Retry-After": "1"}
            )
        try:
            return await asyncio.wait_for(
                asyncio.wrap_future(future), deadline - time.monotonic() + _GRACE
            )
        except asyncio.CancelledError as error:
            task = asyncio.current_task()
            if task is not None and task.cancelling():
                raise  # the request itself is cancelled, not only its query
            raise _RequestError(503, str(QueryTimeoutError(self.timeout))) from error
        except (TimeoutError, QueryTimeoutError) as error:
            raise _RequestError(503, str(QueryTimeoutError(self.timeout))) from error
        except _NotAcceptableError as error:
            raise _RequestError(406, str(error)) from error
        except QueryRefusedError as error:
            raise _RequestError(400, str(error)) from error
        except (ResultTooLargeError, StoreUnavailableError) as error:
            raise _RequestError(503, str(error)) from error
        except StoreError as error:
            logger.error("SPARQL query failed in the store: %s", error)
            raise _RequestError(500, f"the store failed to answer: {error}") from error

    async def _read(self, request: Request) -> _QueryRequest:
        """The protocol parameters of a GET, form POST or query POST."""
        url_params = request.query_params.multi_items()
        if request.method == "GET":
            return _parameters(url_params)
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type == "application/x-www-form-urlencoded":
            text = _utf8(await self._body(request), "the form")
            return _parameters(parse_qsl(text, keep_blank_values=True))
        if media_type == "application/sparql-query":
            text = _utf8(await self._body(request), "the query")
            return _parameters([("query", text), *(p for p in url_params if p[0] != "query")])
        if media_type == "application/sparql-update":
            raise _RequestError(415, str(UpdateRefusedError()), {"Accept-Post": _POSTS})
        raise _RequestError(
            415, f"POST a query as {_POSTS}, not {media_type or 'no type'}", {"Accept-Post": _POSTS}
        )

    async def _body(self, request: Request) -> bytes:
        """The request body, refused (413) past ``max_body`` bytes before it is read whole."""
        too_large = _RequestError(413, f"request body larger than {self.max_body} bytes")
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)


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


class _NotAcceptableError(Exception):
    """No media type the client accepts can carry the answer of this query form."""


def _choose(form: QueryForm, formats: Sequence[str], accept: str | None) -> str:
    """The media type to answer ``form`` in: a served ``format`` parameter, else Accept."""
    offered = [*form.media_types, HTML]
    for media_type in formats:
        if media_type in offered:
            return media_type
    chosen = negotiate(accept, offered)
    if chosen is None:
        raise _NotAcceptableError(
            f"cannot answer a {form.value} query in any type Accept allows ({accept}): "
            f"ask for one of {', '.join(form.media_types)}"
        )
    return chosen


def _asks_for_html(accept: str | None) -> bool:
    """Whether Accept names text/html itself (a browser), not only by a wildcard."""
    return any(
        r.type == "text" and r.subtype == "html" and r.quality > 0
        for r in parse_accept(accept or "")
    )


def _endpoint(request: Request) -> str:
    """This endpoint's URL, as the client reached it."""
    return str(request.url.replace(query="", fragment=""))


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _RequestError(400, f"{what} is not UTF-8: {error}") from error


def _parameters(pairs: Sequence[tuple[str, str]]) -> _QueryRequest:
    """The protocol's parameters from name-value pairs; an update or two queries is a 400."""
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    if "update" in values:
        raise _RequestError(400, str(UpdateRefusedError()))
    queries = values.get("query", [])
    if len(queries) > 1:
        raise _RequestError(400, f"give one query parameter, not {len(queries)}")
    dataset = Dataset(
        tuple(values.get("default-graph-uri", ())), tuple(values.get("named-graph-uri", ()))
    )
    return _QueryRequest(queries[0] if queries else None, dataset, tuple(values.get("format", ())))
