"""Backup and restore: ``finreg restore FILE.nq`` reads back into an empty store what
``finreg export --format nq`` wrote: the same graphs, under the same names (graph keys), with
the same load stamps, published as a load is. On every backend: export, restore into an
empty store, export again, and each graph's RDFC-1.0 canonical form is the same.

A backup that is no finreg backup, or a store that is not empty, is refused in one line per
problem naming the file and line (or, for the store, saying what to do), and nothing is
written; ``finreg load`` still refuses named graphs in its input (tests/data/bad/).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from pyoxigraph import (
    BlankNode,
    CanonicalizationAlgorithm,
    Dataset,
    NamedNode,
    Quad,
    RdfFormat,
    parse,
)

from api.cli import EXIT_INPUT, EXIT_STORE
from kg.errors import BackupError, RdfSyntaxError, ShapeViolationError, StoreNotEmptyError
from kg.knowledge import KnowledgeGraph
from kg.store import LOADED_AT, GraphStore
from tests.backends import Backend
from tests.conftest import DATA, SEEDS, Files
from tests.hardening.conftest import run_cli

CLAIMS = DATA / "good" / "claims.ttl"
GRAPH = "https://w3id.org/finreg/id/graph/"


def by_graph(data: bytes) -> dict[str, set[str]]:
    """Each graph of an N-Quads export, by name, in its RDFC-1.0 canonical form (each graph
    canonicalised on its own, so the comparison is graph by graph)."""
    quads: dict[str, list[Quad]] = defaultdict(list)
    for quad in parse(data, RdfFormat.N_QUADS):
        quads[str(quad.graph_name)].append(quad)
    found = {}
    for name, held in quads.items():
        dataset = Dataset(held)
        dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
        found[name] = {str(q) for q in dataset}
    return found


def stamps(data: bytes) -> dict[str, str]:
    """The load stamp of each graph of an export."""
    return {
        str(q.graph_name): str(q.object)
        for q in parse(data, RdfFormat.N_QUADS)
        if q.predicate == LOADED_AT and q.subject == q.graph_name
    }


def _empty_target(backend: Backend, tmp_path: Path, cli_store: list[str]) -> list[str]:
    """CLI arguments for an empty store to restore into: a new data folder, or the server
    emptied."""
    if backend.remote:
        backend.store().close()
        return cli_store
    return ["--data", str(tmp_path / "restored")]


def _export(capsys: pytest.CaptureFixture[str], store: list[str], to: Path) -> bytes:
    code, _, err = run_cli(capsys, "export", *store, "--format", "nq", "-o", to)
    assert code == 0, err
    return to.read_bytes()


@pytest.mark.parametrize("content", ["test files", "seeds"])
def test_export_restore_export_gives_every_graph_back(
    content: str,
    files: Files,
    backend: Backend,
    tmp_path: Path,
    cli_store: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    loaded = [files.entities, files.events, CLAIMS] if content == "test files" else SEEDS
    code, _, err = run_cli(capsys, "load", "--quiet", *cli_store, *loaded)
    assert code == 0, err
    before = _export(capsys, cli_store, tmp_path / "backup.nq")
    target = _empty_target(backend, tmp_path, cli_store)
    code, out, err = run_cli(capsys, "restore", "--quiet", *target, tmp_path / "backup.nq")
    assert code == 0, err
    assert re.match(rf"restored {len(loaded)} graph\(s\): \d+ triples in ", out), out
    after = _export(capsys, target, tmp_path / "again.nq")
    assert by_graph(after) == by_graph(before)
    assert stamps(after) == stamps(before)
    assert len(stamps(before)) == len(loaded)
    keys = {name[len(GRAPH) + 1 : -1] for name in stamps(after)}
    expected = {"entities.ttl", "events.ttl", "tests/data/good/claims.ttl"}
    assert content == "seeds" or keys == expected


def _skolemised(data: bytes) -> bytes:
    """An export with its blank nodes as skolem IRIs, as a SPARQL server store exports them:
    half finreg's own (``…/id/genid/``), half under ``/.well-known/genid/``."""
    names: dict[str, NamedNode] = {}

    def skolem(term: object) -> object:
        if not isinstance(term, BlankNode):
            return term
        if term.value not in names:
            where = "id/genid" if len(names) % 2 else ".well-known/genid"
            names[term.value] = NamedNode(f"https://w3id.org/finreg/{where}/{term.value}")
        return names[term.value]

    quads = [
        Quad(skolem(q.subject), q.predicate, skolem(q.object), q.graph_name)  # type: ignore[arg-type]
        for q in parse(data, RdfFormat.N_QUADS)
    ]
    return "".join(f"{q} .\n" for q in quads).encode()


def test_skolem_iris_come_back_as_the_same_iris(
    files: Files,
    backend: Backend,
    tmp_path: Path,
    cli_store: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_cli(capsys, "load", *cli_store, files.entities, files.events)[0] == 0
    backup = tmp_path / "skolem.nq"
    backup.write_bytes(_skolemised(_export(capsys, cli_store, tmp_path / "plain.nq")))
    skolems = set(re.findall(rb"<https://w3id\.org/finreg/[^>]*genid/[^>]*>", backup.read_bytes()))
    assert len(skolems) > 5  # names and derivations
    target = _empty_target(backend, tmp_path, cli_store)
    code, _, err = run_cli(capsys, "restore", *target, backup)
    assert code == 0, err  # the undeclared-IRI check does not take them for misspelt IRIs
    after = _export(capsys, target, tmp_path / "again.nq")
    assert set(re.findall(rb"<https://w3id\.org/finreg/[^>]*genid/[^>]*>", after)) == skolems
    assert by_graph(after) == by_graph(backup.read_bytes())


def test_restore_refuses_a_store_that_holds_a_graph(
    files: Files, tmp_path: Path, cli_store: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "load", *cli_store, files.entities)[0] == 0
    before = _export(capsys, cli_store, tmp_path / "backup.nq")
    code, out, err = run_cli(capsys, "restore", *cli_store, tmp_path / "backup.nq")
    assert (code, out) == (EXIT_STORE, "")
    (line,) = err.splitlines()
    assert re.match(
        r'finreg: the store in \S+ already holds 1 graph\(s\), such as "entities\.ttl": '
        r"finreg restore writes into an empty store only; ",
        line,
    ), line
    assert _export(capsys, cli_store, tmp_path / "after.nq") == before


def test_restore_through_the_facade(files: Files, store: GraphStore, tmp_path: Path) -> None:
    source = KnowledgeGraph(store)
    source.load([files.entities, files.events])
    backup = tmp_path / "backup.nq"
    backup.write_bytes(source.export("nq"))
    with pytest.raises(StoreNotEmptyError):
        source.restore(backup)
    target = KnowledgeGraph.empty()
    report = target.restore(backup)
    assert report.graphs == ("entities.ttl", "events.ttl")
    assert by_graph(target.export("nq")) == by_graph(backup.read_bytes())


G, H = GRAPH + "x.ttl", GRAPH + "y.ttl"
TYPE, VOID = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://rdfs.org/ns/void#Dataset"
MODIFIED, XSD = "http://purl.org/dc/terms/modified", "http://www.w3.org/2001/XMLSchema#"


def stamp(g: str = G, at: str = "05:30", datatype: str = "dateTime") -> str:
    """The two stamp lines of graph ``g``, as an export writes them."""
    return (
        f"<{g}> <{TYPE}> <{VOID}> <{g}> .\n"
        f'<{g}> <{MODIFIED}> "2026-12-02T{at}:00+00:00"^^<{XSD}{datatype}> <{g}> .\n'
    )


def fact(g: str | None = G, subject: str = "<http://example.org/s>") -> str:
    """One line of data, in graph ``g`` (None: the default graph)."""
    return f'{subject} <http://example.org/p> "o"{f" <{g}>" if g else ""} .\n'


ODD_KEY = GRAPH + "a(b).ttl"
NOBODY = (
    "<https://w3id.org/finreg/id/event/e> <https://w3id.org/finreg/ontology#subject> "
    f"<https://w3id.org/finreg/id/company/nobody> <{G}> .\n"
)

# name, backup text, error, line, text the message must contain
REFUSED = [
    ("default-graph", stamp() + fact(None), BackupError, 3, "a triple in the default graph"),
    ("other-graph", stamp() + fact("http://example.org/g"), BackupError, 3, "not one of finreg's"),
    ("registry-graph", fact(GRAPH[:-1]), BackupError, 1, "is not one of finreg's"),
    ("key-written-otherwise", fact(ODD_KEY) + stamp(ODD_KEY), BackupError, 1, "as finreg names it"),
    ("blank-graph", fact("_:g").replace("<_:g>", "_:g"), BackupError, 1, "named by a blank node"),
    ("no-stamp", "# a backup\n" + fact(), BackupError, 2, "has no load stamp"),
    ("stamp-only", stamp(), BackupError, 1, "nothing but its load stamp"),
    ("two-stamps", stamp() + fact() + stamp(at="06:30"), BackupError, 5, "a second load stamp"),
    ("stamp-not-a-time", stamp(datatype="date") + fact(), BackupError, 2, "not an xsd:dateTime"),
    ("shared-blank-node", stamp() + stamp(H) + fact(G, "_:b") + fact(H, "_:b"),
     BackupError, 6, "graphs share no blank node"),
    ("syntax", stamp() + fact().replace(" .", ""), RdfSyntaxError, 3, "syntax error"),
    ("undeclared-company", stamp() + "\n" + fact() + NOBODY,
     ShapeViolationError, 5, "<https://w3id.org/finreg/id/event/e>"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "error", "line", "message"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_a_file_that_is_no_backup_is_refused_naming_file_and_line(
    name: str,
    text: str,
    error: type[Exception],
    line: int,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = tmp_path / f"{name}.nq"
    backup.write_text(text, encoding="utf-8")
    target = KnowledgeGraph.empty()
    with pytest.raises(error) as raised:  # type: ignore[call-overload]
        target.restore(backup)
    assert message in str(raised.value)
    assert re.search(rf"^{re.escape(str(backup))}:{line}:", str(raised.value), re.M), raised.value
    assert target.export("nq") == b""
    code, out, err = run_cli(capsys, "restore", "--data", tmp_path / "store", backup)
    assert (code, out) == (EXIT_INPUT, "")
    assert err.splitlines()[-1] == "finreg: nothing was written"
    assert all(x.startswith(f"finreg: {backup}:") for x in err.splitlines()[:-1]), err


@pytest.mark.embedded_only
def test_restore_reports_in_json(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "a"
    assert run_cli(capsys, "load", "--data", data, files.entities)[0] == 0
    _export(capsys, ["--data", str(data)], tmp_path / "backup.nq")
    code, out, _ = run_cli(
        capsys, "restore", "--json", "--data", tmp_path / "b", tmp_path / "backup.nq"
    )
    assert code == 0
    document = json.loads(out)
    assert document["ok"] is True
    assert document["graphs"] == ["entities.ttl"]
    code, out, _ = run_cli(
        capsys, "restore", "--json", "--data", tmp_path / "b", tmp_path / "backup.nq"
    )
    assert code == EXIT_STORE
    assert json.loads(out)["written"] is False


@pytest.mark.embedded_only
def test_restore_reads_nquads_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "backup.trig"
    backup.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "restore", "--data", tmp_path / "store", backup)
    assert code == EXIT_INPUT
    assert 'a backup is N-Quads (.nq), as "finreg export --format nq" writes' in err
