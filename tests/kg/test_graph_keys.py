"""Graph keys: a file's graph is named by its path under the dataset root (or --graph), the
same from any folder, checkout or machine; no machine path is ever published; stores from
before keys are refused until migrated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, Store

from api.cli import EXIT_INPUT, EXIT_STORE, EXIT_USAGE, main
from kg.errors import GraphKeyError
from kg.graphs import graph_iri, key_for
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.model import Direction
from kg.store import EmbeddedStore
from tests.conftest import ENTITIES, EVENTS, SEEDS

pytestmark = pytest.mark.embedded_only


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def checkout(folder: Path) -> Path:
    """A data engineer's repository: a marker at its top, the files under data/."""
    (folder / "data").mkdir(parents=True)
    (folder / "finreg.toml").write_text("")
    (folder / "data" / "entities.ttl").write_text(ENTITIES, encoding="utf-8")
    (folder / "data" / "events.ttl").write_text(EVENTS, encoding="utf-8")
    return folder


def graphs(data: Path) -> list[str]:
    store = EmbeddedStore.open(data, read_only=True)
    try:
        return [g.value for g in store.named_graphs()]
    finally:
        store.close()


def test_a_file_has_one_key_from_the_top_or_from_inside_its_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    top = checkout(tmp_path / "repo")
    data = tmp_path / "store"
    monkeypatch.chdir(top)
    assert run(capsys, "load", "--data", data, "data/entities.ttl")[0] == 0
    monkeypatch.chdir(top / "data")
    assert run(capsys, "load", "--data", data, "entities.ttl")[0] == 0
    assert graphs(data) == [graph_iri("data/entities.ttl").value]


def test_the_same_file_from_another_checkout_replaces_its_graph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    first, second = checkout(tmp_path / "alice"), checkout(tmp_path / "bob")
    for repo in (first, second):
        files = [repo / "data" / "entities.ttl", repo / "data" / "events.ttl"]
        assert run(capsys, "load", "--data", data, *files)[0] == 0
    assert graphs(data) == [
        graph_iri("data/entities.ttl").value,
        graph_iri("data/events.ttl").value,
    ]
    code, out, _ = run(capsys, "stats", "--data", data, "--json")
    assert code == 0
    assert sorted(json.loads(out)["graphs"]) == ["data/entities.ttl", "data/events.ttl"]


def test_no_machine_path_is_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(SEEDS[0].parent, repo / "seeds")
    (repo / "finreg.toml").write_text("")
    data = tmp_path / "store"
    assert run(capsys, "load", "--data", data, *sorted((repo / "seeds").glob("*.ttl")))[0] == 0
    code, out, _ = run(capsys, "stats", "--data", data)
    assert code == 0
    assert str(tmp_path) not in out
    for fmt in ("nq", "trig", "jsonld", "ttl"):
        assert run(capsys, "export", "--data", data, "--format", fmt, "-o", tmp_path / "x")[0] == 0
        exported = (tmp_path / "x").read_text(encoding="utf-8")
        assert str(tmp_path) not in exported
        assert "file:" not in exported


def test_without_a_root_the_load_is_refused_in_one_line_naming_root(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = tmp_path_factory.mktemp("no-root")  # no finreg.toml, no .git above it
    path = bare / "entities.ttl"
    path.write_text(ENTITIES, encoding="utf-8")
    code, out, err = run(capsys, "load", "--data", bare / "store", path)
    assert (code, out) == (EXIT_USAGE, "")
    assert err.splitlines()[0].startswith(f"finreg: {path}: no dataset root")
    assert "--root DIR" in err.splitlines()[0]
    assert err.splitlines()[1:] == ["finreg: nothing was written"]
    code, _, _ = run(capsys, "load", "--data", bare / "store", "--root", bare, path)
    assert code == 0
    assert graphs(bare / "store") == [graph_iri("entities.ttl").value]


def test_the_root_comes_from_the_environment_too(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bare = tmp_path_factory.mktemp("env-root")
    (bare / "sub").mkdir()
    path = bare / "sub" / "entities.ttl"
    path.write_text(ENTITIES, encoding="utf-8")
    monkeypatch.setenv("FINREG_DATASET_ROOT", str(bare))
    assert run(capsys, "load", "--data", bare / "store", path)[0] == 0
    assert graphs(bare / "store") == [graph_iri("sub/entities.ttl").value]


def test_graph_names_one_files_graph_and_unload_finds_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = checkout(tmp_path / "repo")
    data = tmp_path / "store"
    entities = repo / "data" / "entities.ttl"
    assert run(capsys, "load", "--data", data, "--graph", "reference/entities", entities)[0] == 0
    assert graphs(data) == [graph_iri("reference/entities").value]
    code, _, err = run(capsys, "load", "--data", data, "--graph", "x", entities, entities)
    assert code == EXIT_USAGE
    assert "--graph names the graph of one file" in err
    code, out, _ = run(capsys, "unload", "--data", data, "--graph", "reference/entities", entities)
    assert code == 0, out
    assert graphs(data) == []


def test_unload_finds_the_graph_from_another_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = checkout(tmp_path / "a"), checkout(tmp_path / "b")
    data = tmp_path / "store"
    assert run(capsys, "load", "--data", data, first / "data" / "entities.ttl")[0] == 0
    (first / "data" / "entities.ttl").unlink()  # the graph is found by key, not by the file
    code, out, err = run(capsys, "unload", "--data", data, second / "data" / "entities.ttl")
    assert code == 0, err
    assert "unloaded 1 graph(s)" in out
    code, _, err = run(capsys, "unload", "--data", data, second / "data" / "entities.ttl")
    assert code == EXIT_INPUT
    assert 'not loaded (no graph "data/entities.ttl" in the store)' in err


def test_keys_are_relative_paths_with_slashes() -> None:
    root = Path("/srv/data")
    assert key_for(root / "2025" / "events q4.ttl", root) == "2025/events q4.ttl"
    with pytest.raises(GraphKeyError, match="not inside the dataset root"):
        key_for(Path("/elsewhere/x.ttl"), root)
    assert graph_iri("2025/events q4.ttl").value.endswith("/graph/2025/events%20q4.ttl")


def _legacy_store(directory: Path, files: list[Path]) -> None:
    """A store as finreg wrote them before graph keys: each file's triples (derived ones
    included) in a graph named by the file's absolute file: IRI, with its stamp inside."""
    keyed = EmbeddedStore.in_memory()
    load_files(keyed, files)
    legacy = Store(str(directory))
    for path in files:
        old = NamedNode(path.resolve().as_uri())
        for quad in keyed.export_quads(graph_iri(f"data/{path.name}")):
            subject = old if quad.subject == quad.graph_name else quad.subject
            legacy.add(Quad(subject, quad.predicate, quad.object, old))
    legacy.flush()
    del legacy


def test_a_store_named_by_machine_paths_is_refused_until_migrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = checkout(tmp_path / "repo")
    files = [repo / "data" / "entities.ttl", repo / "data" / "events.ttl"]
    data = tmp_path / "store"
    _legacy_store(data, files)
    for command in (["stats"], ["lineage", "甲小额贷款有限公司"], ["load", files[0]]):
        code, out, err = run(capsys, command[0], "--data", data, *command[1:])
        assert (code, out) == (EXIT_STORE, "")
        assert len(err.splitlines()) == 1, err
        assert "names its graphs by machine paths" in err
        assert "finreg migrate --root DIR" in err
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code, _, err = run(capsys, "migrate", "--data", data, "--root", elsewhere)
    assert code == EXIT_USAGE
    assert "not inside the dataset root" in err
    code, out, _ = run(capsys, "migrate", "--data", data, "--root", repo)
    assert code == 0
    assert "migrated 2 graph(s)" in out
    assert graphs(data) == [
        graph_iri("data/entities.ttl").value,
        graph_iri("data/events.ttl").value,
    ]
    store = EmbeddedStore.open(data, read_only=True)
    try:
        exported = store.export("nq").decode("utf-8")
        assert "file:" not in exported
        graph = KnowledgeGraph(store)
        entity = graph.resolve("甲小额贷款有限公司")
        assert entity is not None
        lineage = graph.lineage(entity, Direction.DOWNSTREAM)
        assert {t.transferee.rsplit("/", 1)[1] for t in lineage.transfers} == {"b", "c"}
    finally:
        store.close()
