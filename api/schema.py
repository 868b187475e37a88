"""Assembly only: the root Query from the domain queries, and the schema with its limits.

A document text that parsed and passed validation once is not parsed or validated again
(api.documents). Limits (all from Settings): query depth, aliases and tokens are checked
before execution (strawberry's limiters, each tagging its errors LIMIT_EXCEEDED:
api.limits); page sizes by the paged fields (BAD_USER_INPUT); execution time by
``FinregSchema.execute`` (TIMEOUT), whose deadline the context's blocking calls share.
Errors finreg does not mean to send are masked as "Unexpected error." and logged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import anyio
import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from api.context import Context
from api.documents import Documents, KnownDocuments
from api.errors import ErrorCodes, log_errors, should_mask_error, timed_out
from api.limits import AliasLimit, DepthLimit, IntrospectionLimit, TokenLimit
from api.queries.entities import EntityQuery
from api.queries.events import EventQuery
from api.queries.figures import FigureQuery
from api.queries.lineage import LineageQuery
from api.scalars import PARTIAL_DATE
from api.types.entities import ENTITY_TYPES
from api.types.events import Event
from api.types.sources import Source
from api.work import deadline_after
from kg.dates import PartialDate
from kg.settings import Settings


@strawberry.type(description="finreg's questions: entities, lineage, events and figures.")
class Query(EntityQuery, LineageQuery, EventQuery, FigureQuery):
    """The root query type."""


class FinregSchema(strawberry.Schema):
    """A strawberry schema that bounds execution time and logs only unexpected errors.

    The deadline is the request's: ``execute`` sets it on a finreg ``Context``, whose blocking
    calls (``Context.run``) stop waiting for threads a little after it."""

    def __init__(self, *args: Any, timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timeout = timeout

    async def execute(  # noqa: D102 (strawberry documents it)
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        deadline = deadline_after(self.timeout)
        if isinstance(context_value, Context):
            context_value.deadline = deadline
        try:
            with anyio.fail_at(deadline):
                return await super().execute(
                    query,
                    variable_values,
                    context_value,
                    root_value,
                    operation_name,
                    allowed_operation_types,
                    operation_extensions,
                )
        except TimeoutError:
            error = timed_out(self.timeout)
            log_errors([error])
            return ExecutionResult(data=None, errors=[error])

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log unexpected errors with their traceback; finreg's own errors at debug level."""
        log_errors(errors)


def build_schema(settings: Settings) -> FinregSchema:
    """The finreg schema with the limits in ``settings``."""
    return FinregSchema(
        query=Query,
        types=[*ENTITY_TYPES, Event, Source],
        config=StrawberryConfig(scalar_map={PartialDate: PARTIAL_DATE}),
        extensions=[
            functools.partial(KnownDocuments, Documents()),
            functools.partial(DepthLimit, max_depth=settings.max_depth),
            functools.partial(AliasLimit, max_alias_count=settings.max_aliases),
            functools.partial(TokenLimit, max_token_count=settings.max_tokens),
            IntrospectionLimit,
            ErrorCodes,
            functools.partial(MaskErrors, should_mask_error=should_mask_error),
        ],
        timeout=settings.timeout,
    )
