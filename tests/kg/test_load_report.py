"""A refused load says what a data engineer needs to fix it: the file and line, the node,
the property and value, the rule in words, what was probably meant; the first 50 problems,
then a count; the same report as JSON for a machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.cli import EXIT_INPUT, main
from kg.errors import ShapeViolationError
from kg.loaders import load_files, validate_paths
from kg.store import GraphStore
from tests.conftest import ENTITIES, PREFIXES, SEEDS, Files


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


TYPO = (
    PREFIXES
    + """source:typo a fr:Source ; dcterms:title "报道"@zh ; dcterms:publisher "某报"@zh ;
    dcterms:issued "2025-10-24"^^xsd:date .

event:typo a fr:BusinessTransfer ;
    fr:transferor company:chongqing-ant-xiaowei-microloan ;
    fr:transferee company:ant-consumer-finanse ;
    fr:summary "示例"@zh ;
    prov:wasDerivedFrom source:typo .
"""
)


def test_a_misspelt_entity_gets_did_you_mean_with_its_name(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    path = tmp_path / "typo.ttl"
    path.write_text(TYPO, encoding="utf-8")
    with pytest.raises(ShapeViolationError) as raised:
        validate_paths([path], seeded_store)
    (violation,) = [v for v in raised.value.violations if v.path == "fr:transferee"]
    assert violation.file == str(path)
    assert violation.line == 12  # where event:typo is first written as a subject
    assert violation.value == "<https://w3id.org/finreg/id/company/ant-consumer-finanse>"
    assert violation.hint is not None
    assert violation.hint.startswith("did you mean company:ant-consumer-finance (蚂蚁消费金融")
    assert f"{path}:12: <https://w3id.org/finreg/id/event/typo> fr:transferee: " in str(
        raised.value
    )


def test_did_you_mean_finds_an_entity_by_the_pinyin_of_its_name(
    seeded_store: GraphStore, tmp_path: Path
) -> None:
    path = tmp_path / "pinyin.ttl"
    path.write_text(
        TYPO.replace("company:ant-consumer-finanse", "company:mayi-xiaofei-jinrong"),
        encoding="utf-8",
    )
    with pytest.raises(ShapeViolationError) as raised:
        validate_paths([path], seeded_store)
    hints = [v.hint or "" for v in raised.value.violations]
    assert any("company:ant-consumer-finance" in h for h in hints), hints


def test_a_reference_no_shape_checks_is_still_refused_when_nothing_declares_it(
    files: Files, store: GraphStore, tmp_path: Path
) -> None:
    load_files(store, [files.entities])
    path = tmp_path / "seealso.ttl"
    path.write_text(
        PREFIXES
        + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + "company:b rdfs:seeAlso company:jia-microloan .\n",
        encoding="utf-8",
    )
    with pytest.raises(ShapeViolationError) as raised:
        load_files(store, [path])
    (violation,) = raised.value.violations
    assert violation.focus_node == "https://w3id.org/finreg/id/company/b"
    assert violation.path == "rdfs:seeAlso"
    assert "neither these files nor the store declare" in violation.message
    assert violation.line == 10
    assert violation.hint == "did you mean company:a (甲小额贷款有限公司)?"  # its English name


def _events(count: int) -> str:
    return PREFIXES + "".join(
        f'event:e{i} a fr:Deregistration ; fr:subject company:a ; fr:summary "x"@zh .\n'
        for i in range(count)
    )


def test_the_first_50_violations_are_listed_then_the_rest_counted(
    files: Files, tmp_path: Path
) -> None:
    path = tmp_path / "many.ttl"
    path.write_text(_events(60), encoding="utf-8")  # 60 events without a source
    with pytest.raises(ShapeViolationError) as raised:
        validate_paths([files.entities, path])
    error = raised.value
    assert len(error.violations) == 50
    assert error.more == 10
    assert str(error).splitlines()[-1] == "... and 10 more violations"
    assert [v.line for v in error.violations] == sorted(v.line or 0 for v in error.violations)
    assert all(v.line is not None and v.line >= 9 for v in error.violations)


def test_json_gives_the_same_report_to_a_machine(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text(_events(2), encoding="utf-8")
    code, out, err = run(capsys, "load", "--json", "--data", tmp_path / "d", files.entities, path)
    assert (code, err) == (EXIT_INPUT, "")
    report = json.loads(out)
    assert report["ok"] is False
    assert report["written"] is False
    assert report["more"] == 0
    assert {p["line"] for p in report["problems"]} == {9, 10}
    first = report["problems"][0]
    assert first == {
        "kind": "rule",
        "file": str(path),
        "line": 9,
        "focus": "https://w3id.org/finreg/id/event/e0",
        "within": None,
        "property": "prov:wasDerivedFrom",
        "value": None,
        "rule": "every event, name, relationship and figure needs at least one "
        "prov:wasDerivedFrom to a fr:Source",
        "hint": None,
    }
    code, out, _ = run(capsys, "validate", "--json", "--data", tmp_path / "d", files.entities)
    assert code == 0
    assert json.loads(out) == {"ok": True, "files": 1, "triples": 33}


def test_json_reports_syntax_errors_and_undeclared_terms_with_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(PREFIXES + "company:a fr:name .\n", encoding="utf-8")
    term = tmp_path / "term.ttl"
    term.write_text(ENTITIES + "company:a fr:nickName company:b .\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", "--json", "--data", tmp_path / "d", broken, term)
    assert code == EXIT_INPUT
    problems = json.loads(out)["problems"]
    assert problems[0]["kind"] == "syntax"
    assert (problems[0]["file"], problems[0]["line"]) == (str(broken), 9)
    code, out, _ = run(capsys, "validate", "--json", "--data", tmp_path / "d", term)
    assert json.loads(out)["problems"] == [
        {
            "kind": "term",
            "file": str(term),
            "line": ENTITIES.count("\n") + 1,
            "term": "https://w3id.org/finreg/ontology#nickName",
            "message": "undeclared finreg term",
        }
    ]


def test_a_name_fault_points_at_the_line_of_its_bracket(tmp_path: Path) -> None:
    path = tmp_path / "names.ttl"
    path.write_text(
        PREFIXES
        + """source:s a fr:Source ; dcterms:title "报道"@zh ; dcterms:publisher "某报"@zh ;
    dcterms:issued "2025-10-24"^^xsd:date .
company:c a fr:Company ;
    fr:name [ a fr:Name ; fr:value "丙公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:s ] ,
            [ a fr:Name ; fr:value "丙"@zh ; prov:wasDerivedFrom source:s ] .
""",
        encoding="utf-8",
    )
    with pytest.raises(ShapeViolationError) as raised:
        validate_paths([path])
    (violation,) = raised.value.violations
    assert (violation.within, violation.path, violation.line) == ('name "丙"', "fr:nameKind", 14)


def test_seeds_still_load_clean() -> None:
    assert validate_paths(SEEDS) > 2500
