"""Content negotiation on the Accept header (RFC 9110, section 12.5.1), for IRIs that name
both a page and an RDF description.

Each offered media type takes the quality of the most specific range that matches it
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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    """One range of an Accept header: ``type/subtype`` (either may be ``*``) and its quality."""

    type: str
    subtype: str
    quality: float

    def specificity(self, media_type: str) -> int:
        """How closely the range matches ``media_type``: 2 exactly, 1 by type, 0 by ``*/*``,
        -1 not at all."""
        main, _, sub = media_type.lower().partition("/")
        if self.type == "*":
            return 0 if self.subtype == "*" else -1
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str) -> list[MediaRange]:
    """The ranges of an Accept header; a malformed range or quality is left out.

    >>> [(r.type, r.subtype, r.quality) for r in parse_accept("text/html;q=0.7, */*;q=0, junk")]
    [('text', 'html', 0.7), ('*', '*', 0.0)]
    """
    ranges: list[MediaRange] = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub or (main == "*" and sub != "*"):
            continue
        quality = 1.0
        valid = True
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    valid = False
                if not 0 <= quality <= 1:
                    valid = False
        if valid:
            ranges.append(MediaRange(main, sub, quality))
    return ranges


def negotiate(header: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the Accept ``header`` prefers; the first offered one when the
    header is missing or blank; None when none is acceptable."""
    if header is None or not header.strip():
        return offered[0] if offered else None
    ranges = parse_accept(header)
    best: tuple[float, str] | None = None
    for media_type in offered:
        matches = [(r.specificity(media_type), r.quality) for r in ranges]
        matches = [m for m in matches if m[0] >= 0]
        if not matches:
            continue
        quality = max(matches)[1]
        if quality > 0 and (best is None or quality > best[0]):
            best = (quality, media_type)
    return best[1] if best else None
