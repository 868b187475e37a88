"""Mutations of RDF files, as hypothesis strategies: each case is a corpus file with one to
three mutations applied, described in words so that a failure can be read and replayed.

The mutations (``MUTATIONS``):

- ``flip``: XOR a few bytes with a random mask (anything from a changed letter to broken UTF-8);
- ``truncate``: cut the file anywhere, mid-token or mid-character included;
- ``swap``: swap two IRIs or prefixed names of the file, or put a tricky term in one's place
  (a misspelt finreg term, the http:// data namespace, a literal, a blank node, a skolem IRI);
- ``datatype``: give a literal another datatype or language tag, or a date an impossible value;
- ``huge``: make a literal, an IRI or a language tag very long (up to ``max_huge`` bytes);
- ``nest``: add a statement whose object nests blank nodes, collections or both, up to
  ``max_depth`` deep;
- ``token``: insert a token that matters to the grammar (``.``, a triple quote, ``GRAPH <g> {``,
  a NUL, a lone UTF-8 lead byte, a byte-order mark, ``<<``...);
- ``splice``: delete a region, or copy one elsewhere;
- ``encoding``: re-encode (UTF-16, Latin-1), change line ends (CRLF, CR), add a byte-order mark;
- ``format``: read the same bytes as another format (``.ttl``, ``.nt``, ``.trig``, or ``.nq``:
  a backup, restored).

hypothesis shrinks a failing case towards fewer and simpler mutations of a smaller file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from hypothesis import strategies as st

from bench.fuzz.corpus import Seed

Draw = Callable[[st.SearchStrategy[Any]], Any]

_TERM = re.compile(rb"<[^<>\s\"{}|^`\\]*>|(?<![\w:])[A-Za-z][\w\-]*:[\w\-.]*[\w\-]|\b_:[\w\-]+")
_LITERAL = re.compile(rb'"(?:[^"\\\n\r]|\\.)*"')
_TYPED = re.compile(rb'"(?:[^"\\\n\r]|\\.)*"(\^\^(?:<[^>\s]*>|[A-Za-z][\w\-]*:[\w\-]*)|@[\w\-]+)?')
_DATE = re.compile(rb'"(\d{4}(?:-\d\d){0,2})"\^\^')
_STATEMENT_END = re.compile(rb"\s\.[ \t]*(?:#[^\n]*)?\n")

FINREG = "https://w3id.org/finreg/"
TRICKY_TERMS = (
    b"fr:Compnay",
    b"<https://w3id.org/finreg/ontology#transferer>",
    b"<http://w3id.org/finreg/id/company/a>",
    b"<https://w3id.org/finreg/ontology/Company>",
    b"<https://w3id.org/finreg/id/company/ant-consumer-finanse>",
    b"<https://w3id.org/finreg/id/company/with space>",
    b"<https://w3id.org/finreg/id/genid/b0>",
    b"<https://w3id.org/finreg/.well-known/genid/b0>",
    b"<https://w3id.org/finreg/id/graph>",
    b"<https://w3id.org/finreg/id/version/00000000000000000000000000000000>",
    b"<relative>",
    b"<#fragment>",
    b"<../../up>",
    b"<>",
    b"<urn:x>",
    b"<file:///etc/passwd>",
    b"fr:Company",
    b"fr:Name",
    b"fr:Source",
    b"fr:BusinessTransfer",
    b"a",
    b"rdf:type",
    b"rdf:nil",
    b"[]",
    b"_:b0",
    b'"a literal"',
    b'"2023"^^xsd:gYear',
    b"42",
    b"true",
    b"()",
    b"undeclared:x",
)
DATATYPES = (
    b"^^xsd:date",
    b"^^xsd:gYear",
    b"^^xsd:gYearMonth",
    b"^^xsd:dateTime",
    b"^^xsd:decimal",
    b"^^xsd:integer",
    b"^^xsd:boolean",
    b"^^xsd:string",
    b"^^rdf:langString",
    b"^^rdf:HTML",
    b"^^<http://www.w3.org/2001/XMLSchema#gMonthDay>",
    b"^^<urn:custom>",
    b"^^fr:Company",
    b"@zh",
    b"@en",
    b"@zh-Hans-CN",
    b"@x-private",
    b"@1234",
    b"",
)
DATE_VALUES = (
    b"2023-13",
    b"2023-00",
    b"2023-02-30",
    b"2023-6",
    b"0000",
    b"-2023",
    b"99999-01",
    b"",
    b" 2023",
    b"2023-06-01T00:00:00",
    b"2023-06Z",
    b"2023-06+08:00",
    "２０２３".encode(),
    b"NaN",
    b"2023-06-31",
    b"1900-02-29",
    b"2000-02-29",
)
TOKENS = (
    b".",
    b";",
    b",",
    b"[",
    b"]",
    b"(",
    b")",
    b'"',
    b'"""',
    b"'",
    b"<",
    b">",
    b"\\",
    b"\\u00",
    b"\\U0010FFFF",
    b"\\uD800",
    b"^^",
    b"@",
    b"_:",
    b"#",
    b"\n",
    b"\r",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"{",
    b"}",
    b"GRAPH <https://w3id.org/finreg/id/graph/other> {",
    b"<https://example.org/g> { <urn:s> <urn:p> <urn:o> . }\n",
    b"_:g { <urn:s> <urn:p> <urn:o> . }\n",
    b"<<",
    b">>",
    b"{|",
    b"|}",
    b"~",
    b"@prefix fr: <https://w3id.org/finreg/ontology/> .\n",
    b"@prefix xsd: <http://www.w3.org/2001/XMLSchema> .\n",
    b"@base <http://example.org/> .\n",
    b"@base <relative/> .\n",
    b"PREFIX : <https://w3id.org/finreg/id/company/>\n",
    b'VERSION "1.2"\n',
    b"\t",
    b"\x0b",
    "\u2028".encode(),
)
NEST_PREDICATES = (
    b"<https://w3id.org/finreg/ontology#name>",
    b"<http://www.w3.org/2000/01/rdf-schema#comment>",
    b"<http://www.w3.org/ns/prov#qualifiedDerivation>",
    b"<https://w3id.org/finreg/ontology#transferee>",
    b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#value>",
)
NEST_SUBJECTS = (
    b"<https://w3id.org/finreg/id/company/ant-consumer-finance>",
    b"<https://w3id.org/finreg/id/event/fuzz>",
    b"<http://example.org/s>",
    b"[]",
    b"_:fuzz",
)
FORMATS = (".ttl", ".nt", ".trig", ".nq")


@dataclass(frozen=True)
class Case:
    """One fuzz case: the corpus file it came from, what was done to it, and its bytes."""

    seed: Seed
    mutations: tuple[str, ...]
    data: bytes
    suffix: str
    """The extension the case is loaded with (so its format); usually the seed's own."""

    @property
    def key(self) -> str:
        """The graph key the case is loaded under: its seed's, with the case's extension."""
        return str(PurePosixPath(self.seed.key).with_suffix(self.suffix))

    @property
    def digest(self) -> str:
        """A short name of the bytes, to save and replay the case."""
        return hashlib.sha256(self.data + self.suffix.encode()).hexdigest()[:12]

    def __repr__(self) -> str:
        return f"Case({self.describe()})"

    def describe(self) -> str:
        """The case in words: the seed, each mutation, the size."""
        steps = "; ".join(self.mutations)
        return f"{self.seed.key} [{steps}] as {self.suffix}, {len(self.data)} bytes ({self.digest})"


def _position(draw: Draw, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _pick(draw: Draw, matches: Sequence[re.Match[bytes]]) -> re.Match[bytes] | None:
    if not matches:
        return None
    return matches[draw(st.integers(0, len(matches) - 1))]


def _replace(data: bytes, start: int, end: int, text: bytes) -> bytes:
    return data[:start] + text + data[end:]


def flip(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    if not data:
        return data, "flip: nothing to flip"
    buffer = bytearray(data)
    spots = []
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(buffer) - 1))
        mask = draw(st.integers(1, 255))
        buffer[at] ^= mask
        spots.append(f"{at}^{mask:#04x}")
    return bytes(buffer), f"flip {', '.join(spots)}"


def truncate(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    at = _position(draw, data)
    return data[:at], f"truncate at {at}"


def swap(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    terms = list(_TERM.finditer(data))
    first = _pick(draw, terms)
    if first is None:
        return data, "swap: no term"
    if draw(st.booleans()):
        text = draw(st.sampled_from(TRICKY_TERMS))
        return _replace(
            data, *first.span(), text
        ), f"swap {first[0]!r} at {first.start()} for {text!r}"
    second = _pick(draw, terms)
    assert second is not None
    a, b = sorted((first, second), key=lambda m: m.start())
    if a.start() == b.start():
        return data, "swap: one term with itself"
    swapped = data[: a.start()] + b[0] + data[a.end() : b.start()] + a[0] + data[b.end() :]
    return swapped, f"swap {a[0]!r} at {a.start()} with {b[0]!r} at {b.start()}"


def datatype(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    if draw(st.booleans()):
        dates = list(_DATE.finditer(data))
        found = _pick(draw, dates)
        if found is not None:
            value = draw(st.sampled_from(DATE_VALUES))
            return (
                _replace(data, *found.span(1), value),
                f"date {found[1]!r} at {found.start()} becomes {value!r}",
            )
    literals = list(_TYPED.finditer(data))
    found = _pick(draw, literals)
    if found is None:
        return data, "datatype: no literal"
    suffix = draw(st.sampled_from(DATATYPES))
    start, end = found.span(1) if found[1] else (found.end(), found.end())
    return (
        _replace(data, start, end, suffix),
        f"literal at {found.start()} typed {suffix!r}",
    )


def huge(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    size = draw(st.integers(1_000, limits.max_huge))
    what = draw(st.sampled_from(("literal", "escapes", "iri", "language", "local name")))
    unit = draw(st.sampled_from((b"a", "汉".encode(), "😀".encode(), b" ")))
    if what == "literal":
        body = unit * (size // len(unit))
    elif what == "escapes":
        body = b"\\u6C49" * (size // 6)
    else:
        body = b"a" * size
    literals = list(_LITERAL.finditer(data))
    terms = list(_TERM.finditer(data))
    if what in ("literal", "escapes") and literals:
        found = _pick(draw, literals)
        assert found is not None
        return _replace(data, found.start() + 1, found.end() - 1, body), (
            f"huge literal at {found.start()}: {size} bytes of {unit!r}"
        )
    if what == "language":
        found = _pick(draw, literals)
        if found is not None:
            return _replace(data, found.end(), found.end(), b"@" + body[:size]), (
                f"huge language tag at {found.end()}: {size} bytes"
            )
    found = _pick(draw, terms)
    if found is None:
        return data + b'<urn:s> <urn:p> "' + body + b'" .\n', f"huge literal appended: {size}"
    if what == "local name" and not found[0].startswith(b"<"):
        return _replace(data, found.end(), found.end(), body), (
            f"huge local name at {found.start()}: {size} bytes"
        )
    replacement = b"<https://w3id.org/finreg/id/company/" + body + b">"
    return _replace(data, *found.span(), replacement), f"huge IRI at {found.start()}: {size} bytes"


def nest(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    depth = draw(st.integers(1, limits.max_depth))
    shape = draw(st.sampled_from(("blank nodes", "collections", "mixed", "collection items")))
    predicate = draw(st.sampled_from(NEST_PREDICATES))
    subject = draw(st.sampled_from(NEST_SUBJECTS))
    leaf = draw(st.sampled_from((b'"leaf"@zh', b"<urn:leaf>", b"[]", b"()", b"fr:LegalName")))
    if shape == "blank nodes":
        nested = (b"[ " + predicate + b" ") * depth + leaf + b" ]" * depth
    elif shape == "collections":
        nested = b"( " * depth + leaf + b" )" * depth
    elif shape == "collection items":
        nested = b"( " + (leaf + b" ") * depth + b")"
    else:
        nested = (b"[ " + predicate + b" ( ") * depth + leaf + b" ) ]" * depth
    statement = b"\n" + subject + b" " + predicate + b" " + nested + b" .\n"
    ends = [m.end() for m in _STATEMENT_END.finditer(data)]
    at = ends[draw(st.integers(0, len(ends) - 1))] if ends and draw(st.booleans()) else len(data)
    return data[:at] + statement + data[
        at:
    ], f"nest {shape} {depth} deep under {predicate!r} at {at}"


def token(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    text = draw(st.sampled_from(TOKENS))
    at = _position(draw, data)
    return data[:at] + text + data[at:], f"insert {text!r} at {at}"


def splice(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    start = _position(draw, data)
    end = draw(st.integers(start, min(len(data), start + 4096)))
    if draw(st.booleans()):
        return data[:start] + data[end:], f"delete {start}:{end}"
    at = _position(draw, data)
    return data[:at] + data[start:end] + data[at:], f"copy {start}:{end} to {at}"


def encoding(draw: Draw, data: bytes, limits: Limits) -> tuple[bytes, str]:
    how = draw(st.sampled_from(("utf-16", "latin-1", "crlf", "cr", "bom", "utf-16-le")))
    text = data.decode("utf-8", errors="replace")
    if how in ("utf-16", "utf-16-le"):
        return text.encode(how, errors="replace"), f"encode as {how}"
    if how == "latin-1":
        return text.encode("latin-1", errors="replace"), "encode as latin-1"
    if how == "crlf":
        return data.replace(b"\n", b"\r\n"), "line ends CRLF"
    if how == "cr":
        return data.replace(b"\n", b"\r"), "line ends CR"
    return b"\xef\xbb\xbf" + data, "byte-order mark"


MUTATIONS: dict[str, Callable[[Draw, bytes, Limits], tuple[bytes, str]]] = {
    "flip": flip,
    "truncate": truncate,
    "swap": swap,
    "datatype": datatype,
    "huge": huge,
    "nest": nest,
    "token": token,
    "splice": splice,
    "encoding": encoding,
}


@dataclass(frozen=True)
class Limits:
    """How far the mutations go: the longest huge term, the deepest nesting."""

    max_huge: int = 1 << 20
    max_depth: int = 20_000


def cases(
    corpus: Sequence[Seed], limits: Limits = Limits(), mutations: Sequence[str] = ()
) -> st.SearchStrategy[Case]:
    """Cases drawn from ``corpus``: a file (a seed file, the backup or another file, a third
    of the time each), one to three of ``mutations`` (all by default), and sometimes another
    format to read it as."""
    chosen = list(mutations or MUTATIONS)
    groups = [
        group
        for group in (
            [s for s in corpus if s.key.startswith("seeds/")],
            [s for s in corpus if s.key.startswith("backup/")],
            [s for s in corpus if not s.key.startswith(("seeds/", "backup/"))],
        )
        if group
    ]

    @st.composite
    def draw_case(draw: Draw) -> Case:
        seed: Seed = draw(st.sampled_from(draw(st.sampled_from(groups))))
        data = seed.data
        done: list[str] = []
        for _ in range(draw(st.integers(1, 3))):
            name: str = draw(st.sampled_from(chosen))
            data, what = MUTATIONS[name](draw, data, limits)
            done.append(what)
        suffix = seed.suffix
        if draw(st.integers(0, 9)) == 0:
            suffix = draw(st.sampled_from(FORMATS))
            done.append(f"read as {suffix}")
        return Case(seed, tuple(done), data, suffix)

    return draw_case()
