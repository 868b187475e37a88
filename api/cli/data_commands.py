"""``finreg load``, ``validate``, ``diff``, ``unload``, ``migrate``, ``restore``, ``stats``,
``export``: the graph as data, through the facade."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path

from api.cli.common import EXIT_CHANGES, emit, graph, reading_graph, root
from api.present.report import diff_text, staging_text, stats_table
from kg.errors import GraphKeyError


def cmd_load(args: argparse.Namespace) -> int:
    """Load files into the store, all or nothing."""
    quiet = args.quiet or args.json or not sys.stderr.isatty()
    result = graph(args).load(args.files, root=root(args), graph=args.graph, progress=not quiet)
    document = {
        "ok": True,
        "written": True,
        "files": result.files,
        "triples": result.triples,
        "derived": result.derived,
        "graphs": list(result.graphs),
        "seconds": round(result.seconds, 3),
        "notes": list(result.notes),
    }
    emit(args, document, result.summary())
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup written by ``finreg export --format nq`` into an empty store."""
    quiet = args.quiet or args.json or not sys.stderr.isatty()
    result = graph(args).restore(args.file, progress=not quiet)
    document = {
        "ok": True,
        "graphs": list(result.graphs),
        "triples": result.triples,
        "seconds": round(result.seconds, 3),
    }
    emit(args, document, result.summary())
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check files as load would, writing nothing."""
    triples = reading_graph(args).validate(args.files, root=root(args), graph=args.graph)
    document = {"ok": True, "files": len(args.files), "triples": triples}
    emit(args, document, f"valid: {len(args.files)} file(s), {triples} triples")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What loading files would change, graph by graph."""
    diffs = reading_graph(args).diff(args.files, root=root(args), graph=args.graph)
    document = {
        "ok": True,
        "changes": any(d.changes for d in diffs),
        "graphs": [
            {
                "graph": d.key,
                "file": d.path,
                "exists": d.exists,
                "added": d.added,
                "removed": d.removed,
                **{
                    name: [{"iri": n.iri, "kind": n.kind, "label": n.label} for n in nodes]
                    for name, nodes in (("new", d.new), ("changed", d.changed), ("gone", d.gone))
                },
            }
            for d in diffs
        ],
    }
    emit(args, document, diff_text(diffs))
    return EXIT_CHANGES if document["changes"] else 0


def cmd_unload(args: argparse.Namespace) -> int:
    """Remove the graphs that files were loaded into."""
    result = graph(args, create=False).unload(
        args.files, root=root(args), graph=args.graph, force=args.force
    )
    document = {
        "ok": True,
        "written": True,
        "graphs": list(result.graphs),
        "seconds": round(result.seconds, 3),
        "notes": list(result.notes),
    }
    emit(args, document, result.summary())
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Rename a store's graphs from machine paths to graph keys."""
    dataset_root = root(args)
    if dataset_root is None:
        raise GraphKeyError("finreg migrate needs the dataset root: pass --root DIR")
    result = graph(args, legacy=True, create=False).migrate(dataset_root)
    lines = [f"{old} -> {new}" for old, new in result.renamed]
    lines.append(f"migrated {len(result.renamed)} graph(s)")
    document = {"ok": True, "renamed": [{"from": o, "to": n} for o, n in result.renamed]}
    emit(args, document, "\n".join(lines))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Counts per class and per graph."""
    counts = graph(args, read_only=True).stats()
    document = {"classes": counts.classes, "graphs": counts.graphs}
    emit(args, document, stats_table(counts.classes, counts.graphs))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write every graph in one RDF format."""
    data = graph(args, read_only=True).export(args.format)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_staging(args: argparse.Namespace) -> int:
    """List the version graphs no published entry names; with --clean, remove those no live
    load holds."""
    if args.clean:
        found = graph(args).clean_staging()
        document = {"ok": True, "removed": [asdict(v) for v in found]}
        emit(args, document, staging_text(found, removed=True))
    else:
        found = graph(args, read_only=True).staging()
        document = {"ok": True, "versions": [asdict(v) for v in found]}
        emit(args, document, staging_text(found, removed=False))
    return 0
