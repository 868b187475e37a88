"""The app's lifespan state, typed: what every request can reach through ``request.state``.

The lifespan yields an :class:`AppState`; Starlette gives each request a copy, so a handler
declared ``async def page(request: AppRequest)`` reads ``request.state["graph"]`` as a
``KnowledgeGraph``. Nothing is read from an untyped ``app.state``.
"""

from __future__ import annotations

import threading
from typing import Any, TypedDict, cast

from starlette.requests import HTTPConnection, Request

from api.work import Workloads
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings


class AppState(TypedDict):
    """What the lifespan opens for the app's requests."""

    graph: KnowledgeGraph
    settings: Settings
    work: Workloads
    warming: threading.Thread
    """The first read of the names for search (/readyz answers 503 while it runs)."""


AppRequest = Request[AppState]
"""A request of the finreg app, its lifespan state typed."""


def state_of(connection: HTTPConnection[Any]) -> AppState:
    """The lifespan state of a request whose type a library fixed (strawberry's context,
    Starlette's exception handlers): the same state an ``AppRequest`` reads."""
    return cast(AppState, connection.state)
