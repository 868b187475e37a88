"""Which store the test suite runs on: ``FINREG_TEST_STORE`` = embedded (default), oxigraph
or virtuoso. The same tests run on each; the servers are private, started on loopback by the
test session and stopped at its end. Oxigraph servers start without
``--union-default-graph`` unless ``FINREG_TEST_UNION_DEFAULT_GRAPH=1`` (finreg names its
graphs in every query, so it answers the same either way).

Remote servers are named: "scratch" is emptied before every test that asks for a fresh
store; others ("seeded", "api-graph", ...) keep what a session-scoped fixture loads.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path

import pytest

from kg.settings import Settings
from kg.store import EmbeddedStore, Endpoint, GraphStore, RemoteStore

BACKENDS = ("embedded", "oxigraph", "virtuoso")


def backend_name() -> str:
    """The backend this test run uses."""
    name = os.environ.get("FINREG_TEST_STORE", "embedded")
    if name not in BACKENDS:
        raise pytest.UsageError(f"FINREG_TEST_STORE={name!r}: use one of {', '.join(BACKENDS)}")
    return name


class Backend:
    """Hands out stores (and settings for the CLI and the API) on the chosen backend."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.root = root
        self._servers: dict[str, Endpoint] = {}
        self._stack = ExitStack()

    @property
    def remote(self) -> bool:
        """Whether stores live on a SPARQL server."""
        return self.name != "embedded"

    def endpoint(self, server: str) -> Endpoint:
        """The endpoint of the named private server, started on first use."""
        if server not in self._servers:
            workdir = self.root / server
            if self.name == "oxigraph":
                from tests.servers.oxigraph import oxigraph_server

                self._servers[server] = self._stack.enter_context(oxigraph_server(workdir))
            else:
                from tests.servers.virtuoso import virtuoso_available, virtuoso_server

                reason = virtuoso_available()
                if reason:
                    pytest.skip(f"Virtuoso is not available: {reason}")
                found = self._stack.enter_context(virtuoso_server(workdir))
                self._servers[server] = Endpoint(
                    query_url=found.query_url,
                    update_url=found.update_url,
                    user=found.user,
                    password=found.password,
                    digest=found.auth_scheme == "digest",
                )
        return self._servers[server]

    def store(self, server: str = "scratch", *, empty: bool = True) -> GraphStore:
        """A store on ``server`` (emptied of finreg's graphs first unless ``empty`` is False);
        for the embedded backend, a new in-memory store."""
        if not self.remote:
            return EmbeddedStore.in_memory()
        store = RemoteStore(self.endpoint(server))
        if empty:
            store.reset()
        return store

    def settings(self, data_dir: Path, server: str = "scratch", **changes: object) -> Settings:
        """Settings for the CLI or the API: ``data_dir`` embedded, or the named server."""
        settings = Settings(data_dir=data_dir)
        if self.remote:
            endpoint = self.endpoint(server)
            settings = settings.override(
                store_url=endpoint.query_url,
                store_update_url=endpoint.update_url,
                store_user=endpoint.user,
                store_password=endpoint.password,
                store_auth="digest" if endpoint.digest else "basic",
            )
        return settings.override(**changes)

    def store_arguments(self, data_dir: Path, server: str = "scratch") -> list[str]:
        """CLI arguments that point a command at the store."""
        if not self.remote:
            return ["--data", str(data_dir)]
        endpoint = self.endpoint(server)
        return ["--store", endpoint.query_url, "--store-update", endpoint.update_url or ""]

    def close(self) -> None:
        """Stop every server this backend started."""
        self._stack.close()
