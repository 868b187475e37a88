"""Names and search text that would rewrite a query if they were pasted into SPARQL: quotes,
backslashes, braces, SPARQL keywords, newlines, Unicode controls. Parameters are bound, so
each one is only a string: the answer is null, empty or a proper error, and the store is
exactly as before (over GraphQL on the served seed graph, and through the CLI).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from api.cli import EXIT_NAME
from kg.store import GraphStore
from tests.conftest import Files
from tests.hardening.conftest import run_cli

DROP = "} DROP ALL ; INSERT DATA { <a> <b> <c> } #"
PAYLOADS = [
    f'"{DROP}',
    f"'{DROP}",
    f'"""{DROP}',
    f"'''{DROP}",
    f'\\"{DROP}',
    f"> {DROP}",
    f'花呗" {DROP}',
    f'花呗"@zh {DROP}',
    f'花呗"^^<http://www.w3.org/2001/XMLSchema#string> {DROP}',
    f"花呗\n{DROP}",
    f"花呗\r\n{DROP}",
    f"https://w3id.org/finreg/id/product/huabei> {DROP}",
    f"https://w3id.org/finreg/id/product/huabei\u0000> {DROP}",
    '") } UNION { ?s ?p ?o } #',
    "?s ?p ?o",
    "SELECT * WHERE { ?s ?p ?o }",
    "CLEAR DEFAULT",
    "\\u0022 } DROP ALL #",
    "\\\\",
    "\x00",
    "\u202e花呗\u202c",
    "\u200b\u200d\ufeff",
    "\x1b[31m花呗",
    "<script>alert(1)</script>",
]
IDS = [f"payload-{i}" for i in range(len(PAYLOADS))]

QUERY = """query($p: String!, $id: ID!) {
  entity(name: $p) { id name }
  named: entity(name: "花呗") { name(lang: $p) }
  search(text: $p, first: 100) { totalCount edges { node { id } } }
  node(id: $id) { id }
}"""
NEEDING_A_MATCH = """query($p: String!) {
  lineage(name: $p) { depth }
  events(involving: $p) { totalCount }
}"""


@pytest.mark.e2e
@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_payload_is_only_a_string_over_graphql(
    payload: str, http: httpx.Client, seeded_store: GraphStore
) -> None:
    before = seeded_store.export("nq")
    response = http.post(
        "/graphql", json={"query": QUERY, "variables": {"p": payload, "id": payload}}
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data = body["data"]
    assert data["entity"] is None or data["entity"]["id"].startswith("https://w3id.org/finreg/id/")
    assert data["named"]["name"]
    assert all(
        e["node"]["id"].startswith("https://w3id.org/finreg/id/") for e in data["search"]["edges"]
    )
    assert data["node"] is None
    strict = http.post("/graphql", json={"query": NEEDING_A_MATCH, "variables": {"p": payload}})
    assert strict.status_code == 200
    errors = strict.json().get("errors", [])
    assert {e["extensions"]["code"] for e in errors} <= {"NOT_FOUND"}, errors
    assert seeded_store.export("nq") == before


def test_payload_is_only_a_string_in_the_cli(
    files: Files, cli_store: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "load", *cli_store, files.entities, files.events)[0] == 0
    export = tmp_path / "export.nq"
    run_cli(capsys, "export", *cli_store, "--format", "nq", "-o", export)
    before = export.read_bytes()
    for payload in PAYLOADS:
        if "\x00" in payload:
            continue  # no command line can carry a NUL
        for command in ("timeline", "lineage"):
            code, out, err = run_cli(capsys, command, *cli_store, payload)
            assert code == EXIT_NAME, (payload, out, err)
            assert "Traceback" not in err
    run_cli(capsys, "export", *cli_store, "--format", "nq", "-o", export)
    assert export.read_bytes() == before
