"""A data folder that cannot be written (or read, or is missing, or is a file) is one line
saying what failed, where, and the fix, and exit code 3, for every command that opens the
store: load, unload, restore, migrate and serve write; stats, export, lineage, timeline,
validate and diff read.

The permissions are the kernel's own: each command runs in a subprocess as a user the
folder's mode shuts out. Tests run as root in CI, and root passes every permission check,
so the command runs as ``nobody`` (``setpriv --reuid=nobody``) where that user can run this
interpreter, else as root without the capabilities that override file permissions
(``setpriv --bounding-set=-dac_override,-dac_read_search``: an interpreter under /root, as
pyenv installs it, is out of nobody's reach). Without setpriv the tests skip, saying so
(which fails the run under CI=true). Writes that fail once the store is open (a folder whose
permissions changed under a running command) are injected, as the full-disk test injects
ENOSPC.
"""

from __future__ import annotations

import errno
import gc
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from api.cli import EXIT_STORE, main
from kg.loaders import load_files
from kg.store import EmbeddedStore
from tests.conftest import ENTITIES, EVENTS, ROOT
from tests.hardening.conftest import canonical

pytestmark = pytest.mark.embedded_only

FIX = "choose another data folder with --data DIR or FINREG_DATA"


def _runs_as_nobody() -> bool:
    probe = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    try:
        done = subprocess.run(
            [*probe, sys.executable, "-c", "import kg.errors"],
            capture_output=True,
            cwd="/",
            env={"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "")},
            timeout=60,
            check=False,
        )
    except OSError:
        return False
    return done.returncode == 0


@pytest.fixture(scope="module")
def unprivileged() -> list[str]:
    """The command prefix that runs a command as someone file permissions apply to."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is missing: cannot run a command without root's rights")
    if _runs_as_nobody():
        return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@dataclass(frozen=True)
class Folders:
    """A dataset with one loaded file, and data folders in every unusable state."""

    root: Path
    file: Path
    backup: Path
    read_only: Path
    """A store whose folder and files may be read, not written."""
    unreadable: Path
    """A store whose folder may not even be read."""
    uncreatable: Path
    """No store, in a folder that cannot be written."""
    missing: Path
    a_file: Path


@pytest.fixture(scope="module")
def folders() -> Iterator[Folders]:
    """Built in /tmp, not pytest's folder (0700 under root), so ``nobody`` reaches it."""
    top = Path(tempfile.mkdtemp(prefix="finreg-unusable-"))
    try:
        top.chmod(0o755)
        (top / "finreg.toml").write_text("# dataset root\n")
        entities = top / "entities.ttl"
        entities.write_text(ENTITIES, encoding="utf-8")
        (top / "events.ttl").write_text(EVENTS, encoding="utf-8")
        made = Folders(
            root=top,
            file=entities,
            backup=top / "backup.nq",
            read_only=top / "read-only",
            unreadable=top / "unreadable",
            uncreatable=top / "locked" / "store",
            missing=top / "missing",
            a_file=top / "a-file",
        )
        for store_dir in (made.read_only, made.unreadable):
            store = EmbeddedStore.open(store_dir)
            load_files(store, [entities])
            store.close()
        made.backup.write_bytes(EmbeddedStore.open(made.read_only).export("nq"))
        made.uncreatable.parent.mkdir()
        made.a_file.write_text("not a store\n")
        for path in top.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        for path in [made.read_only, *made.read_only.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        made.unreadable.chmod(0)
        made.uncreatable.parent.chmod(0o555)
        yield made
    finally:
        for path in [top, *top.rglob("*")]:
            if path.is_dir():
                path.chmod(stat.S_IRWXU)
        shutil.rmtree(top)


WRITERS = {
    "load": ["load", "--quiet", "{file}"],
    "unload": ["unload", "{file}"],
    "restore": ["restore", "--quiet", "{backup}"],
    "migrate": ["migrate", "--root", "{root}"],
    "serve": ["serve", "--port", "1"],
}
READERS = {
    "stats": ["stats"],
    "export": ["export", "--format", "nq"],
    "lineage": ["lineage", "甲小额贷款有限公司"],
    "timeline": ["timeline", "甲小额贷款有限公司"],
    "validate": ["validate", "{root}/events.ttl"],
    "diff": ["diff", "{root}/events.ttl"],
}


def _run(prefix: list[str], folders: Folders, command: list[str], data: Path) -> tuple[int, str]:
    arguments = [
        part.format(file=folders.file, backup=folders.backup, root=folders.root) for part in command
    ]
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "api.cli", *arguments, "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=folders.root,
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(folders.root),
            "FINREG_SEEDS": str(folders.root / "no-seeds"),
        },
        timeout=300,
        check=False,
    )
    return done.returncode, done.stderr


@pytest.fixture(scope="module")
def outcomes(unprivileged: list[str], folders: Folders) -> dict[tuple[str, str], tuple[int, str]]:
    """Every command run in its unusable folders, a few at a time (each starts Python)."""
    runs = {
        **{(name, "read-only"): (c, folders.read_only) for name, c in WRITERS.items()},
        **{(name, "uncreatable"): (c, folders.uncreatable) for name, c in WRITERS.items()},
        **{(name, "unreadable"): (c, folders.unreadable) for name, c in READERS.items()},
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            key: pool.submit(_run, unprivileged, folders, command, data)
            for key, (command, data) in runs.items()
        }
        return {key: future.result() for key, future in futures.items()}


@pytest.mark.parametrize("command", WRITERS)
def test_a_store_that_cannot_be_written_is_one_line_and_exit_3(
    command: str, outcomes: dict[tuple[str, str], tuple[int, str]], folders: Folders
) -> None:
    code, err = outcomes[(command, "read-only")]
    assert code == EXIT_STORE, err
    (line,) = err.splitlines()
    assert line.startswith(
        f"finreg: cannot write the store in {folders.read_only}: permission denied; "
        "give the user finreg runs as ("
    ), line
    assert line.endswith(f"read and write access to {folders.read_only}, or {FIX}"), line


@pytest.mark.parametrize("command", WRITERS)
def test_a_store_folder_that_cannot_be_made_is_one_line_and_exit_3(
    command: str, outcomes: dict[tuple[str, str], tuple[int, str]], folders: Folders
) -> None:
    code, err = outcomes[(command, "uncreatable")]
    assert code == EXIT_STORE, err
    (line,) = err.splitlines()
    if command in ("unload", "migrate"):  # they never make a store: there is nothing to do
        assert line.startswith(f"finreg: no store in {folders.uncreatable}: "), line
    else:
        assert line.startswith(
            f"finreg: cannot write the store in {folders.uncreatable}: permission denied"
        ), line
        assert line.endswith(f"access to {folders.uncreatable.parent}, or {FIX}"), line


@pytest.mark.parametrize("command", READERS)
def test_a_store_that_cannot_be_read_is_one_line_and_exit_3(
    command: str, outcomes: dict[tuple[str, str], tuple[int, str]], folders: Folders
) -> None:
    code, err = outcomes[(command, "unreadable")]
    assert code == EXIT_STORE, err
    (line,) = err.splitlines()
    assert line.startswith(
        f"finreg: cannot read the store in {folders.unreadable}: permission denied; "
    ), line
    assert line.endswith(f"read access to {folders.unreadable}, or {FIX}"), line


def test_reading_commands_work_on_a_store_they_may_not_write(
    unprivileged: list[str], folders: Folders
) -> None:
    code, err = _run(unprivileged, folders, ["stats"], folders.read_only)
    assert code == 0, err


# Missing folders and files in the way need no permissions: in-process -----------------------


def _in_process(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, capsys.readouterr().err


MISSING = ["stats", "export", "lineage", "timeline", "unload", "migrate"]


@pytest.mark.parametrize("command", MISSING)
def test_a_missing_store_is_one_line_and_exit_3(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = {**READERS, **WRITERS}[command]
    entities = tmp_path / "entities.ttl"
    entities.write_text(ENTITIES, encoding="utf-8")
    parts = [p.format(file=entities, backup="", root=tmp_path) for p in arguments]
    code, err = _in_process(capsys, *parts, "--data", tmp_path / "missing")
    assert code == EXIT_STORE, err
    (line,) = err.splitlines()
    assert line == (
        f"finreg: no store in {tmp_path / 'missing'}: load some files first ('finreg load "
        "FILE...'), or point --data DIR or FINREG_DATA at the folder of a store"
    )
    assert not (tmp_path / "missing").exists()  # unload and migrate never make a store


@pytest.mark.parametrize("command", [*READERS, *WRITERS])
def test_a_file_where_the_folder_should_be_is_one_line_and_exit_3(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.setenv("FINREG_SEEDS", str(tmp_path / "no-seeds"))
    entities = tmp_path / "entities.ttl"
    entities.write_text(ENTITIES, encoding="utf-8")
    (tmp_path / "events.ttl").write_text(EVENTS, encoding="utf-8")
    backup = tmp_path / "backup.nq"
    backup.write_text("", encoding="utf-8")
    in_the_way = tmp_path / "store"
    in_the_way.write_text("not a store\n")
    arguments = {**READERS, **WRITERS}[command]
    parts = [p.format(file=entities, backup=backup, root=tmp_path) for p in arguments]
    code, err = _in_process(capsys, *parts, "--data", in_the_way)
    assert code == EXIT_STORE, err
    assert err.splitlines() == [f"finreg: {in_the_way} is a file, not a store folder; {FIX}"]


# Writes refused once the store is open: injected, as the full-disk test does ----------------


class _Refusing:
    """A pyoxigraph store whose writes fail as in a folder that became read-only."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        if name in ("load", "bulk_load", "extend", "update", "flush"):
            raise PermissionError(errno.EACCES, "Permission denied (injected)")
        return getattr(self._store, name)


def test_a_write_refused_while_loading_is_one_line_exit_3_and_the_store_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    entities, events = tmp_path / "entities.ttl", tmp_path / "events.ttl"
    entities.write_text(ENTITIES, encoding="utf-8")
    events.write_text(EVENTS, encoding="utf-8")
    data = tmp_path / "store"
    store = EmbeddedStore.open(data)
    load_files(store, [entities])
    store.close()
    before = _export(data)
    real_open = EmbeddedStore.open

    def refusing(directory: Path, **options: Any) -> EmbeddedStore:
        opened = real_open(directory, **options)
        if not options.get("read_only"):
            opened._store = _Refusing(opened._store)  # type: ignore[assignment]
        return opened

    monkeypatch.setattr(EmbeddedStore, "open", staticmethod(refusing))
    code, err = _in_process(capsys, "load", "--quiet", "--data", data, events)
    monkeypatch.undo()
    gc.collect()  # the store whose last flush failed
    assert code == EXIT_STORE
    (line,) = err.splitlines()
    assert line.startswith(f"finreg: cannot write the store in {data}: Permission denied"), line
    assert line.endswith(
        f"give the user finreg runs as ({_user()}) write access to {data}, or {FIX}"
    )
    assert _export(data) == before


def test_a_store_refused_at_open_says_so_without_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same message where setpriv cannot run: the open itself refused, as for a user
    # the folder's mode shuts out.
    import kg.store.embedded as embedded

    def refused(path: str) -> None:
        raise OSError(f"IO error: While open a file for appending: {path}/LOG: Permission denied")

    monkeypatch.setattr(embedded, "Store", refused)
    code, err = _in_process(capsys, "unload", "--data", tmp_path, tmp_path / "x.ttl")
    assert code == EXIT_STORE
    assert err.splitlines() == [
        f"finreg: cannot write the store in {tmp_path}: permission denied; give the user "
        f"finreg runs as ({_user()}) read and write access to {tmp_path}, or {FIX}"
    ]


def _export(data: Path) -> set[str]:
    store = EmbeddedStore.open(data)
    try:
        return canonical(store.export("nq"))
    finally:
        store.close()


def _user() -> str:
    from kg.store import disk

    return disk.user()
