"""The ``finreg`` command line's arguments: every command, its options and its help."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from api.cli.data_commands import (
    cmd_diff,
    cmd_export,
    cmd_load,
    cmd_migrate,
    cmd_restore,
    cmd_staging,
    cmd_stats,
    cmd_unload,
    cmd_validate,
)
from api.cli.read_commands import cmd_lineage, cmd_serve, cmd_timeline
from kg.dates import PartialDate
from kg.errors import InvalidDateError
from kg.export_formats import EXPORT_FORMATS
from kg.model import Direction, EventKind


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


def build_parser() -> argparse.ArgumentParser:
    """The ``finreg`` command line: every command, its options and its help."""
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
    staging_cmd = command(
        "staging",
        cmd_staging,
        "List version graphs no published graph names (loads under way, leftovers of "
        "failed loads, replaced versions); --clean removes those no live load holds.",
    )
    staging_cmd.add_argument(
        "--clean", action="store_true", help="remove the versions whose lease has expired"
    )
    json_option(staging_cmd)
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
    restore = command(
        "restore",
        cmd_restore,
        "Restore a backup (finreg export --format nq) into an empty store: the same graphs, "
        "names and load stamps, all or nothing.",
    )
    restore.add_argument("file", type=Path, metavar="FILE.nq")
    restore.add_argument("--quiet", action="store_true", help="no progress bar")
    json_option(restore)
    for name, func, text in (
        ("timeline", cmd_timeline, "An entity's events, oldest first, with sources."),
        ("lineage", cmd_lineage, "Who took over whose business, and when."),
    ):
        sub = command(name, func, text)
        sub.add_argument("name", help="any name or alias, in Chinese or English, or an IRI")
        sub.add_argument("--lang", default="zh", help="language of names and summaries (zh, en)")
        sub.add_argument(
            "--known-at",
            type=_date,
            metavar="DATE",
            help="answer from the graph as known at the end of DATE (YYYY, YYYY-MM or "
            "YYYY-MM-DD): only facts a source published by then reports, cited to those "
            "sources, with the dates they state",
        )
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
