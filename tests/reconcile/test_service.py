"""The service as the specification defines it: the manifest, query batches by POST, GET and
JSONP, the callback a JSONP answer may carry, and refusals that are 4xx with a JSON body."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from kg.knowledge import KnowledgeGraph
from kg.model import EntityKind
from kg.settings import Settings
from kg.store import EmbeddedStore
from tests.reconcile.client import ReconciliationClient, check_manifest
from tests.server import serving

ONTOLOGY = "https://w3id.org/finreg/ontology#"
IDS = "https://w3id.org/finreg/id/"
ALIBABA = IDS + "company/zhejiang-alibaba-microloan"

BATCH = {
    "q0": {"query": "浙江阿里巴巴小额贷款股份有限公司"},
    "q1": {"query": "蚂蚁消金", "type": ONTOLOGY + "Company", "limit": 3},
    "q2": {"query": "花呗", "type": [ONTOLOGY + "Product"]},
}


@pytest.mark.parametrize(
    ("root", "company"), [("/reconcile", "公司"), ("/reconcile/en", "company")]
)
def test_the_manifest_describes_the_service(http: httpx.Client, root: str, company: str) -> None:
    client = ReconciliationClient(http, str(http.base_url).rstrip("/") + root)
    manifest = client.manifest
    assert manifest["versions"] == ["0.1", "0.2"]
    assert manifest["identifierSpace"] == IDS
    assert manifest["schemaSpace"] == ONTOLOGY
    types = {t["id"]: t["name"] for t in manifest["defaultTypes"]}
    assert set(types) == {ONTOLOGY + k.value for k in EntityKind}
    assert types[ONTOLOGY + "Company"] == company
    here = str(http.base_url).rstrip("/") + root
    assert manifest["view"]["url"] == here + "/view?id={{id}}"
    assert manifest["preview"]["url"] == here + "/preview?id={{id}}"
    assert manifest["suggest"]["entity"] == {"service_url": here, "service_path": "/suggest/entity"}
    assert manifest["extend"]["propose_properties"]["service_url"] == here
    assert manifest["batchSize"] == 50


@pytest.mark.embedded_only
def test_urls_come_from_the_configured_base_url(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, base_url="https://finreg.example.org")
    app = create_app(settings, graph=KnowledgeGraph(EmbeddedStore.in_memory()))
    with serving(app) as url, httpx.Client(base_url=url) as http:
        manifest = check_manifest(http.get("/reconcile/en").json())
    assert manifest["view"]["url"] == "https://finreg.example.org/reconcile/en/view?id={{id}}"
    assert (
        manifest["suggest"]["property"]["service_url"] == "https://finreg.example.org/reconcile/en"
    )


@pytest.mark.embedded_only
def test_the_environment_names_the_base_url() -> None:
    found = Settings.from_env({"FINREG_BASE_URL": "https://finreg.example.org/"}).base_url
    assert found == "https://finreg.example.org"
    with pytest.raises(Exception, match="FINREG_BASE_URL"):
        Settings.from_env({"FINREG_BASE_URL": "finreg.example.org/x?y"})


def test_post_get_and_jsonp_give_the_same_answer(seeds: ReconciliationClient) -> None:
    posted = seeds.reconcile(BATCH)
    assert seeds.reconcile(BATCH, method="GET") == posted
    wrapped = seeds.jsonp({"queries": json.dumps(BATCH)}, "jQuery3310_1700000000")
    assert wrapped == posted
    assert seeds.jsonp({}, "cb") == seeds.manifest
    assert [c["id"] for c in posted["q0"]["result"]] == [ALIBABA]
    assert posted["q1"]["result"][0]["id"] == IDS + "company/ant-consumer-finance"
    assert posted["q2"]["result"][0]["type"] == [{"id": ONTOLOGY + "Product", "name": "产品"}]


def test_the_english_service_names_in_english(seeds_en: ReconciliationClient) -> None:
    found = seeds_en.reconcile({"q": {"query": "蚂蚁消金"}})["q"]["result"][0]
    assert found["name"] == "Ant Consumer Finance"
    assert found["type"] == [{"id": ONTOLOGY + "Company", "name": "company"}]
    assert found["description"] == "company; matched the short name “蚂蚁消金”"


@pytest.mark.embedded_only
@pytest.mark.parametrize(
    "callback",
    [
        "alert(1)//",
        "<script>alert(1)</script>",
        "cb;alert(1)",
        "a b",
        "1cb",
        "a-b",
        "",
        "x" * 65,
        "a.b.c.d.e",
        "Ωmega",
    ],
)
def test_a_callback_that_is_no_identifier_is_refused(http: httpx.Client, callback: str) -> None:
    for path, params in (
        ("/reconcile", {}),
        ("/reconcile", {"queries": json.dumps(BATCH)}),
        ("/reconcile/suggest/entity", {"prefix": "花"}),
    ):
        answer = http.get(path, params={**params, "callback": callback})
        assert answer.status_code == 400, (path, callback)
        assert answer.headers["content-type"].startswith("application/json")
        assert "JavaScript identifier" in answer.json()["error"]


@pytest.mark.embedded_only
@pytest.mark.parametrize(
    ("params", "status", "says"),
    [
        ({"queries": "{not json"}, 400, "not JSON"),
        ({"queries": "[]"}, 400, "JSON object"),
        ({"queries": '{"q": "花呗"}'}, 400, "JSON object"),
        ({"queries": '{"q": {"query": 5}}'}, 400, "string"),
        ({"queries": '{"q": {}}'}, 400, "neither"),
        ({"queries": '{"q": {"query": "x", "types": "Company"}}'}, 400, "unknown field"),
        ({"queries": '{"q": {"query": "x", "type": "Person"}}'}, 400, "unknown type"),
        ({"queries": '{"q": {"query": "x", "limit": 0}}'}, 400, "limit"),
        ({"queries": '{"q": {"query": "x", "limit": "5"}}'}, 400, "limit"),
        ({"queries": '{"q": {"query": "x", "limit": -3}}'}, 400, "limit"),
        ({"queries": '{"q": {"query": "x", "limit": 2.5}}'}, 400, "limit"),
        (
            {"queries": '{"q": {"query": "x", "properties": [{"pid": "P31", "v": "x"}]}}'},
            400,
            "unknown property",
        ),
        (
            {
                "queries": json.dumps(
                    {"q": {"query": "x", "properties": [{"pid": "validOn", "v": True}]}}
                )
            },
            400,
            "validOn cannot be true",
        ),
        ({"queries": '{"q": {"query": "x", "properties": {"pid": "name"}}}'}, 400, "list"),
        ({"queries": json.dumps({"q": {"query": "花" * 501}})}, 400, "at most 500"),
        (
            {"queries": json.dumps({f"q{i}": {"query": "花呗"} for i in range(51)})},
            413,
            "at most 50",
        ),
        ({"queries": "{}", "extend": "{}"}, 400, "not both"),
        ({"extend": '{"ids": ["x"], "properties": [{"id": "nope"}]}'}, 400, "unknown propert"),
        ({"extend": '{"ids": "x", "properties": []}'}, 400, "ids"),
        ({"extend": json.dumps({"ids": ["x"] * 101, "properties": []})}, 413, "at most 100"),
    ],
)
def test_a_bad_request_is_a_4xx_with_a_json_body(
    http: httpx.Client, params: dict[str, str], status: int, says: str
) -> None:
    for answer in (
        http.post("/reconcile", data=params),
        http.get("/reconcile/en", params=params),
    ):
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.headers["access-control-allow-origin"] == "*"
        body = answer.json()
        assert body["status"] == status
        assert says in body["error"]


@pytest.mark.embedded_only
def test_protocol_refusals_are_json_too(http: httpx.Client) -> None:
    posted = http.post(
        "/reconcile",
        content=json.dumps({"queries": BATCH}).encode(),
        headers={"content-type": "application/json"},
    )
    assert posted.status_code == 415
    assert posted.json()["status"] == 415
    put = http.put("/reconcile", content=b"queries={}")
    assert put.status_code == 405
    assert put.json()["status"] == 405
    empty = http.post("/reconcile", data={})
    assert empty.status_code == 400
    assert "queries=" in empty.json()["error"]
    twice = http.get("/reconcile", params=[("queries", "{}"), ("queries", "{}")])
    assert twice.status_code == 400
    for path, params in (
        ("/reconcile/suggest/entity", {}),
        ("/reconcile/suggest/entity", {"prefix": "花", "cursor": "-1"}),
        ("/reconcile/suggest/entity", {"prefix": "花", "type": "Person"}),
        ("/reconcile/properties", {"type": "Person"}),
        ("/reconcile/properties", {"limit": "0"}),
    ):
        answer = http.get(path, params=params)
        assert answer.status_code == 400, (path, params)
        assert answer.json()["status"] == 400


@pytest.mark.embedded_only
def test_a_preflight_is_answered_with_cors(http: httpx.Client) -> None:
    answer = http.options(
        "/reconcile",
        headers={"Origin": "http://localhost:3333", "Access-Control-Request-Method": "POST"},
    )
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "POST" in answer.headers["access-control-allow-methods"]
