"""Search reads names from memory and sees every load and unload, from any process."""

from __future__ import annotations

from pathlib import Path

from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files, unload_files
from kg.store import GraphStore
from tests.backends import Backend
from tests.conftest import PREFIXES, Files


def _names(graph: KnowledgeGraph, text: str) -> set[str]:
    return {hit.matched for hit in graph.search(text)}


def test_search_sees_a_reload_that_renames_an_entity(files: Files, store: GraphStore) -> None:
    load_files(store, [files.entities, files.events])
    graph = KnowledgeGraph(store)
    assert _names(graph, "乙银行") == {"乙银行"}
    files.entities.write_text(
        files.entities.read_text(encoding="utf-8").replace("乙银行", "乙商业银行"),
        encoding="utf-8",
    )
    load_files(store, [files.entities])
    assert _names(graph, "乙银行") == set()
    assert _names(graph, "乙商业银行") == {"乙商业银行"}


def test_search_sees_an_unload(files: Files, store: GraphStore) -> None:
    load_files(store, [files.entities])
    graph = KnowledgeGraph(store)
    assert _names(graph, "丙消费金融") == {"丙消费金融"}
    unload_files(store, [files.entities])
    assert graph.search("丙消费金融") == []


def test_search_sees_a_load_made_through_another_connection(
    backend: Backend, files: Files, tmp_path: Path
) -> None:
    """Two API processes over one SPARQL server: a load through either reaches both."""
    reader = backend.store()
    writer = backend.store(empty=False) if backend.remote else reader
    try:
        graph = KnowledgeGraph(reader)
        assert graph.search("甲小额贷款") == []
        load_files(writer, [files.entities])
        assert _names(graph, "甲小额贷款") == {"甲小额贷款有限公司"}
    finally:
        if writer is not reader:
            writer.close()
        reader.close()


def test_unchanged_graphs_are_not_read_again(files: Files, store: GraphStore) -> None:
    load_files(store, [files.entities])
    graph = KnowledgeGraph(store)
    for text in ("甲", "Jia", "jia", "花花"):
        assert graph.search(text)
    assert graph.name_index.builds == 1
    load_files(store, [files.events])
    assert graph.search("甲")
    assert graph.name_index.builds == 2


def test_a_load_reads_only_the_graphs_it_changed(files: Files, store: GraphStore) -> None:
    load_files(store, [files.entities])
    graph = KnowledgeGraph(store)
    assert _names(graph, "甲小额贷款") == {"甲小额贷款有限公司"}
    assert graph.name_index.graphs_read == 1
    load_files(store, [files.events])
    assert _names(graph, "甲小额贷款") == {"甲小额贷款有限公司"}
    assert graph.name_index.graphs_read == 2  # the events file; the entities not again


def test_names_of_a_graph_come_and_go_with_it(
    files: Files, store: GraphStore, tmp_path: Path
) -> None:
    extra = tmp_path / "aliases.ttl"
    extra.write_text(
        PREFIXES + 'company:b a fr:Company ; fr:name [ a fr:Name ; fr:value "乙别名银行"@zh ;'
        " fr:nameKind fr:ShortName ; prov:wasDerivedFrom source:s ] .\n",
        encoding="utf-8",
    )
    load_files(store, [files.entities])
    graph = KnowledgeGraph(store)
    assert graph.search("乙别名") == []
    load_files(store, [extra])
    (hit,) = graph.search("乙别名")
    assert (hit.iri.rsplit("/", 1)[-1], hit.kind.value, hit.matched) == (
        "b",
        "Company",
        "乙别名银行",
    )
    unload_files(store, [extra])
    assert graph.search("乙别名") == []
    assert _names(graph, "乙银行") == {"乙银行"}
