"""A load through a SPARQL server whose connection fails: cut while uploading, cut while the
publishing request is sent, cut after the server applied it but before its answer arrives,
answered with garbage, held past the timeout, or the server gone right after. The graph is
exactly as before or exactly as after, and finreg's report (exit code, message, ``--json``)
says which, having checked the server. A load killed at each failpoint leaves the server
before or after too.

Each test runs on two Oxigraph servers of its own, one started with
``--union-default-graph`` and one without, behind a fault-injecting proxy
(tests/faultproxy.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from api.cli import EXIT_STORE
from kg.errors import WriteError
from kg.loaders import load_files
from kg.store import Endpoint, RemoteStore
from kg.store import remote_registry as server_records
from tests.conftest import ROOT
from tests.faultproxy import (
    CutDownstream,
    CutUpstream,
    Delay,
    Fault,
    FaultProxy,
    Garbage,
    Refuse,
    Request,
)
from tests.hardening.conftest import canonical, run_cli
from tests.servers.oxigraph import oxigraph_server

pytestmark = pytest.mark.own_servers

HEAD = """@prefix fr: <https://w3id.org/finreg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix source: <https://w3id.org/finreg/id/source/> .
source:s a fr:Source ; dcterms:title "报道"@zh ; dcterms:publisher "某报"@zh ;
    dcterms:issued "2025-10-24"^^xsd:date .
"""

ROWS = 2500
"""Rows of the test file: 5,004 triples, three upload requests of at most 2,000."""


def rows(tag: str, count: int = ROWS) -> str:
    """A file whose every label says ``tag``: loading another tag over it replaces them all."""
    return HEAD + "".join(
        f'<http://example.org/row/{i}> rdfs:label "{tag} {i}"@zh ; '
        f'rdfs:comment "{tag}: row {i}"@en .\n'
        for i in range(count)
    )


def uploading(request: Request) -> bool:
    """An upload request: data into a version graph."""
    return request.target.startswith("/update") and request.body.startswith(
        b"INSERT DATA { GRAPH <https://w3id.org/finreg/id/version/"
    )


def publishing(request: Request) -> bool:
    """The publishing request: one guarded update of the registry and the state token."""
    return (
        request.target.startswith("/update")
        and request.body.startswith(b"DELETE {")
        and b"<https://w3id.org/finreg/id/store#state>" in request.body
    )


def the(nth: int, matcher: Callable[[Request], bool]) -> Callable[[Request], bool]:
    """Matches the ``nth`` request ``matcher`` matches (counted from when it is armed)."""
    seen = [0]

    def match(request: Request) -> bool:
        if matcher(request):
            seen[0] += 1
            return seen[0] == nth
        return False

    return match


def refuse_from_now(proxy: FaultProxy) -> None:
    """The server is gone: every new connection is refused."""
    proxy.arm(Refuse(times=10_000))


@pytest.fixture(scope="module", params=[False, True], ids=["no-union", "union"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Endpoint]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph"), union=request.param) as endpoint:
        yield endpoint


@dataclass
class Setup:
    """The server direct, the proxy in front of it, the file and the states to compare."""

    direct: RemoteStore
    proxy: FaultProxy
    path: Path
    before: set[str]
    after: set[str]

    @property
    def url(self) -> str:
        return self.proxy.url("/query")

    def state(self) -> set[str]:
        return canonical(self.direct.export("nq"), load_times=False)

    def reset(self) -> None:
        """Back to the state before: the old file loaded, nothing else on the server."""
        self.proxy.disarm()
        self.direct.reset()
        self.path.write_text(rows("old"), encoding="utf-8")
        assert self.load_direct() == 0
        self.path.write_text(rows("new"), encoding="utf-8")
        assert self.state() == self.before

    def load_direct(self) -> int:
        from api.cli import main

        return main(["load", "--quiet", "--store", self.direct.query_url, str(self.path)])

    def leftovers(self) -> list[str]:
        return [v.state for v in self.direct.staged_versions()]


@pytest.fixture(scope="module")
def states(server: Endpoint, tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str]]:
    """The server's content with the old file loaded, and with the new one (the same in
    every test: load times are left out)."""
    direct = RemoteStore(server)
    path = tmp_path_factory.mktemp("states") / "rows.ttl"
    (path.parent / "finreg.toml").write_text("")
    found = []
    try:
        direct.reset()
        for tag in ("old", "new"):
            path.write_text(rows(tag), encoding="utf-8")
            load_files(direct, [path])
            found.append(canonical(direct.export("nq"), load_times=False))
    finally:
        direct.close()
    assert found[0] != found[1]
    return found[0], found[1]


@pytest.fixture
def setup(server: Endpoint, states: tuple[set[str], set[str]], tmp_path: Path) -> Iterator[Setup]:
    direct = RemoteStore(server)
    host, port = urlsplit(server.query_url).hostname, urlsplit(server.query_url).port
    assert host is not None
    assert port is not None
    with FaultProxy((host, port)) as proxy:
        found = Setup(direct, proxy, tmp_path / "rows.ttl", *states)
        found.reset()
        yield found
    direct.close()


@dataclass(frozen=True)
class Case:
    """A fault, and what the load must leave and say."""

    fault: Callable[[], Fault]
    state: str
    code: int
    written: bool | None
    words: str
    settle: float = 0.0
    """Seconds to wait before looking at the server (a held request still on its way)."""


CASES = {
    "upload cut while sent": Case(
        lambda: CutUpstream(after=5000, when=the(2, uploading)),
        "before", EXIT_STORE, False, "uploading the load failed",
    ),
    "publish cut while sent": Case(
        lambda: CutUpstream(after=300, when=publishing),
        "before", EXIT_STORE, False, "checked on the server: nothing was replaced",
    ),
    "publish answered with garbage": Case(
        lambda: Garbage(when=publishing),
        "before", EXIT_STORE, False, "checked on the server: nothing was replaced",
    ),
    "publish applied, answer lost": Case(
        lambda: CutDownstream(after=0, when=publishing),
        "after", 0, True, "answer was lost",
    ),
    "publish applied, answer cut part-way": Case(
        lambda: CutDownstream(after=12, when=publishing),
        "after", 0, True, "answer was lost",
    ),
    "publish held past the timeout, then sent": Case(
        lambda: Delay(seconds=3.0, when=publishing),
        "before", EXIT_STORE, False, "checked on the server: nothing was replaced", settle=3.0,
    ),
    "publish applied, answer held past the timeout": Case(
        lambda: Delay(seconds=3.0, downstream=True, when=publishing),
        "after", 0, True, "answer was lost",
    ),
    "publish cut while sent, server gone": Case(
        lambda: CutUpstream(after=300, when=publishing, then=refuse_from_now),
        "before", EXIT_STORE, None, "could not be asked",
    ),
    "publish applied, answer lost, server gone": Case(
        lambda: CutDownstream(after=0, when=publishing, then=refuse_from_now),
        "after", EXIT_STORE, None, "could not be asked",
    ),
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("output", ["text", "json"])
@pytest.mark.parametrize("name", CASES)
def test_a_fault_leaves_the_graph_before_or_after_and_the_report_says_which(
    setup: Setup,
    name: str,
    output: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = CASES[name]
    monkeypatch.setenv("FINREG_STORE_TIMEOUT", "1.5")
    setup.proxy.arm(case.fault())
    json_flag = ["--json"] if output == "json" else []
    code, out, err = run_cli(
        capsys, "load", "--quiet", *json_flag, "--store", setup.url, setup.path
    )
    assert setup.proxy.fired, "the fault never fired"
    time.sleep(case.settle)
    state = setup.state()
    assert state in (setup.before, setup.after), "a mix of the old and the new"
    assert state == (setup.before if case.state == "before" else setup.after)
    assert code == case.code, (out, err)
    if output == "json":
        document = json.loads(out)
        assert document["ok"] is (code == 0)
        assert document["written"] is case.written
        words = json.dumps(document, ensure_ascii=False)
    else:
        words = out + err
        if code:
            assert all(line.startswith("finreg: ") for line in err.splitlines())
    assert case.words in words
    if case.written is False:
        assert "nothing was replaced" in words
    setup.proxy.disarm()
    # Whatever happened, what the load left is collected or published, never lost.
    if case.written is None and case.state == "before":
        assert setup.leftovers() == ["loading"] * 1  # its lease is live: kept
    else:
        assert all(s == "replaced" for s in setup.leftovers())


@pytest.mark.slow
def test_versions_left_by_a_load_that_lost_its_server_are_cleaned_once_the_lease_expires(
    setup: Setup, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server_records, "LEASE_SECONDS", 2.0)
    setup.proxy.arm(CutUpstream(after=300, when=publishing, then=refuse_from_now))
    code, _, err = run_cli(capsys, "load", "--quiet", "--store", setup.url, setup.path)
    assert code == EXIT_STORE
    assert "could not be asked" in err
    setup.proxy.disarm()
    store = ["--store", setup.direct.query_url]
    code, out, _ = run_cli(capsys, "staging", *store)
    assert code == 0
    assert "loading" in out
    assert "rows.ttl" in out
    code, out, _ = run_cli(capsys, "staging", "--clean", *store)
    assert "no versions removed" in out  # the lease is still live
    time.sleep(2.5)
    code, out, _ = run_cli(capsys, "staging", "--json", *store)
    (version,) = json.loads(out)["versions"]
    assert version["state"] == "expired"
    assert version["removable"] is True
    assert version["graph"] == "rows.ttl"
    assert version["triples"] > 5000
    code, out, _ = run_cli(capsys, "staging", "--clean", *store)
    assert code == 0
    assert "removed 1 version(s)" in out
    assert "expired" in out
    assert setup.direct.staged_versions() == []
    assert setup.state() == setup.before


_LOAD = (
    "import sys; from kg.store import remote_registry; remote_registry.LEASE_SECONDS = 2; "
    "from api.cli import main; sys.exit(main(sys.argv[1:]))"
)
KILLED_AT = {"validated": "before", "written": "before", "publishing": None, "published": "after"}


@pytest.mark.slow
@pytest.mark.parametrize(("point", "expected"), KILLED_AT.items())
def test_a_load_killed_at_each_failpoint_leaves_the_server_before_or_after(
    setup: Setup, point: str, expected: str | None
) -> None:
    process = subprocess.run(
        [sys.executable, "-c", _LOAD, "load", "--quiet", "--store", setup.url, str(setup.path)],
        capture_output=True, env={**os.environ, "FINREG_FAILPOINT": point}, timeout=300,
        check=False, cwd=ROOT,
    )  # fmt: skip
    assert process.returncode == -9, process.stderr.decode()
    state = setup.state()
    assert state in (setup.before, setup.after), "a mix of the old and the new"
    if expected is not None:
        assert state == (setup.before if expected == "before" else setup.after)
    time.sleep(2.5)  # the killed load's lease expires
    assert setup.load_direct() == 0  # the next load collects what the killed one left
    assert setup.state() == setup.after
    assert setup.leftovers() in ([], ["replaced"])


@pytest.mark.slow
def test_a_load_just_over_the_request_size_goes_in_two_requests_and_is_published_whole(
    setup: Setup,
) -> None:
    """What the 1M bench does with finreg's default request size, on a small scale: one
    request's worth of triples plus a little more is sent in two, and published at once;
    a cut in the second leaves the graph as it was."""

    def load(max_update_bytes: int) -> list[Request]:
        store = RemoteStore(
            Endpoint(query_url=setup.url), max_update_bytes=max_update_bytes, upload_triples=10**6
        )
        seen = len(setup.proxy.requests)
        try:
            load_files(store, [setup.path])
        finally:
            store.close()
        return [r for r in setup.proxy.requests[seen:] if uploading(r)]

    (whole,) = load(64 * 1024 * 1024)
    assert setup.state() == setup.after
    setup.reset()
    limit = len(whole.body) - 1
    setup.proxy.arm(CutUpstream(after=2000, when=the(2, uploading)))
    with pytest.raises(WriteError, match="nothing was replaced"):
        load(limit)
    assert setup.state() == setup.before
    assert setup.leftovers() == []
    first, second = load(limit)
    assert len(first.body) <= limit
    assert len(second.body) <= limit
    assert setup.state() == setup.after
