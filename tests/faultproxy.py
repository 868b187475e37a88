"""A TCP proxy on loopback that injects network faults between a client and a server.

Put it between the code under test and a server, arm a fault, and check what the code does
when the connection is cut, slow, answered with garbage or refused::

    from tests.faultproxy import FaultProxy, CutDownstream, containing

    with FaultProxy(("127.0.0.1", server_port)) as proxy:
        url = proxy.url("/update")                       # talk to the server through it
        proxy.arm(CutDownstream(after=0, when=containing(b"INSERT")))
        ...  # the server gets and runs the first request that contains INSERT, but its
             # answer never reaches the client: the connection is closed as it starts
        assert proxy.fired                               # which faults fired, on what

**HTTP mode** (the default, ``http=True``): the proxy reads each HTTP/1.1 request the client
sends (framed by ``Content-Length`` or chunked), records it in ``proxy.requests`` (a
:class:`Request`: index, method, target, headers, body) and applies the first armed fault
whose ``when`` matches it. **Raw mode** (``http=False``): bytes are pumped as they come and
a fault applies to the next connection whatever it carries (``when`` is not consulted), so
the proxy serves any TCP protocol.

The faults (each fires ``times`` times, once by default, then traffic passes untouched):

- :class:`Refuse`: a new connection is reset at once (RST), before any byte is read;
- :class:`CutUpstream` ``(after=N)``: N bytes of the request reach the server, then both
  sides are closed (a request cut while it is being sent: the server never has it whole);
- :class:`CutDownstream` ``(after=N)``: the request reaches the server whole; once the server
  answers, N bytes of its answer reach the client, then both sides are closed (``after=0``:
  the server ran the request, the client never learns so);
- :class:`Delay` ``(seconds, downstream=False)``: the request (or, with ``downstream``, its
  answer) is held for ``seconds`` before it is forwarded;
- :class:`Garbage` ``(data)``: the client gets ``data`` instead of an answer, and the
  connection is closed; the server never sees the request;
- :class:`CutBody` ``(lines=N, framing=True)``: the request reaches the server whole; the
  client gets the answer's head and the first N lines of its body, then the connection is
  closed: a cut at a line boundary, after which N-Triples, CSV or TSV still parse as a
  shorter answer. With ``framing`` the head is the server's (its Content-Length, or the
  body as one chunk without the final zero-length one: a client that checks the framing
  sees the cut); without it, Content-Length and Transfer-Encoding are dropped and the head
  says ``Connection: close`` (a server that ends its answers by closing: nothing shows
  the cut). HTTP mode only;
- :class:`Trickle` ``(size=N, pause=S)``: the answer reaches the client N bytes at a time,
  S seconds apart: each read gets bytes soon, the whole answer takes long.

``drop_connections()`` closes the connections open now (a server gone: with :class:`Refuse`
armed, a client that keeps its connections alive is refused on the next one).

``then`` (a callable taking the proxy) runs when a fault fires, to arm the next one: for
instance, refuse every connection once an answer was cut.

``when`` chooses the request: :func:`nth` (the k-th request since the proxy started),
:func:`containing` (bytes in its headers or body), :func:`to_path`, or any callable taking
a :class:`Request`; None (the default) matches the next request. Faults are kept in the
order they were armed; ``disarm()`` drops those that have not fired.

The proxy listens on 127.0.0.1 on a free port (``proxy.port``); ``close()`` (or leaving the
``with`` block) stops it and closes every connection it holds.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import BinaryIO

__all__ = [
    "CutBody",
    "CutDownstream",
    "CutUpstream",
    "Delay",
    "Fault",
    "FaultProxy",
    "Garbage",
    "Refuse",
    "Request",
    "Trickle",
    "containing",
    "nth",
    "to_path",
]

_BUFFER = 65536


@dataclass(frozen=True)
class Request:
    """One HTTP request the proxy saw (``index`` counts from 1 since the proxy started)."""

    index: int
    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    raw: bytes = field(repr=False)


Matcher = Callable[[Request], bool]


def nth(index: int) -> Matcher:
    """Matches the ``index``-th request the proxy sees (1-based, counted since it started)."""
    return lambda request: request.index == index


def containing(data: bytes) -> Matcher:
    """Matches a request whose head or body contains ``data``."""
    return lambda request: data in request.raw


def to_path(prefix: str) -> Matcher:
    """Matches a request whose target starts with ``prefix`` (such as ``/update``)."""
    return lambda request: request.target.startswith(prefix)


@dataclass
class Fault:
    """What to do to a connection; subclasses say what. ``when`` picks the request (None: the
    next one) and ``times`` how many times the fault fires."""

    when: Matcher | None = field(default=None, kw_only=True)
    times: int = field(default=1, kw_only=True)
    then: Callable[[FaultProxy], None] | None = field(default=None, kw_only=True)
    """Called with the proxy when the fault fires (to arm the next fault, say)."""

    def matches(self, request: Request | None) -> bool:
        """Whether the fault applies to ``request`` (None: a connection in raw mode)."""
        return self.when is None or (request is not None and self.when(request))


@dataclass
class Refuse(Fault):
    """Reset the next new connection before reading anything."""


@dataclass
class CutUpstream(Fault):
    """Forward ``after`` bytes of the request, then close both sides."""

    after: int = 0


@dataclass
class CutDownstream(Fault):
    """Forward the request whole; forward ``after`` bytes of the answer, then close both
    sides."""

    after: int = 0


@dataclass
class Delay(Fault):
    """Hold the request (or, with ``downstream``, its answer) for ``seconds``."""

    seconds: float = 1.0
    downstream: bool = False


@dataclass
class Garbage(Fault):
    """Answer the request with ``data`` instead of forwarding it, then close."""

    data: bytes = b"\x00\xffthis is not HTTP\r\n\r\n"


@dataclass
class CutBody(Fault):
    """Forward the request whole; forward the answer's head and the first ``lines`` lines
    of its body, framed as the server framed it or (``framing=False``) not at all, then
    close both sides."""

    lines: int = 1
    framing: bool = True


@dataclass
class Trickle(Fault):
    """Forward the answer ``size`` bytes at a time, ``pause`` seconds apart."""

    size: int = 16
    pause: float = 0.2


_ANSWER_FAULTS = (CutDownstream, CutBody, Delay, Trickle)
"""Faults applied to the answer of the request they matched."""


class FaultProxy:
    """A fault-injecting TCP proxy from 127.0.0.1:``port`` to ``upstream`` (see the module
    docstring)."""

    def __init__(self, upstream: tuple[str, int], *, http: bool = True) -> None:
        self.upstream = upstream
        self.http = http
        self.requests: list[Request] = []
        """Every request seen (HTTP mode), in order."""
        self.fired: list[tuple[Fault, Request | None]] = []
        """Each fault that fired, with the request it fired on (None: a connection)."""
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port: int = self._listener.getsockname()[1]
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="faultproxy", daemon=True)
        self._thread.start()

    def url(self, path: str = "") -> str:
        """``http://127.0.0.1:PORT`` and ``path``."""
        return f"http://127.0.0.1:{self.port}{path}"

    # Faults ---------------------------------------------------------------------------

    def arm(self, *faults: Fault) -> None:
        """Add ``faults``, tried in the order they were armed."""
        with self._lock:
            self._faults.extend(faults)

    def disarm(self) -> None:
        """Drop every fault that has not fired yet."""
        with self._lock:
            self._faults.clear()

    def _take(self, request: Request | None, kinds: tuple[type[Fault], ...]) -> Fault | None:
        chosen: Fault | None = None
        with self._lock:
            for fault in self._faults:
                if isinstance(fault, kinds) and fault.matches(request):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    self.fired.append((fault, request))
                    chosen = fault
                    break
        if chosen is not None and chosen.then is not None:
            chosen.then(self)
        return chosen

    # Connections ----------------------------------------------------------------------

    def _accept(self) -> None:
        self._listener.settimeout(0.1)
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self._take(None, (Refuse,)) is not None:
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=10)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            _Connection(self, client, server).start()

    def _track(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._connections.update(sockets)

    def _forget(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._connections.difference_update(sockets)

    def _record(
        self, method: str, target: str, headers: dict[str, str], body: bytes, raw: bytes
    ) -> Request:
        with self._lock:
            request = Request(len(self.requests) + 1, method, target, headers, body, raw)
            self.requests.append(request)
        return request

    def drop_connections(self) -> None:
        """Close every connection open now, as a server that went away does (a client that
        keeps connections alive then meets :class:`Refuse` on its next one)."""
        with self._lock:
            held = list(self._connections)
        for sock in held:
            _shut(sock)

    def close(self) -> None:
        """Stop listening and close every connection."""
        self._closed.set()
        self._listener.close()
        self._thread.join(timeout=5)
        self.drop_connections()

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


class _Connection:
    """One client connection and its connection to the server: two pumps."""

    def __init__(self, proxy: FaultProxy, client: socket.socket, server: socket.socket) -> None:
        self.proxy = proxy
        self.client = client
        self.server = server
        self.answer_fault: Fault | None = None
        self.raw_fault: Fault | None = None
        self.closed = threading.Event()
        proxy._track(client, server)

    def start(self) -> None:
        if not self.proxy.http:
            self.raw_fault = self.proxy._take(
                None, (CutUpstream, CutDownstream, Delay, Garbage, Trickle)
            )
        up = self._upstream_http if self.proxy.http else self._upstream_raw
        threading.Thread(target=up, name="faultproxy-up", daemon=True).start()
        threading.Thread(target=self._downstream, name="faultproxy-down", daemon=True).start()

    def close(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        _shut(self.client)
        _shut(self.server)
        self.proxy._forget(self.client, self.server)

    # Client to server ---------------------------------------------------------------

    def _upstream_raw(self) -> None:
        fault, sent = self.raw_fault, 0
        try:
            if isinstance(fault, Garbage):
                self.client.sendall(fault.data)
                return
            if isinstance(fault, Delay) and not fault.downstream:
                time.sleep(fault.seconds)
            while data := self.client.recv(_BUFFER):
                if isinstance(fault, CutUpstream):
                    data = data[: max(0, fault.after - sent)]
                    sent += len(data)
                    if data:
                        self.server.sendall(data)
                    if sent >= fault.after:
                        return
                    continue
                self.server.sendall(data)
        except OSError:
            pass
        finally:
            if isinstance(fault, (CutUpstream, Garbage)):
                self.close()
            else:
                _half_close(self.server)

    def _upstream_http(self) -> None:
        reader = self.client.makefile("rb")
        try:
            while not self.closed.is_set():
                request = _read_request(reader, self.proxy)
                if request is None:
                    _half_close(self.server)
                    return
                fault = self.proxy._take(request, (CutUpstream, Garbage, *_ANSWER_FAULTS))
                if isinstance(fault, Garbage):
                    self.client.sendall(fault.data)
                    self.close()
                    return
                if isinstance(fault, CutUpstream):
                    self.server.sendall(request.raw[: fault.after])
                    time.sleep(0.05)  # let the server read what it got before the cut
                    self.close()
                    return
                if isinstance(fault, Delay) and not fault.downstream:
                    time.sleep(fault.seconds)
                if isinstance(fault, _ANSWER_FAULTS):
                    self.answer_fault = fault
                self.server.sendall(request.raw)
        except OSError:
            self.close()
        finally:
            reader.close()

    # Server to client ---------------------------------------------------------------

    def _downstream(self) -> None:
        sent, current = 0, None
        try:
            while data := self.server.recv(_BUFFER):
                fault = self.answer_fault if self.proxy.http else self.raw_fault
                if fault is not current:  # a new answer: count its bytes from its start
                    sent, current = 0, fault
                if isinstance(fault, CutBody):
                    self.client.sendall(_cut_answer(data, self.server, fault))
                    return
                if isinstance(fault, Trickle):
                    for start in range(0, len(data), fault.size):
                        time.sleep(fault.pause)
                        self.client.sendall(data[start : start + fault.size])
                    continue
                if isinstance(fault, Delay) and fault.downstream:
                    time.sleep(fault.seconds)
                    self.answer_fault = None
                elif isinstance(fault, CutDownstream):
                    data = data[: max(0, fault.after - sent)]
                    sent += len(data)
                    if data:
                        self.client.sendall(data)
                    if sent >= fault.after:
                        self.close()
                        return
                    continue
                self.client.sendall(data)
        except OSError:
            pass
        finally:
            self.close()


def _half_close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)


def _read_request(reader: BinaryIO, proxy: FaultProxy) -> Request | None:
    """The next HTTP/1.1 request on ``reader`` (framed by Content-Length or chunked), or
    None at the end of the stream."""
    head = b""
    while True:
        line = reader.readline()
        if not line:
            return None
        head += line
        if line in (b"\r\n", b"\n"):
            if head.strip():
                break
            head = b""  # blank lines between requests
    lines = head.decode("latin-1").split("\r\n")
    method, target, *_ = ([*lines[0].split(" "), "", ""])[:3]
    headers: dict[str, str] = {}
    for text in lines[1:]:
        if ":" in text:
            name, value = text.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    body = b""
    framing = b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            size_line = reader.readline()
            framing += size_line
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            chunk = reader.read(size + 2) if size else b""
            framing += chunk
            body += chunk[:size]
            if size == 0:
                while (trailer := reader.readline()) not in (b"\r\n", b"\n", b""):
                    framing += trailer
                framing += b"\r\n"
                break
    else:
        length = int(headers.get("content-length", "0") or 0)
        body = reader.read(length) if length else b""
        framing = body
    return proxy._record(method, target, headers, body, head + framing)


def _cut_answer(start: bytes, server: socket.socket, fault: CutBody) -> bytes:
    """The answer whose first bytes are ``start`` (the rest read from ``server``), as
    ``fault`` cuts it: its head and the first ``fault.lines`` lines of its body."""
    reader = _Buffered(start, server)
    head = reader.until(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in lines[1:] if ":" in line)
    }
    chunked = "chunked" in headers.get("transfer-encoding", "").lower()
    if chunked:
        body = b""
        while size := int(reader.until(b"\r\n").split(b";")[0].strip() or b"0", 16):
            body += reader.exactly(size + 2)[:size]
    elif "content-length" in headers:
        body = reader.exactly(int(headers["content-length"]))
    else:
        body = reader.rest()
    kept = b"".join(body.splitlines(keepends=True)[: fault.lines])
    if not fault.framing:
        unframed = [
            line
            for line in lines[1:]
            if line and line.split(":")[0].strip().lower() not in _FRAMING
        ]
        head = "\r\n".join([lines[0], *unframed, "Connection: close", "", ""]).encode("latin-1")
        return head + kept
    if chunked:  # one chunk ending at the line boundary, and no final zero-length chunk
        return head + f"{len(kept):x}\r\n".encode() + kept + b"\r\n" if kept else head
    return head + kept


_FRAMING = ("content-length", "transfer-encoding", "connection")


class _Buffered:
    """Reads from a socket past bytes already received."""

    def __init__(self, start: bytes, sock: socket.socket) -> None:
        self.data = start
        self.sock = sock

    def _more(self) -> bool:
        received = self.sock.recv(_BUFFER)
        self.data += received
        return bool(received)

    def until(self, mark: bytes) -> bytes:
        """Everything up to and including ``mark``."""
        while mark not in self.data:
            if not self._more():
                raise OSError("the server closed its answer early")
        end = self.data.index(mark) + len(mark)
        found, self.data = self.data[:end], self.data[end:]
        return found

    def exactly(self, size: int) -> bytes:
        """The next ``size`` bytes."""
        while len(self.data) < size:
            if not self._more():
                raise OSError("the server closed its answer early")
        found, self.data = self.data[:size], self.data[size:]
        return found

    def rest(self) -> bytes:
        """Everything until the server closes."""
        while self._more():
            pass
        found, self.data = self.data, b""
        return found
