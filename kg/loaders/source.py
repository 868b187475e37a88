"""The files a load reads: their format, their graph key, and their bytes, checked.

A file is read once into memory, and the same bytes are parsed for the checks and written to
the store, so a file edited during a load cannot slip unchecked text in. Files up to
``MAX_FILE_BYTES`` (1 GiB, some seven million triples of N-Triples) are read; the memory a load
takes follows the input (about 1 GiB per million triples at most), so a bigger file is
refused with the advice to split it.

Relative IRIs in a file resolve against its graph IRI (kg.graphs), never against a machine
path, so a file means the same wherever it is loaded from.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat

from kg.errors import FileReadError
from kg.graphs import check_key, graph_iri, key_for

FORMATS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".turtle": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".trig": RdfFormat.TRIG,
}
MAX_FILE_BYTES = 1 << 30
"""The largest file finreg reads (1 GiB); see the module docstring."""

_CHUNK = 16 << 20


@dataclass(frozen=True)
class InputFile:
    """One file of a load: where it is, the graph it goes to, and its checked bytes."""

    path: Path
    key: str
    format: RdfFormat
    data: bytes

    @property
    def graph(self) -> NamedNode:
        """The IRI of the graph the file is loaded into."""
        return graph_iri(self.key)

    @property
    def base_iri(self) -> str:
        """The IRI relative IRIs in the file resolve against."""
        return self.graph.value


def rdf_format(path: Path) -> RdfFormat:
    """The RDF format of ``path``, by its extension.

    :raises FileReadError: for an extension finreg does not read.
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise FileReadError(
            path,
            f'unknown RDF format "{path.suffix}": '
            "use .ttl (Turtle), .nt (N-Triples) or .trig (TriG)",
            kind="format",
        )
    return fmt


def open_input(
    path: Path,
    *,
    root: Path | None = None,
    key: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> InputFile:
    """Read ``path`` for a load: its key (``key`` if given, else its path relative to the
    dataset root, see kg.graphs), its format, and its bytes.

    :raises FileReadError: if it is missing, a folder or no regular file, unreadable, of an
        unknown format, larger than ``max_bytes``, not UTF-8, holds a NUL byte, or is empty.
    :raises GraphKeyError: if its key cannot be found.
    """
    fmt = rdf_format(path)
    data = read_bytes(path, max_bytes=max_bytes)
    if not data or data.isspace():
        raise FileReadError(path, "is empty: there is nothing to load", kind="empty")
    return InputFile(path, check_key(key) if key is not None else key_for(path, root), fmt, data)


def read_bytes(
    path: Path, *, max_bytes: int | None = MAX_FILE_BYTES, allow_nul: bool = False
) -> bytes:
    """Read a file's bytes and check they are UTF-8 text (a leading byte-order mark is
    dropped).

    A NUL byte is refused unless ``allow_nul``: RDF allows it in a literal, but in a data
    engineer's file it means a binary file or UTF-16 text, never a name or a summary.

    :raises FileReadError: if it is missing, a folder or no regular file, unreadable, larger
        than ``max_bytes``, not UTF-8, or contains a NUL byte.
    """
    if not path.exists():
        raise FileReadError(path, "no such file", kind="missing")
    if path.is_dir():
        raise FileReadError(path, "is a folder, not a file", kind="folder")
    if not path.is_file():  # a pipe or a device would block or never end
        raise FileReadError(
            path, "is not a regular file (a pipe, a socket or a device)", kind="not-regular"
        )
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise _too_big(path, size, max_bytes)
        with path.open("rb") as stream:
            data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    except OSError as error:
        raise FileReadError(
            path, f"cannot read: {error.strerror or error}", kind="unreadable"
        ) from error
    if max_bytes is not None and len(data) > max_bytes:  # it grew since stat()
        raise _too_big(path, len(data), max_bytes)
    _check_utf8(path, data)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if not allow_nul and b"\x00" in data:
        line = line_at(data, data.index(b"\x00"))
        raise FileReadError(
            path, "contains a NUL byte; this is not an RDF text file", kind="nul", line=line
        )
    return data


def line_at(data: bytes, at: int) -> int:
    """The 1-based line of the byte at ``at``, counting line breaks as RDF parsers and
    editors do: CR LF, a lone CR and a lone LF each end a line.

    >>> line_at(b"a\\r\\nb\\rc\\nd", 7), line_at(b"abc", 2)
    (4, 1)
    """
    head = data[:at]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _check_utf8(path: Path, data: bytes) -> None:
    """Decode ``data`` a chunk at a time (never keeping the text, which could be several
    times the file's size), each chunk ending on a character boundary.

    :raises FileReadError: naming the line of the first byte that is not UTF-8.
    """
    start = 0
    while start < len(data):
        end = min(start + _CHUNK, len(data))
        for _ in range(3):  # a character is at most 4 bytes: step back over its tail
            if end < len(data) and data[end] & 0xC0 == 0x80:
                end -= 1
        try:
            data[start:end].decode("utf-8")
        except UnicodeDecodeError as error:
            at = start + error.start
            line = line_at(data, at)
            raise FileReadError(
                path, f"not UTF-8 (byte 0x{data[at]:02x})", kind="not-utf8", line=line
            ) from error
        start = end


def _too_big(path: Path, size: int, limit: int) -> FileReadError:
    def mib(n: int) -> str:
        return f"{n / (1 << 20):.1f} MiB" if n % (1 << 20) else f"{n >> 20} MiB"

    if mib(size).startswith(f"{limit >> 20}."):  # 1024.0 MiB against 1024 MiB: say bytes
        return FileReadError(
            path,
            f"is {size:,} bytes, larger than the limit of {limit:,} bytes for one file; "
            "split it and load the parts in one call (a call is still all or nothing)",
            kind="too-big",
        )
    return FileReadError(
        path,
        f"is {mib(size)}, larger than the limit of {mib(limit)} for one file; "
        "split it and load the parts in one call (a call is still all or nothing)",
        kind="too-big",
    )
