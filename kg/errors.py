"""Every error finreg raises on purpose.

The tree::

    FinregError                      base: a message a user can act on
    ├── InputError                   a file could not be taken as given
    │   ├── FileReadError            missing, a folder, unreadable, not UTF-8
    │   ├── RdfSyntaxError           bad Turtle/N-Triples/TriG, with path, line, column
    │   ├── UndeclaredTermError      a finreg term the ontology does not declare
    │   ├── ShapeViolationError      SHACL violations, each with focus node, path, message
    │   ├── BackupError              a restore's file that is not a finreg backup, with its line
    │   └── FilesRefusedError        several files refused at once, each with its error
    ├── GraphKeyError                a file whose graph key cannot be found (no dataset root)
    ├── ShapesEngineError            the SHACL engine could not read the shapes or the data
    ├── MissingResourceError         the ontology or the shapes missing from finreg's install
    ├── StoreError                   the store could not do what was asked
    │   ├── StoreUnavailableError    the store cannot be opened or reached
    │   │   ├── StoreTimeoutError    a SPARQL server did not answer whole in time
    │   │   └── IncompleteAnswerError  a server's answer cut, unframed, garbled or not HTTP
    │   ├── WriteError               a load or unload failed: says whether the store changed
    │   │   └── LegacyStoreError     a store from before graph keys: run finreg migrate
    │   ├── StoreNotEmptyError       a restore into a store that already holds graphs
    │   ├── StoreChangedError        the graphs changed under a read of several queries
    │   ├── RowCapError              an answer as long as the server's row cap: maybe cut
    │   ├── QueryTimeoutError        a user's SPARQL query ran past its time limit
    │   └── ResultTooLargeError      a user's SPARQL query's results passed the size limit
    ├── QueryRefusedError            a SPARQL request the read-only endpoint does not run
    │   ├── MalformedQueryError      not a SPARQL query (the parser's message)
    │   ├── UpdateRefusedError       a SPARQL update (INSERT, DELETE, LOAD, DROP...)
    │   └── FederatedQueryError      a query that calls another endpoint (SERVICE)
    ├── NotLoadedError               unload of a file whose graph is not in the store
    ├── DanglingReferenceError       unload that would leave references to removed nodes
    ├── InvalidDateError             a partial date that is not YYYY, YYYY-MM or YYYY-MM-DD
    ├── AmbiguousNameError           a name that matches several entities
    ├── OutputFileError              a file the CLI was asked to write could not be written
    └── NotFoundError                a name or IRI that matches nothing

Messages name the culprit, so the CLI can print ``str(error)`` as one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class FinregError(Exception):
    """Base class of every error finreg raises on purpose."""


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str, limit: int = 200) -> str:
    """``text`` as it can be shown inside a one-line message: line breaks and other control
    characters escaped, and no longer than about ``limit`` characters (a huge literal or IRI
    is cut, saying how long it was).

    >>> print(one_line("first line\\nsecond\\tline"))
    first line\\nsecond\\tline
    >>> one_line("x" * 1000, limit=10)
    'xxxxxxxxxx… (1000 characters)'
    """
    shown = _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m[0], f"\\u{ord(m[0]):04x}"), text)
    if len(shown) > limit:
        return f"{shown[:limit]}… ({len(text)} characters)"
    return shown


class InputError(FinregError):
    """A file given to finreg could not be taken as it is; nothing was written."""


WHOLE_FILE_REFUSALS: dict[str, str] = {
    "missing": "no such file",
    "folder": "a folder, not a file",
    "not-regular": "a pipe, a socket or a device, not a regular file",
    "unreadable": "the system would not let finreg read it",
    "format": "an extension finreg does not read",
    "too-big": "larger than the limit for one file",
    "empty": "empty, or nothing but white space",
    "no-triples": "no triples: nothing but comments and prefixes",
    "store": "the store could not be written (a full disk, no permission): a StoreError",
}
"""Every refusal that names no line, because what is wrong is the file as a whole (or the
store, not the file): the one list of them. ``FileReadError.kind`` is one of these keys
whenever its ``line`` is None; every other refusal of an input names its file and a line."""

LINE_REFUSALS: dict[str, str] = {
    "not-utf8": "a byte that is not UTF-8",
    "nul": "a NUL byte",
}
"""Refusals of a file's bytes that name the line they are on."""


class FileReadError(InputError):
    """A file that is missing, a folder, unreadable, not valid UTF-8, empty...: ``kind`` is a
    key of WHOLE_FILE_REFUSALS (then ``line`` is None) or of LINE_REFUSALS (then ``line`` is
    the 1-based line at fault)."""

    def __init__(
        self, path: Path | str, reason: str, *, kind: str, line: int | None = None
    ) -> None:
        self.path = str(path)
        self.reason = reason
        self.kind = kind
        self.line = line
        where = f"{self.path}: line {line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class RdfSyntaxError(InputError):
    """A syntax error in an RDF file, located by 1-based line and column."""

    def __init__(self, path: Path | str, line: int | None, column: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.column = column
        self.reason = reason = one_line(reason, limit=300)
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: syntax error: {reason}")


@dataclass(frozen=True)
class TermUse:
    """Where an undeclared term was used."""

    path: str
    term: str
    line: int | None


class UndeclaredTermError(InputError):
    """Terms in the finreg namespace that ontology/finreg.ttl does not declare."""

    def __init__(self, uses: Sequence[TermUse]) -> None:
        self.uses = tuple(uses)
        lines = [
            f"{u.path}{f':{u.line}' if u.line else ''}: undeclared finreg term <{one_line(u.term)}>"
            for u in self.uses
        ]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (file and line), the node, the property, the offending value,
    and the rule in words."""

    focus_node: str
    path: str | None
    message: str
    value: str | None = None
    file: str | None = None
    within: str | None = None
    """The part of the focus node at fault, such as one of its names."""
    line: int | None = None
    """The line where the node is first written as a subject (for a blank node, its ``[``)."""
    hint: str | None = None
    """What was probably meant, such as the existing IRI a misspelt one is closest to."""

    def __str__(self) -> str:
        where = f"{self.file}{f':{self.line}' if self.line else ''}: " if self.file else ""
        part = f" {one_line(self.within)}" if self.within else ""
        prop = f" {one_line(self.path)}" if self.path else ""
        value = f" (value {one_line(self.value)})" if self.value else ""
        hint = f"; {one_line(self.hint, limit=500)}" if self.hint else ""
        focus = one_line(self.focus_node)
        node = "[ ] (a blank node)" if focus.startswith("_:") else f"<{focus}>"
        return f"{where}{node}{part}{prop}: {one_line(self.message, limit=500)}{value}{hint}"


class ShapeViolationError(InputError):
    """Files that parse but break finreg's rules (the SHACL shapes and finreg's own checks);
    ``violations`` lists the first ones found (50), ``more`` counts the rest."""

    def __init__(self, violations: Sequence[Violation], more: int = 0) -> None:
        self.violations = tuple(violations)
        self.more = more
        lines = [str(v) for v in self.violations]
        if more:
            lines.append(f"... and {more} more violation{'s' if more > 1 else ''}")
        super().__init__("\n".join(lines))


class BackupError(InputError):
    """A line of a file given to ``finreg restore`` that is no part of a finreg backup (what
    ``finreg export --format nq`` writes): a triple outside a named graph, a graph outside
    finreg's, a graph without its load stamp."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason = one_line(reason, limit=500)
        super().__init__(f"{self.path}:{line}: {reason}")


class GraphKeyError(FinregError):
    """A file whose graph key cannot be found, or a key that is not usable."""


class ShapesEngineError(FinregError):
    """The SHACL engine could not read the shapes or the data it was given."""


class MissingResourceError(FinregError):
    """A file finreg ships with (the ontology, the shapes) is not where its install keeps it
    (see kg.resources): a broken install, not the user's input."""


class StoreError(FinregError):
    """The store could not do what was asked; nothing was changed."""


class StoreUnavailableError(StoreError):
    """The store cannot be opened (locked, corrupt, no permission) or reached."""


class StoreTimeoutError(StoreUnavailableError):
    """A SPARQL server at ``url`` that did not answer whole within ``seconds``."""

    def __init__(self, url: str, seconds: float) -> None:
        self.url = url
        self.seconds = seconds
        super().__init__(f"{url}: no answer within {seconds:g} s (none, or not all of it)")


class IncompleteAnswerError(StoreUnavailableError):
    """A SPARQL server's answer that cannot be used whole: cut short, without the framing
    that would show a cut, not HTTP, or not in the format asked for (``reason`` says which).
    Nothing of it is used: a shorter answer is a wrong one."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(
            f"{url}: the SPARQL server's answer was incomplete ({reason}); nothing of it was used"
        )


class StoreChangedError(StoreError):
    """The published graphs changed while an answer that takes several queries was read,
    again on each of ``attempts`` tries: no consistent answer could be had."""

    def __init__(self, attempts: int) -> None:
        self.attempts = attempts
        super().__init__(
            f"the graph was reloaded while the answer was read, {attempts} time(s) in a row; "
            "try again once the loads are done"
        )


class RowCapError(StoreError):
    """An answer of ``rows`` rows (or triples) from a server that stops every answer at
    ``cap`` silently (Virtuoso's ``ResultSetMaxRows``): it may be cut, so it is not used."""

    def __init__(self, url: str, rows: int, cap: int) -> None:
        self.url = url
        self.rows = rows
        self.cap = cap
        super().__init__(
            f"{url}: the answer has {rows} rows, and the server stops answers at {cap} rows "
            "(FINREG_STORE_MAX_ROWS), so it may be incomplete; nothing of it was used. Ask "
            "for less, or raise the server's limit (Virtuoso: ResultSetMaxRows in "
            "virtuoso.ini) and FINREG_STORE_MAX_ROWS with it"
        )


class WriteError(StoreError):
    """A load or unload that failed while writing or publishing, and what the store holds
    since: ``written`` is False when it is as before (checked on the server after a failed
    publishing request), None when that could not be checked (the store then holds the
    graphs as before or the whole load, never a mix). The message says which."""

    def __init__(self, message: str, *, written: bool | None) -> None:
        self.written = written
        super().__init__(message)


class LegacyStoreError(StoreUnavailableError):
    """A store whose graphs are named by machine paths (``file:`` IRIs), from before graph
    keys: it must be migrated before use."""

    def __init__(self, location: str, example: str) -> None:
        self.location = location
        if example.startswith("file:"):
            super().__init__(
                f"the store in {location} names its graphs by machine paths (such as "
                f"{example}); rename them by paths relative to your dataset root with "
                "'finreg migrate --root DIR'"
            )
        else:
            super().__init__(
                f"the store at {location} holds graphs loaded before version graphs (such as "
                f"{example}); publish them with 'finreg migrate --root DIR'"
            )


class StoreNotEmptyError(StoreError):
    """A restore into a store that already holds graphs: a backup is restored whole, into an
    empty store, never merged."""

    def __init__(self, location: str, graphs: Sequence[str]) -> None:
        self.location = location
        self.graphs = tuple(graphs)
        super().__init__(
            f"the store in {location} already holds {len(self.graphs)} graph(s), such as "
            f'"{self.graphs[0]}": finreg restore writes into an empty store only; restore '
            "into a new data folder (--data DIR) or an empty server, or unload those graphs first"
        )


class QueryTimeoutError(StoreError):
    """A user's SPARQL query that did not finish within its time limit (``seconds``)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"the query did not finish within the time limit of {seconds:g} s: "
            "narrow its patterns or add a LIMIT"
        )


class ResultTooLargeError(StoreError):
    """A user's SPARQL query whose serialised results passed ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            f"the results are larger than the limit of {limit} bytes: "
            "select fewer variables or add a LIMIT"
        )


class QueryRefusedError(FinregError):
    """A SPARQL request that the read-only query service does not run; nothing was run."""


class MalformedQueryError(QueryRefusedError):
    """A text that is not a SPARQL 1.1 query; the message is the parser's."""


class UpdateRefusedError(QueryRefusedError):
    """A SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP...) sent to the read-only service."""

    def __init__(self, operation: str = "") -> None:
        self.operation = operation
        what = f"{operation} is a SPARQL update" if operation else "a SPARQL update"
        super().__init__(
            f"{what}, refused: this endpoint is read-only and answers queries only "
            "(SELECT, ASK, CONSTRUCT, DESCRIBE)"
        )


class FederatedQueryError(QueryRefusedError):
    """A query with a SERVICE clause: the service never calls other endpoints for a user."""

    def __init__(self) -> None:
        super().__init__(
            "SERVICE (federated query) is not offered: this endpoint only queries its own graph"
        )


class NotLoadedError(FinregError):
    """An unload named a file whose graph the store does not hold."""

    def __init__(self, path: str, graph: str) -> None:
        self.path = path
        self.graph = graph
        super().__init__(f'{path}: not loaded (no graph "{graph}" in the store)')


class DanglingReferenceError(FinregError):
    """An unload that would leave other graphs pointing at nodes nobody declares any more."""

    def __init__(self, references: Sequence[tuple[str, str, str, str]]) -> None:
        self.references = tuple(references)
        lines = [
            f'graph "{graph}": <{subject}> <{predicate}> <{node}> would point at an undeclared node'
            for graph, subject, predicate, node in self.references
        ]
        lines.append("unload those files too, or pass --force to unload anyway")
        super().__init__("\n".join(lines))


class InvalidDateError(FinregError, ValueError):
    """A partial date that is not YYYY, YYYY-MM or YYYY-MM-DD."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(
            f'invalid date "{value}": expected YYYY, YYYY-MM or YYYY-MM-DD '
            '(e.g. "2015", "2023-06", "2024-12-30")'
        )


class AmbiguousNameError(FinregError):
    """A name that matches several entities; ``candidates`` are their IRIs and names."""

    def __init__(self, name: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.name = name
        self.candidates = tuple(candidates)
        listed = "; ".join(f"{label} <{iri}>" for iri, label in self.candidates)
        super().__init__(f'"{name}" matches {len(self.candidates)} entities: {listed}')


class NotFoundError(FinregError):
    """A name or IRI that matches nothing in the graph (or in the graph as known at the end
    of ``known_at``, a date as written: YYYY, YYYY-MM or YYYY-MM-DD)."""

    def __init__(self, what: str, known_at: str | None = None) -> None:
        self.what = what
        self.known_at = known_at
        graph = f"the graph as known at the end of {known_at}" if known_at else "the graph"
        super().__init__(f'nothing in {graph} is named "{what}"')


class FilesRefusedError(InputError):
    """Several files refused in one call; ``errors`` holds each file's own error."""

    def __init__(self, errors: Sequence[InputError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class OutputFileError(FinregError):
    """A file the CLI was asked to write (a picture, a CSV) could not be written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f'cannot write "{path}": {reason}')
        self.path = path
        self.reason = reason


def problems(error: FinregError) -> list[dict[str, object]]:
    """``error`` as a list of problems for a machine (``--json``): each names its kind, the
    file and line where known, and what is wrong, with the same fields the text gives."""
    if isinstance(error, FilesRefusedError):
        return [p for e in error.errors for p in problems(e)]
    if isinstance(error, RdfSyntaxError):
        return [
            {"kind": "syntax", "file": error.path, "line": error.line, "column": error.column,
             "message": error.reason}
        ]  # fmt: skip
    if isinstance(error, BackupError):
        return [{"kind": "backup", "file": error.path, "line": error.line, "message": error.reason}]
    if isinstance(error, FileReadError):
        return [{"kind": "file", "file": error.path, "line": error.line, "message": error.reason}]
    if isinstance(error, UndeclaredTermError):
        return [
            {"kind": "term", "file": u.path, "line": u.line, "term": u.term,
             "message": "undeclared finreg term"}
            for u in error.uses
        ]  # fmt: skip
    if isinstance(error, ShapeViolationError):
        return [
            {"kind": "rule", "file": v.file, "line": v.line, "focus": v.focus_node,
             "within": v.within, "property": v.path, "value": v.value, "rule": v.message,
             "hint": v.hint}
            for v in error.violations
        ]  # fmt: skip
    return [{"kind": type(error).__name__, "message": str(error)}]
