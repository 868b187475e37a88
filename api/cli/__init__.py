"""``finreg``: a thin command line over the facade (kg.knowledge) and the presentation
(api.present).

Exit codes: 0 success; 1 input refused (syntax, undeclared term, shape violation, unreadable
file); 2 bad command-line usage (a graph key without a dataset root among them); 3 the store
could not be opened or written; 4 a name that matches nothing or several entities; 5 (``diff``
only) loading the files would change the store; 141 (as for a process SIGPIPE stops) the
reader of stdout went away, such as ``head``: the command stops quietly. Every error prints
one line per problem to stderr; with ``--json``, commands print one JSON document on stdout
instead, errors included.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from api.cli.common import (
    EXIT_CHANGES,
    EXIT_INPUT,
    EXIT_NAME,
    EXIT_STORE,
    EXIT_USAGE,
    close_all,
)
from api.cli.parser import build_parser
from api.cli.read_commands import OUTPUTS
from kg.errors import (
    AmbiguousNameError,
    DanglingReferenceError,
    FinregError,
    GraphKeyError,
    InputError,
    NotFoundError,
    NotLoadedError,
    ShapeViolationError,
    StoreError,
    WriteError,
    problems,
)

EXIT_CLOSED_PIPE = 141
"""Exit code when stdout's reader went away (128 + SIGPIPE, as the shell reports it)."""

__all__ = [
    "EXIT_CHANGES",
    "EXIT_CLOSED_PIPE",
    "EXIT_INPUT",
    "EXIT_NAME",
    "EXIT_STORE",
    "EXIT_USAGE",
    "main",
]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``finreg`` command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    to_stdout = [f"--{o}" for o in OUTPUTS if getattr(args, o, None) == "-"]
    if len(to_stdout) > 1:
        parser.error(f"only one of {', '.join(to_stdout)} can write to stdout (-)")
    try:
        code = _run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    for error in close_all():
        if code == 0 and isinstance(error, StoreError):
            code = _fail(args, error, EXIT_STORE)
    return code


def _closed_pipe() -> int:
    """stdout's reader went away (``finreg timeline X | head``): stop quietly. Later writes,
    the interpreter's own flush at exit among them, go to /dev/null instead of raising."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_CLOSED_PIPE


def _run(args: argparse.Namespace) -> int:
    """The command's exit code; every FinregError becomes one line per problem (or, with
    ``--json``, one JSON document)."""
    try:
        return int(args.func(args))
    except (NotFoundError, AmbiguousNameError) as error:
        return _fail(args, error, EXIT_NAME)
    except (InputError, NotLoadedError, DanglingReferenceError) as error:
        return _fail(args, error, EXIT_INPUT)
    except GraphKeyError as error:
        return _fail(args, error, EXIT_USAGE)
    except StoreError as error:
        return _fail(args, error, EXIT_STORE)
    except FinregError as error:
        return _fail(args, error, EXIT_INPUT)


def _fail(args: argparse.Namespace, error: FinregError, code: int) -> int:
    written = args.command in ("load", "unload", "migrate", "restore")
    if getattr(args, "json", False):
        document: dict[str, object] = {"ok": False, "exit": code, "problems": problems(error)}
        if isinstance(error, ShapeViolationError):
            document["more"] = error.more
        if written:
            # False: the store is as before (for a failed publish, checked on the server);
            # None: it could not be checked (as before, or the whole load).
            document["written"] = error.written if isinstance(error, WriteError) else False
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return code
    for line in str(error).splitlines() or [type(error).__name__]:
        print(f"finreg: {line}", file=sys.stderr)
    if isinstance(error, InputError) or (written and isinstance(error, GraphKeyError)):
        print("finreg: nothing was written", file=sys.stderr)
    return code
