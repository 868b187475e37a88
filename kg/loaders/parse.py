"""Read RDF files strictly, with errors that give file, line and column.

Turtle (.ttl), N-Triples (.nt) and TriG (.trig) are read with pyoxigraph's parsers. Every file
becomes one named graph, named by the file's absolute ``file:`` URI, so loading the same file
again replaces its graph and unloading removes exactly what it added.
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


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text.

    :raises FileReadError: if it is missing, a folder, unreadable or not UTF-8.
    """
    if not path.exists():
        raise FileReadError(path, "no such file")
    if path.is_dir():
        raise FileReadError(path, "is a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileReadError(path, f"cannot read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileReadError(
            path, f"line {line}: not UTF-8 (byte 0x{data[error.start]:02x})"
        ) from error
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FileReadError(path, f"line {line}: contains a NUL byte; this is not an RDF text file")
    return text


def parse_file(path: Path, *, base_iri: str | None = None) -> ParsedFile:
    """Parse one RDF file into triples, strictly.

    :raises FileReadError: if the file cannot be read as UTF-8 text or its format is unknown.
    :raises RdfSyntaxError: with path, line and column, if the text is not valid RDF.
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise FileReadError(
            path,
            f'unknown RDF format "{path.suffix}": '
            "use .ttl (Turtle), .nt (N-Triples) or .trig (TriG)",
        )
    text = read_text(path)
    if not text.strip():
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
    if not triples:
        raise FileReadError(path, "contains no triples: there is nothing to load")
    return ParsedFile(path=path, graph=graph_name(path), triples=tuple(triples), text=text)


def _syntax_error(path: Path, error: SyntaxError) -> RdfSyntaxError:
    message = str(error.msg if hasattr(error, "msg") else error)
    match = _LOCATION.match(message)
    if match:
        reason = message[match.end() :] or message
        return RdfSyntaxError(path, int(match.group(1)), int(match.group(2)), reason)
    return RdfSyntaxError(path, error.lineno, error.offset, message)
