"""``finreg timeline`` and ``finreg lineage`` with ``--known-at DATE``: the graph as known at
the end of that day, month or year, on every backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.cli import EXIT_NAME, EXIT_USAGE
from tests.kg.test_cli import _cli_on_this_backend, run  # noqa: F401 (the fixture is used)
from tests.known_at import write_known_at_graph


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A store holding the known-at graph (tests.known_at), loaded by the CLI."""
    store = tmp_path / "store"
    (path,) = write_known_at_graph(tmp_path / "graph")
    code, _, err = run(capsys, "load", "--data", store, path)
    assert code == 0, err
    return store


def test_timeline_as_known_on_a_day(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "timeline", "--data", data, "老公司", "--known-at", "2025-10-23")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.endswith("（截至 2025-10-23 当日可知）: 1 event(s)")
    assert "日期不详" in rows[-1]  # founded, the first report says; only a later one says when
    assert "甲报 2025-10-23 [1]" in rows[-1]
    assert "丙报" not in out
    code, out, _ = run(capsys, "timeline", "--data", data, "老公司", "--lang", "en")
    assert code == 0
    assert "event(s)" in out
    assert "as known" not in out
    assert "丙报 2025-11-18 [5]" in out


def test_lineage_as_known_at_the_end_of_a_month(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("lineage", "--data", data, "老公司", "--lang", "en")
    code, out, _ = run(capsys, *args, "--known-at", "2025-10")
    assert code == 0
    assert "(as known at the end of 2025-10): 1 hand-over(s)" in out
    assert "新公司" in out
    assert "后来公司" not in out
    code, out, _ = run(capsys, *args)
    assert code == 0
    assert "2 hand-over(s)" in out
    assert "后来公司" in out


def test_a_name_not_yet_known_is_not_found(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "timeline", "--data", data, "新公司", "--known-at", "2025-10-23")
    assert code == EXIT_NAME
    assert (
        err == 'finreg: nothing in the graph as known at the end of 2025-10-23 is named "新公司"\n'
    )
    code, _, _ = run(capsys, "timeline", "--data", data, "新公司", "--known-at", "2025-10-24")
    assert code == 0


def test_a_malformed_date_is_a_usage_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lineage", "--data", data, "老公司", "--known-at", "2025-13")
    assert code == EXIT_USAGE
    assert 'invalid date "2025-13"' in err
