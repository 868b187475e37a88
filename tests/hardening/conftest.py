"""Fixtures for the hardening tests: the W3C suites' folder, the seed graph served over HTTP,
canonical comparison of stores, and the CLI run in-process on this run's backend."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis.configuration import set_hypothesis_home_dir
from pyoxigraph import CanonicalizationAlgorithm, Dataset, RdfFormat, parse

from api.app import create_app
from api.cli import main
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings
from kg.store import LOADED_AT, GraphStore
from tests.conftest import ROOT
from tests.server import serving


def pytest_configure(config: pytest.Config) -> None:
    """Hypothesis keeps its files in pytest's cache folder, not the working directory."""
    cache = getattr(config, "cache", None)
    home = cache.mkdir("hypothesis") if cache is not None else tempfile.mkdtemp("-hypothesis")
    set_hypothesis_home_dir(str(home))


def w3c_tests() -> Path | None:
    """The W3C RDF test suites (rdf-turtle, rdf-n-triples): $FINREG_W3C_TESTS, else
    ../shared/w3c-rdf-tests next to the repository; None when neither is there."""
    given = os.environ.get("FINREG_W3C_TESTS")
    folder = Path(given) if given else ROOT.parent / "shared" / "w3c-rdf-tests"
    return folder if (folder / "rdf-turtle" / "manifest.ttl").is_file() else None


def canonical(
    data: bytes, fmt: RdfFormat = RdfFormat.N_QUADS, *, load_times: bool = True
) -> set[str]:
    """The quads of an export with blank nodes canonically renamed, to compare two stores
    (or a store before and after) whatever blank node labels each parse gave. Without
    ``load_times``, the stamp saying when each graph was loaded is left out, to compare two
    loads of the same files made at different times."""
    dataset = Dataset(parse(data, format=fmt))
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in dataset if load_times or q.predicate != LOADED_AT}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run ``finreg`` in-process; return exit code, stdout and stderr."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="session")
def served(seeded_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the API serving the seed graph (this run's backend) on loopback."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("hardening-server") / "data")
    with serving(create_app(settings, graph=KnowledgeGraph(seeded_store))) as url:
        yield url


@pytest.fixture
def http(served: str) -> Iterator[httpx.Client]:
    """An httpx client for the served seed graph."""
    with httpx.Client(base_url=served, timeout=60) as client:
        yield client
