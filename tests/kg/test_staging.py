"""``finreg staging`` lists the version graphs no published graph names, and ``--clean``
removes those no live load holds, saying what it removes, on every backend."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pyoxigraph import RdfFormat, Store

from api.cli import main
from kg.graphs import graph_iri
from kg.store import RemoteStore
from kg.store import remote_registry as server_records
from kg.store.registry import new_version
from tests.backends import Backend
from tests.conftest import ROOT, Files


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_after_clean_loads_there_is_nothing_staged(
    cli_store: list[str], files: Files, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", "--quiet", *cli_store, str(files.entities), str(files.events)]) == 0
    files.entities.write_text(files.entities.read_text() + "\n", encoding="utf-8")
    assert main(["load", "--quiet", *cli_store, str(files.entities)]) == 0  # replaces one
    capsys.readouterr()
    assert _run(capsys, "staging", *cli_store) == (0, "no staged or leftover versions\n")
    _code, out = _run(capsys, "staging", "--json", *cli_store)
    assert json.loads(out) == {"ok": True, "versions": []}
    assert _run(capsys, "staging", "--clean", *cli_store) == (0, "no versions removed\n")


def _leave_leftovers(backend: Backend, cli_store: list[str], files: Files) -> None:
    """What a load that died after writing its versions leaves: killed (embedded), or
    uploaded under a lease that has run out (a SPARQL server)."""
    if not backend.remote:
        process = subprocess.run(
            [sys.executable, "-m", "api.cli", "load", "--quiet", *cli_store, str(files.entities)],
            env={**os.environ, "FINREG_FAILPOINT": "written"}, capture_output=True, cwd=ROOT,
            timeout=120, check=False,
        )  # fmt: skip
        assert process.returncode == -9, process.stderr.decode()
        return
    store = backend.store(empty=False)
    assert isinstance(store, RemoteStore)
    memory = Store()
    memory.load(files.entities.read_bytes(), RdfFormat.TURTLE, to_graph=graph_iri("entities.ttl"))
    old, server_records.LEASE_SECONDS = server_records.LEASE_SECONDS, -1.0  # already expired
    try:
        store.upload({new_version(): graph_iri("entities.ttl")}, memory)
    finally:
        server_records.LEASE_SECONDS = old
        store.close()


def test_leftovers_are_listed_and_cleaned(
    backend: Backend, cli_store: list[str], files: Files, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", "--quiet", *cli_store, str(files.entities)]) == 0
    capsys.readouterr()
    _leave_leftovers(backend, cli_store, files)
    code, out = _run(capsys, "staging", "--json", *cli_store)
    (version,) = json.loads(out)["versions"]
    assert version["state"] == "expired"
    assert version["removable"] is True
    assert version["triples"] > 10
    if backend.remote:
        assert version["graph"] == "entities.ttl"
    code, out = _run(capsys, "staging", *cli_store)
    assert code == 0
    assert "expired" in out
    assert "'finreg staging --clean' removes 1" in out
    code, out = _run(capsys, "staging", "--clean", *cli_store)
    assert code == 0
    assert "removed 1 version(s)" in out
    assert version["version"].rsplit("/", 1)[-1] in out
    assert _run(capsys, "staging", *cli_store) == (0, "no staged or leftover versions\n")
    code, out = _run(capsys, "lineage", *cli_store, "甲小额贷款有限公司")
    assert code == 0  # the published graph is untouched
