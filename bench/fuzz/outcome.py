"""What became of a fuzz case, and the rule it is judged by.

A case is *sound* when it was loaded (a backup: restored), or refused with a ``FinregError``
that names the file and a line of it for every problem (one line of text per problem, each
starting with the file's path), or that is one of the refusals that name no line, all
listed in ``kg.errors.WHOLE_FILE_REFUSALS``; and a refusal left the store as it was.

Unsound outcomes: ``crash`` (an exception that is no FinregError: a traceback for the user),
``unlocated`` (a problem without file and line, or a line the file does not have),
``multiline`` (a problem whose text spans several lines), ``changed`` (a refusal that changed
the store), ``hang`` (no answer within the guard time) and ``died`` (the worker process
ended: a crash in compiled code, or killed for its memory).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import (
    WHOLE_FILE_REFUSALS,
    FileReadError,
    FinregError,
    InputError,
    ShapeViolationError,
    StoreError,
    problems,
)

SOUND = ("loaded", "restored", "refused")
UNSOUND = ("crash", "unlocated", "multiline", "changed", "hang", "died")
_MORE = re.compile(r"^\.\.\. and \d+ more violations?$")
_LINE_BREAKS = re.compile(rb"\r\n|\r|\n")


@dataclass(frozen=True)
class Outcome:
    """What became of one case: its kind (SOUND or UNSOUND), what refused it, in how long."""

    kind: str
    refusal: str | None = None
    """The error class that refused the case (with a FileReadError's kind), if any."""
    detail: str = ""
    seconds: float = 0.0

    @property
    def sound(self) -> bool:
        """Whether the case ended as it must."""
        return self.kind in SOUND

    @property
    def label(self) -> str:
        """The outcome as counted in reports: ``loaded``, ``refused: RdfSyntaxError``..."""
        return f"{self.kind}: {self.refusal}" if self.refusal else self.kind

    def to_json(self) -> dict[str, object]:
        """The outcome as a JSON object (the worker's answer)."""
        return {
            "kind": self.kind,
            "refusal": self.refusal,
            "detail": self.detail,
            "seconds": self.seconds,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Outcome:
        """The outcome a worker answered."""
        refusal = data.get("refusal")
        return cls(
            kind=str(data["kind"]),
            refusal=str(refusal) if refusal is not None else None,
            detail=str(data.get("detail", "")),
            seconds=float(data.get("seconds", 0.0)),  # type: ignore[arg-type]
        )


def refusal_name(error: FinregError) -> str:
    """The refusal as counted: the error's class, and a FileReadError's kind."""
    if isinstance(error, FileReadError):
        return f"FileReadError ({error.kind})"
    if isinstance(error, StoreError):
        return f"{type(error).__name__} (store)"
    return type(error).__name__


def shortfall(error: FinregError, path: Path, data: bytes) -> tuple[str, str] | None:
    """Why a refusal of the file ``path`` (holding ``data``) falls short of the rule, as
    (outcome kind, explanation); None when it is sound."""
    if isinstance(error, StoreError):
        return None  # listed: the store, not the file (WHOLE_FILE_REFUSALS["store"])
    if not isinstance(error, InputError):
        return "unlocated", f"{type(error).__name__} is no refusal of an input: {error}"
    lines = len(_LINE_BREAKS.split(data))
    for problem in problems(error):
        line = problem.get("line")
        if problem.get("file") != str(path):
            return "unlocated", f"a problem names no file, or another: {problem}"
        if line is None:
            kind = getattr(error, "kind", None) if isinstance(error, FileReadError) else None
            if kind not in WHOLE_FILE_REFUSALS:
                return "unlocated", f"a problem names no line: {problem}"
        elif not isinstance(line, int) or not 1 <= line <= lines:
            return "unlocated", f"line {line} is not in the file ({lines} lines): {problem}"
    for text in str(error).splitlines():
        if not text.startswith(f"{path}:") and not (
            isinstance(error, ShapeViolationError) and _MORE.match(text)
        ):
            return "multiline", f"a line of the message does not name the file: {text[:300]!r}"
    return None
