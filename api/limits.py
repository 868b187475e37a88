"""The GraphQL document limits, each of whose errors says which limit it reports.

Strawberry's limiters report plain ``GraphQLError``s: QueryDepthLimiter and
MaxAliasesLimiter from validation rules, through ``ValidationContext.report_error``;
MaxTokensLimiter through graphql-core's parser, which raises ``GraphQLSyntaxError``; and
graphql-core's MaxIntrospectionDepthRule, one of its specified rules, reports one too. None
is a class of its own, so instead of recognising their messages afterwards, each limit here
tags its errors where they are made: its validation rule runs with a context whose
``report_error`` adds ``code: LIMIT_EXCEEDED`` and ``limit``, so only the rule that enforces
a limit can report an error as that limit.

The token limit is the exception: the parser raises its error with nothing but a message to
tell it from a syntax error. :class:`TokenLimit` recognises it by its type and the exact
message the parser writes for this limiter's own number, right after parsing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from graphql import ASTValidationRule, GraphQLError, GraphQLSyntaxError, ValidationContext
from graphql.validation import MaxIntrospectionDepthRule
from strawberry.extensions import (
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from api.errors import LIMIT_EXCEEDED


def tag(error: GraphQLError, limit: str) -> None:
    """Mark ``error`` as the report of ``limit`` ("depth", "aliases", "tokens"...)."""
    error.extensions = {**(error.extensions or {}), "code": LIMIT_EXCEEDED, "limit": limit}


class _LimitContext:
    """The validation context a limit's rule sees: what it reports is tagged with the limit;
    everything else is the real context's."""

    def __init__(self, context: ValidationContext, limit: str) -> None:
        self._context = context
        self._limit = limit

    def report_error(self, error: GraphQLError) -> None:
        """Tag the error, then report it as usual."""
        tag(error, self._limit)
        self._context.report_error(error)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


def limit_rule(rule: type[ASTValidationRule], limit: str) -> type[ASTValidationRule]:
    """``rule``, reporting its errors as ``limit``."""

    def init(self: ASTValidationRule, context: ValidationContext) -> None:
        rule.__init__(self, cast(ValidationContext, _LimitContext(context, limit)))

    return cast(type[ASTValidationRule], type(rule.__name__, (rule,), {"__init__": init}))


class DepthLimit(QueryDepthLimiter):
    """Strawberry's depth limit; its errors say ``limit: depth``."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(max_depth=max_depth)
        self.validation_rules = [limit_rule(r, "depth") for r in self.validation_rules]


class AliasLimit(MaxAliasesLimiter):
    """Strawberry's alias limit; its errors say ``limit: aliases``."""

    def __init__(self, max_alias_count: int) -> None:
        super().__init__(max_alias_count=max_alias_count)
        self.validation_rules = [limit_rule(r, "aliases") for r in self.validation_rules]


_INTROSPECTION_RULE = limit_rule(MaxIntrospectionDepthRule, "introspection")


class IntrospectionLimit(SchemaExtension):
    """graphql-core's introspection depth rule (among the rules every document is checked
    against); its errors say ``limit: introspection``."""

    def on_validate(self) -> Iterator[None]:
        """Swap the rule for its tagging twin before validation."""
        context = self.execution_context
        context.validation_rules = tuple(
            _INTROSPECTION_RULE if r is MaxIntrospectionDepthRule else r
            for r in context.validation_rules
        )
        yield


class TokenLimit(MaxTokensLimiter):
    """Strawberry's token limit (graphql-core's parser enforces it); its error says
    ``limit: tokens``."""

    def on_parse(self) -> Iterator[None]:
        """After parsing, tag the parser's token limit error, if it raised one."""
        yield
        # graphql-core gives this error no class or code of its own: its message, written
        # with this limiter's number, is the only sign (graphql/language/parser.py).
        sign = f"Syntax Error: Document contains more than {self.max_token_count} tokens."
        for error in self.execution_context.pre_execution_errors or ():
            if isinstance(error, GraphQLSyntaxError) and error.message.startswith(sign):
                tag(error, "tokens")
