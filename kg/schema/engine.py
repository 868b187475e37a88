"""The SHACL engine behind finreg's shapes: one small module, so the engine can be swapped.

finreg validates with ``shacl`` (PyPI; Rust, MIT or Apache-2.0), pinned in constraints.txt.
Why this engine and not another is written down in ``bench/README.md`` ("SHACL engines"): it
agrees with the W3C SHACL Core suite on all 98 tests that carry ``sh:conforms``, down to the
set of results (``tests/schema/test_w3c_shacl_core.py``, where a disagreement would be a
strict xfail naming the defect); it gives pySHACL's verdict and results on every file of
finreg's bad corpora; and it validates a million triples in 3.6 s where pySHACL takes 161 s.

Its known gaps, each with a finreg check and a test of its own:

- it takes an ill-formed date ("2023-13"^^xsd:gYearMonth) as of its datatype, as pySHACL
  does: kg.loaders checks every date's form itself (tests/data/bad/date-*.ttl);
- it renames blank nodes (below).

Terms come back as text in N-Triples syntax (``<http://ex/a>``, ``_:b0``, ``"x"@zh``), paths
in SPARQL property-path syntax; :func:`term` turns such text into a pyoxigraph term.

The engine relabels blank nodes as it parses (``_:abc`` comes back as ``_:0_b95``, by a
numbering it does not document), so a result about a blank node could not be traced to the
node the caller wrote. ``write_data`` therefore writes blank nodes as IRIs under
``BLANK_NAMESPACE`` (a skolemisation, RDF 1.1 section 3.5), and ``validate_file`` turns them
back into blank nodes in its results. This is sound for shapes that never ask whether a node
is a blank node: ``check_shapes`` (which kg.schema runs on finreg's shapes) refuses shapes
with a ``sh:nodeKind`` other than ``sh:IRI`` or ``sh:Literal``, and a shape that requires an
IRI must also give its pattern, as finreg's do, since a skolem IRI is an IRI.

>>> shapes = CompiledShapes.from_text('''
...     @prefix sh: <http://www.w3.org/ns/shacl#> .
...     <urn:S> a sh:NodeShape ; sh:targetClass <urn:C> ;
...         sh:property [ sh:path <urn:p> ; sh:minCount 1 ; sh:message "needs urn:p" ] .
... ''')
>>> [r.component for r in shapes.validate_text("<urn:a> a <urn:C> .")]
['MinCountConstraintComponent']
>>> shapes.validate_text("<urn:a> a <urn:C> ; <urn:p> 1 .")
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import shacl
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse, serialize

from kg.errors import ShapesEngineError

_FORMATS = {RdfFormat.TURTLE: "turtle", RdfFormat.N_TRIPLES: "ntriples"}

BLANK_NAMESPACE = "urn:x-finreg-blank:"
"""Where ``write_data`` puts the blank nodes of the data it writes for the engine."""

_SUBJECT = re.compile(rb"^_:([A-Za-z0-9_]+) ", re.MULTILINE)
_OBJECT = re.compile(rb" _:([A-Za-z0-9_]+) \.$", re.MULTILINE)
_UNSOUND_KIND = re.compile(
    r"(?:shacl#|\bsh:)(BlankNode|BlankNodeOrIRI|BlankNodeOrLiteral|IRIOrLiteral)\b"
)


@dataclass(frozen=True)
class EngineResult:
    """One validation result as the engine reports it (terms in N-Triples syntax)."""

    focus_node: str
    path: str | None
    """The result path in SPARQL property-path syntax, such as ``<urn:p>`` or ``^<urn:p>``."""
    value: str | None
    component: str
    """The constraint component's local name, such as ``MinCountConstraintComponent``."""
    severity: str
    """``Violation``, ``Warning`` or ``Info``."""
    message: str | None
    source_shape: str | None

    @property
    def blocking(self) -> bool:
        """Whether this result makes the data non-conforming (a violation)."""
        return self.severity == "Violation"


def _results(report: shacl.Report) -> list[EngineResult]:
    return [
        EngineResult(
            focus_node=r.focus_node,
            path=r.path,
            value=r.value,
            component=r.component,
            severity=r.severity,
            message=r.message,
            source_shape=r.source_shape,
        )
        for r in report.results
    ]


class CompiledShapes:
    """A shapes graph compiled once, to validate many data graphs (thread-safe)."""

    def __init__(self, compiled: shacl.Shapes) -> None:
        self._compiled = compiled

    @classmethod
    def from_file(cls, path: Path) -> CompiledShapes:
        """Compile the shapes in a Turtle or N-Triples file.

        :raises ShapesEngineError: if the file cannot be read or declares no shapes.
        """
        try:
            compiled = shacl.Shapes.from_file(str(path))
        except (OSError, ValueError) as error:
            raise ShapesEngineError(f"{path}: cannot compile the shapes: {error}") from error
        if len(compiled) == 0:
            raise ShapesEngineError(f"{path}: declares no SHACL shapes")
        return cls(compiled)

    @classmethod
    def from_text(cls, text: str, fmt: RdfFormat = RdfFormat.TURTLE) -> CompiledShapes:
        """Compile shapes held in memory (Turtle by default).

        :raises ShapesEngineError: if the text is not RDF or declares no shapes.
        """
        try:
            compiled = shacl.Shapes.from_text(text, format=_FORMATS[fmt])
        except ValueError as error:
            raise ShapesEngineError(f"cannot compile the shapes: {error}") from error
        if len(compiled) == 0:
            raise ShapesEngineError("the text declares no SHACL shapes")
        return cls(compiled)

    def validate_file(self, path: Path, *, max_results: int | None = None) -> list[EngineResult]:
        """Validate the data graph in a Turtle (``.ttl``) or N-Triples (``.nt``) file; return
        every result, violations and lesser severities alike (empty when nothing is wrong).

        ``max_results`` stops the engine once that many violations are found.

        :raises ShapesEngineError: if the engine cannot read the file.
        """
        try:
            report = self._compiled.validate_file(str(path), max_results=max_results)
        except (OSError, ValueError) as error:
            raise ShapesEngineError(f"{path}: the SHACL engine cannot read it: {error}") from error
        return _results(report)

    def validate_text(self, text: str, fmt: RdfFormat = RdfFormat.TURTLE) -> list[EngineResult]:
        """Validate a data graph held in memory; see :meth:`validate_file`.

        :raises ShapesEngineError: if the engine cannot read the text.
        """
        try:
            report = self._compiled.validate_text(text, format=_FORMATS[fmt])
        except ValueError as error:
            raise ShapesEngineError(f"the SHACL engine cannot read the data: {error}") from error
        return _results(report)


def write_data(triples: Iterable[Triple], out: BinaryIO) -> None:
    """Append ``triples`` to the N-Triples data file ``out``, blank nodes as skolem IRIs
    (see the module docstring).

    >>> import io
    >>> out = io.BytesIO()
    >>> write_data([Triple(BlankNode("b1"), NamedNode("urn:p"), BlankNode("b2"))], out)
    >>> out.getvalue()
    b'<urn:x-finreg-blank:b1> <urn:p> <urn:x-finreg-blank:b2> .\\n'
    """
    text = serialize(triples, format=RdfFormat.N_TRIPLES) or b""
    text = _SUBJECT.sub(rb"<urn:x-finreg-blank:\1> ", text)
    out.write(_OBJECT.sub(rb" <urn:x-finreg-blank:\1> .", text))


def check_shapes(text: str) -> None:
    """Refuse shapes (Turtle or N-Triples text) that tell blank nodes from IRIs, which the
    skolemised data cannot answer truly.

    :raises ShapesEngineError: naming the node kind.
    """
    found = _UNSOUND_KIND.search(text)
    if found:
        raise ShapesEngineError(
            f"the shapes use sh:nodeKind sh:{found.group(1)}: finreg gives the SHACL engine "
            "blank nodes as IRIs (kg.schema.engine), so that check would be wrong"
        )


def term(text: str) -> NamedNode | BlankNode | Literal:
    """The pyoxigraph term written ``text`` in N-Triples syntax, as the engine reports terms;
    a skolem IRI of ``write_data`` is its blank node again.

    >>> term("<urn:a>"), term("<urn:x-finreg-blank:b1>"), term('"花呗"@zh')
    (<NamedNode value=urn:a>, <BlankNode value=b1>, <Literal value=花呗 language=zh>)

    :raises ShapesEngineError: if ``text`` is no N-Triples term.
    """
    if text.startswith("<") and text.endswith(">"):
        if text.startswith("<" + BLANK_NAMESPACE):
            return BlankNode(text[len(BLANK_NAMESPACE) + 1 : -1])
        return NamedNode(text[1:-1])
    if text.startswith("_:"):
        return BlankNode(text[2:])
    try:
        quads = list(parse(f"<urn:s> <urn:p> {text} .", format=RdfFormat.N_TRIPLES))
    except SyntaxError as error:
        raise ShapesEngineError(f"the engine reported a term finreg cannot read: {text}") from error
    value = quads[0].object
    if not isinstance(value, Literal):
        raise ShapesEngineError(f"the engine reported a term finreg cannot read: {text}")
    return value
