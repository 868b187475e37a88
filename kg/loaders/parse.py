"""Read an RDF file into triples, strictly, with errors that give file, line and column.

Loads do not keep a file's triples (kg.loaders.survey gathers what the checks need in one
pass); this is for the few places that want the triples themselves: ``finreg diff``, which
compares a file with what the store holds, and the W3C syntax suites' tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, RdfFormat, Triple, parse

from kg.errors import FileReadError, RdfSyntaxError
from kg.loaders.positions import graph_line
from kg.loaders.source import MAX_FILE_BYTES, InputFile, rdf_format, read_bytes
from kg.loaders.survey import syntax_error

__all__ = ["MAX_FILE_BYTES", "ParsedFile", "parse_file", "parse_input"]


@dataclass(frozen=True)
class ParsedFile:
    """The triples of one file."""

    path: Path
    triples: tuple[Triple, ...]


def parse_input(source: InputFile) -> ParsedFile:
    """The triples of a file read for a load (relative IRIs against its graph IRI).

    :raises RdfSyntaxError: with path, line and column, if the text is not valid RDF.
    """
    return _parse(source.path, source.data, source.format, source.base_iri)


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
    is a NUL byte (see kg.loaders.source.read_bytes). ``allow_empty`` and ``allow_nul``
    accept them, for reading any valid RDF (the W3C test suites); ``load`` never sets them.

    :raises FileReadError: if the file cannot be read as UTF-8 text, is too large, its format
        is unknown, or (unless ``allow_empty``) it holds no triples.
    :raises RdfSyntaxError: with path, line and column, if the text is not valid RDF.
    """
    fmt = rdf_format(path)
    data = read_bytes(path, max_bytes=max_bytes, allow_nul=allow_nul)
    parsed = _parse(path, data, fmt, base_iri or path.resolve().as_uri())
    if not parsed.triples and not allow_empty:
        raise FileReadError(
            path, "contains no triples: there is nothing to load", kind="no-triples"
        )
    return parsed


def _parse(path: Path, data: bytes, fmt: RdfFormat, base_iri: str) -> ParsedFile:
    triples: list[Triple] = []
    try:
        for quad in parse(data, fmt, base_iri=base_iri):
            if not isinstance(quad.graph_name, DefaultGraph):
                raise RdfSyntaxError(
                    path, graph_line(data), None, f"declares the named graph {quad.graph_name}"
                )
            triples.append(quad.triple)
    except SyntaxError as error:
        raise syntax_error(path, error) from error
    return ParsedFile(path, tuple(triples))
