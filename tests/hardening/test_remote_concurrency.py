"""Several writers and readers on one SPARQL server: loads of different files at once both
land whole; a load and an unload checked against the same old state never leave a
dangling reference; a load's versions are never removed by another load while its lease
holds, and a load whose lease ran out fails cleanly; readers see a load spread over many
requests all at once or not at all.

The order of two writers is forced by holding one's publishing request in a
fault-injecting proxy (tests/faultproxy.py) while the other one publishes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kg.errors import DanglingReferenceError, ShapeViolationError, WriteError
from kg.graphs import graph_iri
from kg.loaders import load_files, unload_files
from kg.store import Endpoint, RemoteStore
from kg.store import remote_registry as server_records
from tests.conftest import ENTITIES, EVENTS, PREFIXES
from tests.faultproxy import Delay, FaultProxy, Request
from tests.hardening.test_readers_during_writes import NAMES, _file, _state
from tests.hardening.test_remote_faults import publishing, uploading
from tests.servers.oxigraph import oxigraph_server

pytestmark = pytest.mark.own_servers

HOLD = 3.0
"""Seconds the first writer's publishing request is held while the second one publishes."""


@pytest.fixture(scope="module", params=[False, True], ids=["no-union", "union"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Endpoint]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph"), union=request.param) as endpoint:
        yield endpoint


@pytest.fixture
def direct(server: Endpoint) -> Iterator[RemoteStore]:
    store = RemoteStore(server)
    store.reset()
    yield store
    store.close()


@pytest.fixture
def proxy(server: Endpoint) -> Iterator[FaultProxy]:
    parts = urlsplit(server.query_url)
    assert parts.hostname is not None
    assert parts.port is not None
    with FaultProxy((parts.hostname, parts.port)) as running:
        yield running


@pytest.fixture
def through(proxy: FaultProxy) -> Iterator[Callable[..., RemoteStore]]:
    """Stores that talk to the server through the proxy (closed at the end)."""
    opened: list[RemoteStore] = []

    def open_store(**options: int) -> RemoteStore:
        store = RemoteStore(Endpoint(query_url=proxy.url("/query")), **options)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


def in_thread(action: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:  # handed to the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def held_publish(graph_key: str) -> Callable[[Request], bool]:
    """Matches the publishing request of the load of ``graph_key``."""
    iri = graph_iri(graph_key).value.encode()
    return lambda request: publishing(request) and iri in request.body


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


ENTITIES_2 = (
    PREFIXES
    + """
source:t a fr:Source ; dcterms:title "另一篇报道"@zh ; dcterms:publisher "另一家报"@zh ;
    dcterms:issued "2025-10-25"^^xsd:date .
company:d a fr:Company ; fr:name [ a fr:Name ; fr:value "丁金融"@zh ; fr:nameKind fr:LegalName ;
    prov:wasDerivedFrom source:t ] .
"""
)


def test_two_loads_of_different_files_at_once_both_land_whole(
    direct: RemoteStore, proxy: FaultProxy, through: Callable[..., RemoteStore], tmp_path: Path
) -> None:
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    first.write_text(ENTITIES, encoding="utf-8")
    second.write_text(ENTITIES_2, encoding="utf-8")
    proxy.arm(Delay(seconds=HOLD, when=held_publish("first.ttl")))
    slow = through()
    thread, errors = in_thread(lambda: load_files(slow, [first]))
    wait_for(lambda: bool(proxy.fired))  # the first load's publish is held: the second goes
    load_files(direct, [second])
    thread.join(timeout=120)
    assert not errors, errors
    assert set(direct.named_graphs()) == {graph_iri("first.ttl"), graph_iri("second.ttl")}
    attempts = [r for r in proxy.requests if held_publish("first.ttl")(r)]
    assert len(attempts) == 2  # refused by the guard once (the second published), then done
    sizes = direct.graph_sizes()
    direct.reset()
    load_files(direct, [first])
    load_files(direct, [second])
    assert direct.graph_sizes() == sizes  # the same as each loaded alone
    assert direct.staged_versions() == []


@pytest.fixture
def entities_and_events(direct: RemoteStore, tmp_path: Path) -> tuple[Path, Path]:
    entities, events = tmp_path / "entities.ttl", tmp_path / "events.ttl"
    entities.write_text(ENTITIES, encoding="utf-8")
    events.write_text(EVENTS, encoding="utf-8")
    load_files(direct, [entities])
    return entities, events


def test_a_load_that_references_what_an_unload_removed_meanwhile_is_refused(
    direct: RemoteStore,
    proxy: FaultProxy,
    through: Callable[..., RemoteStore],
    entities_and_events: tuple[Path, Path],
) -> None:
    entities, events = entities_and_events
    proxy.arm(Delay(seconds=HOLD, when=held_publish("events.ttl")))
    slow = through()
    thread, errors = in_thread(lambda: load_files(slow, [events]))
    wait_for(lambda: bool(proxy.fired))  # checked against the entities, publish held
    unload_files(direct, [entities])  # no references yet: allowed
    thread.join(timeout=120)
    (error,) = errors
    assert isinstance(error, ShapeViolationError)
    assert "company/a" in str(error)
    assert direct.named_graphs() == []
    assert direct.staged_versions() == []


def test_an_unload_that_would_orphan_what_a_load_added_meanwhile_is_refused(
    direct: RemoteStore,
    proxy: FaultProxy,
    through: Callable[..., RemoteStore],
    entities_and_events: tuple[Path, Path],
) -> None:
    entities, events = entities_and_events
    proxy.arm(Delay(seconds=HOLD, when=held_publish("entities.ttl")))
    slow = through()
    thread, errors = in_thread(lambda: unload_files(slow, [entities]))
    wait_for(lambda: bool(proxy.fired))  # checked (no references yet), publish held
    load_files(direct, [events])  # references the entities: allowed
    thread.join(timeout=120)
    (error,) = errors
    assert isinstance(error, DanglingReferenceError)
    assert "events.ttl" in str(error)
    assert set(direct.named_graphs()) == {graph_iri("entities.ttl"), graph_iri("events.ttl")}


def test_a_live_lease_keeps_a_load_from_being_collected_by_another(
    direct: RemoteStore, proxy: FaultProxy, through: Callable[..., RemoteStore], tmp_path: Path
) -> None:
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    first.write_text(ENTITIES, encoding="utf-8")
    second.write_text(ENTITIES_2, encoding="utf-8")
    proxy.arm(Delay(seconds=HOLD, when=held_publish("first.ttl")))
    slow = through()
    thread, errors = in_thread(lambda: load_files(slow, [first]))
    wait_for(lambda: bool(proxy.fired))
    assert [v.state for v in direct.staged_versions()] == ["loading"]
    assert direct.clean_staging() == []  # a live lease: nothing to remove
    load_files(direct, [second])  # its start collects leftovers: not these
    thread.join(timeout=120)
    assert not errors, errors
    assert set(direct.named_graphs()) == {graph_iri("first.ttl"), graph_iri("second.ttl")}


def test_a_load_whose_lease_ran_out_and_was_collected_fails_and_changes_nothing(
    direct: RemoteStore,
    proxy: FaultProxy,
    through: Callable[..., RemoteStore],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(server_records, "LEASE_SECONDS", 1.0)
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    first.write_text(ENTITIES, encoding="utf-8")
    second.write_text(ENTITIES_2, encoding="utf-8")
    proxy.arm(Delay(seconds=HOLD, when=held_publish("first.ttl")))
    slow = through()
    thread, errors = in_thread(lambda: load_files(slow, [first]))
    wait_for(lambda: bool(proxy.fired))
    time.sleep(1.2)  # the first load's lease expires while its publish is held
    assert [v.state for v in direct.staged_versions()] == ["expired"]
    load_files(direct, [second])  # collects the expired versions
    thread.join(timeout=120)
    (error,) = errors
    assert isinstance(error, WriteError)
    assert error.written is False
    assert "lease" in str(error)
    assert "nothing was replaced" in str(error)
    assert direct.named_graphs() == [graph_iri("second.ttl")]
    assert direct.staged_versions() == []


@pytest.mark.slow
def test_readers_see_a_load_sent_in_many_requests_all_at_once(
    direct: RemoteStore, proxy: FaultProxy, through: Callable[..., RemoteStore], tmp_path: Path
) -> None:
    path = tmp_path / "companies.ttl"
    path.write_text(_file("旧"), encoding="utf-8")
    load_files(direct, [path])
    small = through(upload_triples=100, max_update_bytes=16_000)
    seen: dict[str, int] = {}
    done = threading.Event()
    reader_errors: list[BaseException] = []

    def read() -> None:
        reader = RemoteStore(direct.endpoint)
        try:
            while not done.is_set():
                state = _state([r["value"].value for r in reader.select(NAMES)])
                seen[state] = seen.get(state, 0) + 1
        except BaseException as error:  # handed to the test
            reader_errors.append(error)
        finally:
            reader.close()

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for round_ in range(4):
            path.write_text(_file("新" if round_ % 2 == 0 else "旧"), encoding="utf-8")
            load_files(small, [path])
    finally:
        done.set()
        for thread in readers:
            thread.join(timeout=60)
    assert not reader_errors, reader_errors
    assert set(seen) <= {"old", "new"}, seen
    uploads = [r for r in proxy.requests if uploading(r)]
    assert len(uploads) >= 4 * 5  # each load spread over several requests
    assert all(len(r.body) <= 16_000 for r in uploads)
