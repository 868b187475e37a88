"""graphql-http's GraphQL-over-HTTP audit (npm ``graphql-http``, ``auditServer``) against finreg.

scripts/ensure-node.sh (run by ``make test``) installs the audit's npm packages; without Node
the test skips with the reason (and CI=true turns any skip into a failure).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parent / "audit"


def _audit(url: str) -> list[dict[str, str | None]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: run scripts/ensure-node.sh (make test does)")
    if not (AUDIT / "node_modules" / "graphql-http").is_dir():
        pytest.skip("graphql-http is not installed: run scripts/ensure-node.sh (make test does)")
    done = subprocess.run(
        [node, str(AUDIT / "audit.mjs"), url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results: list[dict[str, str | None]] = json.loads(done.stdout)
    return results


def test_no_must_audit_fails(seed_server: str) -> None:
    results = _audit(f"{seed_server}/graphql")
    assert len(results) > 20
    failed_musts = [
        r for r in results if r["status"] == "error" and str(r["name"]).startswith("MUST")
    ]
    assert failed_musts == []


def test_no_should_audit_fails_either(seed_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    results = _audit(f"{seed_server}/graphql")
    counts = {
        status: sum(r["status"] == status for r in results) for status in ("ok", "warn", "error")
    }
    with capsys.disabled():
        print(f"\ngraphql-http audit: {counts}")
        for r in results:
            if r["status"] != "ok":
                print(f"  {r['status']}: {r['name']}: {r['reason']}")
    assert counts["error"] == 0
