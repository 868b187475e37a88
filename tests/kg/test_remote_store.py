"""A SPARQL server as the store: fail fast when it is away, many API processes on one server."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from subprocess import Popen
from typing import IO

import httpx
import pytest

from api.cli import EXIT_STORE, main
from kg.errors import StoreUnavailableError
from kg.knowledge._stamp import MAX_AGE as STAMP_MAX_AGE
from kg.store import Endpoint, RemoteStore, default_update_url
from tests.conftest import ENTITIES, ROOT, SEEDS, SEEDS_DIR
from tests.server import free_port
from tests.servers.oxigraph import oxigraph_server


def test_update_url_follows_oxigraph_layout() -> None:
    assert default_update_url("http://h:7878/query") == "http://h:7878/update"
    assert default_update_url("http://h:8890/sparql") == "http://h:8890/sparql"


def test_unreachable_server_fails_fast_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    code = main(["stats", "--store", url])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == EXIT_STORE
    assert len(err) == 1
    assert url in err[0]
    assert "cannot reach the SPARQL server" in err[0]


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server on loopback that accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/query"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


def test_a_server_that_never_answers_times_out(
    silent_server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINREG_STORE_TIMEOUT", "0.5")
    code = main(["lineage", "--store", silent_server, "花呗"])
    err = capsys.readouterr().err
    assert code == EXIT_STORE
    assert f"{silent_server}: no answer within 0.5 s" in err


def test_store_errors_name_the_url(silent_server: str) -> None:
    store = RemoteStore(Endpoint(query_url=silent_server, timeout=0.3))
    try:
        with pytest.raises(StoreUnavailableError, match=r"no answer within 0\.3 s"):
            store.named_graphs()
    finally:
        store.close()


def _start_workers(endpoint: Endpoint, port: int, workdir: Path, log: IO[bytes]) -> Popen[bytes]:
    env = {**os.environ, "FINREG_SEEDS": str(workdir / "no-seeds")}
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--store", endpoint.query_url,
         "--port", str(port), "--workers", "2"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )  # fmt: skip


def _pids_answering(
    base: str, query: str, want: int, deadline: float
) -> dict[int, dict[str, object]]:
    answers: dict[int, dict[str, object]] = {}
    while len(answers) < want and time.monotonic() < deadline:
        with httpx.Client(base_url=base, timeout=10) as client:  # a new connection each time
            try:
                pid = client.get("/healthz").json()["pid"]
                body = client.post("/graphql", json={"query": query}).json()
            except httpx.HTTPError:
                time.sleep(0.1)
                continue
        answers[pid] = body
    return answers


@pytest.mark.slow
def test_two_workers_serve_one_server_and_see_a_load(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "oxigraph") as endpoint:
        port = free_port()
        log = (tmp_path / "serve.log").open("wb")
        process = _start_workers(endpoint, port, tmp_path, log)
        try:
            base = f"http://127.0.0.1:{port}"
            query = '{ entity(name: "甲小额贷款有限公司") { name } }'
            seen = _pids_answering(base, query, 2, time.monotonic() + 60)
            assert len(seen) == 2, (tmp_path / "serve.log").read_text()
            assert all(body == {"data": {"entity": None}} for body in seen.values())
            entities = tmp_path / "entities.ttl"
            entities.write_text(ENTITIES, encoding="utf-8")
            assert main(["load", "--store", endpoint.query_url, str(entities)]) == 0
            # Each process keeps answers by the graph's stamp, which it reads at most once a
            # second (kg.knowledge._stamp): another process's load shows once that has passed.
            time.sleep(STAMP_MAX_AGE)
            after = _pids_answering(base, query, 2, time.monotonic() + 60)
            assert len(after) == 2
            expected = {"data": {"entity": {"name": "甲小额贷款有限公司"}}}
            assert all(body == expected for body in after.values())
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


def test_api_without_its_server_is_unready_and_says_so(tmp_path: Path) -> None:
    from api.app import create_app
    from kg.settings import Settings
    from tests.server import serving

    with oxigraph_server(tmp_path / "oxigraph") as endpoint:
        settings = Settings(
            data_dir=tmp_path,
            seeds_dir=SEEDS_DIR,
            store_url=endpoint.query_url,
            store_timeout=1.0,
        )
        with serving(create_app(settings)) as base, httpx.Client(base_url=base) as client:
            assert client.get("/readyz").status_code == 200
    # the server has stopped: an API started on it now starts unready
    with serving(create_app(settings)) as base, httpx.Client(base_url=base) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/readyz").status_code == 503
        answer = client.post("/graphql", json={"query": '{ entity(name: "花呗") { id } }'})
        assert answer.status_code == 200
        (error,) = answer.json()["errors"]
        assert error["extensions"] == {"code": "STORE_UNAVAILABLE"}
        assert endpoint.query_url not in error["message"]


@pytest.mark.own_servers
@pytest.mark.parametrize("union", [False, True], ids=["no-union", "union"])
def test_the_seeds_answer_on_a_server_with_or_without_a_union_default_graph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], union: bool
) -> None:
    """Without --union-default-graph, finreg once loaded and then found "nothing named 花呗":
    every query now names the graphs it reads."""
    with oxigraph_server(tmp_path / "oxigraph", union=union) as endpoint:
        store = ["--store", endpoint.query_url]
        root = ["--root", str(SEEDS_DIR.parent)]
        assert main(["load", "--quiet", *store, *root, *map(str, SEEDS)]) == 0
        capsys.readouterr()
        assert main(["lineage", *store, "花呗"]) == 0
        out = capsys.readouterr().out
        assert "hand-over(s)" in out
        assert "0 hand-over(s)" not in out
        assert main(["stats", "--json", *store]) == 0
        graphs = json.loads(capsys.readouterr().out)["graphs"]
        assert len(graphs) == len(SEEDS)
        assert all(n > 0 for n in graphs.values())
