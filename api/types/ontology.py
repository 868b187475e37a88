"""Descriptions of GraphQL enums and types that stand for finreg terms, taken from the
ontology's English definitions (generated into kg.vocab.DEFINITIONS), so the API says what
the ontology says, in one place.

>>> definition("Product")
'A brand, service or business line such as Huabei, Jiebei or Fenfu; a product is never a company.'
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from kg.vocab import DEFINITIONS, LABELS


def definition(term: str) -> str:
    """The ontology's English definition of a finreg term (by local name).

    :raises KeyError: for a term the ontology does not define (a test catches it).
    """
    return DEFINITIONS[term][1]


def kinds_of(term: str) -> str:
    """The description of an enum of a finreg class's subclasses: what the class is.

    >>> kinds_of("Event")[:40]
    'The kinds of event. A regulatory or corp'
    """
    return f"The kinds of {LABELS[term][1]}. {definition(term)}"


def member(kind: Enum) -> Any:
    """A GraphQL enum value for a kg enum member that names a finreg term (its value is the
    term's local name), described by the ontology."""
    return strawberry.enum_value(kind.name, description=definition(str(kind.value)))
