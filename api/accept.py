"""The Accept header (RFC 9110, section 12.5.1): the one parser of every route that negotiates
(the pages' IRIs, /sparql, /graphql).

A media range is ``type/subtype``, ``type/*`` or ``*/*`` with parameters, each range ends
in an optional weight ``q``: a qvalue from 0 to 1 with at most three decimals, so ``q=0``,
``q=0.0`` and ``q=0.000`` all say "not this". Type, subtype and parameter names are
case-insensitive; whitespace may surround the commas and semicolons; a comma inside a quoted
parameter value separates nothing. A range that breaks the grammar (``junk``, ``*/html``,
``q=0.5000``, ``q=2``) is left out, as if the client had not sent it.

An offered media type takes the quality of the most specific range that matches it
(``text/turtle`` before ``text/*`` before ``*/*``); the best quality wins, ties go to the
server's order; nothing acceptable (every quality 0) is None, a 406.

>>> offered = ["text/html", "text/turtle", "application/ld+json"]
>>> negotiate("text/turtle", offered), negotiate(None, offered), negotiate("*/*", offered)
('text/turtle', 'text/html', 'text/html')
>>> negotiate("text/html;q=0.5, application/ld+json", offered)
'application/ld+json'
>>> negotiate("application/*;q=0.9, text/html;q=0.1", offered)
'application/ld+json'
>>> negotiate("image/png", offered) is None
True
>>> quality("application/json;q=0.5, application/*", "application/graphql-response+json")
1.0
>>> quality("Application/GraphQL-Response+JSON ; Q=0.000", "application/graphql-response+json")
0.0
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")
_QUOTED = r'"(?:[^"\\]|\\.)*"?'
_ELEMENTS = re.compile(rf'(?:[^,"]|{_QUOTED})+')
_PARTS = re.compile(rf'(?:[^;"]|{_QUOTED})+')


@dataclass(frozen=True)
class MediaRange:
    """One range of an Accept header: ``type/subtype`` (either may be ``*``) and its quality."""

    type: str
    subtype: str
    quality: float

    def specificity(self, media_type: str) -> int:
        """How closely the range matches ``media_type`` (its parameters aside): 2 exactly,
        1 by type, 0 by ``*/*``, -1 not at all."""
        main, _, sub = media_type.split(";")[0].strip().lower().partition("/")
        if self.type == "*":
            return 0 if self.subtype == "*" else -1
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def _media_range(element: str) -> MediaRange | None:
    """One element of the header as a range; None when it breaks the grammar."""
    media, *params = (part.strip() for part in _PARTS.findall(element))
    main, slash, sub = media.lower().partition("/")
    if not slash or not _TOKEN.fullmatch(main) or not _TOKEN.fullmatch(sub):
        return None
    if main == "*" and sub != "*":
        return None
    for param in params:
        name, equals, value = param.partition("=")
        if not equals or not _TOKEN.fullmatch(name.strip()):
            return None
        if name.strip().lower() == "q":  # the weight ends the range's parameters
            value = value.strip()
            return MediaRange(main, sub, float(value)) if _QVALUE.fullmatch(value) else None
    return MediaRange(main, sub, 1.0)


def parse_accept(header: str) -> list[MediaRange]:
    """The ranges of an Accept header; a malformed range or quality is left out.

    >>> [(r.type, r.subtype, r.quality) for r in parse_accept("text/html;q=0.7, */*;q=0, junk")]
    [('text', 'html', 0.7), ('*', '*', 0.0)]
    >>> [r.subtype for r in parse_accept('text/html;x="a,b";q=0.5, text/plain;q=1.5')]
    ['html']
    """
    ranges = (_media_range(element) for element in _ELEMENTS.findall(header) if element.strip())
    return [r for r in ranges if r is not None]


def _quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    matches = [(r.specificity(media_type), r.quality) for r in ranges]
    matches = [m for m in matches if m[0] >= 0]
    return max(matches)[1] if matches else 0.0


def quality(header: str | None, media_type: str) -> float:
    """How much the Accept ``header`` wants ``media_type``, from 0 (not at all) to 1; a
    missing or blank header takes anything (1)."""
    if header is None or not header.strip():
        return 1.0
    return _quality(parse_accept(header), media_type)


def negotiate(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept ``header`` prefers; the first offered one when the
    header is missing or blank; None when none is acceptable."""
    if header is None or not header.strip():
        return offered[0] if offered else None
    ranges = parse_accept(header)
    best: tuple[float, str] | None = None
    for media_type in offered:
        weight = _quality(ranges, media_type)
        if weight > 0 and (best is None or weight > best[0]):
            best = (weight, media_type)
    return best[1] if best else None
