"""The readiness probe's question: does the store answer a query at all?"""

from __future__ import annotations

from kg.store import GraphStore

_ANYTHING = "ASK WHERE { ?s ?p ?o }"
"""Trivial for any store, loaded or empty: its answer does not matter, only that it comes."""


def ping(store: GraphStore) -> None:
    """Ask the store the trivial question; return when it answers.

    :raises StoreError: if the store does not answer (StoreUnavailableError: unreachable).
    """
    store.ask(_ANYTHING)
