"""kg.loaders.positions: the lines where subjects, IRIs and blank nodes are written, found by
streaming over Turtle, N-Triples and TriG files; checked on small inline files and against
pyoxigraph's own parse of the W3C Turtle test suite (read where it lies, never copied)."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from kg.loaders import positions
from kg.loaders.positions import Fact, locate

pytestmark = pytest.mark.embedded_only

TTL, NT, TRIG = RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.TRIG
FR = "https://w3id.org/finreg/ontology#"
CO = "https://w3id.org/finreg/id/company/"
EX = "http://example.org/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
BASE = "file:///data/entities.ttl"
PREFIXES = f"""@prefix fr: <{FR}> .
@prefix company: <{CO}> .
@prefix xsd: <{XSD}> .
"""


def write(tmp_path: Path, text: str, name: str = "data.ttl", newline: str = "\n") -> Path:
    """Write a file, and check that pyoxigraph parses it (the scanner trusts the syntax)."""
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    fmt = {".ttl": TTL, ".nt": NT, ".trig": TRIG}[path.suffix]
    assert list(parse(path=str(path), format=fmt, base_iri=BASE)) is not None
    return path


def out(p: str, o: NamedNode | Literal) -> Fact:
    return ("out", NamedNode(p), o)


def into(p: str, s: str) -> Fact:
    return ("in", NamedNode(p), NamedNode(s))


def name_signature(entity: str, value: str, lang: str = "zh") -> frozenset[Fact]:
    return frozenset(
        {out(FR + "value", Literal(value, language=lang)), into(FR + "name", CO + entity)}
    )


def signatures(path: Path, fmt: RdfFormat, base_iri: str) -> list[frozenset[Fact]]:
    """One signature per blank node of pyoxigraph's parse: its facts with IRIs and literals."""
    facts: dict[BlankNode, set[Fact]] = defaultdict(set)
    for t in parse(path=str(path), format=fmt, base_iri=base_iri):
        s, p, o = t.subject, t.predicate, t.object
        for node in (s, o):
            if isinstance(node, BlankNode):
                facts[node]  # an empty signature too
        if isinstance(s, BlankNode) and isinstance(o, NamedNode | Literal):
            facts[s].add(("out", p, o))
        if isinstance(o, BlankNode) and isinstance(s, NamedNode):
            facts[o].add(("in", p, s))
    return [frozenset(f) for f in facts.values()]


def test_subject_lines_for_prefixed_names_and_full_iris(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        PREFIXES
        + f"""
company:a a fr:Company .
<{CO}b>
    a fr:Company .
company:c fr:partner company:a .
company:a fr:partner <{CO}b> .
""",
    )
    found = locate(path, TTL, base_iri=BASE, subjects=[CO + "a", CO + "b", CO + "c", CO + "z"])
    assert found.subject_lines == {CO + "a": 5, CO + "b": 6, CO + "c": 8}
    assert found.use_lines == {}
    assert found.blank_lines == []


def test_first_use_in_object_position_predicate_and_datatype(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        PREFIXES
        + """
company:a fr:partner company:b .
company:b fr:founded "2001"^^xsd:gYear .
company:c a fr:Company .
""",
    )
    found = locate(
        path,
        TTL,
        base_iri=BASE,
        subjects=[CO + "b"],
        uses=[CO + "b", FR + "founded", XSD + "gYear", RDF + "type", FR + "Bank"],
    )
    assert found.subject_lines == {CO + "b": 6}
    assert found.use_lines == {CO + "b": 5, FR + "founded": 6, XSD + "gYear": 6, RDF + "type": 7}


NAMES = (
    PREFIXES
    + """
company:a a fr:Company ;
    fr:name [ a fr:Name ; fr:value "甲小额贷款有限公司"@zh ] ,
        [ a fr:Name ;
          fr:value "Jia Microloan"@en ] .
company:b a fr:Company ; fr:name [ a fr:Name ; fr:value "甲小额贷款有限公司"@zh ] .
company:c a fr:Company ;
    fr:name [ a fr:Name ; fr:value "甲小额贷款有限公司"@ZH ] .
company:d fr:name [ fr:value "甲小额贷款"@zh ] , [ fr:value "甲小额贷款有限公司 "@zh ] .
"""
)


def test_name_blank_node_is_found_by_its_value_and_entity(tmp_path: Path) -> None:
    path = write(tmp_path, NAMES)
    found = locate(
        path,
        TTL,
        base_iri=BASE,
        blank_signatures=[
            name_signature("a", "Jia Microloan", "en"),
            name_signature("a", "甲小额贷款有限公司"),
            name_signature("a", "absent"),
        ],
    )
    assert found.blank_lines == [7, 6, None]


def test_entities_with_the_same_name_get_their_own_lines(tmp_path: Path) -> None:
    path = write(tmp_path, NAMES)
    sigs = [name_signature(e, "甲小额贷款有限公司") for e in ("c", "b", "a")]
    assert locate(path, TTL, base_iri=BASE, blank_signatures=sigs).blank_lines == [11, 9, 6]
    similar = [name_signature("d", "甲小额贷款有限公司"), name_signature("d", "甲小额贷款")]
    assert locate(path, TTL, base_iri=BASE, blank_signatures=similar).blank_lines == [None, 12]
    # without the entity, equal signatures take distinct sites in file order
    value = frozenset({out(FR + "value", Literal("甲小额贷款有限公司", language="zh"))})
    found = locate(path, TTL, base_iri=BASE, blank_signatures=[value] * 4)
    assert found.blank_lines == [6, 9, 11, None]
    # a signature whose facts are a subset of another's leaves it its site
    both = [value, name_signature("a", "甲小额贷款有限公司")]
    assert locate(path, TTL, base_iri=BASE, blank_signatures=both).blank_lines == [9, 6]


def test_nested_blank_nodes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""@prefix ex: <{EX}> .
ex:e ex:derivation [
    a ex:Derivation ;
    ex:detail [ ex:locator "[8]" ;
        ex:inner [ ex:locator "[9]" ] ] ;
    ex:locator "[7]"
] .
[ ex:locator "[8]" ] ex:about ex:e .
""",
    )
    sigs = [
        frozenset({out(EX + "locator", Literal("[9]"))}),
        frozenset({into(EX + "derivation", EX + "e"), out(EX + "locator", Literal("[7]"))}),
        frozenset({out(EX + "locator", Literal("[8]"))}),
        frozenset({out(EX + "locator", Literal("[8]")), out(EX + "about", NamedNode(EX + "e"))}),
        frozenset({into(EX + "detail", EX + "e")}),  # the parent is a blank node: no such fact
    ]
    assert locate(path, TTL, base_iri=BASE, blank_signatures=sigs).blank_lines == [5, 2, 4, 8, None]


def test_collection(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""@prefix ex: <{EX}> .
ex:s ex:empty () .
ex:s ex:list
  ( "one"
    ex:two
    ( 3 ) ) .
""",
    )
    first, rest = RDF + "first", RDF + "rest"
    sigs = [
        frozenset({into(EX + "list", EX + "s"), out(first, Literal("one"))}),
        frozenset({out(first, NamedNode(EX + "two"))}),  # a later list node: its item's line
        frozenset(
            {
                out(first, Literal("3", datatype=NamedNode(XSD + "integer"))),
                out(rest, NamedNode(RDF + "nil")),
            }
        ),
    ]
    sigs.append(frozenset())  # fits any site left, but "()" is no blank node
    found = locate(path, TTL, base_iri=BASE, blank_signatures=sigs, uses=[RDF + "nil"])
    assert found.blank_lines == [4, 5, 6, 6]
    assert found.use_lines == {}  # rdf:nil is never written


def test_labelled_blank_node_in_ntriples(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""# names
<{CO}a> <{RDF}type> <{FR}Company> .
_:n1 <{RDF}type> <{FR}Name> .
<{CO}a> <{FR}name> _:n1 .
_:n2 <{FR}value> "乙"@zh .
_:n1 <{FR}value> "甲"@zh .
<{CO}b> <{FR}name> _:n2 .
""",
        "data.nt",
    )
    sigs = [name_signature("b", "乙"), name_signature("a", "甲")]
    found = locate(path, NT, base_iri=BASE, subjects=[CO + "b"], blank_signatures=sigs)
    assert found.blank_lines == [5, 3]  # first occurrences, though facts come later
    assert found.subject_lines == {CO + "b": 7}


def test_blank_nodes_with_only_blank_neighbours_still_get_a_line(tmp_path: Path) -> None:
    path = write(tmp_path, f"# blank\n_:a <{EX}p> _:b .\n_:b <{EX}p> _:c .\n", "data.nt")
    sigs = signatures(path, NT, BASE)
    assert sigs == [frozenset()] * 3
    for fmt in (NT, TTL):
        assert locate(path, fmt, base_iri=BASE, blank_signatures=sigs).blank_lines == [2, 2, 3]


def test_labelled_blank_node_in_turtle(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        PREFIXES
        + """
_:n1 a fr:Name .
company:a fr:name _:n1 ; fr:name _:n2 .
_:n2 fr:value "乙"@zh .
_:n1 fr:value "甲"@zh .
""",
    )
    sigs = [name_signature("a", "乙"), name_signature("a", "甲")]
    assert locate(path, TTL, base_iri=BASE, blank_signatures=sigs).blank_lines == [6, 5]


def test_long_strings_over_several_lines_shift_the_lines(tmp_path: Path) -> None:
    lines = [
        f"@prefix ex: <{EX}> .",
        'ex:a ex:summary [ ex:text """one',
        'two \\""" and "quoted" ""',
        "# not a comment",
        "\"\"\" ] ; ex:note '''x",
        "y''' .",
        f'ex:b ex:note "a # not a comment" . # a comment with <{EX}c> and "quotes',
        'ex:c ex:note [ ex:text """',
        '""" ] .',
    ]
    path = write(tmp_path, "\n".join(lines) + "\n")
    text = 'one\ntwo """ and "quoted" ""\n# not a comment\n'
    sigs = [
        frozenset({out(EX + "text", Literal("\n"))}),
        frozenset({out(EX + "text", Literal(text)), into(EX + "summary", EX + "a")}),
    ]
    found = locate(
        path,
        TTL,
        base_iri=BASE,
        subjects=[EX + "b", EX + "c"],
        uses=[EX + "c", EX + "note"],
        blank_signatures=sigs,
    )
    assert found.subject_lines == {EX + "b": 7, EX + "c": 8}
    assert found.use_lines == {EX + "c": 8, EX + "note": 5}
    assert found.blank_lines == [8, 2]


def test_crlf_line_ends_count_once(tmp_path: Path) -> None:
    path = write(tmp_path, NAMES, newline="\r\n")
    found = locate(
        path,
        TTL,
        base_iri=BASE,
        subjects=[CO + "b"],
        blank_signatures=[name_signature("a", "Jia Microloan", "en")],
    )
    assert found.subject_lines == {CO + "b": 9}
    assert found.blank_lines == [7]
    nt = write(tmp_path, f'<{EX}a> <{EX}p> <{EX}b> .\r\n<{EX}b> <{EX}p> "x" .\r\n', "d.nt")
    assert locate(nt, NT, base_iri=BASE, subjects=[EX + "b"]).subject_lines == {EX + "b": 2}


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 8, 13, 64])
def test_tokens_spanning_chunk_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    long_iri = EX + "x" * 300
    path = write(
        tmp_path,
        PREFIXES
        + f"""@prefix ex: <{EX}> .
<{long_iri}> ex:p [ ex:n 1.5, 1 , 12e-3, -7, true ] .
company:a fr:name [ a fr:Name ; fr:value \"\"\"{"long " * 100}
\"\"\"@zh-Hans ; ex:n 1.5e3 ] .
ex:end ex:p ex:q .
""",
    )
    monkeypatch.setattr(positions, "_CHUNK", chunk)

    def n(value: str | bool, datatype: str = "") -> Fact:
        if isinstance(value, bool):
            return out(EX + "n", Literal(value))
        return out(EX + "n", Literal(value, datatype=NamedNode(XSD + datatype)))

    name = frozenset(
        {
            out(FR + "value", Literal("long " * 100 + "\n", language="zh-hans")),
            n("1.5e3", "double"),
            into(FR + "name", CO + "a"),
        }
    )
    numbers = frozenset(
        {
            n("1.5", "decimal"),
            n("1", "integer"),
            n("12e-3", "double"),
            n("-7", "integer"),
            n(True),
            into(EX + "p", long_iri),
        }
    )
    found = locate(
        path,
        TTL,
        base_iri=BASE,
        subjects=[long_iri, EX + "end"],
        uses=[FR + "Name"],
        blank_signatures=[name, numbers],
    )
    assert found.subject_lines == {long_iri: 5, EX + "end": 8}
    assert found.use_lines == {FR + "Name": 6}
    assert found.blank_lines == [6, 5]


def test_relative_iris_and_base(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """<a> <p> <#frag> .
@base <http://other.example/dir/sub/> .
<../b> <p> <c?q#f> .
BASE <d/>
<e> <p> <> .
""",
    )
    base = "http://example.org/data/file.ttl"
    wanted = [
        "http://example.org/data/a",
        "http://other.example/dir/b",
        "http://other.example/dir/sub/d/e",
    ]
    uses = [
        "http://example.org/data/file.ttl#frag",
        "http://other.example/dir/sub/c?q#f",
        "http://other.example/dir/sub/d/",
    ]
    found = locate(path, TTL, base_iri=base, subjects=wanted, uses=uses)
    assert found.subject_lines == dict(zip(wanted, [1, 3, 5], strict=True))
    assert found.use_lines == dict(zip(uses, [1, 3, 5], strict=True))


def test_sparql_style_prefix_and_escaped_local_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""PREFIX ex: <{EX}>
prefix : <{EX}empty/>
ex:a\\-b\\.c :p ex:d%20e .
:x.y :p ex:f .
ex:true ex:g false .
""",
    )
    found = locate(
        path,
        TTL,
        base_iri=BASE,
        subjects=[EX + "a-b.c", EX + "empty/x.y", EX + "true"],
        uses=[EX + "d%20e", EX + "empty/p"],
        blank_signatures=[],
    )
    assert found.subject_lines == {EX + "a-b.c": 3, EX + "empty/x.y": 4, EX + "true": 5}
    assert found.use_lines == {EX + "d%20e": 3, EX + "empty/p": 3}


def test_trig_default_graph_blocks(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        PREFIXES
        + """
{
    company:a a fr:Company ;
        fr:name [ a fr:Name ; fr:value "甲"@zh ] .
    company:b a fr:Company }
{ company:c a fr:Company ; fr:name [ fr:value "丙"@zh ] }
""",
        "data.trig",
    )
    found = locate(
        path,
        TRIG,
        base_iri=BASE,
        subjects=[CO + "a", CO + "b", CO + "c"],
        blank_signatures=[name_signature("c", "丙"), name_signature("a", "甲")],
    )
    assert found.subject_lines == {CO + "a": 6, CO + "b": 8, CO + "c": 9}
    assert found.blank_lines == [9, 7]


class Counting:
    """A text file that counts the characters read from it."""

    read_chars = 0

    def __init__(self, path: Path) -> None:
        self.stream = path.open(encoding="utf-8", newline="\n")

    def read(self, size: int = -1) -> str:
        text = self.stream.read(size)
        Counting.read_chars += len(text)
        return text

    def __iter__(self) -> Iterator[str]:
        for line in self.stream:
            Counting.read_chars += len(line)
            yield line

    def __enter__(self) -> Counting:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


@pytest.mark.parametrize("fmt", [TTL, NT])
def test_reading_stops_once_everything_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: RdfFormat
) -> None:
    lines = [f"<{CO}a> <{RDF}type> <{FR}Company> ."]
    lines += [f'<{CO}x{i}> <{FR}note> "filler {i}" .' for i in range(60_000)]
    lines.append(f"<{CO}last> <{RDF}type> <{FR}Company> .")
    path = write(tmp_path, "\n".join(lines) + "\n", "big.nt")
    assert path.stat().st_size > 4 << 20
    monkeypatch.setattr(positions, "_open", Counting)

    def chars_read(**wanted: Any) -> int:
        Counting.read_chars = 0
        locate(path, fmt, base_iri=BASE, **wanted)
        return Counting.read_chars

    assert chars_read(subjects=[CO + "a"], uses=[RDF + "type"]) <= positions._CHUNK
    assert chars_read(subjects=[CO + "last"]) >= path.stat().st_size  # the whole file
    monkeypatch.setattr(positions, "_CHUNK", 1000)
    assert chars_read(uses=[FR + "Company"]) <= 1000


def test_reading_stops_once_blank_nodes_are_matched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = NAMES + "".join(f'company:x{i} fr:note "filler {i}" .\n' for i in range(50_000))
    path = write(tmp_path, text)
    monkeypatch.setattr(positions, "_open", Counting)
    monkeypatch.setattr(positions, "_CHUNK", 4096)
    Counting.read_chars = 0
    found = locate(
        path, TTL, base_iri=BASE, blank_signatures=[name_signature("a", "Jia Microloan", "en")]
    )
    assert found.blank_lines == [7]
    assert Counting.read_chars <= 4096


def test_literals_compare_as_pyoxigraph_terms(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""@prefix ex: <{EX}> .
@prefix xsd: <{XSD}> .
[ ex:p "tab\\there \\u00e9\\U0001F600 \\"q\\"" ] .
[ ex:p 'single' , +01 ] . [ ex:p -.5 , 2E10 ] . [ ex:p "2001"^^xsd:gYear , "x"^^<{XSD}string> ] .
[ ex:p "Hello"@EN-gb , true ] .
""",
    )

    def p(*objects: Literal) -> frozenset[Fact]:
        return frozenset(out(EX + "p", o) for o in objects)

    def typed(value: str, datatype: str) -> Literal:
        return Literal(value, datatype=NamedNode(XSD + datatype))

    sigs = [
        p(Literal('tab\there é😀 "q"')),
        p(Literal("single"), typed("+01", "integer")),
        p(typed("-.5", "decimal"), typed("2E10", "double")),
        p(typed("2001", "gYear"), Literal("x")),
        p(Literal("Hello", language="en-GB"), Literal(True)),
        p(Literal("Hello", language="en")),
    ]
    found = locate(path, TTL, base_iri=BASE, blank_signatures=sigs)
    assert found.blank_lines == [3, 4, 4, 4, 5, None]


def test_generated_data_agrees_with_pyoxigraph(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        PREFIXES
        + "\n".join(
            f"company:c{i} a fr:Company ;\n"
            f'  fr:name [ a fr:Name ; fr:value "公司{i % 7}"@zh ] , [ fr:value "C {i}"@en ] .'
            for i in range(300)
        )
        + "\n",
    )
    sigs = signatures(path, TTL, BASE)
    found = locate(path, TTL, base_iri=BASE, blank_signatures=sigs)
    assert None not in found.blank_lines
    text = path.read_text(encoding="utf-8").split("\n")
    for sig, line in zip(sigs, found.blank_lines, strict=True):
        assert line is not None
        value = next(o for d, p, o in sig if p == NamedNode(FR + "value"))
        assert f'"{value.value}"' in text[line - 1]


# The W3C Turtle test suite, where the hardening tests find it.

W3C_BASE = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"


def _w3c_turtle() -> Path | None:
    given = os.environ.get("FINREG_W3C_TESTS")
    root = (
        Path(given) if given else Path(__file__).resolve().parents[3] / "shared" / "w3c-rdf-tests"
    )
    folder = root / "rdf-turtle"
    return folder if (folder / "manifest.ttl").is_file() else None


def _w3c_entries() -> list[Any]:
    folder = _w3c_turtle()
    if folder is None:
        reason = (
            "the W3C RDF test suites are not here (see tests/hardening/test_w3c_syntax_suites.py)"
        )
        return [
            pytest.param(None, None, id="w3c-suite-missing", marks=pytest.mark.skip(reason=reason))
        ]
    manifest = list(parse(path=str(folder / "manifest.ttl"), format=TTL, base_iri=W3C_BASE))
    base = next(
        (str(t.object.value) for t in manifest if t.predicate.value == MF + "assumedTestBase"),
        W3C_BASE,
    )
    kinds = {t.subject: t.object.value for t in manifest if t.predicate.value == RDF + "type"}
    params = []
    for t in manifest:
        kind = kinds.get(t.subject, "")
        if t.predicate.value == MF + "action" and kind in (
            RDFT + "TestTurtlePositiveSyntax",
            RDFT + "TestTurtleEval",
        ):
            action = t.object.value
            assert action.startswith(base), f"{action} is not under {base}"
            path = folder / action[len(base) :]
            params.append(pytest.param(path, action, id=path.name))
    assert len(params) >= 200
    return sorted(params, key=lambda p: str(p.id))


@pytest.mark.parametrize(("path", "base_iri"), _w3c_entries())
def test_w3c_turtle_file_agrees_with_pyoxigraph(
    path: Path, base_iri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fmt = NT if path.suffix == ".nt" else TTL
    triples = list(parse(path=str(path), format=fmt, base_iri=base_iri))
    subjects = {t.subject.value for t in triples if isinstance(t.subject, NamedNode)}
    iris = {x.value for t in triples for x in t if isinstance(x, NamedNode)}
    sigs = signatures(path, fmt, base_iri)
    found = locate(
        path, fmt, base_iri=base_iri, subjects=subjects, uses=iris, blank_signatures=sigs
    )
    lines = path.read_bytes().count(b"\n") + 1
    assert set(found.subject_lines) == subjects
    assert all(1 <= line <= lines for line in found.subject_lines.values())
    assert set(iris) - set(found.use_lines) <= {RDF + "first", RDF + "rest", RDF + "nil"}
    for iri, line in found.subject_lines.items():
        assert found.use_lines[iri] <= line
    assert None not in found.blank_lines, [
        s for s, n in zip(sigs, found.blank_lines, strict=True) if n is None
    ]
    assert all(line is not None and 1 <= line <= lines for line in found.blank_lines)
    for chunk in (1, 7):  # the same answers when tokens span chunks
        monkeypatch.setattr(positions, "_CHUNK", chunk)
        again = locate(
            path, fmt, base_iri=base_iri, subjects=subjects, uses=iris, blank_signatures=sigs
        )
        assert again == found


def _key(term: object) -> object:
    """A term as the scanner holds it: an IRI, a literal's (value, datatype, language), or
    "_" for any blank node."""
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, Literal):
        return (term.value, term.datatype.value, term.language or "")
    return "_" if isinstance(term, BlankNode | positions._Site) else term


@pytest.mark.parametrize(("path", "base_iri"), _w3c_entries())
def test_w3c_turtle_file_gives_the_scanner_pyoxigraph_triples(
    path: Path, base_iri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """White-box: every triple the scanner follows is one pyoxigraph parses, blank nodes aside
    (the scanner leaves out the links between list nodes, which join blank nodes only)."""
    links = (RDF + "first", RDF + "rest")
    expected = Counter(
        (_key(t.subject), _key(t.predicate), _key(t.object))
        for t in parse(path=str(path), format=TTL, base_iri=base_iri)
        if not (t.predicate.value in links and isinstance(t.object, BlankNode))
    )
    seen: Counter[tuple[object, object, object]] = Counter()

    def emit(s: object, p: str, o: object) -> None:
        if not (p in links and _key(o) == "_"):
            seen[_key(s), p, _key(o)] += 1

    scan = positions._Scan(base_iri, ["never written"], [], [])
    scan.track = True
    monkeypatch.setattr(scan, "emit", emit)
    with positions._open(path) as stream:
        scan.turtle(stream)
    assert seen == expected
