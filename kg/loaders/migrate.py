"""``finreg migrate``: rename a store's graphs from machine paths to graph keys.

Stores made before graph keys named each graph by its file's absolute ``file:`` IRI, so the
same file loaded from two checkouts made two graphs, and the machine's paths were published.
Migration gives each such graph the key its file has under a dataset root (its path relative
to the root), in one publish, then removes the old graphs. The files themselves are not read:
a graph keeps exactly the triples it had (its old stamp aside).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from pyoxigraph import NamedNode

from kg.errors import GraphKeyError
from kg.graphs import graph_iri, key_for, key_of
from kg.reports import Migration
from kg.store import FINREG_GRAPH_MARK, LOADED_AT, GraphStore, statement


def file_path(iri: NamedNode) -> Path:
    """The path a ``file:`` IRI names.

    >>> file_path(NamedNode("file:///home/a/seeds/x%20y.ttl")).as_posix()
    '/home/a/seeds/x y.ttl'
    """
    return Path(unquote(urlsplit(iri.value).path))


def migrate(store: GraphStore, root: Path) -> Migration:
    """Give every graph named by a ``file:`` IRI the key of its file under ``root``.

    :raises GraphKeyError: naming every graph whose file is not inside ``root`` (nothing is
        changed), or two graphs that would get one key.
    """
    legacy = store.legacy_graphs()
    plan: dict[NamedNode, NamedNode] = {}
    outside: list[str] = []
    for old in legacy:
        if key_of(old) is not None:  # named by its key already, from before version graphs
            plan[old] = old
            continue
        try:
            new = graph_iri(key_for(file_path(old), root))
        except GraphKeyError:
            outside.append(file_path(old).as_posix())
            continue
        if new in plan.values():
            raise GraphKeyError(f"two graphs would both be named {new.value}; nothing was changed")
        plan[old] = new
    if outside:
        raise GraphKeyError(
            f"not inside the dataset root {root}: {', '.join(outside)}; pass a --root that "
            "holds them all (nothing was changed)"
        )
    mark, stamp = FINREG_GRAPH_MARK, LOADED_AT
    with store.stage() as staging:
        for old, new in plan.items():
            staging.write_triples(
                new,
                (
                    statement(t)
                    for t in store.legacy_triples(old)
                    if not (t.subject == old and (t.predicate in (stamp, mark[0])))
                ),
            )
        staging.publish()
    store.drop_legacy(list(plan))
    return Migration(tuple((o.value, n.value) for o, n in plan.items()))
