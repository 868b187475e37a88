"""One HTTP exchange with a SPARQL server, and the checks that an answer came whole.

Every request finreg sends to a SPARQL server goes through :func:`exchange` (the remote
store's own queries and updates, and users' queries forwarded by kg.store.answers), so what
counts as a complete answer is decided here, once:

- a body framed by ``Content-Length`` must have exactly that many bytes, and a chunked body
  its final zero-length chunk (h11, under httpx, raises when the connection closes short of
  either; the length is checked again here on the bytes received);
- a body with neither, delimited only by the server closing the connection, is refused:
  cut at a line boundary it would still parse, as a shorter answer (N-Triples, CSV, TSV),
  and nothing tells it from a complete one;
- the whole exchange, not each read, is bounded by ``timeout``: past it, the next bytes to
  arrive end the exchange, and a silence ends it after ``timeout`` (httpx's read timeout), so
  a server that sends a few bytes now and then holds a request at most twice ``timeout``,
  where it could hold it for one read timeout per byte.

A server that answers no HTTP, closes the connection, or sends a partial answer raises
:class:`~kg.errors.IncompleteAnswerError` (a :class:`~kg.errors.StoreUnavailableError`:
the store misbehaves, try again later), never a shorter answer.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from kg.errors import (
    IncompleteAnswerError,
    ResultTooLargeError,
    StoreTimeoutError,
    StoreUnavailableError,
)


@dataclass(frozen=True)
class Answer:
    """A server's whole answer to one request."""

    status: int
    content_type: str
    body: bytes
    server: str
    """The ``Server`` header ("" if none): which software answered (Virtuoso says so)."""

    @property
    def text(self) -> str:
        """The body as text, on one line and cut short (for messages)."""
        return " ".join(self.body[:2000].decode("utf-8", "replace").split())[:300]


def exchange(
    client: httpx.Client,
    url: str,
    content: bytes,
    headers: Mapping[str, str],
    *,
    timeout: float,
    max_bytes: int | None = None,
) -> Answer:
    """POST ``content`` to ``url`` and read the whole answer within ``timeout`` seconds.

    :raises StoreTimeoutError: if the answer was not in whole within ``timeout``.
    :raises ResultTooLargeError: if the body passed ``max_bytes``.
    :raises IncompleteAnswerError: if the answer was cut, unframed or not HTTP.
    :raises StoreUnavailableError: if the server cannot be reached.
    """
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    try:
        with client.stream(
            "POST", url, content=content, headers=dict(headers), timeout=timeout
        ) as response:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise ResultTooLargeError(max_bytes)
                if time.monotonic() > deadline:
                    raise StoreTimeoutError(url, timeout)
                chunks.append(chunk)
            check_complete(
                url, response.status_code, response.headers, response.num_bytes_downloaded
            )
    except httpx.TimeoutException as error:
        raise StoreTimeoutError(url, timeout) from error
    except httpx.ConnectError as error:
        raise StoreUnavailableError(f"{url}: cannot reach the SPARQL server: {error}") from error
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.DecodingError) as error:
        raise IncompleteAnswerError(url, str(error) or type(error).__name__) from error
    except httpx.HTTPError as error:
        raise StoreUnavailableError(f"{url}: the SPARQL server failed: {error}") from error
    return Answer(
        response.status_code,
        response.headers.get("content-type", ""),
        b"".join(chunks),
        response.headers.get("server", ""),
    )


def check_complete(url: str, status: int, headers: httpx.Headers, received: int) -> None:
    """Whether a body of ``received`` bytes (as sent: before any Content-Encoding is undone)
    is the whole body ``headers`` announce (an answer of status 204 or 304 has none).

    :raises IncompleteAnswerError: if it is shorter or longer than its Content-Length, or it
        has neither a Content-Length nor chunked framing (it could be cut unnoticed).

    >>> check_complete("u", 200, httpx.Headers({"content-length": "12"}), 12)
    >>> check_complete("u", 200, httpx.Headers({"transfer-encoding": "chunked"}), 5)
    >>> check_complete("u", 200, httpx.Headers({"content-length": "20"}), 12)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.IncompleteAnswerError: u: ... incomplete (12 of 20 bytes); nothing of it was used
    >>> check_complete("u", 200, httpx.Headers({"connection": "close"}), 12)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.IncompleteAnswerError: u: ... (it gives neither a Content-Length nor chunked ...
    """
    if status in (204, 304):
        return
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return  # h11 raised already if the final chunk never came
    length = headers.get("content-length")
    if length is None:
        raise IncompleteAnswerError(
            url,
            "it gives neither a Content-Length nor chunked framing, so a cut answer cannot "
            "be told from a whole one",
        )
    try:
        expected = int(length)
    except ValueError as error:
        raise IncompleteAnswerError(url, f"Content-Length {length!r} is no number") from error
    if received != expected:
        raise IncompleteAnswerError(url, f"{received} of {expected} bytes")
