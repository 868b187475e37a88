"""The ``PartialDate`` scalar: a year, a month or a day, never padded to a finer precision.

>>> from kg.dates import PartialDate
>>> serialize(PartialDate.parse("2023-06"))
'2023-06'
>>> parse_value("2015")
PartialDate(year=2015, month=None, day=None)
>>> parse_value("2023-13")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graphql.error.graphql_error.GraphQLError: invalid date "2023-13": expected YYYY, YYYY-MM or ...
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError, StringValueNode, ValueNode, print_ast
from strawberry.types.scalar import ScalarDefinition

from api.errors import BAD_USER_INPUT
from kg.dates import PartialDate
from kg.errors import InvalidDateError

DESCRIPTION = """A calendar date at the precision the sources give it: "2015" (a year),
"2023-06" (a month) or "2024-12-30" (a day). A filter compares a
reduced-precision date as the whole period it names."""


def serialize(value: Any) -> str:
    """The date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", at the precision it is known."""
    if not isinstance(value, PartialDate):
        raise TypeError(f"PartialDate cannot represent {value!r}")
    return str(value)


def _invalid(text: str) -> GraphQLError:
    return GraphQLError(str(InvalidDateError(text)), extensions={"code": BAD_USER_INPUT})


def parse_value(value: Any) -> PartialDate:
    """A date given as a variable: only "YYYY", "YYYY-MM" or "YYYY-MM-DD" strings.

    :raises GraphQLError: naming the value, for anything else.
    """
    if not isinstance(value, str):
        raise _invalid(str(value))
    try:
        return PartialDate.parse(value)
    except InvalidDateError as error:
        raise _invalid(value) from error


def parse_literal(node: ValueNode, _variables: dict[str, Any] | None = None) -> PartialDate:
    """A date written in the query: a string literal in one of the three forms.

    :raises GraphQLError: naming the value, for anything else.
    """
    if not isinstance(node, StringValueNode):
        raise _invalid(print_ast(node))
    return parse_value(node.value)


PARTIAL_DATE: ScalarDefinition = strawberry.scalar(
    name="PartialDate",
    description=DESCRIPTION,
    serialize=serialize,
    parse_value=parse_value,
    parse_literal=parse_literal,
)
"""The scalar definition, mapped to ``kg.dates.PartialDate`` in the schema's scalar map."""
