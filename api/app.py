"""The Starlette app: every route, the HTTP edge they share, and the store's lifespan.

Routes: the pages and linked data (api.web), /graphql (GET, POST, GraphiQL: api.graphql_http),
/sparql (api.sparql), /healthz and /readyz (api.health), GraphiQL's assets. Every route shares
one edge:

- one body limit, 413 past 1 MiB (api.body_limit: pure ASGI middleware);
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

from api import graphql_http, sparql
from api.body_limit import BodyLimit
from api.failures import Faces
from api.graphiql import LOCAL_ASSETS, vendor_files
from api.graphql_http import FinregGraphQL
from api.health import healthz, readyz
from api.schema import build_schema
from api.sparql import SparqlEndpoint
from api.state import AppState
from api.web import web_routes
from api.web.render import error_page
from api.work import Workloads
from kg.errors import FinregError, LegacyStoreError, StoreUnavailableError
from kg.graphs import find_root
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import GraphStore, open_store

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


def create_app(
    settings: Settings,
    store: GraphStore | None = None,
    *,
    graph: KnowledgeGraph | None = None,
    work: Workloads | None = None,
) -> Starlette:
    """The finreg web app. With ``store`` given, it serves that store, or with ``graph`` that
    knowledge graph (tests give a fake), and leaves it open; otherwise its lifespan opens
    ``settings.data_dir`` (or the SPARQL server), seeds it on first start, and closes it.
    ``work`` sizes the workloads (the defaults of api.work otherwise).

    :raises ValueError: if both ``store`` and ``graph`` are given.
    """
    if store is not None and graph is not None:
        raise ValueError("give create_app a store or a graph to serve, not both")
    workloads = work if work is not None else Workloads()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[AppState]:
        opened: GraphStore | None = None
        served = graph
        if served is None and store is not None:
            served = KnowledgeGraph(store)
        elif served is None:
            opened = await anyio.to_thread.run_sync(_open_at_start, settings)
            served = KnowledgeGraph(opened)
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
        by_path={"/graphql": graphql_http.error_response, "/sparql": sparql.error_response},
    )
    return Starlette(
        routes=[
            *web_routes(),
            Route("/graphql", graphql.respond, methods=["GET", "POST"]),
            Route("/sparql", SparqlEndpoint(settings)),
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Mount(LOCAL_ASSETS, vendor_files()),
        ],
        middleware=[Middleware(BodyLimit, respond=faces.response)],
        exception_handlers=faces.handlers(),
        lifespan=lifespan,
    )
