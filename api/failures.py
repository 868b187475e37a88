"""How an error becomes an HTTP answer: one table for every route, one face per interface.

Handlers raise; they never build error responses themselves. :func:`failure_of` maps an
error to a status, a message and headers; Starlette's exception handlers (:meth:`Faces.handlers`)
hand that failure to the face of the route that failed, which writes it the way its clients
read errors: the pages as an HTML page in the reader's language, /sparql as plain text with
CORS, /graphql as a GraphQL ``errors`` body.

===========================================  ======  =================================
error                                        status  headers
===========================================  ======  =================================
NotFoundError                                404
QueryRefusedError (an update, SERVICE...)    400
InvalidDateError (a malformed ?knownAt=)     400
a refusal of the protocol (HTTPException)    its own (405 with Allow, 415...)
OverloadedError (a workload's room is full)  503     Retry-After
StoreUnavailableError (unreachable, cut...)  503     Retry-After
StoreChangedError (reloaded on every try)    503     Retry-After
QueryTimeoutError, TimeoutError              503
ResultTooLargeError, RowCapError             503
any other StoreError or FinregError          500
===========================================  ======  =================================

A timeout has no Retry-After: the same request would take as long again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import cast

from cross_web import HTTPException as StrawberryHTTPException
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ExceptionHandler
from strawberry.schema.exceptions import InvalidOperationTypeError

from api.state import AppRequest
from api.work import OverloadedError
from kg.errors import (
    FinregError,
    InvalidDateError,
    NotFoundError,
    QueryRefusedError,
    QueryTimeoutError,
    ResultTooLargeError,
    RowCapError,
    StoreChangedError,
    StoreError,
    StoreUnavailableError,
)

logger = logging.getLogger("api")

STORE_RETRY_AFTER = 5
"""Seconds a client is told to wait when the store cannot be reached (Retry-After)."""


@dataclass(frozen=True)
class Failure:
    """An error as HTTP says it: a status, a message naming the problem, and headers."""

    status: int
    message: str
    headers: Mapping[str, str] = field(default_factory=dict)


def failure_of(error: Exception) -> Failure:
    """The HTTP answer to ``error`` (the table in the module docstring).

    >>> failure_of(NotFoundError("花呗x"))
    Failure(status=404, message='nothing in the graph is named "花呗x"', headers={})
    >>> failure_of(OverloadedError("SPARQL queries")).headers
    {'Retry-After': '1'}
    """
    message = str(error)
    if isinstance(error, HTTPException):
        return Failure(error.status_code, error.detail, dict(error.headers or {}))
    if isinstance(error, StrawberryHTTPException):
        return _strawberry_failure(error)
    if isinstance(error, OverloadedError):
        return Failure(503, message, {"Retry-After": str(error.retry_after)})
    if isinstance(error, NotFoundError):
        return Failure(404, message)
    if isinstance(error, QueryRefusedError | InvalidDateError):
        return Failure(400, message)
    if isinstance(error, StoreUnavailableError | StoreChangedError):
        return Failure(503, message, {"Retry-After": str(STORE_RETRY_AFTER)})
    if isinstance(error, QueryTimeoutError | ResultTooLargeError | RowCapError):
        return Failure(503, message)
    if isinstance(error, TimeoutError):
        return Failure(503, message or "the request took longer than the time limit")
    if isinstance(error, StoreError):
        return Failure(500, f"the store failed to answer: {message}")
    return Failure(500, message)


def _strawberry_failure(error: StrawberryHTTPException) -> Failure:
    """Strawberry's refusals; a mutation over GET is 405, not strawberry's 400 (GraphQL over
    HTTP: GET is for queries only)."""
    if isinstance(error.__cause__, InvalidOperationTypeError):
        return Failure(405, error.reason, {"Allow": "POST"})
    if error.status_code == 405:
        return Failure(405, error.reason, {"Allow": "GET, POST"})
    return Failure(error.status_code, error.reason)


Face = Callable[[AppRequest, Failure], Response]
"""How one interface writes a failure for its clients."""

HANDLED: tuple[type[Exception], ...] = (
    FinregError,
    TimeoutError,
    HTTPException,
    StrawberryHTTPException,
)
"""The errors the app's exception handlers answer; anything else is a bug: a 500, logged."""


class Faces:
    """The face of each route (by path), and the exception handlers that use them."""

    def __init__(self, default: Face, by_path: Mapping[str, Face]) -> None:
        self.default = default
        self.by_path = dict(by_path)

    def response(self, request: AppRequest, failure: Failure) -> Response:
        """``failure`` as the route of ``request`` writes it."""
        face = self.by_path.get(request.url.path, self.default)
        return face(request, failure)

    def handlers(self) -> dict[type[Exception], ExceptionHandler]:
        """Starlette's ``exception_handlers``: every error in HANDLED, through the faces."""
        return dict.fromkeys(HANDLED, self._handle)

    async def _handle(self, request: Request, error: Exception) -> Response:
        failure = failure_of(error)
        where = f"{request.method} {request.url.path}"
        if failure.status == 500:
            logger.error("%s failed: %s", where, error, exc_info=error)
        elif failure.status >= 500:
            logger.warning("%s: %s", where, failure.message)
        # Starlette builds this Request from the route's scope: its state is the lifespan's.
        return self.response(cast(AppRequest, request), failure)
