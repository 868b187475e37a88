"""finreg's store: one narrow interface, two backends (embedded Oxigraph, remote SPARQL).

Nothing but this package talks to a store. ``open_store`` picks the backend from settings:
a SPARQL endpoint when ``store_url`` is set, else the embedded store in ``data_dir``.
"""

from __future__ import annotations

from kg.export_formats import EXPORT_FORMATS
from kg.settings import Settings
from kg.store.base import (
    EVERYTHING,
    FINREG_GRAPH_MARK,
    LOADED_AT,
    Graphs,
    GraphStore,
    Row,
    Scope,
    Staging,
    Stamps,
    Statement,
    Subject,
    Term,
    bind,
    statement,
)
from kg.store.embedded import EmbeddedStore
from kg.store.remote import Endpoint, RemoteStore, default_update_url

__all__ = [
    "EVERYTHING",
    "EXPORT_FORMATS",
    "FINREG_GRAPH_MARK",
    "LOADED_AT",
    "EmbeddedStore",
    "Endpoint",
    "GraphStore",
    "Graphs",
    "RemoteStore",
    "Row",
    "Scope",
    "Staging",
    "Stamps",
    "Statement",
    "Subject",
    "Term",
    "bind",
    "default_update_url",
    "open_store",
    "statement",
]


def open_store(
    settings: Settings, *, read_only: bool = False, legacy: bool = False, create: bool = True
) -> GraphStore:
    """The store ``settings`` name: the SPARQL server at ``store_url``, else the embedded
    store in ``data_dir`` (read-only if asked, so it can be read while no other process
    writes; created if missing unless ``create`` is False). ``legacy`` opens an embedded
    store from before graph keys, to migrate it.

    :raises StoreUnavailableError: if the embedded store cannot be opened (one line: what,
        where, the fix). A remote store is not contacted here; its first request fails fast
        if the server is unreachable.
    :raises LegacyStoreError: for an embedded store from before graph keys (unless
        ``legacy``).
    """
    if settings.store_url:
        return RemoteStore(
            Endpoint(
                query_url=settings.store_url,
                update_url=settings.store_update_url,
                user=settings.store_user,
                password=settings.store_password,
                digest=settings.store_auth == "digest",
                timeout=settings.store_timeout,
                max_rows=settings.store_max_rows,
            )
        )
    return EmbeddedStore.open(settings.data_dir, read_only=read_only, legacy=legacy, create=create)
