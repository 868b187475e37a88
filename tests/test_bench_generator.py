"""bench.generate makes graphs finreg accepts: every date stated by a source (fr:states), the
size near its target, the benchmark's start points named, and the same graph for a seed.

The benchmark itself (make bench) generates 10k to 10M triples; a 10k graph here covers every
kind of node it writes, in about a second.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.generate import Generator
from bench.generate.base import VERSION
from kg.loaders import validate_paths

pytestmark = pytest.mark.embedded_only


def test_a_generated_graph_is_valid_and_near_its_target(tmp_path: Path) -> None:
    out = tmp_path / "10k"
    manifest = Generator(10_000, out).run()
    files = sorted(out.glob("*.ttl"))
    assert [p.name for p in files] == sorted(manifest.files)
    assert validate_paths(files) == manifest.triples
    assert 9_000 <= manifest.triples <= 11_000
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    for dated in ("fr:date", "fr:notAfter", "fr:validFrom", "fr:validTo"):
        assert f"fr:states {dated} " in text, dated
    written = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert written["version"] == VERSION
    for start in ("lineage", "product", "timeline", "resolve", "search", "owned", "figured"):
        assert written[start], start
    assert "a fr:Figure" in text
    assert "a fr:Metric" in text
    assert len(written["names"]) == written["counts"]["companies"]  # under 2,000: all
    assert {depth for depth, _ in written["starts"]} >= {1, 5, 20}


def test_a_seed_gives_the_same_graph(tmp_path: Path) -> None:
    one = Generator(10_000, tmp_path / "one", seed=7).run()
    two = Generator(10_000, tmp_path / "two", seed=7).run()
    for name in one.files:
        first = (tmp_path / "one" / name).read_bytes()
        assert first == (tmp_path / "two" / name).read_bytes(), name
    assert one.triples == two.triples
