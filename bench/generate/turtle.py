"""Writing the generated graph as Turtle: dates at a precision, inline blank nodes, subject
blocks that count their triples, and files of one kind rolled over into parts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.vocab import DATA, FR

PART_TRIPLES = 500_000
PART_BYTES = 24 * 1024 * 1024
"""A file kind rolls over to a new part after this many triples or bytes (the loader refuses
files over 32 MiB)."""

PREFIXES = (
    f"@prefix fr:      <{FR._NS}> .\n"
    "@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
    "@prefix prov:    <http://www.w3.org/ns/prov#> .\n"
    "@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .\n"
    + "".join(
        f"@prefix {kind}: <{DATA}{kind}/> .\n"
        for kind in (
            "regulator", "company", "group", "product", "licence",
            "notice", "source", "event", "stake", "operation", "figure", "metric",
        )
    )
    + "\n"
)  # fmt: skip

_XSD = {"year": "xsd:gYear", "month": "xsd:gYearMonth", "day": "xsd:date"}


@dataclass(frozen=True, order=True)
class Day:
    """A date at a precision (year, month or day), written as the matching XSD literal."""

    year: int
    month: int = 1
    day: int = 1
    precision: str = "day"

    def literal(self) -> str:
        text = {
            "year": f"{self.year:04d}",
            "month": f"{self.year:04d}-{self.month:02d}",
            "day": f"{self.year:04d}-{self.month:02d}-{self.day:02d}",
        }[self.precision]
        return f'"{text}"^^{_XSD[self.precision]}'


@dataclass
class BNode:
    """A blank node written inline: ``[ a Class ; p o ; ... ]``."""

    pairs: list[tuple[str, object]]


def _obj(value: object) -> tuple[str, int]:
    """Turtle text of an object and the triples it adds (beyond the one that links it)."""
    if isinstance(value, BNode):
        parts, n = [], 0
        for p, o in value.pairs:
            text, extra = _obj(o)
            parts.append(f"{p} {text}")
            n += 1 + extra
        return "[ " + " ; ".join(parts) + " ]", n
    return str(value), 0


def node(subject: str, pairs: list[tuple[str, object]]) -> tuple[str, int]:
    """One subject block and how many triples it holds."""
    lines, n = [], 0
    for p, o in pairs:
        text, extra = _obj(o)
        lines.append(f"{p} {text}")
        n += 1 + extra
    return subject + " " + " ;\n    ".join(lines) + " .\n", n


def lit(text: str, lang: str | None = None) -> str:
    """A string literal (the generator's texts need no escaping beyond quotes)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


class Writer:
    """Turtle files of one kind, rolled over into parts of ``PART_TRIPLES`` triples."""

    def __init__(self, directory: Path, kind: str) -> None:
        self.directory = directory
        self.kind = kind
        self.paths: list[Path] = []
        self.in_part = 0
        self.bytes = 0
        self.total = 0
        self._fh = None

    def write(self, block: tuple[str, int]) -> None:
        text, n = block
        if self._fh is None or self.in_part >= PART_TRIPLES or self.bytes >= PART_BYTES:
            self._roll()
        assert self._fh is not None
        self._fh.write(text)
        self.bytes += len(text.encode("utf-8"))
        self.in_part += n
        self.total += n

    def _roll(self) -> None:
        if self._fh is not None:
            self._fh.close()
        path = self.directory / f"{self.kind}-{len(self.paths) + 1:03d}.ttl"
        self.paths.append(path)
        self._fh = path.open("w", encoding="utf-8")
        self._fh.write(PREFIXES)
        self.in_part = 0
        self.bytes = 0

    def close(self) -> list[Path]:
        if self._fh is not None:
            self._fh.close()
        if len(self.paths) == 1:  # one part: call it entities.ttl, not entities-001.ttl
            single = self.directory / f"{self.kind}.ttl"
            self.paths[0].rename(single)
            self.paths = [single]
        return self.paths
