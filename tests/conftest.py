"""Shared fixtures: stores, the seed graph, and a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.store import EmbeddedStore, GraphStore
from tests.backends import Backend, backend_name

ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = Path(os.environ.get("FINREG_SEEDS") or ROOT / "seeds")
"""The seed folder the tests load: FINREG_SEEDS where set (as for ``finreg serve``), else the
repository's seeds/; a copy elsewhere needs a finreg.toml beside it for the same graph keys."""
SEEDS = sorted(SEEDS_DIR.glob("*.ttl"))
DATA = Path(__file__).resolve().parent / "data"

PREFIXES = """@prefix fr: <https://w3id.org/finreg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix company: <https://w3id.org/finreg/id/company/> .
@prefix product: <https://w3id.org/finreg/id/product/> .
@prefix event: <https://w3id.org/finreg/id/event/> .
@prefix source: <https://w3id.org/finreg/id/source/> .
"""


def stated_by(source: str, *properties: str, locator: str | None = None) -> str:
    """Turtle for a qualified derivation by which ``source`` states ``properties`` of the fact
    (the shapes want every date stated by a source, fr:states, or inferred with a basis):

    >>> stated_by("source:s", "fr:date")
    'prov:qualifiedDerivation [ a prov:Derivation ; prov:entity source:s ; fr:states fr:date ]'
    >>> stated_by("source:s", "fr:notBefore", "fr:notAfter", locator="[7]").split(" ; ")[2:]
    ['fr:locator "[7]"', 'fr:states fr:notBefore , fr:notAfter ]']
    """
    located = f' ; fr:locator "{locator}"' if locator is not None else ""
    states = f" ; fr:states {' , '.join(properties)}" if properties else ""
    return f"prov:qualifiedDerivation [ a prov:Derivation ; prov:entity {source}{located}{states} ]"


ENTITIES = (
    PREFIXES
    + """
source:s a fr:Source ; dcterms:title "测试报道"@zh ; dcterms:publisher "测试报"@zh ;
    dcterms:issued "2025-10-24"^^xsd:date .
company:a a fr:Company ; fr:name [ a fr:Name ; fr:value "甲小额贷款有限公司"@zh ;
    fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] ,
    [ a fr:Name ; fr:value "Jia Microloan"@en ; fr:nameKind fr:Translation ;
      prov:wasDerivedFrom source:s ] .
company:b a fr:Company ; fr:name [ a fr:Name ; fr:value "乙银行"@zh ; fr:nameKind fr:LegalName ;
    prov:wasDerivedFrom source:s ] .
company:c a fr:Company ; fr:name [ a fr:Name ; fr:value "丙消费金融"@zh ; fr:nameKind fr:LegalName ;
    prov:wasDerivedFrom source:s ] .
product:p a fr:Product ; fr:name [ a fr:Name ; fr:value "花花"@zh ; fr:nameKind fr:ShortName ;
    prov:wasDerivedFrom source:s ] .
"""
)

# Plain literals, not f-strings: bench/shacl_engines reads ENTITIES and EVENTS with ast.
EVENTS = (
    PREFIXES
    + """
event:a-to-b a fr:BusinessTransfer ; fr:transferor company:a ; fr:transferee company:b ;
    fr:date "2015"^^xsd:gYear ; fr:summary "甲把业务交给乙"@zh , "A hands over to B"@en ;
    prov:wasDerivedFrom source:s ;
    prov:qualifiedDerivation [ a prov:Derivation ; prov:entity source:s ; fr:states fr:date ] .
event:b-to-c a fr:BusinessTransfer ; fr:transferor company:b ; fr:transferee company:c ;
    fr:transferredScope product:p ; fr:notAfter "2023-06"^^xsd:gYearMonth ;
    fr:summary "乙把花花交给丙"@zh ; prov:wasDerivedFrom source:s ;
    prov:qualifiedDerivation [ a prov:Derivation ; prov:entity source:s ; fr:locator "[7]" ;
                               fr:states fr:notAfter ] .
event:a-gone a fr:Deregistration ; fr:subject company:a ; fr:date "2024-12-30"^^xsd:date ;
    fr:summary "甲注销"@zh ; prov:wasDerivedFrom source:s ;
    prov:qualifiedDerivation [ a prov:Derivation ; prov:entity source:s ; fr:states fr:date ] .
"""
)


@pytest.fixture(autouse=True)
def dataset_root(tmp_path: Path) -> Path:
    """Each test's temporary folder is a dataset root (a finreg.toml marker), so files the
    test writes there get graph keys relative to it, as in a data engineer's repository."""
    (tmp_path / "finreg.toml").write_text("# finreg dataset root for this test\n")
    return tmp_path


@dataclass(frozen=True)
class Files:
    """A small valid graph split over two files, as a data engineer would write it."""

    entities: Path
    events: Path


@pytest.fixture
def files(tmp_path: Path) -> Files:
    """Two valid files: entities (with a source) and events that reference them."""
    entities = tmp_path / "entities.ttl"
    events = tmp_path / "events.ttl"
    entities.write_text(ENTITIES, encoding="utf-8")
    events.write_text(EVENTS, encoding="utf-8")
    return Files(entities, events)


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """The store backend of this run (FINREG_TEST_STORE)."""
    chosen = Backend(backend_name(), tmp_path_factory.mktemp("servers"))
    try:
        yield chosen
    finally:
        chosen.close()


@pytest.fixture
def store(backend: Backend) -> Iterator[GraphStore]:
    """An empty store on this run's backend."""
    fresh = backend.store()
    yield fresh
    fresh.close()


@pytest.fixture(scope="session")
def seeded_store(
    tmp_path_factory: pytest.TempPathFactory, backend: Backend
) -> Iterator[GraphStore]:
    """A store loaded with every seed file (once per test session): on disk for the embedded
    backend, else the "seeded" server."""
    if not SEEDS:
        pytest.fail(f"{SEEDS_DIR} has no Turtle files")
    if backend.remote:
        s: GraphStore = backend.store("seeded")
    else:
        s = EmbeddedStore.open(tmp_path_factory.mktemp("seeded") / "store")
    load_files(s, SEEDS)
    yield s
    s.close()


@pytest.fixture(scope="session")
def seed_graph(seeded_store: GraphStore) -> KnowledgeGraph:
    """The seed graph, for questions users ask."""
    return KnowledgeGraph(seeded_store)


@pytest.fixture
def cli_store(backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """CLI arguments for an empty store on this run's backend (a data directory, or the
    "scratch" server emptied, with its credentials in the environment)."""
    if backend.remote:
        backend.store().close()
        endpoint = backend.endpoint("scratch")
        for variable, value in (
            ("FINREG_STORE_USER", endpoint.user),
            ("FINREG_STORE_PASSWORD", endpoint.password),
            ("FINREG_STORE_AUTH", "digest" if endpoint.digest else "basic"),
        ):
            if value:
                monkeypatch.setenv(variable, value)
    return backend.store_arguments(tmp_path / "store")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``embedded_only`` run in the embedded pass only: in a SPARQL server's
    pass they are deselected (not skipped: they test nothing of the server); so do tests
    marked ``own_servers``, which start the servers they test themselves. On Virtuoso,
    tests marked ``virtuoso_defect`` must fail (strict xfail), for the reason the marker
    gives: a documented defect of that engine, not of finreg."""
    if backend_name() != "embedded":
        kept = [
            i
            for i in items
            if i.get_closest_marker("embedded_only") is None
            and i.get_closest_marker("own_servers") is None
        ]
        if len(kept) != len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in kept])
            items[:] = kept
    if backend_name() != "virtuoso":
        return
    for item in items:
        marker = item.get_closest_marker("virtuoso_defect")
        if marker is not None:
            reason = marker.args[0] if marker.args else "a documented Virtuoso defect"
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With CI=true no test may skip: a skip there hides a missing install step."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") == "true" and skipped and exitstatus == 0:
        if reporter:
            reporter.write_line(f"CI=true: {skipped} test(s) skipped; failing the run", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
