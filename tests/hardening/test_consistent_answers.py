"""A GraphQL answer takes several questions to the store; a reload that publishes between two
of them must not give a mix of the graph before and after. The API compares the graph's
versions before the first question and after the last, reads the answer again when they
differ, and answers STORE_CHANGED when every try saw a reload.

The reload is timed by a fault-injecting proxy between the API and an Oxigraph server of
the test's own (tests/faultproxy.py): it runs, straight to the server, when the request that
follows the lineage query arrives, so the lineage was read before it and the names, events
and sources of its hand-overs after it. On the embedded store a load in the same process
publishes between two questions the same way (a store that reloads when the question after
the lineage query comes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from api.errors import STORE_CHANGED, STORE_UNAVAILABLE
from api.schema import ATTEMPTS, build_schema
from kg.loaders import load_files
from kg.settings import Settings
from kg.store import EmbeddedStore, Endpoint, RemoteStore
from tests.api.conftest import execute, write_graph
from tests.api.graph import API_PREFIXES
from tests.conftest import stated_by
from tests.faultproxy import CutDownstream, Delay, FaultProxy, Request
from tests.servers.oxigraph import oxigraph_server

pytestmark = pytest.mark.own_servers

LINEAGE = """{ lineage(name: "花呗") {
    from { id name } to { id name } event { id summary } sources { title } } }"""

RELOADED_FACTS = (
    API_PREFIXES
    + f"""
company:newco a fr:Company ;
    fr:name [ a fr:Name ; fr:value "新承接公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:news ] .
relationship:chongqing-huabei a fr:Operation ; fr:operator company:chongqing ;
    fr:product product:huabei ; fr:validFrom "2015"^^xsd:gYear ;
    fr:validTo "2023-06"^^xsd:gYearMonth ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:validFrom", "fr:validTo")} .
event:huabei-moves-again a fr:BusinessTransfer ; fr:transferor company:chongqing ;
    fr:transferee company:newco ; fr:transferredScope product:huabei ;
    fr:notAfter "2023-06"^^xsd:gYearMonth ; fr:summary "花呗转入新承接公司"@zh ;
    prov:wasDerivedFrom source:news ; {stated_by("source:news", "fr:notAfter")} .
"""
)
"""The facts file reloaded: 花呗 now goes to another company, by another event."""


def after_lineage(request: Request, seen: list[bool]) -> bool:
    """Whether ``request`` is the first after a lineage query (``seen`` keeps the state)."""
    if b"fr%3AtransferredScope" in request.body:
        seen[0] = True
        return False
    if seen[0]:
        seen[0] = False
        return True
    return False


@dataclass
class Setup:
    """A server loaded with the API test graph, a proxy in front, the API's schema on it."""

    direct: RemoteStore
    proxy: FaultProxy
    store: RemoteStore
    facts: Path
    settings: Settings

    def run(self, query: str) -> Any:
        return execute(build_schema(self.settings), self.store, self.settings, query)

    def reload(self, text: str) -> None:
        """Load ``text`` as the facts file, straight to the server (not through the proxy)."""
        self.facts.write_text(text, encoding="utf-8")
        load_files(self.direct, [self.facts])


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "finreg.toml").write_text("")
    with oxigraph_server(tmp_path / "oxigraph") as endpoint:
        direct = RemoteStore(endpoint, retire_grace=0.0)
        paths = write_graph(tmp_path / "graph")
        load_files(direct, paths)
        url = urlsplit(endpoint.query_url)
        assert url.hostname is not None
        assert url.port is not None
        with FaultProxy((url.hostname, url.port)) as proxy:
            store = RemoteStore(Endpoint(proxy.url("/query"), proxy.url("/update"), timeout=5))
            settings = Settings(data_dir=tmp_path / "data", timeout=30, cache="off")
            yield Setup(direct, proxy, store, paths[1], settings)
            store.close()
        direct.close()


@pytest.mark.slow
def test_a_reload_between_the_lineage_and_its_details_gives_the_answer_after_it(
    setup: Setup,
) -> None:
    original = setup.facts.read_text(encoding="utf-8")
    before = setup.run(LINEAGE)
    assert not before.errors
    setup.reload(RELOADED_FACTS)
    after = setup.run(LINEAGE)
    assert not after.errors
    setup.reload(original)
    assert before.data != after.data
    assert [t["to"]["name"] for t in after.data["lineage"]] == ["新承接公司"]

    seen = [False]
    setup.proxy.arm(
        Delay(
            seconds=0,
            when=lambda r: after_lineage(r, seen),
            then=lambda _: setup.reload(RELOADED_FACTS),
        )
    )
    found = setup.run(LINEAGE)
    assert len(setup.proxy.fired) == 1, "the reload never ran mid-answer"
    assert not found.errors
    assert found.data == after.data  # the whole answer after the reload, not a mix


@pytest.mark.slow
def test_reloads_under_every_try_give_store_changed_never_a_mix(setup: Setup) -> None:
    texts = [RELOADED_FACTS, setup.facts.read_text(encoding="utf-8")]
    seen = [False]

    def reload_again(_: FaultProxy) -> None:
        setup.reload(texts[len(setup.proxy.fired) % 2 - 1])

    setup.proxy.arm(
        Delay(seconds=0, when=lambda r: after_lineage(r, seen), then=reload_again, times=ATTEMPTS)
    )
    found = setup.run(LINEAGE)
    assert len(setup.proxy.fired) == ATTEMPTS
    assert found.data is None
    assert [e.extensions for e in found.errors or ()] == [
        {"code": STORE_CHANGED, "attempts": ATTEMPTS}
    ]
    again = setup.run(LINEAGE)  # the reloads are over: an answer again
    assert not again.errors
    assert again.data["lineage"]


@pytest.mark.slow
def test_an_answer_whose_versions_cannot_be_read_after_it_is_not_sent(setup: Setup) -> None:
    reads = [0]

    def second_versions_read(request: Request) -> bool:
        if b"void%3ADataset" in request.body:
            reads[0] += 1
            return reads[0] == 2
        return False

    setup.proxy.arm(CutDownstream(after=0, when=second_versions_read))
    found = setup.run(LINEAGE)
    assert len(setup.proxy.fired) == 1
    assert found.data is None  # computed, but not known to be one state of the graph
    assert [e.extensions for e in found.errors or ()] == [{"code": STORE_UNAVAILABLE}]
    assert not setup.run(LINEAGE).errors


class ReloadingStore:
    """An embedded store that runs ``reload`` (in process) before the first question that
    follows the first lineage query: a publish between two questions of one answer."""

    def __init__(self, inner: EmbeddedStore, reload: Callable[[], None]) -> None:
        self.inner = inner
        self.reload = reload
        self.after_lineage = False
        self.reloads = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def select(self, query: str, *args: Any, **kwargs: Any) -> Any:
        if self.after_lineage and not self.reloads:
            self.reloads += 1
            self.reload()
        self.after_lineage = "fr:transferredScope" in query
        return self.inner.select(query, *args, **kwargs)


def test_a_reload_in_process_between_questions_gives_the_answer_after_it(tmp_path: Path) -> None:
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "finreg.toml").write_text("")
    inner = EmbeddedStore.in_memory()
    paths = write_graph(tmp_path / "graph")
    load_files(inner, paths)
    settings = Settings(data_dir=tmp_path / "data", timeout=30, cache="off")
    original = paths[1].read_text(encoding="utf-8")

    def reload() -> None:
        paths[1].write_text(RELOADED_FACTS, encoding="utf-8")
        load_files(inner, [paths[1]])

    reload()
    after = execute(build_schema(settings), inner, settings, LINEAGE)
    paths[1].write_text(original, encoding="utf-8")
    load_files(inner, [paths[1]])
    store = ReloadingStore(inner, reload)
    found = execute(build_schema(settings), store, settings, LINEAGE)  # type: ignore[arg-type]
    assert store.reloads == 1, "the reload never ran mid-answer"
    assert not found.errors
    assert found.data == after.data
    assert [t["to"]["name"] for t in found.data["lineage"]] == ["新承接公司"]
