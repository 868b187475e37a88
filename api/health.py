"""The probes: /healthz (the process is up) and /readyz (it can answer: the store replies).

/readyz asks through the health workload's own threads (api.work), so it never waits behind
GraphQL requests, pages or SPARQL queries however many of them hold their threads.
"""

from __future__ import annotations

import logging
import os

from starlette.requests import Request
from starlette.responses import JSONResponse

from api.state import AppRequest
from api.work import deadline_after
from kg.errors import FinregError

logger = logging.getLogger("api")

READY_TIMEOUT = 2.0
"""Seconds /readyz waits for the store before it answers 503."""


async def healthz(request: Request) -> JSONResponse:
    """The process is up (and which process: several workers may serve one store)."""
    return JSONResponse({"status": "ok", "pid": os.getpid()})


async def readyz(request: AppRequest) -> JSONResponse:
    """The store answers a trivial query (503 otherwise, and while the names for search
    are being read at start)."""
    state = request.state
    if state["warming"].is_alive():
        return JSONResponse({"status": "reading names for search"}, status_code=503)
    try:
        await state["work"].health.run(state["graph"].ping, deadline=deadline_after(READY_TIMEOUT))
    except TimeoutError:
        logger.warning("readiness check failed: no answer within %g s", READY_TIMEOUT)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    except FinregError as error:  # the store's errors, and a full waiting room
        logger.warning("readiness check failed: %s", error)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ready"})
