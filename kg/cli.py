"""``finreg``: a thin command line over kg (and api for ``serve``).

Exit codes: 0 success; 1 input refused (syntax, undeclared term, shape violation, unreadable
file); 2 bad command-line usage; 3 the store could not be opened or written; 4 a name that
matches nothing or several entities. Every error prints one line per problem to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kg import report, views
from kg.dates import PartialDate
from kg.errors import (
    AmbiguousNameError,
    DanglingReferenceError,
    FinregError,
    InputError,
    InvalidDateError,
    NotFoundError,
    NotLoadedError,
    OutputFileError,
    StoreError,
)
from kg.exports import timeline_csv
from kg.knowledge import KnowledgeGraph
from kg.lineage import Direction
from kg.loaders import load_files, unload_files, validate_paths
from kg.model import EventKind
from kg.pictures import lineage_dot, lineage_svg, timeline_svg
from kg.queries import stats
from kg.settings import Settings
from kg.store import EXPORT_FORMATS, GraphStore, open_store

EXIT_INPUT, EXIT_USAGE, EXIT_STORE, EXIT_NAME = 1, 2, 3, 4


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


def _store(args: argparse.Namespace, *, read_only: bool = False) -> GraphStore:
    store = open_store(_settings(args), read_only=read_only)
    _opened.append(store)
    return store


def _reader(args: argparse.Namespace) -> KnowledgeGraph:
    return KnowledgeGraph(_store(args, read_only=True))


def cmd_load(args: argparse.Namespace) -> int:
    """Load files into the store, all or nothing."""
    store = _store(args)
    result = load_files(store, args.files, progress=not args.quiet and sys.stderr.isatty())
    print(result.summary())
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check files as load would, writing nothing."""
    settings = _settings(args)
    store = None
    if settings.store_url or settings.data_dir.is_dir():
        store = _store(args, read_only=True)
    triples = validate_paths(args.files, store)
    print(f"valid: {len(args.files)} file(s), {triples} triples")
    return 0


def cmd_unload(args: argparse.Namespace) -> int:
    """Remove the graphs that files were loaded into."""
    result = unload_files(_store(args), args.files, force=args.force)
    print(result.summary())
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Counts per class and per graph."""
    graph = _reader(args)
    per_class = stats.counts_per_class(graph.store)
    per_graph = stats.triples_per_graph(graph.store)
    if args.json:
        print(json.dumps({"classes": per_class, "graphs": per_graph}, ensure_ascii=False, indent=2))
    else:
        print(report.stats_table(per_class, per_graph))
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
        epilog="Exit codes: 0 ok, 1 input refused, 2 usage, 3 store error, "
        "4 name not found or ambiguous.",
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

    load = command("load", cmd_load, "Load Turtle/N-Triples/TriG files, all or nothing.")
    load.add_argument("files", nargs="+", type=Path, metavar="FILE")
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    validate = command("validate", cmd_validate, "Check files as load would; write nothing.")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    unload = command("unload", cmd_unload, "Remove what loading FILEs added.")
    unload.add_argument("files", nargs="+", type=Path, metavar="FILE")
    unload.add_argument(
        "--force", action="store_true", help="unload even if other graphs reference its nodes"
    )
    stats_cmd = command("stats", cmd_stats, "Counts per class and per graph.")
    stats_cmd.add_argument("--json", action="store_true", help="print JSON")
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
                code = _fail(error, EXIT_STORE)
    return code


def _run(args: argparse.Namespace) -> int:
    """The command's exit code; every FinregError becomes one line per problem."""
    try:
        return int(args.func(args))
    except (NotFoundError, AmbiguousNameError) as error:
        return _fail(error, EXIT_NAME)
    except (InputError, NotLoadedError, DanglingReferenceError) as error:
        return _fail(error, EXIT_INPUT)
    except StoreError as error:
        return _fail(error, EXIT_STORE)
    except FinregError as error:
        return _fail(error, EXIT_INPUT)


def _fail(error: FinregError, code: int) -> int:
    for line in str(error).splitlines() or [type(error).__name__]:
        print(f"finreg: {line}", file=sys.stderr)
    if isinstance(error, InputError):
        print("finreg: nothing was written", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
