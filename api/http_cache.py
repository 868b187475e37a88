"""HTTP caching for a read-mostly graph: ETags from the graph's stamp, 304s, and an optional
in-process cache of whole answers. Pure ASGI middleware, one rule for every route.

**ETag.** A GET (or HEAD) answer of the graph (GraphQL over GET, the pages, pictures, CSV,
linked data, exports, /sparql, /reconcile) that succeeds carries
``ETag: W/"<stamp>-<variant>"``: the stamp changes whenever a load, an unload or a restore
changes the published graphs (``KnowledgeGraph.stamp``, read at most once a second), and the
variant is a digest of what else shapes the answer: the path and query string (so ``lang``,
``knownAt``, a GraphQL query and its variables), the Accept header (content negotiation)
and the address the request came to (absolute links). ``Cache-Control: public, no-cache``
lets any cache keep the answer and makes it ask again before each use; a request whose
``If-None-Match`` names the current ETag is answered 304 without computing anything. Weak,
since the answer is the same in meaning, not byte for byte (a gzip in front may recompress).

**Answers in memory.** With ``FINREG_CACHE`` not "off", whole answers (status 200, a body of
at most ``MAX_ANSWER_BYTES``) are kept by the same key plus, for POST /graphql, the request
body and its Content-Type, bounded to ``MAX_CACHE_BYTES`` in all (least recently used out
first). The stamp is part of the key, so a load makes every kept answer unreachable at once.
A GraphQL answer with errors (a timeout, an overloaded API, a store that went away) is never
kept nor tagged; neither is anything but a 200.

Not cached: /healthz, /readyz, GraphiQL's assets (static files with their own ETags), and any
request but GET, HEAD and POST /graphql. When the stamp cannot be read (the store is
unreachable, or slow: ``STAMP_WAIT``), or while another request reads it, the request goes
through untouched and the route answers as it would; after a failed read none is tried for
``STAMP_RETRY`` seconds, so a store that hangs holds one thread, not one per request.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import anyio
import anyio.to_thread
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.graphiql import LOCAL_ASSETS
from kg.errors import FinregError
from kg.knowledge import KnowledgeGraph

logger = logging.getLogger("api")

CACHE_CONTROL = "public, no-cache"
"""Any cache may keep an answer, and must ask again (cheaply: a 304) before each use."""
MAX_ANSWER_BYTES = 1024 * 1024
"""The largest answer kept in memory (and tagged: a larger body streams as it comes)."""
MAX_CACHE_BYTES = 64 * 1024 * 1024
"""How much memory the kept answers take at most (their bodies)."""
STAMP_WAIT = 2.0
"""Seconds a request waits for the stamp (read once a second) before going on uncached."""
STAMP_RETRY = 10.0
"""Seconds without trying to read the stamp after a read failed or took too long."""
UNCACHED = ("/healthz", "/readyz", LOCAL_ASSETS)
"""Paths (or their beginnings) never tagged nor kept."""


@dataclass(frozen=True)
class Answer:
    """A whole answer as sent: status, headers (ETag included) and body."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


class Answers:
    """Answers by key, bounded in bytes, least recently used out first (thread-safe)."""

    def __init__(self, max_bytes: int = MAX_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._kept: OrderedDict[str, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Answer | None:
        """The answer kept under ``key``, if any."""
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def keep(self, key: str, answer: Answer) -> None:
        """Keep ``answer`` under ``key``, dropping the least recently used to stay in bounds."""
        size = len(answer.body)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._kept[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._kept)


def _digest(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:24]


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak comparison, RFC 9110 13.1.2).

    >>> etag_matches('"a", W/"b-1"', 'W/"b-1"')
    True
    >>> etag_matches('"b-1"', 'W/"b-1"')
    True
    >>> etag_matches("*", 'W/"b-1"')  # whether it exists is only known by answering
    False
    >>> etag_matches('W/"b-2"', 'W/"b-1"')
    False
    """
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag.removeprefix("W/") == wanted:
            return True
    return False


def _graphql_errors(body: bytes) -> bool:
    """Whether a GraphQL answer reports errors (those answers are neither tagged nor kept)."""
    try:
        answer = json.loads(body)
    except ValueError:
        return True
    return not isinstance(answer, dict) or bool(answer.get("errors"))


class HttpCache:
    """ETags, 304s and the answers kept in memory (see the module docstring); ``answers`` is
    None when ``FINREG_CACHE=off``."""

    def __init__(self, app: ASGIApp, *, answers: Answers | None) -> None:
        self.app = app
        self.answers = answers
        self._next_read = 0.0
        """When the stamp may next be read (event loop clock): one read at a time, and none
        for ``STAMP_RETRY`` seconds after one that failed or took too long."""

    async def _stamp(self, scope: Scope) -> str | None:
        """The graph's stamp, or None (the request goes through uncached): when the app
        serves no graph, while another request reads the stamp, or when the store does not
        answer within ``STAMP_WAIT`` seconds (a request never waits longer for its cache)."""
        graph = scope.get("state", {}).get("graph")
        if not isinstance(graph, KnowledgeGraph):
            return None
        fresh = graph.fresh_stamp()
        if fresh is not None:
            return fresh
        now = anyio.current_time()
        if now < self._next_read:
            return None
        self._next_read = now + STAMP_RETRY
        try:
            with anyio.move_on_after(STAMP_WAIT):
                stamp = await anyio.to_thread.run_sync(graph.stamp, abandon_on_cancel=True)
                self._next_read = 0.0
                return stamp
            logger.warning("no HTTP caching: the store gave no stamp in %s s", STAMP_WAIT)
        except FinregError as error:
            logger.warning("no HTTP caching: %s", error)
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer from the ETag or the kept answers when they can, else ask the app and tag
        (and keep) what it answers."""
        method = scope.get("method", "")
        path: str = scope.get("path", "")
        graphql_post = method == "POST" and path == "/graphql"
        if (
            scope["type"] != "http"
            or not (method in ("GET", "HEAD") or (graphql_post and self.answers is not None))
            or path.startswith(UNCACHED)
        ):
            await self.app(scope, receive, send)
            return
        stamp = await self._stamp(scope)
        if stamp is None:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        body = b""
        if graphql_post:
            body, receive = await _read_body(receive)
        variant = _digest(
            [
                method.encode() if graphql_post else b"GET",
                scope.get("scheme", "http").encode(),
                headers.get("host", "").encode(),
                scope.get("root_path", "").encode(),
                path.encode(),
                scope.get("query_string", b""),
                (headers.get("accept") or "*/*").encode(),  # none is */* (RFC 9110)
                headers.get("content-type", "").encode() if graphql_post else b"",
                body,
            ]
        )
        etag = f'W/"{stamp}-{variant}"'
        if not graphql_post and etag_matches(headers.get("if-none-match"), etag):
            await _not_modified(send, etag)
            return
        key = f"{stamp}-{variant}"
        kept = self.answers.get(key) if self.answers is not None and method != "HEAD" else None
        if kept is not None:
            await _replay(send, kept)
            return
        await self._ask(scope, receive, send, etag=None if graphql_post else etag, key=key)

    async def _ask(
        self, scope: Scope, receive: Receive, send: Send, *, etag: str | None, key: str
    ) -> None:
        """Run the app; hold its answer back until it is whole (or too large to hold), then
        send it tagged, and keep it when it may be kept."""
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        passing = False  # the answer is not held: too large, or not one to tag

        async def hold(message: Message) -> None:
            nonlocal start, size, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                if message["status"] != 200:
                    passing = True
                    await send(message)
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunk = message.get("body", b"")
            chunks.append(chunk)
            size += len(chunk)
            more = message.get("more_body", False)
            if more and size <= MAX_ANSWER_BYTES:
                return
            whole = b"".join(chunks)
            if more:  # too large to hold: send it as it comes, untagged
                passing = True
                await send(start)
                await send({"type": "http.response.body", "body": whole, "more_body": True})
                return
            await self._finish(scope, send, start, whole, etag=etag, key=key)

        await self.app(scope, receive, hold)

    async def _finish(
        self,
        scope: Scope,
        send: Send,
        start: Message,
        body: bytes,
        *,
        etag: str | None,
        key: str,
    ) -> None:
        """Send a whole 200 answer, tagged unless it reports GraphQL errors; keep it."""
        headers = list(start.get("headers", []))
        graphql = scope.get("path") == "/graphql"
        if graphql and _graphql_errors(body):
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        if etag is not None:
            headers = [(k, v) for k, v in headers if k.lower() not in (b"etag", b"cache-control")]
            headers += [(b"etag", etag.encode()), (b"cache-control", CACHE_CONTROL.encode())]
            if not any(k.lower() == b"vary" for k, _ in headers):
                headers.append((b"vary", b"Accept"))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})
        if self.answers is not None and scope.get("method") != "HEAD":
            self.answers.keep(key, Answer(start["status"], tuple(headers), body))


async def _read_body(receive: Receive) -> tuple[bytes, Receive]:
    """The whole request body, and a ``receive`` that gives it to the app again."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    replayed = False

    async def again() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, again


async def _not_modified(send: Send, etag: str) -> None:
    headers = [
        (b"etag", etag.encode()),
        (b"cache-control", CACHE_CONTROL.encode()),
        (b"vary", b"Accept"),
    ]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _replay(send: Send, answer: Answer) -> None:
    await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
    await send({"type": "http.response.body", "body": answer.body})
