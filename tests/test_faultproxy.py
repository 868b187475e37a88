"""The fault-injecting proxy does what each fault says, against a small HTTP server that
records what it received."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.faultproxy import (
    CutBody,
    CutDownstream,
    CutUpstream,
    Delay,
    FaultProxy,
    Garbage,
    Refuse,
    Trickle,
    containing,
    nth,
    to_path,
)

pytestmark = pytest.mark.embedded_only


class _Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    received: list[bytes]

    def do_POST(self) -> None:
        declared = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(declared)
        if len(body) < declared:  # cut short: a real server refuses it, unrun
            return
        self.received.append(body)
        answer = b"ok:" + body
        self.send_response(200)
        if self.path == "/chunked":  # the answer in two chunks and the final empty one
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            half = len(answer) // 2
            for part in (answer[:half], answer[half:], b""):
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            return
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet."""


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A connection the proxy cut: nothing to report."""


@pytest.fixture
def server() -> Iterator[tuple[tuple[str, int], list[bytes]]]:
    received: list[bytes] = []
    handler = type("Handler", (_Recorder,), {"received": received})
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield ("127.0.0.1", httpd.server_address[1]), received  # type: ignore[misc]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def proxy(server: tuple[tuple[str, int], list[bytes]]) -> Iterator[FaultProxy]:
    with FaultProxy(server[0]) as running:
        yield running


def _post(proxy: FaultProxy, body: bytes, path: str = "/x") -> httpx.Response:
    with httpx.Client(timeout=5) as client:
        return client.post(proxy.url(path), content=body)


def test_without_a_fault_everything_passes(proxy: FaultProxy, server: tuple) -> None:
    assert _post(proxy, b"one").content == b"ok:one"
    assert _post(proxy, b"two").content == b"ok:two"
    assert server[1] == [b"one", b"two"]
    assert [r.body for r in proxy.requests] == [b"one", b"two"]
    assert [r.index for r in proxy.requests] == [1, 2]


def test_a_request_cut_while_sent_never_reaches_the_server(
    proxy: FaultProxy, server: tuple
) -> None:
    proxy.arm(CutUpstream(after=400, when=containing(b"cut me")))
    assert _post(proxy, b"fine").status_code == 200
    with pytest.raises(httpx.HTTPError):
        _post(proxy, b"cut me please " * 200)
    assert _post(proxy, b"after").status_code == 200  # the fault fired once
    assert server[1] == [b"fine", b"after"]
    assert [r.body for _, r in proxy.fired if r is not None] == [b"cut me please " * 200]


def test_an_answer_cut_after_the_server_ran_the_request(proxy: FaultProxy, server: tuple) -> None:
    proxy.arm(CutDownstream(after=0, when=nth(2)))
    assert _post(proxy, b"first").status_code == 200
    with pytest.raises(httpx.HTTPError):
        _post(proxy, b"second")
    assert server[1] == [b"first", b"second"]  # the server did get and run it


def test_an_answer_cut_part_way(proxy: FaultProxy, server: tuple) -> None:
    proxy.arm(CutDownstream(after=30))
    with pytest.raises(httpx.HTTPError):
        _post(proxy, b"x" * 1000)
    assert server[1] == [b"x" * 1000]


def test_delays_hold_requests_and_answers(proxy: FaultProxy) -> None:
    proxy.arm(Delay(seconds=0.4), Delay(seconds=0.4, downstream=True, when=to_path("/slow")))
    for path in ("/a", "/slow"):
        started = time.monotonic()
        assert _post(proxy, b"x", path).status_code == 200
        assert time.monotonic() - started >= 0.35


LINES = b"first\nsecond\nthird\nfourth\n"


@pytest.mark.parametrize("path", ["/x", "/chunked"])
def test_an_answer_cut_at_a_line_boundary_keeps_its_framing(proxy: FaultProxy, path: str) -> None:
    assert _post(proxy, LINES, path).content == b"ok:" + LINES  # whole without the fault
    proxy.arm(CutBody(lines=2))
    with pytest.raises(httpx.RemoteProtocolError, match="complete message body"):
        _post(proxy, LINES, path)
    assert _post(proxy, LINES, path).content == b"ok:" + LINES


@pytest.mark.parametrize("path", ["/x", "/chunked"])
def test_an_unframed_answer_cut_at_a_line_boundary_looks_whole(
    proxy: FaultProxy, path: str
) -> None:
    proxy.arm(CutBody(lines=2, framing=False))
    answer = _post(proxy, LINES, path)
    assert answer.status_code == 200
    assert answer.content == b"ok:first\nsecond\n"  # what a client that trusts it shows
    assert "content-length" not in answer.headers
    assert "transfer-encoding" not in answer.headers


def test_a_trickled_answer_arrives_whole_past_a_read_timeout(proxy: FaultProxy) -> None:
    proxy.arm(Trickle(size=8, pause=0.1))
    with httpx.Client(timeout=0.5) as client:  # each read is in time, the whole is not
        assert client.post(proxy.url("/x"), content=LINES * 3).content == b"ok:" + LINES * 3
    assert len(proxy.fired) == 1


def test_garbage_instead_of_an_answer(proxy: FaultProxy, server: tuple) -> None:
    proxy.arm(Garbage(data=b"\x00\x01 nonsense\r\n\r\n"))
    with pytest.raises(httpx.HTTPError):
        _post(proxy, b"x")
    assert server[1] == []


def test_refused_connections(proxy: FaultProxy, server: tuple) -> None:
    proxy.arm(Refuse(times=2))
    for _ in range(2):
        with pytest.raises(httpx.HTTPError), httpx.Client(timeout=5) as client:
            client.post(proxy.url("/x"), content=b"x")
    assert _post(proxy, b"y").status_code == 200
    assert server[1] == [b"y"]


def test_a_server_gone_drops_kept_alive_connections_and_refuses_new_ones(
    proxy: FaultProxy, server: tuple
) -> None:
    with httpx.Client(timeout=5) as client:
        assert client.post(proxy.url("/x"), content=b"a").content == b"ok:a"
        proxy.arm(Refuse(times=100))
        assert client.post(proxy.url("/x"), content=b"b").content == b"ok:b"  # kept alive
        proxy.drop_connections()
        with pytest.raises(httpx.HTTPError):
            client.post(proxy.url("/x"), content=b"c")
        proxy.disarm()
        assert client.post(proxy.url("/x"), content=b"d").content == b"ok:d"
    assert server[1] == [b"a", b"b", b"d"]


def test_raw_mode_cuts_any_stream_after_n_bytes(server: tuple) -> None:
    with FaultProxy(server[0], http=False) as raw:
        raw.arm(CutUpstream(after=10))
        with pytest.raises(httpx.HTTPError), httpx.Client(timeout=5) as client:
            client.post(raw.url("/x"), content=b"hello")
        with httpx.Client(timeout=5) as client:
            assert client.post(raw.url("/x"), content=b"again").content == b"ok:again"
    assert server[1] == [b"again"]
