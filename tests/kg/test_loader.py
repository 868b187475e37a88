"""Loading: all or nothing, one graph per file, replace on reload, exact unload.

This module owns tests/data/bad/, the corpus of files finreg must refuse: one file per kind
of mistake, each stating in a ``# expect:`` line the error class it must give and, where it
applies, ``line=``, ``column=``, ``focus=`` and ``match=`` (the rest of the line, a text the
message must contain). Each file is refused by kg.loaders with that error and the store
unchanged, and by ``finreg validate`` with one line per problem and no traceback (rdflib once
printed one for an ill-typed date such as "2023-02-30"^^xsd:date).

Beside it, tests/data/good/ holds files that use the terms the bad cases get wrong as they
are meant (stated and inferred dates, conflicting claims, comparators, sectors, superseded
notices, ends known by a bound): each loads on top of the shared test files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, NamedNode, Quad, Store

from api.cli import EXIT_INPUT
from kg.errors import (
    DanglingReferenceError,
    FileReadError,
    FilesRefusedError,
    InputError,
    NotLoadedError,
    RdfSyntaxError,
    ShapeViolationError,
    UndeclaredTermError,
)
from kg.graphs import graph_iri
from kg.loaders import explain, load_files, unload_files, validate_paths
from kg.store import GraphStore
from tests.conftest import DATA, Files
from tests.hardening.conftest import run_cli

BAD = sorted((DATA / "bad").iterdir())
GOOD = sorted((DATA / "good").iterdir())
_EXPECT = re.compile(
    r"# expect: (\w+)((?: (?!match=)\w+=(?:\"[^\"]*\"|\S+))*)(?: match=(.*))?$", re.M
)
_OPTION = re.compile(r"(\w+)=(\"[^\"]*\"|\S+)")
ERRORS: dict[str, type[InputError]] = {
    "RdfSyntaxError": RdfSyntaxError,
    "FileReadError": FileReadError,
    "UndeclaredTermError": UndeclaredTermError,
    "ShapeViolationError": ShapeViolationError,
}


def _unquoted(text: str) -> str:
    """``text`` without the double quotes around it, if it is wholly quoted."""
    quoted = len(text) >= 2 and text[0] == text[-1] == '"'
    return text[1:-1] if quoted else text


def _expectation(path: Path) -> tuple[type[InputError], dict[str, str], str | None]:
    """What a corpus file states it must give: the error class, the options (``line``,
    ``column``, ``focus``) and the text the message must contain. Read as bytes, as some
    files are not UTF-8 on purpose."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = _EXPECT.search(text)
    assert found, f"{path.name} states no '# expect:' line"
    options = {key: _unquoted(value) for key, value in _OPTION.findall(found.group(2))}
    match = _unquoted(found.group(3).strip()) if found.group(3) else None
    return ERRORS[found.group(1)], options, match


def stated_line(error: InputError, options: dict[str, str], match: str | None) -> int | None:
    """The line ``error`` gives for the problem a corpus file states: a syntax error's or a
    file's (a byte that is not UTF-8), the first undeclared term's, or that of the violation
    about the stated focus node (and message)."""
    if isinstance(error, RdfSyntaxError | FileReadError):
        return error.line
    if isinstance(error, UndeclaredTermError):
        return error.uses[0].line
    assert isinstance(error, ShapeViolationError)
    lines = {
        v.line
        for v in error.violations
        if v.focus_node == options.get("focus", v.focus_node) and (not match or match in str(v))
    }
    assert len(lines) == 1, error
    return lines.pop()


def test_every_shape_case_states_its_line() -> None:
    shape_cases = [p for p in BAD if _expectation(p)[0] is ShapeViolationError]
    assert len(shape_cases) >= 30
    assert [p.name for p in shape_cases if "line" not in _expectation(p)[1]] == []


def _loaded(store: GraphStore, files: Files) -> GraphStore:
    load_files(store, [files.entities, files.events])
    return store


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_file_is_refused_with_its_stated_error_and_store_unchanged(
    path: Path, files: Files, store: GraphStore
) -> None:
    store = _loaded(store, files)
    before = store.export("nq")
    error_type, options, match = _expectation(path)
    with pytest.raises(error_type) as raised:
        load_files(store, [path])
    error = raised.value
    if match:
        assert match in str(error)
    assert str(path) in str(error)
    if "line" in options:
        assert stated_line(error, options, match) == int(options["line"])
    if "column" in options:
        assert isinstance(error, RdfSyntaxError)
        assert error.column == int(options["column"])
    if "focus" in options:
        assert isinstance(error, ShapeViolationError)
        assert options["focus"] in {v.focus_node for v in error.violations}
    assert store.export("nq") == before


@pytest.mark.embedded_only
@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_file_gives_one_line_per_problem_and_no_traceback(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # validate opens no store when the data folder does not exist: nothing of a server here
    code, out, err = run_cli(capsys, "validate", "--data", tmp_path / "none", path)
    assert (code, out) == (EXIT_INPUT, "")
    lines = err.splitlines()
    assert lines[-1] == "finreg: nothing was written"
    if re.fullmatch(r"finreg: \.\.\. and \d+ more violations?", lines[-2]):
        lines = lines[:-1]  # past the first 50 problems, a count of the rest
    assert all(line.startswith(f"finreg: {path}") for line in lines[:-1]), err


@pytest.mark.parametrize(
    "name", ["conflict-claimed-by-a-company.ttl", "sector-outside-sector-namespace.ttl"]
)
def test_a_node_level_result_is_reported_once_without_its_node_as_value(
    name: str, files: Files, store: GraphStore
) -> None:
    # A node-level result (sh:or, sh:pattern on the node) has the focus node as its value:
    # it is reported, once, and with no "(value <the same node>)" after the message.
    store = _loaded(store, files)
    with pytest.raises(ShapeViolationError) as raised:
        load_files(store, [DATA / "bad" / name])
    (violation,) = raised.value.violations
    assert violation.value is None
    assert "(value" not in str(violation)


@pytest.mark.parametrize("path", GOOD, ids=[p.name for p in GOOD])
def test_good_file_loads_on_the_shared_files(path: Path, files: Files, store: GraphStore) -> None:
    store = _loaded(store, files)
    report = load_files(store, [path])
    assert report.files == 1
    assert len(store.named_graphs()) == 3


def test_good_files_load_into_one_graph_each(files: Files, store: GraphStore) -> None:
    store = _loaded(store, files)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {graph_iri("entities.ttl").value, graph_iri("events.ttl").value}


def test_reloading_a_file_replaces_its_graph_without_duplicates(
    files: Files, store: GraphStore
) -> None:
    store = _loaded(store, files)
    count = store.count_triples()
    load_files(store, [files.events])
    assert store.count_triples() == count
    files.events.write_text(
        files.events.read_text().replace("甲注销", "甲公司注销"), encoding="utf-8"
    )
    load_files(store, [files.events])
    rows = store.select("SELECT ?s WHERE { ?e <https://w3id.org/finreg/ontology#summary> ?s }")
    summaries = {r["s"].value for r in rows}
    assert "甲公司注销" in summaries
    assert "甲注销" not in summaries


def test_unloading_removes_exactly_what_the_file_added(files: Files, store: GraphStore) -> None:
    load_files(store, [files.entities])
    before = store.export("nq")
    load_files(store, [files.events])
    unload_files(store, [files.events])
    assert store.export("nq") == before


def test_unloading_a_file_never_loaded_changes_nothing(
    files: Files, tmp_path: Path, store: GraphStore
) -> None:
    store = _loaded(store, files)
    before = store.export("nq")
    with pytest.raises(NotLoadedError, match="not loaded"):
        unload_files(store, [files.events, tmp_path / "other.ttl"])
    assert store.export("nq") == before


def test_one_bad_file_refuses_the_whole_call(
    files: Files, tmp_path: Path, store: GraphStore
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(RdfSyntaxError):
        load_files(store, [files.entities, files.events, bad])
    assert store.count_triples() == 0


def test_every_broken_file_of_a_call_is_reported(tmp_path: Path) -> None:
    first, second = tmp_path / "one.ttl", tmp_path / "two.ttl"
    first.write_text("nonsense", encoding="utf-8")
    second.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(FilesRefusedError) as raised:
        validate_paths([first, second])
    assert [type(e) for e in raised.value.errors] == [RdfSyntaxError, RdfSyntaxError]
    assert "one.ttl" in str(raised.value)
    assert "two.ttl" in str(raised.value)


def test_events_file_may_reference_entities_already_in_the_store(
    files: Files, store: GraphStore
) -> None:
    load_files(store, [files.entities])
    report = load_files(store, [files.events])
    assert report.files == 1


def test_events_file_alone_is_refused_when_its_entities_are_unknown(
    files: Files, store: GraphStore
) -> None:
    with pytest.raises(ShapeViolationError, match="declared fr:Entity"):
        load_files(store, [files.events])


def test_replacing_a_file_cannot_rely_on_its_own_old_graph(files: Files, store: GraphStore) -> None:
    store = _loaded(store, files)
    files.entities.write_text(files.entities.read_text().split("company:a a fr:Company")[0])
    with pytest.raises(ShapeViolationError):
        load_files(store, [files.entities, files.events])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.ttl", None, "no such file"),
        ("folder.ttl", "DIR", "is a folder"),
        ("empty.ttl", "", "is empty"),
        ("notes.txt", "hello", 'unknown RDF format ".txt"'),
    ],
)
def test_unreadable_inputs_are_refused(
    tmp_path: Path, name: str, content: str | None, message: str
) -> None:
    path = tmp_path / name
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(FileReadError, match=re.escape(message)):
        validate_paths([path])


def test_derived_keys_and_labels_are_stored_with_the_file(files: Files, store: GraphStore) -> None:
    store = _loaded(store, files)
    pref = store.select(
        "SELECT ?l WHERE { <https://w3id.org/finreg/id/company/a> "
        "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    )
    assert {(r["l"].value, r["l"].language) for r in pref} == {
        ("甲小额贷款有限公司", "zh"),
        ("Jia Microloan", "en"),
    }
    successor = store.ask(
        "ASK { <https://w3id.org/finreg/id/company/a> "
        "<https://w3id.org/finreg/ontology#succeededBy> <https://w3id.org/finreg/id/company/b> }"
    )
    assert successor


def test_unloading_entities_that_events_still_reference_is_refused(
    files: Files, store: GraphStore
) -> None:
    store = _loaded(store, files)
    before = store.export("nq")
    with pytest.raises(DanglingReferenceError, match="company/a"):
        unload_files(store, [files.entities])
    assert store.export("nq") == before
    unload_files(store, [files.entities, files.events])
    assert store.count_triples() == 0


def test_forced_unload_leaves_the_other_graph_as_it_was(files: Files, store: GraphStore) -> None:
    store = _loaded(store, files)
    unload_files(store, [files.entities], force=True)
    assert {g.value for g in store.named_graphs()} == {graph_iri("events.ttl").value}


class _CountingStore:
    """A pyoxigraph store that counts the lookups made of it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lookups = 0

    def quads_for_pattern(self, *pattern: object) -> object:
        self.lookups += 1
        return self.store.quads_for_pattern(*pattern)  # type: ignore[arg-type]


def test_a_refusal_walks_up_deep_nesting_once_not_once_per_node() -> None:
    # The fuzzer found it (tests/data/bad/deep-nesting-under-a-name.ttl): each of 10,000
    # nested names walked up to its owner on its own, 50 million lookups, minutes.
    depth = 2000
    nodes = [BlankNode() for _ in range(depth)]
    owner = NamedNode("https://w3id.org/finreg/id/company/deep")
    name = NamedNode("https://w3id.org/finreg/ontology#name")
    graph = Store()
    graph.extend(
        Quad(parent, name, child) for parent, child in zip([owner, *nodes], nodes, strict=False)
    )
    counting = _CountingStore(graph)
    found = explain._owners(counting, reversed(nodes))  # type: ignore[arg-type]
    assert set(found.values()) == {owner}
    assert len(found) == depth
    assert counting.lookups <= depth + 1
