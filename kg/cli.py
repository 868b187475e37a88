"""``finreg``: a thin command line over kg (and api for ``serve``).

Exit codes: 0 success; 1 input refused (syntax, undeclared term, shape violation, unreadable
file); 2 bad command-line usage (a graph key without a dataset root among them); 3 the store
could not be opened or written; 4 a name that matches nothing or several entities; 5 (``diff``
only) loading the files would change the store. Every error prints one line per problem to
stderr; with ``--json``, commands print one JSON document on stdout instead, errors included.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from kg import report, views
from kg.dates import PartialDate
from kg.errors import (
    AmbiguousNameError,
    DanglingReferenceError,
    FinregError,
    GraphKeyError,
    InputError,
    InvalidDateError,
    LegacyStoreError,
    NotFoundError,
    NotLoadedError,
    OutputFileError,
    ShapeViolationError,
    StoreError,
    problems,
)
from kg.exports import timeline_csv
from kg.knowledge import KnowledgeGraph
from kg.lineage import Direction
from kg.loaders import load_files, read_inputs, unload_files, validate_paths
from kg.loaders.check import check_inputs
from kg.loaders.diff import diff_graph
from kg.loaders.migrate import migrate
from kg.model import EventKind
from kg.pictures import lineage_dot, lineage_svg, timeline_svg
from kg.queries import stats
from kg.settings import Settings
from kg.store import EXPORT_FORMATS, GraphStore, open_store

EXIT_INPUT, EXIT_USAGE, EXIT_STORE, EXIT_NAME, EXIT_CHANGES = 1, 2, 3, 4, 5


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except InvalidDateError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _event_kind(text: str) -> EventKind:
    try:
        return EventKind[text.upper().replace("-", "_")]
    except KeyError as error:
        choices = ", ".join(k.name for k in EventKind)
        raise argparse.ArgumentTypeError(
            f'unknown event kind "{text}": use one of {choices}'
        ) from error


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    if getattr(args, "data", None) is not None and getattr(args, "store", None) is None:
        settings = settings.override(store_url="")  # --data asks for the embedded store
    return settings.override(
        data_dir=getattr(args, "data", None),
        store_url=getattr(args, "store", None),
        store_update_url=getattr(args, "store_update", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        workers=getattr(args, "workers", None),
    )


_opened: list[GraphStore] = []
"""Stores this command opened; ``main`` closes them however the command ends."""


def _store(
    args: argparse.Namespace, *, read_only: bool = False, legacy: bool = False
) -> GraphStore:
    store = open_store(_settings(args), read_only=read_only, legacy=legacy)
    _opened.append(store)
    if not legacy:
        old = store.legacy_graphs()
        if old:
            raise LegacyStoreError(store.location, old[0].value)
    return store


def _root(args: argparse.Namespace) -> Path | None:
    """The dataset root: ``--root``, else ``FINREG_DATASET_ROOT``, else found per file."""
    return getattr(args, "root", None) or _settings(args).dataset_root


def _emit(args: argparse.Namespace, document: Mapping[str, object], text: str) -> None:
    """Print ``document`` as JSON with ``--json``, else ``text``."""
    if getattr(args, "json", False):
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(text)


def _reader(args: argparse.Namespace) -> KnowledgeGraph:
    return KnowledgeGraph(_store(args, read_only=True))


def cmd_load(args: argparse.Namespace) -> int:
    """Load files into the store, all or nothing."""
    store = _store(args)
    quiet = args.quiet or args.json or not sys.stderr.isatty()
    result = load_files(store, args.files, root=_root(args), graph=args.graph, progress=not quiet)
    document = {
        "ok": True,
        "files": result.files,
        "triples": result.triples,
        "derived": result.derived,
        "graphs": list(result.graphs),
        "seconds": round(result.seconds, 3),
    }
    _emit(args, document, result.summary())
    return 0


def _reading_store(args: argparse.Namespace) -> GraphStore | None:
    """The store to check files against, read-only; None when there is none yet."""
    settings = _settings(args)
    if settings.store_url or settings.data_dir.is_dir():
        return _store(args, read_only=True)
    return None


def cmd_validate(args: argparse.Namespace) -> int:
    """Check files as load would, writing nothing."""
    store = _reading_store(args)
    triples = validate_paths(args.files, store, root=_root(args), graph=args.graph)
    document = {"ok": True, "files": len(args.files), "triples": triples}
    _emit(args, document, f"valid: {len(args.files)} file(s), {triples} triples")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """What loading files would change, graph by graph."""
    store = _reading_store(args)
    inputs = read_inputs(args.files, root=_root(args), graph=args.graph)
    check_inputs(inputs, store)
    diffs = [diff_graph(source, store) for source in inputs]
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
    _emit(args, document, report.diff_text(diffs))
    return EXIT_CHANGES if document["changes"] else 0


def cmd_unload(args: argparse.Namespace) -> int:
    """Remove the graphs that files were loaded into."""
    result = unload_files(
        _store(args), args.files, root=_root(args), graph=args.graph, force=args.force
    )
    document = {"ok": True, "graphs": list(result.graphs), "seconds": round(result.seconds, 3)}
    _emit(args, document, result.summary())
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Rename a store's graphs from machine paths to graph keys."""
    root = _root(args)
    if root is None:
        raise GraphKeyError("finreg migrate needs the dataset root: pass --root DIR")
    result = migrate(_store(args, legacy=True), root)
    lines = [f"{old} -> {new}" for old, new in result.renamed]
    lines.append(f"migrated {len(result.renamed)} graph(s)")
    document = {"ok": True, "renamed": [{"from": o, "to": n} for o, n in result.renamed]}
    _emit(args, document, "\n".join(lines))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Counts per class and per graph."""
    graph = _reader(args)
    per_class = stats.counts_per_class(graph.store)
    per_graph = stats.triples_per_graph(graph.store)
    document = {"classes": per_class, "graphs": per_graph}
    _emit(args, document, report.stats_table(per_class, per_graph))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write every graph in one RDF format."""
    data = _reader(args).store.export(args.format)
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    """An entity's events, oldest first, with sources."""
    graph = _reader(args)
    entity = graph.resolve(args.name)
    if entity is None:
        raise NotFoundError(args.name)
    events = graph.timeline(entity.iri, start=args.start, end=args.end, kinds=args.kinds)
    outputs = _outputs(args, "csv", "svg")
    if outputs:
        names, sources = views.timeline_context(graph, entity, events)
        pictures = {
            "csv": lambda: timeline_csv(events, names, sources, lang=args.lang),
            "svg": lambda: timeline_svg(events, names, lang=args.lang, focus=entity.iri),
        }
        for option, target in outputs.items():
            _write(target, pictures[option]())
    if "-" not in outputs.values():
        print(report.timeline(graph, entity, events, args.lang))
    return 0


def cmd_lineage(args: argparse.Namespace) -> int:
    """Who took over whose business, with dates and sources."""
    graph = _reader(args)
    entity = graph.resolve(args.name)
    if entity is None:
        raise NotFoundError(args.name)
    result = graph.lineage(entity, Direction(args.direction), args.as_of)
    outputs = _outputs(args, "svg", "dot")
    if outputs:
        names = views.lineage_entities(graph, entity, result.transfers)
        draw = {"svg": lineage_svg, "dot": lineage_dot}
        for option, target in outputs.items():
            text = draw[option](
                result.transfers, names, focus=entity.iri, lang=args.lang, link=_same
            )
            _write(target, text)
    if "-" not in outputs.values():
        print(report.lineage(graph, entity, result, args.lang))
    return 0


def _same(iri: str) -> str:
    """Pictures the CLI writes link each entity to its IRI (it resolves to its page)."""
    return iri


_OUTPUTS = ("svg", "dot", "csv")


def _outputs(args: argparse.Namespace, *options: str) -> dict[str, str]:
    """The files asked for with ``--OPTION FILE`` (``main`` allows one ``-``, stdout)."""
    return {o: target for o in options if (target := getattr(args, o, None))}


def _write(target: str, text: str) -> None:
    """Write ``text`` to the file ``target`` (UTF-8), or to stdout for ``-``."""
    if target == "-":
        sys.stdout.write(text)
        return
    try:
        Path(target).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise OutputFileError(target, error.strerror or str(error)) from error


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the GraphQL API (loads the seeds into an empty store first)."""
    from api.server import serve

    serve(_settings(args))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finreg",
        description="A knowledge graph of regulatory events in China's consumer-credit sector.",
        epilog="Exit codes: 0 ok, 1 input refused, 2 usage (no dataset root), 3 store error, "
        "4 name not found or ambiguous, 5 diff: loading would change the store.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(
        name: str, func: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--data",
            type=Path,
            metavar="DIR",
            help="embedded store's data directory ($FINREG_DATA)",
        )
        sub.add_argument(
            "--store",
            metavar="QUERY_URL",
            help="a SPARQL 1.1 query endpoint to use instead ($FINREG_STORE)",
        )
        sub.add_argument(
            "--store-update",
            metavar="UPDATE_URL",
            help="its update endpoint (default: QUERY_URL with /query replaced by /update)",
        )
        sub.set_defaults(func=func)
        return sub

    def files_command(
        name: str, func: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = command(name, func, help_text)
        sub.add_argument("files", nargs="+", type=Path, metavar="FILE")
        sub.add_argument(
            "--root",
            type=Path,
            metavar="DIR",
            help="dataset root: graphs are named by paths relative to it "
            "($FINREG_DATASET_ROOT; default: the nearest folder above a file with .git "
            "or finreg.toml)",
        )
        sub.add_argument("--graph", metavar="NAME", help="name the graph of the one FILE")
        json_option(sub)
        return sub

    def json_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--json", action="store_true", help="print one JSON document (errors included)"
        )

    load = files_command("load", cmd_load, "Load Turtle/N-Triples/TriG files, all or nothing.")
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    files_command("validate", cmd_validate, "Check files as load would; write nothing.")
    files_command(
        "diff",
        cmd_diff,
        "Show what loading FILEs would change (exit 0: nothing, 5: something would).",
    )
    unload = files_command("unload", cmd_unload, "Remove what loading FILEs added.")
    unload.add_argument(
        "--force", action="store_true", help="unload even if other graphs reference its nodes"
    )
    migrate_cmd = command(
        "migrate", cmd_migrate, "Rename graphs named by machine paths to graph keys."
    )
    migrate_cmd.add_argument(
        "--root", type=Path, metavar="DIR", help="the dataset root the keys are relative to"
    )
    json_option(migrate_cmd)
    stats_cmd = command("stats", cmd_stats, "Counts per class and per graph.")
    json_option(stats_cmd)
    export = command("export", cmd_export, "Write the whole graph as RDF.")
    export.add_argument(
        "--format",
        choices=sorted(EXPORT_FORMATS),
        default="ttl",
        help="ttl (Turtle: every graph merged), trig (TriG: one graph per loaded file), "
        "nq or jsonld (one graph per file too)",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    for name, func, text in (
        ("timeline", cmd_timeline, "An entity's events, oldest first, with sources."),
        ("lineage", cmd_lineage, "Who took over whose business, and when."),
    ):
        sub = command(name, func, text)
        sub.add_argument("name", help="any name or alias, in Chinese or English, or an IRI")
        sub.add_argument("--lang", default="zh", help="language of names and summaries (zh, en)")
    timeline_cmd = commands.choices["timeline"]
    timeline_cmd.add_argument("--from", dest="start", type=_date, metavar="DATE")
    timeline_cmd.add_argument("--to", dest="end", type=_date, metavar="DATE")
    timeline_cmd.add_argument(
        "--kind", dest="kinds", type=_event_kind, action="append", metavar="KIND"
    )
    timeline_cmd.add_argument(
        "--csv", metavar="FILE", help="also write the events as CSV to FILE (- for stdout)"
    )
    timeline_cmd.add_argument(
        "--svg", metavar="FILE", help="also draw the timeline as SVG into FILE (- for stdout)"
    )
    lineage_cmd = commands.choices["lineage"]
    lineage_cmd.add_argument(
        "--direction", choices=[d.value for d in Direction], default="downstream"
    )
    lineage_cmd.add_argument(
        "--as-of", type=_date, metavar="DATE", help="only hand-overs that had happened by DATE"
    )
    lineage_cmd.add_argument(
        "--svg", metavar="FILE", help="also draw the lineage as SVG into FILE (- for stdout)"
    )
    lineage_cmd.add_argument(
        "--dot", metavar="FILE", help="also write Graphviz DOT source to FILE (- for stdout)"
    )
    serve = command("serve", cmd_serve, "Serve the GraphQL API at http://HOST:PORT/graphql.")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8000)")
    serve.add_argument(
        "--workers", type=int, help="API processes (default 1; more need a SPARQL server store)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``finreg`` command; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    to_stdout = [f"--{o}" for o in _OUTPUTS if getattr(args, o, None) == "-"]
    if len(to_stdout) > 1:
        parser.error(f"only one of {', '.join(to_stdout)} can write to stdout (-)")
    code = _run(args)
    while _opened:
        try:
            _opened.pop().close()
        except StoreError as error:
            if code == 0:
                code = _fail(args, error, EXIT_STORE)
    return code


def _run(args: argparse.Namespace) -> int:
    """The command's exit code; every FinregError becomes one line per problem (or, with
    ``--json``, one JSON document)."""
    try:
        return int(args.func(args))
    except (NotFoundError, AmbiguousNameError) as error:
        return _fail(args, error, EXIT_NAME)
    except (InputError, NotLoadedError, DanglingReferenceError) as error:
        return _fail(args, error, EXIT_INPUT)
    except GraphKeyError as error:
        return _fail(args, error, EXIT_USAGE)
    except StoreError as error:
        return _fail(args, error, EXIT_STORE)
    except FinregError as error:
        return _fail(args, error, EXIT_INPUT)


def _fail(args: argparse.Namespace, error: FinregError, code: int) -> int:
    written = args.command in ("load", "unload", "migrate")
    if getattr(args, "json", False):
        document: dict[str, object] = {"ok": False, "exit": code, "problems": problems(error)}
        if isinstance(error, ShapeViolationError):
            document["more"] = error.more
        if written:
            document["written"] = False
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return code
    for line in str(error).splitlines() or [type(error).__name__]:
        print(f"finreg: {line}", file=sys.stderr)
    if isinstance(error, InputError) or (written and isinstance(error, GraphKeyError)):
        print("finreg: nothing was written", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
