"""A private Oxigraph SPARQL server (the ``oxigraph`` package's binary) on loopback."""

from __future__ import annotations

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


@contextmanager
def oxigraph_server(workdir: Path) -> Iterator[Endpoint]:
    """Start ``oxigraph serve`` on a free loopback port with its own database in ``workdir``,
    the union of the named graphs as default graph; stop it on exit."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    log = (workdir / "oxigraph.log").open("wb")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(workdir / "db"), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
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
