"""examples/reconcile.csv, a journalist's spreadsheet of names, reconciled against the seeds
with scripts/reconcile_csv.py: how many rows match, have candidates only, or have none."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from types import ModuleType

import httpx
import pytest

from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "reconcile.csv"
SCRIPT = ROOT / "scripts" / "reconcile_csv.py"

OUTCOMES = [
    "match",  # 浙江阿里巴巴小额贷款股份有限公司: legal name
    "match",  # 蚂蚁消费金融有限公司: legal name
    "match",  # 蚂蚁消金: short name
    "match",  # 网商银行: short name
    "match",  # 微众银行: short name
    "match",  # 螞蟻消費金融有限公司: traditional characters
    "match",  # 狐狸互聯網小額貸款（寧波）有限公司: traditional, full-width brackets
    "match",  # 重庆市阿里巴巴小额贷款有限公司: former name
    "match",  # 蚂蚁小微小贷 on 2023-06: still borne
    "candidates",  # 蚂蚁商诚小贷 on 2024-06: given up in 2023-06
    "candidates",  # 浙江阿里巴巴小额贷款有限公司: 有限公司 for 股份有限公司
    "candidates",  # 马上消费金融股份有限公司: the short name with a company form
    "candidates",  # 中和农信小额贷款有限公司: 有限公司 for 公司
    "candidates",  # Mayi Xiaojin: pinyin
    "candidates",  # Ant Consumer Finance Co. Ltd.: the translation with a company form
    "candidates",  # 蚂蚁: an alias, and part of many names
    "none",  # 深圳市某某网络小额贷款有限公司
    "none",  # 北京某某小额贷款有限公司
]
COUNTS = {"match": 9, "candidates": 7, "none": 2}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reconcile_csv", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_reconciles_as_its_notes_say(http: httpx.Client) -> None:
    script = _script()
    results = script.reconcile(http, "/reconcile", script.read_rows(EXAMPLE))
    assert [r["outcome"] for r in results] == OUTCOMES
    assert Counter(r["outcome"] for r in results) == COUNTS
    by_name = {r["name"]: r for r in results}
    former = by_name["重庆市阿里巴巴小额贷款有限公司"]["candidates"][0]
    assert former["id"] == "https://w3id.org/finreg/id/company/chongqing-ant-shangcheng-microloan"


@pytest.mark.embedded_only
def test_the_script_reports_the_counts() -> None:
    command = [sys.executable, str(SCRIPT), str(EXAMPLE), "--json"]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, env=env
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {k: report[k] for k in COUNTS} == COUNTS
    last = _script().report(report["rows"]).splitlines()[-1]
    assert last == "match: 9, candidates only: 7, none: 2 (18 rows)"
