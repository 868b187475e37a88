"""A private Oxigraph SPARQL server (the ``oxigraph`` package's binary) on loopback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from kg.store import Endpoint
from tests.server import free_port


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary beside this Python, or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.exists():
        return str(beside)
    return shutil.which("oxigraph")


UNION_VARIABLE = "FINREG_TEST_UNION_DEFAULT_GRAPH"
"""Set to 1 to start the test servers with ``--union-default-graph`` (finreg must answer
the same either way; the default is without, as a server is configured out of the box)."""


def union_by_default() -> bool:
    """Whether the test run asks for servers whose default graph is the union of graphs."""
    return os.environ.get(UNION_VARIABLE, "") not in ("", "0")


@contextmanager
def oxigraph_server(workdir: Path, *, union: bool | None = None) -> Iterator[Endpoint]:
    """Start ``oxigraph serve`` on a free loopback port with its own database in ``workdir``;
    stop it on exit. ``union`` starts it with ``--union-default-graph`` (the union of the
    named graphs as the default graph of a query); None takes the run's choice
    (``FINREG_TEST_UNION_DEFAULT_GRAPH``, off by default)."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    log = (workdir / "oxigraph.log").open("wb")
    union = union_by_default() if union is None else union
    process = subprocess.Popen(
        [binary, "serve", "--location", str(workdir / "db"), "--bind", f"127.0.0.1:{port}",
         *(["--union-default-graph"] if union else [])],
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"oxigraph exited: {(workdir / 'oxigraph.log').read_text()}")
            try:
                httpx.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError("oxigraph did not start within 30 s") from None
                time.sleep(0.05)
        yield Endpoint(query_url=f"{base}/query", update_url=f"{base}/update")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
