"""Read RDF files strictly, with errors that give file, line and column.

Turtle (.ttl), N-Triples (.nt) and TriG (.trig) are read with pyoxigraph's parsers. Every file
becomes one named graph, named by the file's absolute ``file:`` URI, so loading the same file
again replaces its graph and unloading removes exactly what it added.

A file larger than ``MAX_FILE_BYTES`` (32 MiB, some 800,000 triples) is refused before it is
read: checking and loading hold a file's triples in memory several times over (about 5 GiB
per million triples, mostly in the shapes), so a much bigger file would exhaust the machine's
memory long before it loaded. Split it and load the parts in separate calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Triple, parse

from kg.errors import FileReadError, RdfSyntaxError

FORMATS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE,
    ".turtle": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".trig": RdfFormat.TRIG,
}
MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest file finreg reads (32 MiB); see the module docstring."""
_LOCATION = re.compile(r"^Parser error [^:]*?line (\d+)\D+?columns? (\d+)[^:]*: ?")


@dataclass(frozen=True)
class ParsedFile:
    """The triples of one file and the graph they go to."""

    path: Path
    graph: NamedNode
    triples: tuple[Triple, ...]
    text: str

    def line_of(self, needle: str) -> int | None:
        """The first 1-based line that contains ``needle``, for pointing at a culprit."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                return number
        return None


def graph_name(path: Path) -> NamedNode:
    """The named graph a file is loaded into: its absolute ``file:`` URI."""
    return NamedNode(path.resolve().as_uri())


def read_text(
    path: Path, *, allow_nul: bool = False, max_bytes: int | None = MAX_FILE_BYTES
) -> str:
    """Read a file as UTF-8 text (a leading byte-order mark is dropped).

    A NUL character is refused unless ``allow_nul``: RDF allows it in a literal, but in a
    data engineer's file it means a binary file or UTF-16 text, never a name or a summary.

    :raises FileReadError: if it is missing, a folder or no regular file, unreadable, larger
        than ``max_bytes``, not UTF-8, or contains a NUL character.
    """
    if not path.exists():
        raise FileReadError(path, "no such file")
    if path.is_dir():
        raise FileReadError(path, "is a folder, not a file")
    if not path.is_file():  # a pipe or a device would block or never end
        raise FileReadError(path, "is not a regular file (a pipe, a socket or a device)")
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise _too_big(path, size, max_bytes)
        with path.open("rb") as stream:
            data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    except OSError as error:
        raise FileReadError(path, f"cannot read: {error.strerror or error}") from error
    if max_bytes is not None and len(data) > max_bytes:  # it grew since stat()
        raise _too_big(path, len(data), max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileReadError(
            path, f"line {line}: not UTF-8 (byte 0x{data[error.start]:02x})"
        ) from error
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text and not allow_nul:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FileReadError(path, f"line {line}: contains a NUL byte; this is not an RDF text file")
    return text


def _too_big(path: Path, size: int, limit: int) -> FileReadError:
    def mib(n: int) -> str:
        return f"{n / (1 << 20):.1f} MiB" if n % (1 << 20) else f"{n >> 20} MiB"

    return FileReadError(
        path,
        f"is {mib(size)}, larger than the limit of {mib(limit)} for one file; "
        "split it and load the parts in separate calls",
    )


def parse_file(
    path: Path,
    *,
    base_iri: str | None = None,
    allow_empty: bool = False,
    allow_nul: bool = False,
    max_bytes: int | None = MAX_FILE_BYTES,
) -> ParsedFile:
    """Parse one RDF file into triples, strictly.

    Strict by default: a file without triples is refused (there is nothing to load), and so
    is a NUL character (see :func:`read_text`). ``allow_empty`` and ``allow_nul`` accept
    them, for reading any valid RDF (the W3C test suites); ``load`` never sets them.

    :raises FileReadError: if the file cannot be read as UTF-8 text, is too large, its format
        is unknown, or (unless ``allow_empty``) it holds no triples.
    :raises RdfSyntaxError: with path, line and column, if the text is not valid RDF.
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise FileReadError(
            path,
            f'unknown RDF format "{path.suffix}": '
            "use .ttl (Turtle), .nt (N-Triples) or .trig (TriG)",
        )
    text = read_text(path, allow_nul=allow_nul, max_bytes=max_bytes)
    if not text.strip() and not allow_empty:
        raise FileReadError(path, "is empty: there is nothing to load")
    try:
        quads = list(
            parse(text.encode("utf-8"), format=fmt, base_iri=base_iri or path.resolve().as_uri())
        )
    except SyntaxError as error:
        raise _syntax_error(path, error) from error
    triples: list[Triple] = []
    for quad in quads:
        if not isinstance(quad.graph_name, DefaultGraph):
            raise RdfSyntaxError(
                path,
                None,
                None,
                f"declares the named graph {quad.graph_name}; finreg gives every file one graph "
                "of its "
                "own, so put the triples in the default graph or split the file",
            )
        triples.append(quad.triple)
    if not triples and not allow_empty:
        raise FileReadError(path, "contains no triples: there is nothing to load")
    return ParsedFile(path=path, graph=graph_name(path), triples=tuple(triples), text=text)


def _syntax_error(path: Path, error: SyntaxError) -> RdfSyntaxError:
    message = str(error.msg if hasattr(error, "msg") else error)
    match = _LOCATION.match(message)
    if match:
        reason = message[match.end() :] or message
        return RdfSyntaxError(path, int(match.group(1)), int(match.group(2)), reason)
    return RdfSyntaxError(path, error.lineno, error.offset, message)
