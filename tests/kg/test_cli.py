"""The finreg command line: one clear line per problem, documented exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from api.cli import EXIT_CLOSED_PIPE, EXIT_INPUT, EXIT_NAME, EXIT_USAGE, main
from tests.backends import Backend
from tests.conftest import Files

_remote_arguments: list[str] = []


@pytest.fixture(autouse=True)
def _cli_on_this_backend(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a SPARQL server backend, ``--data DIR`` becomes ``--store URL`` (emptied first)."""
    _remote_arguments.clear()
    if backend.remote:
        backend.store().close()
        _remote_arguments.extend(backend.store_arguments(Path("unused")))
        endpoint = backend.endpoint("scratch")
        for variable, value in (
            ("FINREG_STORE_USER", endpoint.user),
            ("FINREG_STORE_PASSWORD", endpoint.password),
            ("FINREG_STORE_AUTH", "digest" if endpoint.digest else "basic"),
        ):
            if value:
                monkeypatch.setenv(variable, value)


def _on_backend(args: list[str]) -> list[str]:
    if not _remote_arguments or "--data" not in args:
        return args
    at = args.index("--data")
    return args[:at] + _remote_arguments + args[at + 2 :]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run finreg in-process on this run's backend; return exit code, stdout and stderr."""
    try:
        code = main(_on_backend([str(a) for a in args]))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_load_then_lineage_and_timeline(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    code, out, _ = run(capsys, "load", "--data", data, files.entities, files.events)
    assert code == 0
    assert "loaded 2 file(s)" in out
    code, out, _ = run(capsys, "lineage", "--data", data, "甲小额贷款有限公司")
    assert code == 0
    lines = out.splitlines()
    assert any("乙银行" in line and line.split()[0] == "1" and "2015" in line for line in lines), (
        out
    )
    assert any(
        "丙消费金融" in line and line.split()[0] == "2" and "≤2023-06" in line for line in lines
    ), out
    assert "测试报 2025-10-24 [7]" in out
    code, out, _ = run(capsys, "timeline", "--data", data, "jia microloan")
    assert code == 0
    assert out.index("2015") < out.index("2024-12-30")
    assert "DEREGISTRATION" in out


def test_lineage_as_of_cuts_hand_overs_not_yet_done(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    run(capsys, "load", "--data", data, files.entities, files.events)
    _, out, _ = run(
        capsys, "lineage", "--data", data, "甲小额贷款有限公司", "--as-of", "2015-06-30"
    )
    assert "0 hand-over(s)" in out
    _, out, _ = run(capsys, "lineage", "--data", data, "甲小额贷款有限公司", "--as-of", "2015")
    assert "1 hand-over(s)" in out


def test_bad_file_gives_one_line_and_exit_1_and_writes_nothing(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    run(capsys, "load", "--data", data, files.entities)
    _, before, _ = run(capsys, "export", "--data", data, "--format", "nq")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix fr: <https://w3id.org/finreg/ontology#> .\n<x> fr:nope <y> .\n")
    code, _, err = run(capsys, "load", "--data", data, bad)
    assert code == EXIT_INPUT
    assert f"{bad}:2: undeclared finreg term" in err
    assert "nothing was written" in err
    _, after, _ = run(capsys, "export", "--data", data, "--format", "nq")
    assert after == before


def test_unknown_name_exits_4(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    run(capsys, "load", "--data", data, files.entities)
    code, _, err = run(capsys, "timeline", "--data", data, "无此公司")
    assert code == EXIT_NAME
    assert 'nothing in the graph is named "无此公司"' in err


def test_bad_date_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lineage", "--data", tmp_path, "x", "--as-of", "2015-13")
    assert code == EXIT_USAGE
    assert 'invalid date "2015-13"' in err


def test_stats_json_counts_per_class(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    data = tmp_path / "store"
    run(capsys, "load", "--data", data, files.entities, files.events)
    code, out, _ = run(capsys, "stats", "--data", data, "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["classes"]["Company"] == 3
    assert stats["classes"]["BusinessTransfer"] == 2
    assert len(stats["graphs"]) == 2


def test_unload_and_validate(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "store"
    code, out, _ = run(capsys, "validate", "--data", data, files.entities, files.events)
    assert (code, out.strip()) == (0, "valid: 2 file(s), 65 triples")
    assert not data.exists()
    run(capsys, "load", "--data", data, files.entities, files.events)
    code, out, _ = run(capsys, "unload", "--data", data, files.events)
    assert code == 0
    _, out, _ = run(capsys, "stats", "--data", data, "--json")
    assert '"BusinessTransfer"' not in out


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "jsonld"])
def test_export_formats_parse_back(
    fmt: str, files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pyoxigraph import RdfFormat, parse

    data = tmp_path / "store"
    run(capsys, "load", "--data", data, files.entities, files.events)
    target = tmp_path / f"out.{fmt}"
    code, _, _ = run(capsys, "export", "--data", data, "--format", fmt, "-o", target)
    assert code == 0
    rdf_format = {
        "ttl": RdfFormat.TURTLE,
        "trig": RdfFormat.TRIG,
        "nq": RdfFormat.N_QUADS,
        "jsonld": RdfFormat.JSON_LD,
    }[fmt]
    quads = list(parse(target.read_bytes(), format=rdf_format))
    assert len(quads) > 65


@pytest.mark.embedded_only
def test_a_reader_that_goes_away_stops_the_command_quietly(
    files: Files, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # ``finreg export | head -c 10``: the reader closes the pipe. Here its read end is closed
    # before finreg starts, so every write fails however big the pipe's buffer is.
    data = tmp_path / "store"
    assert run(capsys, "load", "--data", data, files.entities, files.events)[0] == 0
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "api.cli", "export", "--data", str(data), "--format", "nq"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
            cwd=Path(__file__).resolve().parents[2],
        )
    finally:
        os.close(write_end)
    assert finished.returncode == EXIT_CLOSED_PIPE
    assert finished.stderr == ""


def test_timeline_marks_what_the_editors_inferred(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.api.conftest import write_claims_graph

    data = tmp_path / "store"
    code, _, _ = run(capsys, "load", "--data", data, *write_claims_graph(tmp_path / "claims"))
    assert code == 0
    code, out, _ = run(capsys, "timeline", "--data", data, "消失小额贷款有限公司")
    assert code == 0
    lines = {line.split()[1]: line for line in out.splitlines()[3:] if line.strip()}
    assert "[编者推断] 消失小贷成立" in lines["ESTABLISHMENT"]
    assert "[编者推断] 消失小贷停止放贷" in lines["BUSINESS_CESSATION"]
    assert "[编者推断]" not in lines["LICENCE_GRANT"]
    code, out, _ = run(capsys, "timeline", "--data", data, "--lang", "en", "消失小额贷款有限公司")
    assert "[editors' inference] Gone Microloan is founded" in out
