"""The W3C RDF 1.1 Turtle and N-Triples test suites, read from their manifests where they lie
(../shared/w3c-rdf-tests or $FINREG_W3C_TESTS; never copied into the repository).

- every negative syntax (and negative evaluation) test is refused by ``finreg validate``,
  ``finreg load`` and kg.loaders, with an error naming the file and a line, and the store is
  unchanged after each;
- every positive syntax and evaluation test parses with finreg's parser, at the parser level
  (``allow_empty``, ``allow_nul``: some tests hold no triples or a NUL in a literal, which
  ``finreg load`` refuses by policy), and each evaluation test gives its expected triples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, serialize
from rdflib import RDF, Graph, Namespace, URIRef

from api.cli import EXIT_INPUT, main
from kg.errors import FileReadError, InputError, RdfSyntaxError
from kg.loaders import load_files
from kg.loaders.parse import parse_file
from kg.store import GraphStore
from tests.backends import Backend
from tests.conftest import ENTITIES
from tests.hardening.conftest import canonical, run_cli, w3c_tests

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
RDFT = Namespace("http://www.w3.org/ns/rdftest#")
BASES = {
    "rdf-turtle": "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/",
    "rdf-n-triples": "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-triples/",
}
NEGATIVE = ("TestTurtleNegativeSyntax", "TestNTriplesNegativeSyntax", "TestTurtleNegativeEval")
POSITIVE = ("TestTurtlePositiveSyntax", "TestNTriplesPositiveSyntax")
EVAL = ("TestTurtleEval",)


@dataclass(frozen=True)
class W3cTest:
    """One manifest entry: its kind, the file to read, its base IRI, the expected result."""

    kind: str
    path: Path
    base_iri: str
    result: Path | None = None
    result_iri: str | None = None


def _entries(kinds: tuple[str, ...]) -> list[W3cTest]:
    root = w3c_tests()
    if root is None:
        return []
    found: list[W3cTest] = []
    for folder, default_base in BASES.items():
        manifest = Graph()
        base = default_base
        manifest.parse(root / folder / "manifest.ttl", format="turtle", publicID=base)
        assumed = manifest.value(predicate=MF.assumedTestBase)
        if isinstance(assumed, URIRef):
            base = str(assumed)
        for kind in kinds:
            for test in sorted(manifest.subjects(RDF.type, RDFT[kind])):
                action, result = manifest.value(test, MF.action), manifest.value(test, MF.result)
                assert str(action).startswith(base), f"{action} is not under {base}"
                found.append(
                    W3cTest(
                        kind=kind,
                        path=root / folder / str(action)[len(base) :],
                        base_iri=str(action),
                        result=root / folder / str(result)[len(base) :] if result else None,
                        result_iri=str(result) if result else None,
                    )
                )
    return found


def _params(kinds: tuple[str, ...]) -> list[object]:
    entries = _entries(kinds)
    if entries:
        return [pytest.param(e, id=f"{e.path.parent.name}/{e.path.name}") for e in entries]
    reason = (
        "the W3C RDF test suites are not here: put rdf-turtle/ and rdf-n-triples/ in "
        "../shared/w3c-rdf-tests or set FINREG_W3C_TESTS"
    )
    return [pytest.param(None, id="w3c-suites-missing", marks=pytest.mark.skip(reason=reason))]


def test_the_suites_hold_what_the_manifests_promise() -> None:
    if w3c_tests() is None:
        pytest.skip("the W3C RDF test suites are not here (see _params)")
    assert len(_entries(NEGATIVE)) >= 120
    assert len(_entries(POSITIVE)) >= 110
    assert len(_entries(EVAL)) >= 140


@dataclass
class Target:
    """Where negative tests try to load: CLI arguments, a kg store, the exports before."""

    cli: list[str]
    store: GraphStore
    cli_before: bytes
    store_before: bytes
    export_to: Path


@pytest.fixture(scope="module")
def target(backend: Backend, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """A store holding a small valid graph, for the CLI (a data directory or the "w3c"
    server) and for kg.loaders (in memory, or the same server)."""
    root = tmp_path_factory.mktemp("w3c")
    (root / "finreg.toml").write_text("# dataset root of this test's files\n")
    entities = root / "entities.ttl"
    entities.write_text(ENTITIES, encoding="utf-8")
    with pytest.MonkeyPatch.context() as env:
        if backend.remote:
            backend.store("w3c").close()
            endpoint = backend.endpoint("w3c")
            for variable, value in (
                ("FINREG_STORE_USER", endpoint.user),
                ("FINREG_STORE_PASSWORD", endpoint.password),
                ("FINREG_STORE_AUTH", "digest" if endpoint.digest else "basic"),
            ):
                if value:
                    env.setenv(variable, value)
        cli = backend.store_arguments(root / "store", "w3c")
        assert main(["load", *cli, str(entities)]) == 0
        store = backend.store("w3c", empty=False) if backend.remote else backend.store()
        if not backend.remote:
            load_files(store, [entities])
        export_to = root / "export.nq"
        assert main(["export", *cli, "--format", "nq", "-o", str(export_to)]) == 0
        try:
            yield Target(cli, store, export_to.read_bytes(), store.export("nq"), export_to)
        finally:
            store.close()


def _names_file_and_line(err: str, path: Path) -> bool:
    where = re.escape(str(path))
    return (
        re.search(rf"^finreg: {where}(:\d+(:\d+)?: | line \d+: |: line \d+: )", err, re.M)
        is not None
    )


@pytest.mark.parametrize("case", _params(NEGATIVE))
def test_negative_test_is_refused_by_the_cli_naming_file_and_line(
    case: W3cTest, target: Target, capsys: pytest.CaptureFixture[str]
) -> None:
    suites = w3c_tests()  # the suites' folder is the dataset root the files are named under
    for command in ("validate", "load"):
        code, out, err = run_cli(capsys, command, *target.cli, "--root", suites, case.path)
        assert code == EXIT_INPUT, (command, out, err)
        assert _names_file_and_line(err, case.path), (command, err)
        assert "Traceback" not in err
    assert "nothing was written" in err
    code, _, _ = run_cli(capsys, "export", *target.cli, "--format", "nq", "-o", target.export_to)
    assert code == 0
    assert target.export_to.read_bytes() == target.cli_before


@pytest.mark.parametrize("case", _params(NEGATIVE))
def test_negative_test_is_refused_by_the_loader_naming_file_and_line(
    case: W3cTest, target: Target
) -> None:
    with pytest.raises(InputError) as raised:
        load_files(target.store, [case.path], root=w3c_tests())
    error = raised.value
    assert str(case.path) in str(error)
    if isinstance(error, RdfSyntaxError):
        assert error.line is not None
        assert error.line >= 1
    else:
        assert isinstance(error, FileReadError)
        assert error.line is not None
    assert target.store.export("nq") == target.store_before


@pytest.mark.parametrize("case", _params(POSITIVE))
def test_positive_syntax_test_parses(case: W3cTest) -> None:
    parse_file(case.path, base_iri=case.base_iri, allow_empty=True, allow_nul=True)


@pytest.mark.parametrize("case", _params(EVAL))
def test_evaluation_test_gives_its_expected_triples(case: W3cTest) -> None:
    assert case.result is not None
    assert case.result_iri is not None
    got = parse_file(case.path, base_iri=case.base_iri, allow_empty=True, allow_nul=True)
    expected = parse_file(case.result, base_iri=case.result_iri, allow_empty=True, allow_nul=True)

    def nt(triples: tuple[object, ...]) -> bytes:
        return serialize(triples, format=RdfFormat.N_TRIPLES) or b""  # type: ignore[arg-type]

    assert canonical(nt(got.triples), RdfFormat.N_TRIPLES) == canonical(
        nt(expected.triples), RdfFormat.N_TRIPLES
    )
