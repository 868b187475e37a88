"""One limit on request bodies for every route: pure ASGI middleware in front of the app.

A body larger than ``limit`` bytes (1 MiB: a 2,000-token GraphQL query with its variables,
or a SPARQL query, needs a few KiB) is answered 413, written by the face of the route it was
sent to (a GraphQL ``errors`` body on /graphql, plain text on /sparql), and the connection
is closed. The app never sees the request: a route reads its body knowing it is in bounds.

Every client reads that 413, Python's urllib as well as httpx and curl, because the server
first reads the rest of the body and drops it, up to ``drain`` bytes (16 MiB), and answers
only once the client has sent it all. A server that answers and closes while the client is
still sending makes the client's TCP stack see a reset: urllib then reports "connection
reset" instead of the 413. Only when a client announced ``Expect: 100-continue`` is the 413
sent at once: that client waits for the go-ahead and sends no body after a refusal.

Past ``drain`` bytes the server reads no further: it answers 413 at once to a Content-Length
above the bound, or as soon as it has read that much of a chunked body, and closes the
connection. A client still sending then may see the connection reset before it can read the
413 (curl and httpx often read it anyway; urllib does not).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.failures import Failure
from api.state import AppRequest

MAX_BODY_BYTES = 1024 * 1024
"""The largest request body any route reads (1 MiB)."""
DRAIN_BYTES = 16 * 1024 * 1024
"""How much of a body over the limit the server reads (and drops) before it answers 413."""


class _TooLargeError(Exception):
    """The body passed the limit while the route read it (caught by the middleware)."""


class BodyLimit:
    """Answers 413 to a request whose body passes ``limit`` bytes (see the module docstring);
    ``respond`` writes the 413 as the request's route writes its failures."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        respond: Callable[[AppRequest, Failure], Response],
        limit: int = MAX_BODY_BYTES,
        drain: int = DRAIN_BYTES,
    ) -> None:
        self.app = app
        self.respond = respond
        self.limit = limit
        self.drain = drain

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, or answer 413 once its body is known to be too large."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            if int(length) <= self.drain and headers.get("expect", "").lower() != "100-continue":
                await _drain(receive, self.drain)
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    if message.get("more_body", False):
                        await _drain(receive, self.drain - received)
                    raise _TooLargeError
            return message

        async def send_noting_start(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive_within_limit, send_noting_start)
        except _TooLargeError:
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        request: AppRequest = Request(scope)
        failure = Failure(413, f"request body larger than {self.limit} bytes")
        response = self.respond(request, failure)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


async def _drain(receive: Receive, budget: int) -> None:
    """Read and drop the rest of a request body, at most about ``budget`` bytes more."""
    while budget >= 0:
        message = await receive()
        if message["type"] != "http.request":
            return  # the client went away
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return
