"""``finreg timeline``, ``lineage`` and ``serve``: questions, answered as tables, pictures
and CSV (api.present), from the facade. ``--known-at DATE`` answers them from the graph as
known at the end of that day, month or year (KnowledgeGraph.as_known_at)."""

from __future__ import annotations

import argparse

from api.cli.common import graph, settings, write
from api.present.csv_export import timeline_csv
from api.present.lineage_picture import lineage_dot, lineage_svg, timeline_svg
from api.present.report import lineage, timeline
from kg.errors import NotFoundError
from kg.knowledge import KnowledgeGraph
from kg.model import Direction, Entity

OUTPUTS = ("svg", "dot", "csv")
"""The options that write a file (one of them may write to stdout, ``-``)."""


def _outputs(args: argparse.Namespace, *options: str) -> dict[str, str]:
    """The files asked for with ``--OPTION FILE`` (``main`` allows one ``-``, stdout)."""
    return {o: target for o in options if (target := getattr(args, o, None))}


def _reader(args: argparse.Namespace) -> KnowledgeGraph:
    """The graph to answer from: as known at ``--known-at`` where given."""
    return graph(args, read_only=True).as_known_at(args.known_at)


def _entity(reader: KnowledgeGraph, name: str) -> Entity:
    """The entity ``name`` names in ``reader``'s graph.

    :raises NotFoundError: if it names nothing (as known at the reader's date).
    :raises AmbiguousNameError: if it names several entities.
    """
    entity = reader.resolve(name)
    if entity is None:
        known_at = reader.known_at
        raise NotFoundError(name, str(known_at) if known_at is not None else None)
    return entity


def cmd_timeline(args: argparse.Namespace) -> int:
    """An entity's events, oldest first, with sources."""
    reader = _reader(args)
    entity = _entity(reader, args.name)
    events = reader.timeline(entity.iri, args.start, args.end, args.kinds)
    names, sources = reader.timeline_context(entity, events)
    pictures = {
        "csv": lambda: timeline_csv(events, names, sources, lang=args.lang),
        "svg": lambda: timeline_svg(events, names, lang=args.lang, focus=entity.iri),
    }
    outputs = _outputs(args, "csv", "svg")
    for option, target in outputs.items():
        write(target, pictures[option]())
    if "-" not in outputs.values():
        print(timeline(entity, events, sources, args.lang, args.known_at))
    return 0


def cmd_lineage(args: argparse.Namespace) -> int:
    """Who took over whose business, with dates and sources."""
    reader = _reader(args)
    entity = _entity(reader, args.name)
    result = reader.lineage(entity, Direction(args.direction), args.as_of)
    names = reader.lineage_names(entity, result.transfers)
    draw = {"svg": lineage_svg, "dot": lineage_dot}
    outputs = _outputs(args, "svg", "dot")
    for option, target in outputs.items():
        text = draw[option](result.transfers, names, focus=entity.iri, lang=args.lang, link=_same)
        write(target, text)
    if "-" not in outputs.values():
        sources = reader.sources({c.source for t in result.transfers for c in t.event.citations})
        print(lineage(entity, result, names, sources, args.lang, args.known_at))
    return 0


def _same(iri: str) -> str:
    """Pictures the CLI writes link each entity to its IRI (it resolves to its page)."""
    return iri


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the GraphQL API (loads the seeds into an empty store first)."""
    from api.server import serve

    serve(settings(args))
    return 0
