"""One pass over a file's triples that gathers what the checks and the derived triples need.

pyoxigraph parses (and checks the syntax); this pass keeps no triple, only what later steps
ask for: undeclared finreg terms, the IRIs the file references and the ones it types,
ill-formed dates and bound pairs, names and business transfers. It also writes the triples
as N-Triples into the file the SHACL engine validates, with the blank node labels the parse
gave, so that a violation names a node this pass has seen.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    parse,
)

from kg.dates import XSD_DATE, XSD_GYEAR, XSD_GYEARMONTH, PartialDate
from kg.errors import InvalidDateError, RdfSyntaxError
from kg.loaders.positions import graph_line
from kg.loaders.progress import Progress
from kg.loaders.source import InputFile
from kg.model import EventKind
from kg.schema import NAMESPACE, declared_terms
from kg.schema.engine import write_data
from kg.skolem import is_skolem
from kg.vocab import DATA, FRN
from kg.w3c import RDF_TYPE

DATE_TYPES = frozenset((XSD_GYEAR, XSD_GYEARMONTH, XSD_DATE))
BOUNDS = ((FRN.notBefore, FRN.notAfter), (FRN.validFrom, FRN.validTo))
"""Pairs of (lower, upper) bound properties whose upper bound cannot end before the lower
begins."""

EVENT_CLASSES = frozenset(getattr(FRN, kind.value) for kind in EventKind)
_DATA_NAMESPACE = str(DATA)
_FINREG_HOST = re.compile(r"^https?://w3id\.org/finreg[/#]", re.IGNORECASE)
_TEE_BATCH = 20_000
_POSITION = re.compile(r"^Parser error (?:at|between) line \d+[^:]*: ?")
"""The place pyoxigraph writes in front of its message ("at line 3 column 5", "at line 3
between columns 13 and 22", "between line 3 column 11 and line 4 column 1"); finreg states the
place from the error's ``lineno`` and ``offset``, so the prefix goes."""

Node = NamedNode | BlankNode


def misspelt(iri: str) -> bool:
    """Whether ``iri`` is a finreg term the ontology lacks, or a near miss of finreg's
    namespaces (scheme, separator or case), which would otherwise load unnoticed.

    >>> misspelt(NAMESPACE + "Company"), misspelt(NAMESPACE + "Compagny")
    (False, True)
    >>> misspelt(_DATA_NAMESPACE.replace("https", "http") + "x"), misspelt("https://example.org/x")
    (True, False)
    """
    if iri.startswith(NAMESPACE):
        return iri not in declared_terms()
    if iri.startswith(_DATA_NAMESPACE) or iri == NAMESPACE.rstrip("#") or is_skolem(iri):
        return False  # instances, the ontology itself, blank nodes a server named
    return _FINREG_HOST.match(iri) is not None


@dataclass(frozen=True)
class BadDate:
    """A date literal whose text names no real date ("2023-13"^^xsd:gYearMonth)."""

    subject: Node
    predicate: NamedNode
    value: Literal
    reason: str


@dataclass
class Survey:
    """What one file holds, as far as the checks and the derived triples need to know."""

    triples: int = 0
    undeclared: set[str] = field(default_factory=set)
    subjects: set[NamedNode] = field(default_factory=set)
    """IRIs the file writes as subjects: the nodes it describes."""
    typed: set[NamedNode] = field(default_factory=set)
    objects: set[NamedNode] = field(default_factory=set)
    """IRIs the file uses as objects (other than classes)."""
    bad_dates: list[BadDate] = field(default_factory=list)
    bounds: dict[tuple[Node, NamedNode], Literal] = field(default_factory=dict)
    names: dict[Node, list[Node]] = field(default_factory=lambda: defaultdict(list))
    """Each entity's name nodes (``fr:name``)."""
    values: dict[Node, list[Literal]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[Node, list[NamedNode]] = field(default_factory=lambda: defaultdict(list))
    ended: set[Node] = field(default_factory=set)
    """Name nodes with a ``fr:validTo``."""
    transfers: set[Node] = field(default_factory=set)
    transferors: dict[Node, list[NamedNode]] = field(default_factory=lambda: defaultdict(list))
    transferees: dict[Node, list[NamedNode]] = field(default_factory=lambda: defaultdict(list))
    events: set[NamedNode] = field(default_factory=set)
    """IRIs the file types as events (any event class)."""
    dates: dict[Node, dict[NamedNode, Literal]] = field(default_factory=lambda: defaultdict(dict))
    """Each node's ``fr:date`` and ``fr:notAfter`` (what an event's order key needs)."""

    def references(self) -> set[NamedNode]:
        """IRIs used as objects that the file does not type itself."""
        return self.objects - self.typed

    def reversed_bounds(self) -> list[tuple[Node, NamedNode, Literal, NamedNode, Literal]]:
        """(node, lower property, lower, upper property, upper) where the upper bound's
        period ends before the lower bound's begins."""
        found = []
        for (node, low), lower in self.bounds.items():
            for low_p, high_p in BOUNDS:
                upper = self.bounds.get((node, high_p))
                if (
                    low == low_p
                    and upper is not None
                    and PartialDate.parse(upper.value).end < PartialDate.parse(lower.value).start
                ):
                    found.append((node, low_p, lower, high_p, upper))
        return found


class _Counted(io.BytesIO):
    """The file's bytes as the parser reads them, telling the progress bar how far it is."""

    def __init__(self, data: bytes, progress: Progress) -> None:
        super().__init__(data)
        self._progress = progress

    def read(self, size: int | None = -1, /) -> bytes:
        chunk = super().read(size)
        self._progress.advance(len(chunk))
        return chunk

    def readinto(self, buffer: memoryview | bytearray, /) -> int:  # type: ignore[override]
        count = super().readinto(buffer)
        self._progress.advance(count)
        return count


def survey(source: InputFile, validation: BinaryIO, progress: Progress | None = None) -> Survey:
    """Parse ``source`` once, gathering its :class:`Survey` and appending its triples to the
    N-Triples stream ``validation`` (blank nodes labelled freshly, so that files never share
    one by accident).

    :raises RdfSyntaxError: with file, line and column, if the text is not valid RDF or
        (TriG) declares a named graph.
    """
    found = Survey()
    batch: list[Quad] = []
    checked: dict[NamedNode, bool] = {}
    seen: set[NamedNode] = set()
    subjects, typed, objects = found.subjects, found.typed, found.objects
    names, values, kinds = found.names, found.values, found.kinds
    dispatch: dict[NamedNode, Callable[[Any, Any], object]] = {
        FRN.name: lambda s, o: names[s].append(o),
        FRN.value: lambda s, o: values[s].append(o),
        FRN.nameKind: lambda s, o: kinds[s].append(o),
        FRN.validTo: lambda s, o: found.ended.add(s),
        FRN.transferor: lambda s, o: found.transferors[s].append(o),
        FRN.transferee: lambda s, o: found.transferees[s].append(o),
        FRN.date: lambda s, o: found.dates[s].setdefault(FRN.date, o),
        FRN.notAfter: lambda s, o: found.dates[s].setdefault(FRN.notAfter, o),
    }
    dates: dict[Literal, str | None] = {}
    bound_properties = {p for pair in BOUNDS for p in pair}

    def check(iri: NamedNode) -> None:
        if iri not in checked:
            checked[iri] = bad = misspelt(iri.value)
            if bad:
                found.undeclared.add(iri.value)

    def first_sight(iri: NamedNode) -> None:
        seen.add(iri)
        if not iri.value.startswith(_DATA_NAMESPACE):
            check(iri)

    trig = source.format is RdfFormat.TRIG
    count = 0
    try:
        data = source.data if progress is None else _Counted(source.data, progress)
        for quad in parse(data, source.format, base_iri=source.base_iri, rename_blank_nodes=True):
            if trig and not isinstance(quad.graph_name, DefaultGraph):
                raise RdfSyntaxError(
                    source.path,
                    graph_line(source.data),
                    None,
                    f"declares the named graph {quad.graph_name}; finreg gives every file one "
                    "graph of its own, so put the triples in the default graph or split the file",
                )
            s, p, o = quad.subject, quad.predicate, quad.object
            if type(s) is NamedNode and s not in subjects:
                subjects.add(s)
                if s not in seen:
                    first_sight(s)
            if p not in checked:
                check(p)
            if p == RDF_TYPE:
                if type(o) is NamedNode:
                    check(o)
                    if type(s) is NamedNode:
                        typed.add(s)
                    if o == FRN.BusinessTransfer:
                        found.transfers.add(s)
                    if o in EVENT_CLASSES and type(s) is NamedNode:
                        found.events.add(s)
            elif type(o) is NamedNode:
                if o not in seen:
                    first_sight(o)
                objects.add(o)
            elif type(o) is Literal and o.datatype in DATE_TYPES:
                if o not in dates:
                    dates[o] = _date_problem(o)
                if dates[o] is not None:
                    found.bad_dates.append(BadDate(s, p, o, dates[o]))  # type: ignore[arg-type]
                elif p in bound_properties:
                    found.bounds[(s, p)] = o
            handler = dispatch.get(p)
            if handler is not None:
                handler(s, o)
            batch.append(quad)
            if len(batch) >= _TEE_BATCH:
                count += len(batch)
                _tee(batch, validation)
                if progress is not None:
                    progress.advance(0, _TEE_BATCH)
    except SyntaxError as error:
        raise syntax_error(source.path, error) from error
    found.triples = count + len(batch)
    _tee(batch, validation)
    return found


def _tee(batch: list[Quad], validation: BinaryIO) -> None:
    """Write ``batch`` (default-graph quads) for the SHACL engine, and empty it."""
    write_data((q.triple for q in batch), validation)
    batch.clear()


def _date_problem(value: Literal) -> str | None:
    """Why a date literal's text is no real date, or None."""
    try:
        PartialDate.parse(value.value)
    except InvalidDateError as error:
        return f"{error} for {value.datatype.value.rsplit('#', 1)[-1]}"
    return None


def syntax_error(path: Path, error: SyntaxError) -> RdfSyntaxError:
    """The finreg error for pyoxigraph's ``SyntaxError`` in the file ``path``, located by
    the error's own line and column (1-based)."""
    message = str(error.msg if hasattr(error, "msg") else error)
    reason = _POSITION.sub("", message) or message
    return RdfSyntaxError(path, error.lineno, error.offset, reason)
