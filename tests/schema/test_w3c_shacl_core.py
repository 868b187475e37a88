"""The W3C SHACL Core test suite, run against finreg's SHACL engine (kg/schema/engine.py).

The suite is read where it lies ($FINREG_W3C_SHACL_TESTS, else ../shared/w3c-shacl-tests next
to the repository; never copied into the repository). Every sht:Validate entry whose expected
report carries sh:conforms is validated with ``CompiledShapes.from_file(shapes)
.validate_file(data)``, and:

- ``sh:conforms`` agrees (SHACL conforms when there is no result at all, whatever its
  severity);
- the SET of results agrees: (focus node, result path, value, constraint component, severity),
  with result paths compared as trees (the engine writes SPARQL property paths such as
  ``(<p>/(<q>)*)``, the suite SHACL path nodes such as ``[ sh:alternativePath ( ... ) ]``),
  blank nodes compared up to a one-to-one renaming (see "Blank nodes" below), components and
  severities by their local names on both sides (the engine wrapper reports local names);
  sh:sourceShape and sh:resultMessage are not compared.

Where the engine disagrees, the test is a strict xfail naming the engine's defect
(CONFORMS_DEFECTS, RESULTS_DEFECTS), so that a fixed engine makes the run fail until the entry
is removed.

Relative IRIs: the engine reads a file with the file's own ``file:`` URI as base IRI
(``<>`` in property/minCount-001.ttl is ``file:///…/core/property/minCount-001.ttl``), and the
suite means each file's location as its base; so every file is read here with
``path.as_uri()`` as base, and ``<>``-relative names (``sht:dataGraph <>``, a test's own
``<minCount-001>``, results naming such nodes) come out as the engine sees them.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest
import shacl
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse

from kg.schema.engine import CompiledShapes, EngineResult, term
from tests.conftest import ROOT

pytestmark = pytest.mark.embedded_only

SH = "http://www.w3.org/ns/shacl#"
SHT = "http://www.w3.org/ns/shacl-test#"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_FIRST, RDF_REST, RDF_NIL = (
    NamedNode(RDF + "first"),
    NamedNode(RDF + "rest"),
    NamedNode(RDF + "nil"),
)
PROMISED = 98
"""How many tests of the suite carry sh:conforms (README.md of the suite)."""

Term = NamedNode | BlankNode | Literal
PathTree = tuple[str, object]
"""A SHACL path as a tree: ("predicate", iri), ("inverse", tree), ("sequence", (tree, ...)),
("alternative", (tree, ...)), ("zeroOrMore", tree), ("oneOrMore", tree), ("zeroOrOne", tree)."""
Key = tuple[Term, PathTree | None, Term | None, str, str]
"""One result as compared: focus node, path, value, component and severity (local names)."""

CONFORMS_DEFECTS: dict[str, str] = {}
"""Tests whose sh:conforms the engine gets wrong, with the engine's defect."""

RESULTS_DEFECTS: dict[str, str] = {}
"""Tests whose results the engine gets wrong (at the level of the set of results)."""


def w3c_shacl_tests() -> Path | None:
    """The W3C SHACL test suite: $FINREG_W3C_SHACL_TESTS, else ../shared/w3c-shacl-tests
    next to the repository; None when neither holds core/manifest.ttl."""
    given = os.environ.get("FINREG_W3C_SHACL_TESTS")
    folder = Path(given) if given else ROOT.parent / "shared" / "w3c-shacl-tests"
    return folder.resolve() if (folder / "core" / "manifest.ttl").is_file() else None


class _Graph:
    """The triples of one Turtle file, read with the base IRI the engine gives it."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self._out: dict[Term, list[tuple[NamedNode, Term]]] = {}
        for triple in triples:
            self._out.setdefault(triple.subject, []).append((triple.predicate, triple.object))

    @classmethod
    def read(cls, path: Path) -> _Graph:
        """The triples of a Turtle file, with the file's ``file:`` URI as base IRI."""
        return cls(parse(path=path, format=RdfFormat.TURTLE, base_iri=path.as_uri()))

    def objects(self, subject: Term, predicate: str | NamedNode) -> list[Term]:
        p = NamedNode(predicate) if isinstance(predicate, str) else predicate
        return [o for q, o in self._out.get(subject, []) if q == p]

    def value(self, subject: Term, predicate: str | NamedNode) -> Term | None:
        found = self.objects(subject, predicate)
        assert len(found) <= 1, f"{subject} has several {predicate}: {found}"
        return found[0] if found else None

    def items(self, head: Term) -> list[Term]:
        """The members of the RDF list starting at ``head``."""
        members: list[Term] = []
        while head != RDF_NIL:
            first, rest = self.value(head, RDF_FIRST), self.value(head, RDF_REST)
            assert first is not None, f"{head} is not an RDF list"
            assert rest is not None, f"{head} is not an RDF list"
            members.append(first)
            head = rest
        return members

    def all_objects(self, predicate: str) -> list[Term]:
        p = NamedNode(predicate)
        return [o for pairs in self._out.values() for q, o in pairs if q == p]


def _file(iri: Term) -> Path:
    assert isinstance(iri, NamedNode), f"{iri} names no file"
    parsed = urlparse(iri.value)
    assert parsed.scheme == "file", f"{iri} is not a file: IRI"
    return Path(url2pathname(parsed.path))


def _local(iri: Term | None) -> str:
    """The local name of an IRI (after its last ``#`` or ``/``), as the engine wrapper reports
    components and severities: ``MinCountConstraintComponent``, ``Violation``, and for a
    severity of one's own such as ``ex:MySeverity`` (misc/severity-002) ``MySeverity``."""
    assert isinstance(iri, NamedNode), f"{iri} is no IRI"
    return re.split(r"[#/]", iri.value)[-1]


# Paths. The two notations are turned into the same trees, so that they are compared by
# structure: "(<p>|^<q>)" and [ sh:alternativePath ( ex:p [ sh:inversePath ex:q ] ) ] give
# ("alternative", (("predicate", p), ("inverse", ("predicate", q)))). Parentheses around one
# element without a modifier are transparent; a sequence inside a sequence stays nested, as a
# list inside a list does in RDF.

_UNARY = {
    "zeroOrMorePath": "zeroOrMore",
    "oneOrMorePath": "oneOrMore",
    "zeroOrOnePath": "zeroOrOne",
}
_MODIFIERS = {"*": "zeroOrMore", "+": "oneOrMore", "?": "zeroOrOne"}


def _rdf_path(graph: _Graph, node: Term) -> PathTree:
    """The tree of the SHACL path at ``node`` (SHACL 2.3.1: property paths in RDF)."""
    if isinstance(node, NamedNode) and node != RDF_NIL:
        return ("predicate", node)
    if graph.value(node, RDF_FIRST) is not None:
        return ("sequence", tuple(_rdf_path(graph, m) for m in graph.items(node)))
    if (inverse := graph.value(node, SH + "inversePath")) is not None:
        return ("inverse", _rdf_path(graph, inverse))
    if (alternatives := graph.value(node, SH + "alternativePath")) is not None:
        return ("alternative", tuple(_rdf_path(graph, m) for m in graph.items(alternatives)))
    for predicate, kind in _UNARY.items():
        if (inner := graph.value(node, SH + predicate)) is not None:
            return (kind, _rdf_path(graph, inner))
    raise AssertionError(f"{node} is no SHACL path")


_TOKENS = re.compile(r"\s*(<[^<>\"{}|^`\\\s]*>|[()/|^*+?]|a(?![\w:]))")


def _sparql_path(text: str) -> PathTree:
    """The tree of a SPARQL property path as the engine writes it."""
    tokens: list[str] = []
    at = 0
    while at < len(text.rstrip()):
        match = _TOKENS.match(text, at)
        assert match is not None, f"cannot read the path {text!r} at {text[at:]!r}"
        tokens.append(match.group(1))
        at = match.end()
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        assert position < len(tokens), f"the path {text!r} ends too early"
        position += 1
        return tokens[position - 1]

    def alternative() -> PathTree:
        members = [sequence()]
        while peek() == "|":
            take()
            members.append(sequence())
        return members[0] if len(members) == 1 else ("alternative", tuple(members))

    def sequence() -> PathTree:
        members = [element()]
        while peek() == "/":
            take()
            members.append(element())
        return members[0] if len(members) == 1 else ("sequence", tuple(members))

    def element() -> PathTree:
        if peek() == "^":
            take()
            return ("inverse", element())
        symbol = take()
        if symbol == "(":
            tree = alternative()
            assert take() == ")", f"unbalanced parentheses in {text!r}"
        elif symbol == "a":
            tree = ("predicate", NamedNode(RDF + "type"))
        else:
            assert symbol.startswith("<"), f"unexpected {symbol!r} in the path {text!r}"
            tree = ("predicate", NamedNode(symbol[1:-1]))
        while (modifier := peek()) in _MODIFIERS:
            take()
            tree = (_MODIFIERS[str(modifier)], tree)
        return tree

    tree = alternative()
    assert position == len(tokens), f"trailing {tokens[position:]} in the path {text!r}"
    return tree


# Blank nodes. The engine names the data graph's blank nodes itself (_:0_b12, _:1_b0, … in its
# own order, not the file's labels) and its report says nothing more about them: the data
# graph's triples about an engine blank node cannot be looked up, so a canonical description
# (its outgoing triples) could be computed on the suite's side only. The sets are therefore
# compared as report graphs are, by isomorphism: the engine's results must equal the expected
# ones under some one-to-one renaming of blank nodes, the same renaming for every result of a
# test. So a blank node that is focus node and value of one result must be so in the expected
# results too, and three results about three blank nodes cannot match results about one; what
# a renaming cannot tell is which of several blank nodes of the data graph the engine meant,
# where nothing else in the results pins it (the suite has at most three per test).


def _blank_nodes(keys: Iterable[Key]) -> list[BlankNode]:
    found = {t for k in keys for t in (k[0], k[2]) if isinstance(t, BlankNode)}
    return sorted(found, key=str)


def _renamed(keys: frozenset[Key], renaming: dict[BlankNode, BlankNode]) -> frozenset[Key]:
    def rename(t: Term) -> Term:
        return renaming.get(t, t) if isinstance(t, BlankNode) else t

    return frozenset(
        (rename(f), path, None if v is None else rename(v), component, severity)
        for f, path, v, component, severity in keys
    )


def _up_to_blank_nodes(got: frozenset[Key], expected: frozenset[Key]) -> frozenset[Key]:
    """``got`` with its blank nodes renamed to those of ``expected`` so that the two are
    equal, if a one-to-one renaming does that; else ``got`` unchanged."""
    mine, theirs = _blank_nodes(got), _blank_nodes(expected)
    if not mine or len(mine) != len(theirs):
        return got
    assert len(mine) <= 8, "too many blank nodes to try every renaming"
    for order in itertools.permutations(theirs):
        renamed = _renamed(got, dict(zip(mine, order, strict=True)))
        if renamed == expected:
            return renamed
    return got


@dataclass(frozen=True)
class Case:
    """One sht:Validate entry: its files and the expected report."""

    id: str
    data: Path
    shapes: Path
    conforms: bool
    results: frozenset[Key]


def _case(root: Path, manifest: _Graph, test: Term) -> Case | None:
    action, report = manifest.value(test, MF + "action"), manifest.value(test, MF + "result")
    assert action is not None, f"{test} has no mf:action"
    assert report is not None, f"{test} has no mf:result"
    conforms = manifest.value(report, SH + "conforms")
    if conforms is None:
        return None
    assert isinstance(conforms, Literal), f"{test}: sh:conforms is {conforms}"
    data, shapes = (
        manifest.value(action, SHT + "dataGraph"),
        manifest.value(action, SHT + "shapesGraph"),
    )
    assert data is not None, f"{test} has no sht:dataGraph"
    assert shapes is not None, f"{test} has no sht:shapesGraph"
    results: set[Key] = set()
    for result in manifest.objects(report, SH + "result"):
        focus = manifest.value(result, SH + "focusNode")
        assert focus is not None, f"{test}: a result has no sh:focusNode"
        path = manifest.value(result, SH + "resultPath")
        results.add(
            (
                focus,
                None if path is None else _rdf_path(manifest, path),
                manifest.value(result, SH + "value"),
                _local(manifest.value(result, SH + "sourceConstraintComponent")),
                _local(manifest.value(result, SH + "resultSeverity")),
            )
        )
    assert isinstance(test, NamedNode), f"{test} is not named"
    return Case(
        id=test.value.removeprefix((root / "core").as_uri() + "/"),
        data=_file(data),
        shapes=_file(shapes),
        conforms=conforms.value == "true",
        results=frozenset(results),
    )


@cache
def _cases() -> tuple[Case, ...]:
    root = w3c_shacl_tests()
    if root is None:
        return ()
    top = root / "core" / "manifest.ttl"
    found: list[Case] = []
    for folder_manifest in _Graph.read(top).objects(NamedNode(top.as_uri()), MF + "include"):
        folder = _file(folder_manifest)
        for included in _Graph.read(folder).objects(NamedNode(folder.as_uri()), MF + "include"):
            path = _file(included)
            manifest = _Graph.read(path)
            for entries in manifest.objects(NamedNode(path.as_uri()), MF + "entries"):
                for test in manifest.items(entries):
                    if NamedNode(SHT + "Validate") not in manifest.objects(test, RDF + "type"):
                        continue
                    case = _case(root, manifest, test)
                    if case is not None:
                        found.append(case)
    return tuple(sorted(found, key=lambda c: c.id))


def _params(defects: dict[str, str]) -> list[object]:
    cases = _cases()
    if cases:
        return [
            pytest.param(
                c,
                id=c.id,
                marks=[pytest.mark.xfail(strict=True, reason=defects[c.id])]
                if c.id in defects
                else [],
            )
            for c in cases
        ]
    reason = (
        "the W3C SHACL test suite is not here: put core/ in ../shared/w3c-shacl-tests "
        "or set FINREG_W3C_SHACL_TESTS"
    )
    return [pytest.param(None, id="w3c-shacl-suite-missing", marks=pytest.mark.skip(reason=reason))]


@cache
def _engine(case: Case) -> tuple[EngineResult, ...]:
    return tuple(CompiledShapes.from_file(case.shapes).validate_file(case.data))


def _key(result: EngineResult) -> Key:
    return (
        term(result.focus_node),
        None if result.path is None else _sparql_path(result.path),
        None if result.value is None else term(result.value),
        result.component,
        result.severity,
    )


def _show(keys: Iterable[Key]) -> list[str]:
    def path(tree: object) -> str:
        assert isinstance(tree, tuple)
        kind, inner = tree
        if kind == "predicate":
            return str(inner)
        if kind in ("sequence", "alternative"):
            assert isinstance(inner, tuple)
            return f"{kind}(" + ", ".join(path(t) for t in inner) + ")"
        return f"{kind}({path(inner)})"

    return sorted(
        f"{f} {'-' if p is None else path(p)} {'-' if v is None else v} {c} {s}"
        for f, p, v, c, s in keys
    )


def test_the_suite_holds_what_it_promises() -> None:
    if w3c_shacl_tests() is None:
        pytest.skip("the W3C SHACL test suite is not here (see _params)")
    cases = _cases()
    assert len(cases) >= PROMISED
    assert len({c.id for c in cases}) == len(cases)
    for case in cases:
        assert case.data.is_file(), case
        assert case.shapes.is_file(), case
    assert any(not c.conforms for c in cases)
    assert any(c.conforms for c in cases)


def test_every_listed_defect_names_a_test_of_the_suite() -> None:
    if w3c_shacl_tests() is None:
        pytest.skip("the W3C SHACL test suite is not here (see _params)")
    ids = {c.id for c in _cases()}
    assert set(CONFORMS_DEFECTS) <= ids
    assert set(RESULTS_DEFECTS) <= ids


@pytest.mark.parametrize("case", _params(CONFORMS_DEFECTS))
def test_conforms_agrees(case: Case) -> None:
    # SHACL 3.6.1: conforms is true exactly when there is no result, of any severity (finreg
    # blocks only on violations, EngineResult.blocking, but that is finreg's policy).
    assert (not _engine(case)) == case.conforms


@pytest.mark.parametrize("case", _params(RESULTS_DEFECTS))
def test_results_agree(case: Case) -> None:
    got = _up_to_blank_nodes(frozenset(_key(r) for r in _engine(case)), case.results)
    missing, unexpected = case.results - got, got - case.results
    assert got == case.results, f"missing: {_show(missing)}; unexpected: {_show(unexpected)}"


def test_sparql_paths_are_read_as_the_engine_writes_them_in_rdf() -> None:
    """The reading of the engine's SPARQL path syntax gives, for every path the engine
    reports on the suite, the tree of the path in the engine's own RDF report."""
    if w3c_shacl_tests() is None:
        pytest.skip("the W3C SHACL test suite is not here (see _params)")
    checked = 0
    for case in _cases():
        report = shacl.Shapes.from_file(str(case.shapes)).validate_file(str(case.data))
        graph = _Graph(parse(report.serialize("ntriples").encode(), format=RdfFormat.N_TRIPLES))
        in_rdf = sorted(str(_rdf_path(graph, p)) for p in graph.all_objects(SH + "resultPath"))
        in_sparql = sorted(str(_sparql_path(r.path)) for r in report.results if r.path)
        assert in_sparql == in_rdf, case.id
        checked += len(in_sparql)
    assert checked > PROMISED
