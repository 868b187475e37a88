"""The Starlette app: /graphql (GET, POST, GraphiQL), /healthz, /readyz; the store's lifespan.

>>> from api.app import accepts_graphql_response
>>> accepts_graphql_response("application/graphql-response+json, application/json;q=0.9")
True
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from api.context import Context
from api.graphiql import LOCAL_ASSETS, graphiql_page, vendor_files
from api.schema import build_schema
from api.sparql import SparqlEndpoint
from api.web import web_routes
from kg.errors import FinregError, LegacyStoreError, StoreUnavailableError
from kg.graphs import find_root
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import GraphStore, open_store

logger = logging.getLogger("api")

GRAPHQL_RESPONSE = "application/graphql-response+json"
READY_TIMEOUT = 2.0
"""Seconds /readyz waits for the store before it answers 503."""
WARM_UP_WAIT = 5.0
"""Seconds start-up waits for the search index's first read before taking requests."""
WARM_UP_JOIN_TIMEOUT = 10.0
"""Seconds shutdown waits for the search index's first read before closing the store."""
MAX_BODY_BYTES = 1024 * 1024
"""The largest request body /graphql reads (1 MiB; a 2,000-token query with its variables
needs a few KiB): a bigger one is answered 413 before it is read whole."""


class _BodyTooLargeError(Exception):
    """The request body passed MAX_BODY_BYTES while it was being received."""


def _limited(receive: Receive, limit: int) -> Receive:
    """``receive`` that raises _BodyTooLargeError once the body passes ``limit`` bytes."""
    seen = 0

    async def receive_within_limit() -> Any:
        nonlocal seen
        message = await receive()
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _BodyTooLargeError
        return message

    return receive_within_limit


def accepts_graphql_response(accept: str) -> bool:
    """Whether an Accept header asks for ``application/graphql-response+json``."""
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if media.lower() == GRAPHQL_RESPONSE and "q=0" not in params:
            return True
    return False


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_lone_surrogate(value: object) -> bool:
    """Whether decoded JSON holds a string with a lone surrogate (from a ``\\ud800`` escape)."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


class FinregGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view, plus: JSON error bodies for HTTP errors, 405 for a mutation
    over GET, ``application/graphql-response+json`` when asked for, and finreg's context."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one request; HTTP-level errors get a GraphQL-shaped JSON body."""
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive=_limited(receive, MAX_BODY_BYTES))
        try:
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > MAX_BODY_BYTES:
                raise _BodyTooLargeError
            response = await self.run(request)
        except _BodyTooLargeError:
            response = JSONResponse(
                {"errors": [{"message": f"request body larger than {MAX_BODY_BYTES} bytes"}]},
                status_code=413,
                media_type=self._media_type(request),
            )
        except HTTPException as error:
            headers = {"Allow": "POST"} if error.status_code == 405 else None
            response = JSONResponse(
                {"errors": [{"message": error.reason}]},
                status_code=error.status_code,
                headers=headers,
                media_type=self._media_type(request),
            )
        else:
            if response.media_type == "application/json" and self._wants_graphql_response(request):
                response.headers["content-type"] = GRAPHQL_RESPONSE
                if getattr(request.state, "request_error", False):
                    response.status_code = 400
        await response(scope, receive, send)

    @staticmethod
    def _wants_graphql_response(request: Request) -> bool:
        return accepts_graphql_response(request.headers.get("accept", ""))

    def _media_type(self, request: Request) -> str:
        return GRAPHQL_RESPONSE if self._wants_graphql_response(request) else "application/json"

    def decode_json(self, data: str | bytes) -> object:
        """JSON; text that is not UTF-8, nests too deep or holds a lone surrogate escape
        (``"\\ud800"``, no Unicode character) is malformed JSON too (a 400)."""
        try:
            value = json.loads(data)
            lone = _has_lone_surrogate(value)
        except (UnicodeDecodeError, RecursionError) as error:
            raise json.JSONDecodeError(str(error), "", 0) from error
        if lone:
            raise json.JSONDecodeError("a lone surrogate is no Unicode character", "", 0)
        return value

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The request's GraphQL parameters; a JSON body that is not an object (a string, a
        number, null) is a 400, not a crash (a list is a batch: refused, batching is off)."""
        content_type, _ = parse_content_type(request.content_type or "")
        if request.method == "POST" and "application/json" in content_type:
            body = self.parse_json(await request.get_body())
            if not isinstance(body, dict | list):
                raise HTTPException(400, "The request body must be a JSON object")
        return await super().parse_http_body(request)

    def encode_json(self, data: object) -> str:
        """JSON with Chinese text as it is (UTF-8), not as \\u escapes; all escapes if some
        text cannot be sent as UTF-8 (a lone surrogate echoed in an error message)."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(data, separators=(",", ":"))
        return text

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        """A fresh context (and so fresh loaders) for every request."""
        state = request.app.state
        http = request if isinstance(request, Request) else None
        return Context(graph=state.graph, settings=state.settings, request=http)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL with the example queries."""
        return HTMLResponse(graphiql_page())

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Run one operation; a mutation or subscription sent over GET is a 405."""
        try:
            return await super().execute_single(*args, **kwargs)
        except HTTPException as error:
            if isinstance(error.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, error.reason) from error
            raise

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """The response body; a request that failed before execution has no ``data`` entry
        under ``application/graphql-response+json`` and is answered 400 (GraphQL over HTTP)."""
        body = await super().process_result(request, result)
        if isinstance(result, PreExecutionError) and self._wants_graphql_response(request):
            body.pop("data", None)
            request.state.request_error = True
        return body


async def healthz(request: Request) -> JSONResponse:
    """The process is up (and which process: several workers may serve one store)."""
    return JSONResponse({"status": "ok", "pid": os.getpid()})


async def readyz(request: Request) -> JSONResponse:
    """The store answers a trivial query (503 otherwise)."""
    graph: KnowledgeGraph | None = getattr(request.app.state, "graph", None)
    if graph is None:
        return JSONResponse({"status": "starting"}, status_code=503)
    warming: threading.Thread | None = getattr(request.app.state, "warming", None)
    if warming is not None and warming.is_alive():
        return JSONResponse({"status": "reading names for search"}, status_code=503)
    try:
        await asyncio.wait_for(asyncio.to_thread(graph.ping), READY_TIMEOUT)
    except Exception as error:
        logger.warning("readiness check failed: %s", error)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ready"})


async def home(request: Request) -> RedirectResponse:
    """The API lives at /graphql."""
    return RedirectResponse("/graphql")


def warm_up(graph: KnowledgeGraph) -> None:
    """Read every name into the search index before the first search needs it (seconds on a
    graph of a million triples); /readyz answers 503 until this is done. A failure is logged:
    the first search then reads the names itself."""
    try:
        graph.name_index.names()
    except FinregError as error:
        logger.warning("could not read names for search at start: %s", error)


def open_seeded_store(settings: Settings) -> GraphStore:
    """Open the store ``settings`` name; load the seeds into it if it holds nothing.

    :raises StoreUnavailableError: if the store cannot be opened or reached.
    :raises InputError: if a seed file is refused (nothing is loaded then).
    """
    store = open_store(settings)
    try:
        if store.legacy_graphs():
            raise LegacyStoreError(store.location, store.legacy_graphs()[0].value)
        if not store.named_graphs():
            seeds = sorted(settings.seeds_dir.glob("*.ttl"))
            if seeds:
                # Keys relative to the dataset root (seeds/<file>.ttl from a checkout or the
                # installed package); a seed folder outside any root is its own parent's.
                root = settings.dataset_root or find_root(seeds[0]) or settings.seeds_dir.parent
                report = load_files(store, seeds, root=root)
                logger.info("loaded %d seed file(s) from %s", report.files, settings.seeds_dir)
    except BaseException:
        store.close()
        raise
    return store


def _open_at_start(settings: Settings) -> GraphStore:
    """The store to serve. A SPARQL server that cannot be reached at start does not stop the
    API: it starts unready (/readyz answers 503, queries STORE_UNAVAILABLE) and recovers when
    the server comes back; the seeds then load on the next start."""
    try:
        return open_seeded_store(settings)
    except StoreUnavailableError as error:
        if not settings.store_url:
            raise
        logger.error("starting without a reachable store: %s", error)
        return open_store(settings)


def create_app(settings: Settings, store: GraphStore | None = None) -> Starlette:
    """The finreg web app. With ``store`` given, it serves that store (and leaves it open);
    otherwise its lifespan opens ``settings.data_dir``, seeds it on first start, and closes it.
    """

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        opened = None if store is not None else await asyncio.to_thread(_open_at_start, settings)
        graph = KnowledgeGraph(store if store is not None else opened)  # type: ignore[arg-type]
        app.state.graph = graph
        app.state.warming = threading.Thread(
            target=warm_up, args=(graph,), name="finreg-warm-up", daemon=True
        )
        app.state.warming.start()
        # A small graph is read before the app takes requests, so it starts ready; a large
        # one goes on reading while the app answers (unready) after WARM_UP_WAIT seconds.
        await asyncio.to_thread(app.state.warming.join, WARM_UP_WAIT)
        try:
            yield
        finally:
            app.state.graph = None
            app.state.warming.join(timeout=WARM_UP_JOIN_TIMEOUT)
            if opened is not None:
                opened.close()

    app = Starlette(
        routes=[
            *web_routes(),
            Route("/graphql", FinregGraphQL(build_schema(settings))),
            Route("/sparql", SparqlEndpoint(settings, max_body=MAX_BODY_BYTES)),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Mount(LOCAL_ASSETS, vendor_files()),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.graph = None
    return app
