"""Every entity links its page and pictures, and gives its lineage as DOT, in bounded trips."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from tests.api.conftest import Run, write_graph
from tests.api.test_round_trips import round_trips
from tests.backends import Backend
from tests.server import serving

LINKS = """query ($name: String!, $lang: String) { entity(name: $name) {
    pageUrl lineageSvgUrl timelineSvgUrl timelineCsvUrl
    english: pageUrl(lang: $lang) csv: timelineCsvUrl(lang: $lang)
} }"""

DOT = """query ($name: String!, $direction: Direction!, $depth: Int, $asOf: PartialDate) {
    entity(name: $name) { lineageDot(direction: $direction, depth: $depth, asOf: $asOf) }
}"""


def test_links_follow_the_page_scheme_without_a_request(run: Run) -> None:
    result = run(LINKS, name="花呗", lang="en")
    assert not result.errors, result.errors
    assert result.data == {
        "entity": {
            "pageUrl": "/page/product/huabei",
            "lineageSvgUrl": "/page/product/huabei/lineage.svg",
            "timelineSvgUrl": "/page/product/huabei/timeline.svg",
            "timelineCsvUrl": "/page/product/huabei/timeline.csv",
            "english": "/page/product/huabei?lang=en",
            "csv": "/page/product/huabei/timeline.csv?lang=en",
        }
    }


def test_lineage_dot_labels_the_hand_over_with_its_date_and_what_moved(run: Run) -> None:
    result = run(DOT, name="Ant Consumer Finance", direction="UPSTREAM")
    assert not result.errors, result.errors
    assert result.data is not None
    dot = result.data["entity"]["lineageDot"]
    assert dot.startswith("digraph lineage {")
    assert '[label="重庆市蚂蚁小微小额贷款有限公司", URL="/page/company/chongqing"]' in dot
    edge = next(line for line in dot.splitlines() if " -> " in line)
    assert '[label="≥2022 ≤2023-06\\n花呗"' in edge
    downstream = run(DOT, name="Ant Consumer Finance", direction="DOWNSTREAM")
    assert downstream.data is not None
    assert " -> " not in downstream.data["entity"]["lineageDot"]


def test_lineage_dot_honours_as_of_and_depth(run: Run) -> None:
    before = run(DOT, name="花呗", direction="DOWNSTREAM", asOf="2021")
    assert before.data is not None
    assert " -> " not in before.data["entity"]["lineageDot"]
    shallow = run(DOT, name="重庆阿里小贷", direction="DOWNSTREAM", depth=0)
    assert shallow.data is not None
    assert " -> " not in shallow.data["entity"]["lineageDot"]
    deep = run(DOT, name="重庆阿里小贷", direction="DOWNSTREAM", depth=1)
    assert deep.data is not None
    assert " -> " in deep.data["entity"]["lineageDot"]


@pytest.mark.e2e
def test_links_are_absolute_over_http(tmp_path: Path, backend: Backend) -> None:
    write_graph(tmp_path / "seeds")
    backend.store("api-graph").close()
    settings = backend.settings(tmp_path / "data", "api-graph", seeds_dir=tmp_path / "seeds")
    query = '{ entity(name: "花呗") { pageUrl lineageSvgUrl(lang: "en") } }'
    with serving(create_app(settings)) as url, httpx.Client(base_url=url, timeout=30) as client:
        response = client.post("/graphql", json={"query": query})
    assert response.status_code == 200
    found = response.json()["data"]["entity"]
    assert found["pageUrl"] == f"{url.rstrip('/')}/page/product/huabei"
    assert found["lineageSvgUrl"] == f"{url.rstrip('/')}/page/product/huabei/lineage.svg?lang=en"
    assert re.match(r"^http://127\.0\.0\.1:\d+/page/", found["pageUrl"])


MANY = """{ search(text: "测试公司", first: 100) { totalCount edges { node {
    pageUrl lineageSvgUrl timelineSvgUrl timelineCsvUrl
    down: lineageDot both: lineageDot(direction: BOTH) cut: lineageDot(asOf: "2020")
} } } }"""


def test_lineage_dot_round_trips_do_not_grow_with_the_number_of_entities(
    backend: Backend, tmp_path: Path
) -> None:
    few, _ = round_trips(backend, tmp_path, 3, MANY)
    many, _ = round_trips(backend, tmp_path, 60, MANY)
    # Three lineage cuts, each a fixed number of trips, plus the search and the names: the
    # same for 3 companies as for 60, never one (or more) per company.
    assert few == many
    assert many < 30
