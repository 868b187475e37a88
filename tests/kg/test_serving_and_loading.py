"""What the README says of loading while ``finreg serve`` runs: on the embedded store the
server holds the store for writing, so a load is refused in one line that says why (read-only
commands still work) and succeeds once the server stops; on a SPARQL server a load goes
through and every API process sees it (tests/kg/test_remote_store.py,
``test_two_workers_serve_one_server_and_see_a_load``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from api.cli import EXIT_STORE, main
from tests.conftest import ROOT, Files
from tests.server import free_port

pytestmark = pytest.mark.embedded_only


def test_a_load_into_a_store_that_finreg_serve_holds_is_refused_until_it_stops(
    tmp_path: Path, files: Files, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    assert main(["load", "--quiet", "--data", str(data), str(files.entities)]) == 0
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--data", str(data), "--port", str(port)],
        env={**os.environ, "FINREG_SEEDS": str(tmp_path / "no-seeds")}, stdout=log,
        stderr=subprocess.STDOUT, cwd=ROOT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "finreg serve did not start"
            time.sleep(0.1)
        capsys.readouterr()
        code = main(["load", "--quiet", "--data", str(data), str(files.events)])
        (line,) = capsys.readouterr().err.splitlines()
        assert code == EXIT_STORE
        assert line.startswith(f"finreg: cannot open the store in {data}")
        assert "'finreg serve'" in line
        assert main(["stats", "--data", str(data)]) == 0  # read-only commands work
        assert main(["staging", "--data", str(data)]) == 0
        assert main(["staging", "--clean", "--data", str(data)]) == EXIT_STORE
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    assert main(["load", "--quiet", "--data", str(data), str(files.events)]) == 0
