"""A load killed at any moment, or stopped by a full disk, leaves the on-disk embedded store
as it was or fully loaded, never in between, and it opens cleanly afterwards.

These are about the embedded store's files, so they use an on-disk EmbeddedStore whatever
the run's backend (a SPARQL server's durability is the server's business).
"""

from __future__ import annotations

import errno
import gc
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from api.cli import EXIT_STORE, main
from kg import failpoints
from kg.loaders import load_files
from kg.store import EmbeddedStore
from tests.conftest import ENTITIES
from tests.hardening.conftest import canonical

pytestmark = pytest.mark.embedded_only

HEAD = """@prefix fr: <https://w3id.org/finreg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix source: <https://w3id.org/finreg/id/source/> .
source:s a fr:Source ; dcterms:title "报道"@zh ; dcterms:publisher "某报"@zh ;
    dcterms:issued "2025-10-24"^^xsd:date .
"""


def _rows(tag: str, count: int) -> str:
    """A file of ``count`` rows whose every label says ``tag``: loading another tag over it
    replaces them all in one transaction (plain triples, so writing is most of the load)."""
    return HEAD + "".join(
        f'<http://example.org/row/{i}> rdfs:label "{tag} {i}"@zh ; '
        f'rdfs:comment "{tag}: row {i} of the crash-safety file"@en .\n'
        for i in range(count)
    )


def _export(directory: Path, *, read_only: bool = False) -> set[str]:
    """Open the store (read-write: RocksDB recovers), export it canonically, close it."""
    store = EmbeddedStore.open(directory, read_only=read_only)
    try:
        return canonical(store.export("nq"), load_times=False)
    finally:
        store.close()


def _load_process(data: Path, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "api.cli", "load", "--quiet", "--data", str(data), str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_a_load_killed_at_random_moments_leaves_the_store_before_or_after(
    tmp_path: Path,
) -> None:
    data_file = tmp_path / "rows.ttl"
    data_file.write_text(_rows("old", 2500), encoding="utf-8")
    pristine = tmp_path / "pristine"
    store = EmbeddedStore.open(pristine)
    load_files(store, [data_file])
    store.close()
    before = _export(pristine)
    data_file.write_text(_rows("new", 2500), encoding="utf-8")  # same file, same graph

    reference = tmp_path / "reference"
    shutil.copytree(pristine, reference)
    started = time.monotonic()
    process = _load_process(reference, data_file)
    _, err = process.communicate(timeout=120)
    full_run = time.monotonic() - started
    assert process.returncode == 0, err.decode()
    after = _export(reference)
    assert before != after

    chance = random.Random(20251130)  # noqa: S311 (kill times, not secrets)
    outcomes: dict[str, int] = {"before": 0, "after": 0, "finished": 0}
    estimate = full_run  # a busy machine runs slower or faster than the reference run
    for attempt in range(60):  # until 20 loads were really killed part-way
        if outcomes["before"] + outcomes["after"] >= 20:
            break
        work = tmp_path / f"attempt-{attempt}"
        shutil.copytree(pristine, work)
        delay = chance.uniform(0.3, 1.05) * estimate  # the interpreter starts in the first third
        process = _load_process(work, data_file)
        try:
            process.wait(timeout=delay)
            outcomes["finished"] += 1
            estimate *= 0.8  # it finished before its kill: aim earlier
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        finally:
            assert process.stderr is not None
            process.stderr.close()
        state = _export(work)
        assert state in (before, after), f"attempt {attempt}: killed after {delay:.2f} s: a mix"
        if process.returncode == 0:
            assert state == after
        else:
            outcomes["before" if state == before else "after"] += 1
        shutil.rmtree(work)
    print(f"full run {full_run:.2f} s; outcomes {outcomes}")  # shown with -s
    assert outcomes["before"] + outcomes["after"] >= 20, outcomes


SMALL_BULK = 10_000
"""The bulk path's threshold in bytes for these loads, so a file of a few thousand triples
takes it (as a file of millions does), and a test takes seconds, not minutes."""

_LOAD = (
    "import sys; import kg.store.embedded_staging as staging; staging.BULK_BYTES = {bulk}; "
    "from api.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _load_killed_at(data: Path, paths: list[Path], point: str) -> int:
    """Run ``finreg load`` with the failpoint ``point`` set (kg.failpoints), the bulk path
    taken from ``SMALL_BULK`` bytes; its exit code."""
    process = subprocess.run(
        [
            sys.executable,
            "-c",
            _LOAD.format(bulk=SMALL_BULK),
            *("load", "--quiet", "--data", str(data), *map(str, paths)),
        ],
        capture_output=True,
        env={**os.environ, "FINREG_FAILPOINT": point},
        timeout=300,
        check=False,
    )
    return process.returncode


@dataclass(frozen=True)
class Reload:
    """Two files loaded in one call (the first big enough for the bulk path, the second not,
    so "written" kills between the writes of one load), a store before their reload and the states
    before and after it."""

    files: list[Path]
    pristine: Path
    before: set[str]
    after: set[str]


@pytest.fixture(scope="module")
def reload(tmp_path_factory: pytest.TempPathFactory) -> Reload:
    folder = tmp_path_factory.mktemp("reload")
    (folder / "finreg.toml").write_text("")
    big, small = folder / "big.ttl", folder / "small.ttl"

    def write(tag: str) -> None:
        big.write_text(_rows(tag, 2000), encoding="utf-8")
        small.write_text(_rows(tag, 50).replace("row/", "small/"), encoding="utf-8")

    write("old")
    assert big.stat().st_size > SMALL_BULK > small.stat().st_size
    pristine = folder / "pristine"
    store = EmbeddedStore.open(pristine)
    load_files(store, [big, small])
    store.close()
    before = _export(pristine)
    write("new")
    reference = folder / "reference"
    shutil.copytree(pristine, reference)
    assert _load_killed_at(reference, [big, small], "none") == 0
    return Reload([big, small], pristine, before, _export(reference))


KILLED_AT = {"validated": "before", "written": "before", "publishing": None, "published": "after"}
"""What a load killed at each failpoint leaves: the store before it, after it, or either."""


def test_every_failpoint_has_a_crash_test() -> None:
    assert tuple(KILLED_AT) == failpoints.POINTS


@pytest.mark.slow
@pytest.mark.parametrize(("point", "expected"), KILLED_AT.items())
def test_a_load_killed_at_each_named_point_leaves_the_store_before_or_after(
    reload: Reload, tmp_path: Path, point: str, expected: str | None
) -> None:
    work = tmp_path / "work"
    shutil.copytree(reload.pristine, work)
    assert _load_killed_at(work, reload.files, point) == -signal.SIGKILL
    state = _export(work)
    assert state in (reload.before, reload.after), "a mix of the old and the new"
    if expected is not None:
        assert state == (reload.before if expected == "before" else reload.after)
    # The next load collects what the killed one left, and the store holds nothing else.
    assert _load_killed_at(work, reload.files, "none") == 0
    assert _export(work) == reload.after
    store = EmbeddedStore.open(work)
    try:
        assert len(list(store.raw().named_graphs())) == len(store.named_graphs()) + 1
    finally:
        store.close()


@contextmanager
def _small_disk(folder: Path) -> Iterator[bool]:
    """A 4 MiB tmpfs mounted at ``folder``; yields whether writes must be failed by hand
    instead (where mounting is not permitted: not root, no CAP_SYS_ADMIN)."""
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)]
    try:
        mounted = subprocess.run(mount, capture_output=True, check=False).returncode == 0
    except OSError:  # no mount command
        mounted = False
    try:
        yield not mounted
    finally:
        gc.collect()  # a store a failed close left open
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=True)


class _FullDisk:
    """A pyoxigraph store whose writes fail as on a full disk (the fallback)."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in ("update", "flush"):
            raise OSError(errno.ENOSPC, "No space left on device (injected)")
        return getattr(self._store, name)


def _load_on_a_full_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int | None, str, str | None, set[str], set[str]]:
    """Load a small file, then one too big for the disk; return the second load's exit code,
    stderr and uncaught exception, and the store's content before and after it."""
    entities, rows = tmp_path / "entities.ttl", tmp_path / "rows.ttl"
    entities.write_text(ENTITIES, encoding="utf-8")
    rows.write_text(_rows("big", 10000), encoding="utf-8")
    disk = tmp_path / "disk"
    data = disk / "store"
    with _small_disk(disk) as inject:
        store = EmbeddedStore.open(data)
        load_files(store, [entities])
        store.close()
        before = _export(data, read_only=True)
        if inject:
            real_open = EmbeddedStore.open

            def open_full(directory: Path, *, read_only: bool = False) -> EmbeddedStore:
                opened = real_open(directory, read_only=read_only)
                opened._store = _FullDisk(opened._store)  # type: ignore[assignment]
                return opened

            monkeypatch.setattr(EmbeddedStore, "open", staticmethod(open_full))
        code: int | None = None
        crash: str | None = None
        try:
            code = main(["load", "--quiet", "--data", str(data), str(rows)])
        except Exception as error:  # what a user would see as a traceback
            crash = f"{type(error).__name__}: {error}"
        err = capsys.readouterr().err
        monkeypatch.undo()
        gc.collect()
        after = _export(data, read_only=True)
    return code, err, crash, before, after


def test_a_full_disk_leaves_the_store_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, crash, before, after = _load_on_a_full_disk(tmp_path, monkeypatch, capsys)
    assert code != 0 or crash is not None
    assert "No space left on device" in err
    assert after == before


def test_a_full_disk_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err, crash, _, _ = _load_on_a_full_disk(tmp_path, monkeypatch, capsys)
    assert crash is None, crash
    assert code == EXIT_STORE
    (line,) = err.splitlines()
    assert line.startswith("finreg: ")
    assert "No space left on device" in line
