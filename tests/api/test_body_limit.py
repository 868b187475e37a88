"""One body limit for every route: a 2 MB body is a 413 that urllib, httpx, curl and a bare
socket all read, in the route's own error format; past the 16 MiB drain bound the 413 comes
at once, before the body, and the connection closes."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlsplit

import httpx
import pytest

from api.app import create_app
from api.body_limit import DRAIN_BYTES, MAX_BODY_BYTES
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from kg.store import GraphStore
from tests.blocking import GUARD
from tests.server import serving

pytestmark = pytest.mark.e2e

BODY = b" " * 2_000_000
"""2 MB: twice the limit, well within the drain bound."""
TOO_LARGE = f"request body larger than {MAX_BODY_BYTES} bytes"

# route, Content-Type sent, Content-Type of the 413
ROUTES = [
    ("/graphql", "application/json", "application/json"),
    ("/sparql", "application/sparql-query", "text/plain"),
    ("/search", "application/x-www-form-urlencoded", "text/plain"),
]


@pytest.fixture(scope="module")
def served(seeded_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app over the seed graph."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("body-limit") / "data")
    with serving(create_app(settings, graph=KnowledgeGraph(seeded_store))) as url:
        yield url


def says_too_large(route: str, body: bytes) -> bool:
    """Whether a 413 body says what was refused, in the route's format."""
    if route == "/graphql":
        return json.loads(body) == {"errors": [{"message": TOO_LARGE}]}
    return TOO_LARGE in body.decode()


def raw_exchange(url: str, head: str, body: bytes = b"") -> bytes:
    """Send a request over a bare socket; everything the server sends until it closes."""
    parts = urlsplit(url)
    assert parts.hostname is not None
    assert parts.port is not None
    with socket.create_connection((parts.hostname, parts.port), timeout=GUARD) as sock:
        sock.sendall(head.encode() + body)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def head(route: str, content_type: str, length: int, *extra: str) -> str:
    """The request line and headers of a POST of ``length`` bytes."""
    lines = [f"POST {route} HTTP/1.1", "Host: 127.0.0.1", f"Content-Type: {content_type}"]
    lines += [f"Content-Length: {length}", *extra]
    return "\r\n".join(lines) + "\r\n\r\n"


@pytest.mark.parametrize(("route", "sent", "answered"), ROUTES)
def test_urllib_reads_the_413(served: str, route: str, sent: str, answered: str) -> None:
    request = urllib.request.Request(
        served + route, data=BODY, headers={"Content-Type": sent}, method="POST"
    )
    with pytest.raises(HTTPError) as raised:
        urllib.request.urlopen(request, timeout=GUARD)
    with raised.value as error:
        assert error.code == 413
        assert error.headers["content-type"].startswith(answered)
        assert says_too_large(route, error.read())


@pytest.mark.parametrize(("route", "sent", "answered"), ROUTES)
def test_httpx_reads_the_413(served: str, route: str, sent: str, answered: str) -> None:
    response = httpx.post(
        served + route, content=BODY, headers={"Content-Type": sent}, timeout=GUARD
    )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith(answered)
    assert response.headers["connection"] == "close"
    assert says_too_large(route, response.content)


@pytest.mark.parametrize(("route", "sent", "answered"), ROUTES)
def test_a_bare_socket_reads_the_413_after_sending_it_all(
    served: str, route: str, sent: str, answered: str
) -> None:
    answer = raw_exchange(served, head(route, sent, len(BODY)), BODY)
    status, _, rest = answer.partition(b"\r\n")
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    assert says_too_large(route, rest.partition(b"\r\n\r\n")[2])


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize(("route", "sent", "answered"), ROUTES)
def test_curl_reads_the_413(
    served: str, tmp_path: Path, route: str, sent: str, answered: str
) -> None:
    data = tmp_path / "body"
    data.write_bytes(BODY)
    done = subprocess.run(
        ["curl", "--silent", "--show-error", "--max-time", str(int(GUARD)),
         "--header", f"Content-Type: {sent}", "--header", "Expect:",  # send it all at once
         "--data-binary", f"@{data}", "--write-out", "\n%{http_code}", served + route],
        capture_output=True, check=True,
    )  # fmt: skip
    body, _, code = done.stdout.rpartition(b"\n")
    assert code == b"413"
    assert says_too_large(route, body)


def test_past_the_drain_bound_the_413_comes_before_the_body(served: str) -> None:
    # The client announces more than the server drains and sends none of it: the answer
    # comes anyway, and the server closes the connection (a client still sending could see
    # it reset instead; this one sends nothing more).
    answer = raw_exchange(served, head("/graphql", "application/json", DRAIN_BYTES + 1))
    status, _, rest = answer.partition(b"\r\n")
    headers, _, body = rest.partition(b"\r\n\r\n")
    assert status == b"HTTP/1.1 413 Request Entity Too Large"
    assert b"connection: close" in headers.lower()
    assert says_too_large("/graphql", body)


def test_a_client_expecting_100_continue_gets_the_413_instead(served: str) -> None:
    expecting = head("/sparql", "application/sparql-query", len(BODY), "Expect: 100-continue")
    answer = raw_exchange(served, expecting)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"100 Continue" not in answer
    assert says_too_large("/sparql", answer.partition(b"\r\n\r\n")[2])


def test_a_body_within_the_limit_is_read_as_usual(served: str) -> None:
    padded = '{"query": "{ entity(name: \\"花呗\\") { name } }"' + " " * 500_000 + "}"
    response = httpx.post(
        served + "/graphql", content=padded.encode(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"entity": {"name": "花呗"}}}
