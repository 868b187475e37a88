"""Files that are not finreg's RDF: wrong encodings, byte-order marks, NUL bytes, binary
files, JSON, XML, HTML or CSV under an RDF name, empty files, paths that are no file, and a
200 MB file. Each is refused with one line naming the file (and the line, where there is one),
by kg.loaders and by ``finreg validate``/``load`` (exit 1, no traceback), and the store is
unchanged. tests/data/bad/ holds more of these, tested by tests/kg/test_loader.py.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from api.cli import EXIT_INPUT
from kg.errors import FileReadError, InputError, RdfSyntaxError
from kg.loaders import load_files, validate_paths
from kg.loaders.parse import MAX_FILE_BYTES, parse_file
from kg.store import EmbeddedStore, GraphStore
from tests.conftest import ENTITIES, ROOT, Files
from tests.hardening.conftest import run_cli

TRIPLE = "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"

# name, content, error, message it must contain (a regular expression)
CASES: list[tuple[str, bytes, type[InputError], str]] = [
    (
        "utf16-le-bom.ttl",
        ENTITIES.encode("utf-16"),
        FileReadError,
        r"line 1: not UTF-8 \(byte 0xff\)",
    ),
    (
        "utf16-be-bom.nt",
        b"\xfe\xff" + TRIPLE.encode("utf-16-be"),
        FileReadError,
        r"not UTF-8 \(byte 0xfe\)",
    ),
    (
        "utf16-le-no-bom.nt",
        TRIPLE.encode("utf-16-le"),
        FileReadError,
        r"line 1: contains a NUL byte",
    ),
    ("utf32.nt", TRIPLE.encode("utf-32"), FileReadError, r"line 1: not UTF-8 \(byte 0xff\)"),
    (
        "latin1-on-line-3.ttl",
        (TRIPLE * 2 + '<http://example.org/a> <http://example.org/b> "café" .\n').encode("latin-1"),
        FileReadError,
        r"line 3: not UTF-8 \(byte 0xe9\)",
    ),
    (
        "gbk.ttl",
        '<http://example.org/a> <http://example.org/b> "花呗" .\n'.encode("gbk"),
        FileReadError,
        r"line 1: not UTF-8",
    ),
    (
        "nul-on-line-2.ttl",
        (TRIPLE + TRIPLE.replace(" .", "\x00 .")).encode(),
        FileReadError,
        r"line 2: contains a NUL byte",
    ),
    (
        "gzipped.ttl",
        gzip.compress(ENTITIES.encode("utf-8"), mtime=0),
        FileReadError,
        r"line 1: not UTF-8 \(byte 0x8b\)",
    ),
    (
        "png.ttl",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        FileReadError,
        r"line 1: not UTF-8 \(byte 0x89\)",
    ),
    ("bom-twice.nt", ("\ufeff\ufeff" + TRIPLE).encode(), RdfSyntaxError, r":1:\d+: syntax error"),
    (
        "bom-on-line-2.nt",
        (TRIPLE + "\ufeff" + TRIPLE).encode(),
        RdfSyntaxError,
        r":2:1: syntax error",
    ),
    (
        "json-ld.ttl",
        b'[{"@id": "http://example.org/a", "http://example.org/b": "c"}]\n',
        RdfSyntaxError,
        r":1:\d+: syntax error",
    ),
    (
        "rdf-xml.nt",
        b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n',
        RdfSyntaxError,
        r":1:\d+: syntax error",
    ),
    (
        "html-error-page.ttl",
        b"<!DOCTYPE html>\n<html><body>404 Not Found</body></html>\n",
        RdfSyntaxError,
        r":1:\d+: syntax error",
    ),
    ("csv.nt", b"subject,predicate,object\na,b,c\n", RdfSyntaxError, r":1:1: syntax error"),
    (
        "turtle-named-nt.nt",
        b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n",
        RdfSyntaxError,
        r":1:1: syntax error",
    ),
    (
        "crlf-error-on-line-3.ttl",
        (TRIPLE * 2 + "<http://example.org/a> <http://example.org/b> .\n")
        .replace("\n", "\r\n")
        .encode(),
        RdfSyntaxError,
        r":3:\d+: syntax error",
    ),
    ("only-whitespace.ttl", b" \n\t\r\n  \n", FileReadError, r"is empty"),
    ("only-comments.ttl", b"# nothing here\n# at all\n", FileReadError, r"contains no triples"),
    (
        "only-prefixes.ttl",
        b"@prefix fr: <https://w3id.org/finreg/ontology#> .\n",
        FileReadError,
        r"contains no triples",
    ),
    ("only-bom.ttl", "\ufeff".encode(), FileReadError, r"is empty"),
    ("events.rdf", TRIPLE.encode(), FileReadError, r'unknown RDF format "\.rdf"'),
    ("events.jsonld", TRIPLE.encode(), FileReadError, r'unknown RDF format "\.jsonld"'),
    ("no-extension", TRIPLE.encode(), FileReadError, r'unknown RDF format ""'),
]


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / "bad" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(("name", "content", "error", "message"), CASES, ids=[c[0] for c in CASES])
def test_malformed_file_is_refused_by_the_loader_and_store_unchanged(
    name: str,
    content: bytes,
    error: type[InputError],
    message: str,
    tmp_path: Path,
    files: Files,
    store: GraphStore,
) -> None:
    load_files(store, [files.entities])
    before = store.export("nq")
    path = _write(tmp_path, name, content)
    with pytest.raises(error) as raised:
        load_files(store, [path])
    assert str(raised.value).startswith(str(path))
    assert re.search(message, str(raised.value)), str(raised.value)
    assert store.export("nq") == before


@pytest.mark.parametrize(("name", "content", "error", "message"), CASES, ids=[c[0] for c in CASES])
def test_malformed_file_is_one_line_and_exit_1_from_the_cli(
    name: str,
    content: bytes,
    error: type[InputError],
    message: str,
    tmp_path: Path,
    files: Files,
    cli_store: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(capsys, "load", *cli_store, files.entities)[0] == 0
    export = tmp_path / "export.nq"
    run_cli(capsys, "export", *cli_store, "--format", "nq", "-o", export)
    before = export.read_bytes()
    path = _write(tmp_path, name, content)
    for command in ("validate", "load"):
        code, out, err = run_cli(capsys, command, *cli_store, path)
        assert code == EXIT_INPUT
        assert out == ""
        assert err.splitlines() == [err.splitlines()[0], "finreg: nothing was written"], err
        assert err.startswith(f"finreg: {path}")
        assert re.search(message, err), err
    run_cli(capsys, "export", *cli_store, "--format", "nq", "-o", export)
    assert export.read_bytes() == before


def test_a_leading_byte_order_mark_and_crlf_load_as_without(tmp_path: Path) -> None:
    plain = tmp_path / "plain.ttl"
    marked = tmp_path / "marked.ttl"
    plain.write_text(ENTITIES, encoding="utf-8")
    marked.write_bytes(b"\xef\xbb\xbf" + ENTITIES.replace("\n", "\r\n").encode("utf-8"))
    assert validate_paths([marked]) == validate_paths([plain]) > 0


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("missing", "no such file"),
        ("folder", "is a folder, not a file"),
        ("broken-symlink", "no such file"),
        ("symlink-to-folder", "is a folder, not a file"),
        ("fifo", "is not a regular file"),
        ("symlink-to-dev-zero", "is not a regular file"),
    ],
)
def test_a_path_that_is_no_regular_file_is_refused_without_blocking(
    kind: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / f"{kind}.ttl"
    if kind == "folder":
        path.mkdir()
    elif kind == "broken-symlink":
        path.symlink_to(tmp_path / "nowhere.ttl")
    elif kind == "symlink-to-folder":
        path.symlink_to(tmp_path)
    elif kind == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer forever
    elif kind == "symlink-to-dev-zero":
        path.symlink_to("/dev/zero")  # reading it would never end
    with pytest.raises(FileReadError, match=re.escape(message)):
        validate_paths([path])
    code, _, err = run_cli(capsys, "validate", "--data", tmp_path / "store", path)
    assert code == EXIT_INPUT
    assert err.splitlines()[0] == f"finreg: {path}: {message}" + (
        " (a pipe, a socket or a device)" if "regular" in message else ""
    )


def test_an_unreadable_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.ttl"
    path.write_text(TRIPLE, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)  # root reads anything: pretend it may not
    with pytest.raises(FileReadError, match="cannot read: Permission denied"):
        validate_paths([path])


def test_the_size_limit_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "sized.nt"
    path.write_text(TRIPLE * 10, encoding="utf-8")
    size = path.stat().st_size
    assert len(parse_file(path, max_bytes=size).triples) == 10
    with pytest.raises(FileReadError, match=r"larger than the limit of .* for one file; split it"):
        parse_file(path, max_bytes=size - 1)
    assert MAX_FILE_BYTES == 1 << 30


def _peak_rss_mib(args: list[str]) -> tuple[int, str, float, float]:
    """Run ``args``; return exit code, stderr, seconds and the process's peak RSS in MiB."""
    started = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode("utf-8")
    process.stderr.close()
    return process.returncode, err, time.monotonic() - started, usage.ru_maxrss / 1024


@pytest.mark.slow
def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    # A sparse file: as big as the limit plus a byte on paper, nothing on disk. Refused by its
    # size before a byte is read, so memory does not grow.
    big = tmp_path / "big.nt"
    with big.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)
    data = tmp_path / "store"
    finreg = [sys.executable, "-m", "api.cli"]
    baseline = _peak_rss_mib(
        [*finreg, "validate", "--data", str(data), str(ROOT / "seeds" / "sources.ttl")]
    )
    assert baseline[0] == 0, baseline[1]
    for command in ("validate", "load"):
        code, err, _, peak = _peak_rss_mib([*finreg, command, "--data", str(data), str(big)])
        assert code == EXIT_INPUT
        assert err.splitlines() == [
            f"finreg: {big}: is {MAX_FILE_BYTES + 1:,} bytes, larger than the limit of "
            f"{MAX_FILE_BYTES:,} bytes for one file; split it and load the parts in one call "
            "(a call is still all or nothing)",
            "finreg: nothing was written",
        ]
        assert peak < baseline[3] + 64, f"peak RSS {peak:.0f} MiB, baseline {baseline[3]:.0f} MiB"
    store = EmbeddedStore.open(data)
    try:
        assert store.count_triples() == 0
    finally:
        store.close()
