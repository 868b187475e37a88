"""Every check a load makes before it writes anything, in the order a reader fixes them:
syntax (all files), undeclared finreg terms, then finreg's own checks and the shapes.

The files' triples are written once, as N-Triples, to a temporary file the SHACL engine reads;
nothing else holds them, so memory follows the input (about 1 GiB per million triples at
the engine's peak), not the store.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import NamedNode

from kg.errors import FileReadError, FilesRefusedError, InputError, TermUse, UndeclaredTermError
from kg.loaders import explain
from kg.loaders.progress import Progress
from kg.loaders.source import InputFile
from kg.loaders.survey import Survey, survey
from kg.loaders.validate import own_checks, shape_findings, undeclared, write_context
from kg.queries.context import types_outside
from kg.store import GraphStore, Scope


@dataclass(frozen=True)
class Checked:
    """Files that passed every check, with what their surveys found, and what the checks
    took from the store: the classes it gives the nodes the files reference (outside the
    graphs the files replace)."""

    inputs: tuple[InputFile, ...]
    surveys: tuple[Survey, ...]
    references: frozenset[NamedNode] = frozenset()
    types: frozenset[tuple[NamedNode, NamedNode]] = frozenset()

    @property
    def triples(self) -> int:
        """How many triples the files give."""
        return sum(s.triples for s in self.surveys)


def raise_all(errors: Sequence[InputError]) -> None:
    """Raise the one error, or all of them as one :class:`FilesRefusedError`."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise FilesRefusedError(errors)


def check_inputs(
    inputs: Sequence[InputFile], store: GraphStore | None, progress: Progress | None = None
) -> Checked:
    """Run every check over ``inputs``, given what ``store`` already holds (None: nothing).

    :raises RdfSyntaxError: (or FilesRefusedError) for files that are not valid RDF.
    :raises UndeclaredTermError: for finreg terms the ontology does not declare.
    :raises ShapeViolationError: for finreg's own checks and the SHACL shapes.
    """
    progress = progress or Progress(enabled=False)
    with tempfile.TemporaryDirectory(prefix="finreg-check-") as folder:
        validation = Path(folder) / "data.nt"
        with validation.open("wb") as out:
            surveys = _surveys(inputs, out, progress)
            _check_terms(inputs, surveys)
            progress.phase("check")
            replaced = frozenset(s.graph for s in inputs)
            typed = set().union(*(s.typed for s in surveys))
            references = set().union(*(s.references() for s in surveys)) - typed
            types = (
                types_outside(store, references, Scope(excluding=replaced))
                if store is not None and references
                else []
            )
            write_context(out, types)
        known = dict.fromkeys(typed, True) | {iri: True for iri, _ in types}
        described = set().union(*(s.subjects for s in surveys))
        findings = own_checks(surveys) + shape_findings(validation, described)
        reported = {f.value for f in findings}
        dangling = [
            iri
            for iri in sorted(references, key=lambda n: n.value)
            if undeclared(iri, known) and iri not in reported
        ]
        if findings or dangling:
            raise explain.refusal(findings, dangling, inputs, surveys, validation, known, store)
    return Checked(tuple(inputs), tuple(surveys), frozenset(references), frozenset(types))


def recheck(checked: Checked, store: GraphStore) -> None:
    """Check ``checked`` again after the store changed (another process published since the
    checks): the files' checks depend on the store only through the classes it gives the
    nodes they reference, so when those are unchanged nothing needs checking again; else
    every check runs again against the store as it is now.

    :raises InputError: (or a subclass) if the files are no longer valid.
    """
    if not checked.references:
        return
    replaced = frozenset(s.graph for s in checked.inputs)
    types = types_outside(store, checked.references, Scope(excluding=replaced))
    if frozenset(types) != checked.types:
        check_inputs(checked.inputs, store)


def _surveys(inputs: Sequence[InputFile], out: BinaryIO, progress: Progress) -> list[Survey]:
    progress.phase("parse", total=sum(len(s.data) for s in inputs))
    surveys: list[Survey] = []
    errors: list[InputError] = []
    for source in inputs:
        try:
            found = survey(source, out, progress)
        except InputError as error:
            errors.append(error)
            continue
        if not found.triples:
            errors.append(
                FileReadError(
                    source.path, "contains no triples: there is nothing to load", kind="no-triples"
                )
            )
        surveys.append(found)
    raise_all(errors)
    return surveys


def _check_terms(inputs: Sequence[InputFile], surveys: Sequence[Survey]) -> None:
    uses: list[TermUse] = []
    for source, found in zip(inputs, surveys, strict=True):
        if found.undeclared:
            lines = explain.use_lines(source, found.undeclared)
            uses.extend(TermUse(str(source.path), t, lines.get(t)) for t in found.undeclared)
    if uses:
        raise UndeclaredTermError(sorted(uses, key=lambda u: (u.path, u.line or 0, u.term)))
