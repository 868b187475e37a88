"""GraphQL errors finreg means to send, and the masking of everything else.

Every error a user can act on carries ``extensions.code``:

==================  ================================================================
code                when
==================  ================================================================
AMBIGUOUS           a name matches several entities (``extensions.candidates``)
NOT_FOUND           a name given to ``lineage`` or ``events(involving:)`` matches nothing
BAD_USER_INPUT      a bad argument: a date, a page size, a cursor
LIMIT_EXCEEDED      the document is too deep, has too many aliases or tokens, or
                    nests introspection too deep (``extensions.limit`` says which)
TIMEOUT             the request ran longer than the time limit
STORE_UNAVAILABLE   the store (a SPARQL server) cannot be reached, or misbehaves: too slow,
                    an answer cut short, garbled or not HTTP; try again later
STORE_CHANGED       the graph was reloaded while the answer was read, on every try
                    (``extensions.attempts``): try again once the loads are done
RESULT_CAPPED       a question's answer is as long as the SPARQL server's row cap
                    (FINREG_STORE_MAX_ROWS), so it may be cut: ask for less
OVERLOADED          too many requests are running: try again after ``extensions.retryAfter``
                    seconds (the HTTP answer is a 503 with Retry-After)
==================  ================================================================

Anything else raised while executing is replaced by "Unexpected error." and logged with
its traceback (:func:`should_mask_error`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.work import OverloadedError
from kg.dates import PartialDate
from kg.errors import (
    AmbiguousNameError,
    InvalidDateError,
    NotFoundError,
    RowCapError,
    StoreChangedError,
    StoreUnavailableError,
)

logger = logging.getLogger("api")

AMBIGUOUS = "AMBIGUOUS"
NOT_FOUND = "NOT_FOUND"
BAD_USER_INPUT = "BAD_USER_INPUT"
LIMIT_EXCEEDED = "LIMIT_EXCEEDED"
TIMEOUT = "TIMEOUT"
STORE_UNAVAILABLE = "STORE_UNAVAILABLE"
OVERLOADED = "OVERLOADED"
STORE_CHANGED = "STORE_CHANGED"
RESULT_CAPPED = "RESULT_CAPPED"

_USER_ERRORS = (AmbiguousNameError, InvalidDateError, NotFoundError)


def ambiguous(error: AmbiguousNameError) -> GraphQLError:
    """The AMBIGUOUS error for a name several entities bear, listing them as candidates."""
    return GraphQLError(
        str(error),
        extensions={
            "code": AMBIGUOUS,
            "candidates": [{"id": iri, "name": name} for iri, name in error.candidates],
        },
        original_error=error,
    )


def not_found(name: str, known_at: PartialDate | None = None) -> GraphQLError:
    """The NOT_FOUND error for a name that matches nothing (as known at ``known_at``)."""
    found = NotFoundError(name, str(known_at) if known_at is not None else None)
    return GraphQLError(str(found), extensions={"code": NOT_FOUND})


def bad_input(message: str, **extensions: object) -> GraphQLError:
    """A BAD_USER_INPUT error with ``message`` (which names the bad value)."""
    return GraphQLError(message, extensions={"code": BAD_USER_INPUT, **extensions})


def timed_out(seconds: float) -> GraphQLError:
    """The TIMEOUT error for a request that ran past the time limit."""
    return GraphQLError(
        f"the request took longer than the time limit of {seconds:g} s; "
        "ask for less (fewer fields, a smaller page) and try again",
        extensions={"code": TIMEOUT, "limit": "timeout"},
    )


def store_unavailable(error: GraphQLError | None = None) -> GraphQLError:
    """The STORE_UNAVAILABLE error (where ``error`` was, if given), without the store's URL."""
    return GraphQLError(
        "the store is unavailable; try again later",
        nodes=error.nodes if error is not None else None,
        path=error.path if error is not None else None,
        extensions={"code": STORE_UNAVAILABLE},
    )


def store_changed(error: StoreChangedError) -> GraphQLError:
    """The STORE_CHANGED error: the graph changed under every try of the answer."""
    return GraphQLError(str(error), extensions={"code": STORE_CHANGED, "attempts": error.attempts})


def should_mask_error(error: GraphQLError) -> bool:
    """Whether to hide ``error`` from the client: yes unless finreg or GraphQL meant it.

    Errors that pass: GraphQL syntax and validation errors (the depth, alias and token
    limits among them), errors finreg raises as ``GraphQLError`` on purpose, and kg's
    errors about the user's input. Everything else is masked, and logged by the schema.
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not isinstance(
        original, (*_USER_ERRORS, StoreUnavailableError, RowCapError, OverloadedError)
    )


class ErrorCodes(SchemaExtension):
    """Gives an unreachable or misbehaving store ``code: STORE_UNAVAILABLE`` (without its
    URL), an answer at the server's row cap ``code: RESULT_CAPPED`` and a full waiting room
    ``code: OVERLOADED``; the limits tag their own errors (api.limits)."""

    def on_operation(self) -> Iterator[None]:
        """After the operation, give the store's and the workload's errors their codes."""
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if not errors:
            return
        result.errors = [coded(e) for e in errors]  # type: ignore[union-attr]


def coded(error: GraphQLError) -> GraphQLError:
    """``error`` with the code of the store's or the workload's error it carries, if any."""
    original = error.original_error
    if isinstance(original, StoreUnavailableError):
        logger.error("store unavailable: %s", original)
        return store_unavailable(error)
    if isinstance(original, RowCapError):
        logger.error("answer at the row cap: %s", original)
        return GraphQLError(
            f"the answer reached the SPARQL server's limit of {original.cap} rows, so it may "
            "be incomplete; ask for less (a smaller page, fewer fields)",
            nodes=error.nodes,
            path=error.path,
            extensions={"code": RESULT_CAPPED, "cap": original.cap},
        )
    if isinstance(original, OverloadedError):
        return GraphQLError(
            str(original),
            nodes=error.nodes,
            path=error.path,
            extensions={"code": OVERLOADED, "retryAfter": original.retry_after},
        )
    return error


def log_errors(errors: list[GraphQLError]) -> None:
    """Log the errors that will be masked with their traceback; the others at debug level."""
    for error in errors:
        if should_mask_error(error):
            original = error.original_error
            logger.error(
                "unexpected error in %s: %s",
                ".".join(str(p) for p in error.path or ()) or "request",
                error.message,
                exc_info=(type(original), original, original.__traceback__)
                if original is not None
                else None,
            )
        else:
            logger.debug("user error: %s", error.message)
