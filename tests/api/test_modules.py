"""The api package's doctests (pytest collects doctests from kg only), export and serve."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest

import api
from api import export_schema, server
from kg.settings import Settings

MODULES = sorted(m.name for m in pkgutil.walk_packages(api.__path__, "api."))


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_export_check_fails_on_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: Int }\n", encoding="utf-8")
    monkeypatch.setattr(export_schema, "SCHEMA_FILE", stale)
    assert export_schema.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert export_schema.main([]) == 0
    assert export_schema.main(["--check"]) == 0


def test_serve_prints_the_url_and_runs_uvicorn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(server.uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    server.serve(Settings(data_dir=tmp_path, host="127.0.0.1", port=8123))
    assert "http://127.0.0.1:8123/graphql" in capsys.readouterr().out
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "info"}]
