"""The Starlette app: every route, the HTTP edge they share, and the store's lifespan.

Routes: the pages and linked data (api.web), /graphql (GET, POST, GraphiQL: api.graphql_http),
/sparql (api.sparql), /reconcile (the Reconciliation Service API: api.reconcile), /healthz and
/readyz (api.health), GraphiQL's assets. Every route shares
one edge:

- one body limit, 413 past 1 MiB (api.body_limit: pure ASGI middleware);
- ETags from the graph's stamp, 304s, and answers kept in memory unless FINREG_CACHE=off
  (api.http_cache: pure ASGI middleware);
- errors raised by any handler become answers in Starlette's exception handlers, one table
  for every route, each route's face writing them for its clients (api.failures);
- blocking work runs in the threads of its workload (GraphQL, pages, SPARQL, health), with a
  deadline and a bounded waiting room (api.work);
- what the lifespan opens reaches requests as typed state (api.state).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route

from api import graphql_http, reconcile, sparql
from api.body_limit import BodyLimit
from api.failures import Faces
from api.graphiql import LOCAL_ASSETS, vendor_files
from api.graphql_http import FinregGraphQL
from api.health import healthz, readyz
from api.http_cache import Answers, HttpCache
from api.reconcile import json_paths, reconcile_routes
from api.schema import build_schema
from api.sparql import SparqlEndpoint
from api.state import AppState
from api.web import web_routes
from api.web.render import error_page
from api.work import Workloads
from kg.errors import FinregError
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings

logger = logging.getLogger("api")

WARM_UP_WAIT = 5.0
"""Seconds start-up waits for the search index's first read before taking requests."""
WARM_UP_JOIN_TIMEOUT = 10.0
"""Seconds shutdown waits for the search index's first read before closing the store."""


def warm_up(graph: KnowledgeGraph) -> None:
    """Read every name into the search index before the first search needs it (seconds on a
    graph of a million triples); /readyz answers 503 until this is done. A failure is logged:
    the first search then reads the names itself."""
    try:
        graph.name_index.names()
    except FinregError as error:
        logger.warning("could not read names for search at start: %s", error)


def create_app(
    settings: Settings, *, graph: KnowledgeGraph | None = None, work: Workloads | None = None
) -> Starlette:
    """The finreg web app. With ``graph`` given, it serves that knowledge graph and leaves it
    open; otherwise its lifespan opens ``settings.data_dir`` (or the SPARQL server), seeds it
    on first start (KnowledgeGraph.open_to_serve), and closes it. ``work`` sizes the
    workloads (the defaults of api.work otherwise)."""
    workloads = work if work is not None else Workloads()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[AppState]:
        opened: KnowledgeGraph | None = None
        served = graph
        if served is None:
            served = opened = await anyio.to_thread.run_sync(KnowledgeGraph.open_to_serve, settings)
        warming = threading.Thread(
            target=warm_up, args=(served,), name="finreg-warm-up", daemon=True
        )
        warming.start()
        # A small graph is read before the app takes requests, so it starts ready; a large
        # one goes on reading while the app answers (unready) after WARM_UP_WAIT seconds.
        await anyio.to_thread.run_sync(warming.join, WARM_UP_WAIT)
        try:
            yield {"graph": served, "settings": settings, "work": workloads, "warming": warming}
        finally:
            warming.join(timeout=WARM_UP_JOIN_TIMEOUT)
            if opened is not None:
                opened.close()

    graphql = FinregGraphQL(build_schema(settings))
    faces = Faces(
        default=error_page,
        by_path={
            "/graphql": graphql_http.error_response,
            "/sparql": sparql.error_response,
            **dict.fromkeys(json_paths(), reconcile.error_response),
        },
    )
    return Starlette(
        routes=[
            *web_routes(),
            Route("/graphql", graphql.respond, methods=["GET", "POST"]),
            Route("/sparql", SparqlEndpoint(settings)),
            *reconcile_routes(),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Mount(LOCAL_ASSETS, vendor_files()),
        ],
        middleware=[
            Middleware(BodyLimit, respond=faces.response),
            Middleware(HttpCache, answers=Answers() if settings.answer_cache else None),
        ],
        exception_handlers=faces.handlers(),
        lifespan=lifespan,
    )
