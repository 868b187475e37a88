"""Relay-style pages: edges with opaque cursors, PageInfo and the total count.

A cursor is the base64 of "<kind>:<offset>", or for the events list, which the store pages
by key, "<kind>:<order key>:<IRI>" (a keyset cursor: kg.dates.order_key), so a client must
treat it as opaque and a cursor from one list is refused by another.

>>> decode_cursor(encode_cursor("search", 19), "search")
19
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from typing import TypeVar

import strawberry
from graphql import GraphQLError

from api.errors import bad_input
from api.types.entities import Entity
from api.types.events import Event
from api.types.figures import Figure

T = TypeVar("T")
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
"""What an IRI in a keyset cursor looks like (RFC 3987's forbidden characters excluded)."""


def encode_cursor(kind: str, offset: int | str) -> str:
    """The opaque cursor of the item at ``offset`` in a list of ``kind``."""
    return base64.urlsafe_b64encode(f"{kind}:{offset}".encode()).decode("ascii")


def decode_cursor(cursor: str, kind: str) -> int:
    """The offset a cursor from ``encode_cursor(kind, ...)`` stands for.

    :raises GraphQLError: BAD_USER_INPUT, naming the cursor, if it is not one of ours.
    """
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
        prefix, _, number = text.partition(":")
        if prefix != kind or not number.isdigit():
            raise ValueError(text)
        return int(number)
    except (ValueError, UnicodeError, binascii.Error) as error:
        raise _bad_cursor(cursor) from error


def encode_key_cursor(kind: str, key: str, iri: str) -> str:
    """The opaque keyset cursor of the item with sort key ``key`` and IRI ``iri`` in a list
    of ``kind`` that the store pages by key (the events list)."""
    return encode_cursor(kind, f"{key}:{iri}")


def decode_key_cursor(cursor: str, kind: str) -> tuple[str, str]:
    """The sort key and IRI a cursor from ``encode_key_cursor(kind, ...)`` stands for.

    :raises GraphQLError: BAD_USER_INPUT, naming the cursor, if it is not one of ours.
    """
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
        prefix, _, rest = text.partition(":")
        key, _, iri = rest.partition(":")
        if prefix != kind or len(key) != 9 or not key.isdigit() or not _IRI.match(iri):
            raise ValueError(text)
    except (ValueError, UnicodeError, binascii.Error) as error:
        raise _bad_cursor(cursor) from error
    return key, iri


def _bad_cursor(cursor: str) -> GraphQLError:
    return bad_input(f'invalid cursor "{cursor}": use an endCursor this list returned')


def check_first(first: int, max_page: int) -> None:
    """Refuse a page size outside 1..``max_page``.

    :raises GraphQLError: BAD_USER_INPUT, naming the limit.
    """
    if not 1 <= first <= max_page:
        raise bad_input(
            f"first must be between 1 and {max_page} (the page size limit), got {first}",
            limit="page",
        )


def check_page(first: int, after: str | None, kind: str, max_page: int) -> int:
    """The offset the page starts at, once ``first`` and ``after`` are found good.

    :raises GraphQLError: BAD_USER_INPUT if ``first`` is outside 1..``max_page`` or the
        cursor is not one of ours.
    """
    check_first(first, max_page)
    return decode_cursor(after, kind) + 1 if after is not None else 0


def page(items: Sequence[T], kind: str, start: int, first: int) -> tuple[list[tuple[str, T]], bool]:
    """At most ``first`` items from ``start``, each with its cursor, and whether more follow."""
    chosen = items[start : start + first]
    edges = [(encode_cursor(kind, start + i), item) for i, item in enumerate(chosen)]
    return edges, start + first < len(items)


@strawberry.type(description="Where a page stands in the whole list.")
class PageInfo:
    """Relay's PageInfo."""

    has_next_page: bool = strawberry.field(description="Whether more items follow this page.")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the page's last item: pass it as `after` for the next page; "
        "null for an empty page."
    )


@strawberry.type(description="An entity found by search, with its cursor.")
class EntityEdge:
    """One search hit."""

    cursor: str = strawberry.field(description="An opaque cursor for paging past this item.")
    node: Entity = strawberry.field(description="The entity found.")
    score: int = strawberry.field(
        description="How well it matched, higher is better (100: a name matched exactly)."
    )
    matched: str = strawberry.field(description="The name that matched.")


@strawberry.type(description="A page of entities.")
class EntityConnection:
    """A page of search hits."""

    edges: list[EntityEdge] = strawberry.field(description="The entities on this page, best first.")
    page_info: PageInfo = strawberry.field(description="Where the page stands in the list.")
    total_count: int = strawberry.field(description="How many entities the whole list holds.")


@strawberry.type(description="An event in a list, with its cursor.")
class EventEdge:
    """One event in a page."""

    cursor: str = strawberry.field(description="An opaque cursor for paging past this item.")
    node: Event = strawberry.field(description="The event.")


@strawberry.type(description="A page of events.")
class EventConnection:
    """A page of events."""

    edges: list[EventEdge] = strawberry.field(description="The events on this page, newest first.")
    page_info: PageInfo = strawberry.field(description="Where the page stands in the list.")
    total_count: int = strawberry.field(description="How many events the whole list holds.")


@strawberry.type(description="A figure in a list, with its cursor.")
class FigureEdge:
    """One figure in a page."""

    cursor: str = strawberry.field(description="An opaque cursor for paging past this item.")
    node: Figure = strawberry.field(description="The figure.")


@strawberry.type(description="A page of figures.")
class FigureConnection:
    """A page of figures."""

    edges: list[FigureEdge] = strawberry.field(
        description="The figures on this page, newest first."
    )
    page_info: PageInfo = strawberry.field(description="Where the page stands in the list.")
    total_count: int = strawberry.field(description="How many figures the whole list holds.")
