"""``finreg diff``: what a load would change, graph by graph, named as people name things;
nothing for an unchanged file (blank nodes and the loader's own triples aside)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli import EXIT_CHANGES, EXIT_INPUT, main
from tests.conftest import Files, stated_by


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unchanged_file_shows_nothing(
    files: Files, cli_store: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "load", *cli_store, files.entities, files.events)[0] == 0
    code, out, _ = run(capsys, "diff", *cli_store, files.entities, files.events)
    assert code == 0
    assert out.splitlines() == [
        f"entities.ttl ({files.entities}): unchanged",
        f"events.ttl ({files.events}): unchanged",
    ]


def test_a_changed_name_and_a_new_and_a_gone_event_are_named(
    files: Files, cli_store: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "load", *cli_store, files.entities, files.events)[0] == 0
    text = files.entities.read_text(encoding="utf-8")
    files.entities.write_text(
        text.replace('"乙银行"@zh', '"乙银行股份有限公司"@zh'), encoding="utf-8"
    )
    events = files.events.read_text(encoding="utf-8")
    gone = events.index("event:a-gone")
    files.events.write_text(
        events[:gone]
        + 'event:c-founded a fr:Establishment ; fr:subject company:c ; fr:date "2014"^^xsd:gYear ;'
        ' fr:summary "丙成立"@zh ; prov:wasDerivedFrom source:s ;'
        f" {stated_by('source:s', 'fr:date')} .\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "diff", *cli_store, files.entities, files.events)
    assert code == EXIT_CHANGES
    lines = out.splitlines()
    assert lines[0] == f"entities.ttl ({files.entities}): changed, +5 -5 triples"
    assert any(
        line.split()[:3] == ["changed", "Company", "乙银行股份有限公司"] for line in lines
    ), out
    assert not any(line.split()[:1] == ["changed"] and "甲" in line for line in lines), out
    assert any(line.split()[:4] == ["new", "Establishment", "2014", "丙成立"] for line in lines)
    assert any(
        line.split()[:4] == ["gone", "Deregistration", "2024-12-30", "甲注销"] for line in lines
    )
    assert "+ _:g" in out
    assert '"乙银行股份有限公司"@zh .' in out


def test_json_lists_every_triple_and_a_new_graph(
    files: Files, cli_store: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "diff", "--json", *cli_store, files.entities)
    assert code == EXIT_CHANGES
    (graph,) = json.loads(out)["graphs"]
    assert (graph["graph"], graph["exists"], graph["removed"]) == ("entities.ttl", False, [])
    assert len(graph["added"]) == 33
    assert {n["iri"].rsplit("/", 1)[1] for n in graph["new"]} == {"a", "b", "c", "p"}


def test_a_file_a_load_would_refuse_is_refused(
    cli_store: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    code, out, err = run(capsys, "diff", *cli_store, bad)
    assert (code, out) == (EXIT_INPUT, "")
    assert f"finreg: {bad}:1:" in err
