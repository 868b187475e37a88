"""``finreg lineage --svg/--dot`` and ``finreg timeline --csv/--svg`` write what they promise."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from api.cli import EXIT_INPUT, EXIT_NAME, EXIT_USAGE
from api.present.csv_export import COLUMNS
from tests.conftest import Files
from tests.kg.test_cli import _cli_on_this_backend, run  # noqa: F401 (autouse fixture)

SVG = "{http://www.w3.org/2000/svg}"


def loaded(files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The conftest graph loaded into a store under tmp_path."""
    data = tmp_path / "store"
    code, _, _ = run(capsys, "load", "--data", data, files.entities, files.events)
    assert code == 0
    return data


def svg_texts(path: Path) -> list[str]:
    """The text in an SVG file, which must be XML with an <svg> root."""
    root = ET.parse(path).getroot()  # noqa: S314 (a file finreg just wrote)
    assert root.tag == f"{SVG}svg"
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_lineage_writes_svg_and_dot_and_still_prints_the_table(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = loaded(files, tmp_path, capsys)
    svg, dot = tmp_path / "out.svg", tmp_path / "out.dot"
    code, out, _ = run(
        capsys, "lineage", "--data", data, "甲小额贷款有限公司", "--svg", svg, "--dot", dot
    )
    assert code == 0
    assert "2 hand-over(s)" in out
    shown = svg_texts(svg)
    assert {"甲小额贷款有限公司", "乙银行", "丙消费金融", "2015", "≤2023-06", "花花"} <= set(shown)
    source = dot.read_text(encoding="utf-8")
    assert source.startswith("digraph lineage {")
    assert '[label="≤2023-06\\n花花"' in source


def test_lineage_svg_in_english_to_stdout_prints_only_the_picture(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = loaded(files, tmp_path, capsys)
    code, out, _ = run(
        capsys,
        "lineage",
        "--data",
        data,
        "乙银行",
        "--direction",
        "both",
        "--svg",
        "-",
        "--lang",
        "en",
    )
    assert code == 0
    assert out.startswith("<svg")
    picture = tmp_path / "stdout.svg"
    picture.write_text(out, encoding="utf-8")
    assert {"Hand-overs of 乙银行", "Jia Microloan", "2015"} <= set(svg_texts(picture))


def test_timeline_writes_csv_and_svg(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = loaded(files, tmp_path, capsys)
    table, picture = tmp_path / "t.csv", tmp_path / "t.svg"
    code, out, _ = run(
        capsys, "timeline", "--data", data, "jia microloan", "--csv", table, "--svg", picture
    )
    assert code == 0
    assert "2 event(s)" in out
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(COLUMNS)
    assert [(r["date"], r["precision"], r["kind"]) for r in rows] == [
        ("2015", "year", "BUSINESS_TRANSFER"),
        ("2024-12-30", "day", "DEREGISTRATION"),
    ]
    assert all(r["sources"].startswith("测试报道 — 测试报 — 2025-10-24") for r in rows)
    assert any("注销" in t for t in svg_texts(picture))


def test_timeline_csv_to_stdout(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = loaded(files, tmp_path, capsys)
    code, out, _ = run(capsys, "timeline", "--data", data, "丙消费金融", "--csv", "-")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == list(COLUMNS)
    assert rows[1][:4] == ["", "", "", "2023-06"]


def test_two_pictures_to_stdout_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "lineage", "--data", tmp_path, "x", "--svg", "-", "--dot", "-")
    assert code == EXIT_USAGE
    assert "only one of --svg, --dot can write to stdout" in err


def test_unwritable_picture_is_one_line_and_exit_1(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = loaded(files, tmp_path, capsys)
    target = tmp_path / "missing" / "t.svg"
    code, _, err = run(capsys, "timeline", "--data", data, "乙银行", "--svg", target)
    assert code == EXIT_INPUT
    assert err.strip() == f'finreg: cannot write "{target}": No such file or directory'


def test_unknown_name_writes_no_picture(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = loaded(files, tmp_path, capsys)
    target = tmp_path / "t.svg"
    code, _, _ = run(capsys, "lineage", "--data", data, "无此公司", "--svg", target)
    assert code == EXIT_NAME
    assert not target.exists()
