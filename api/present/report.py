"""Readable terminal reports for the CLI: timelines, lineages, counts and diffs, drawn from
plain values the facade gathered (kg.model, kg.reports)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from api.present.phrases import (
    citation_text,
    entity_name,
    event_date,
    inferred_mark,
    known_at_text,
    moved,
    name_of,
    pick,
    word,
)
from api.present.text import table
from kg.dates import PartialDate
from kg.model import Citation, Entity, Event, Lineage, Source
from kg.reports import GraphDiff, StagedVersion


def _cite(citations: Iterable[Citation], sources: Mapping[str, Source]) -> str:
    return "; ".join(citation_text(c, sources) for c in citations)


def _marked(event: Event, text: str, lang: str) -> str:
    """``text`` after the mark of an inference where the editors inferred the event (or its
    date, or a participant): never shown as what the sources say."""
    return f"{inferred_mark(lang)} {text}".strip() if event.inferred else text


def _title(entity: Entity, lang: str, known_at: PartialDate | None) -> str:
    """A report's title: the entity's name and IRI, and the date it is known at, if any
    ("... (as known at the end of 2025-10-24)")."""
    title = f"{name_of(entity, lang)} <{entity.iri}>"
    if known_at is None:
        return title
    when = word("known_at_cli", lang, when=known_at_text(known_at, lang))
    return title + word("in_brackets", lang, text=when)


def timeline(
    entity: Entity,
    events: Sequence[Event],
    sources: Mapping[str, Source],
    lang: str,
    known_at: PartialDate | None = None,
) -> str:
    """An entity's events as a table: date at true precision, kind, summary (marked where the
    editors inferred the event), sources; its header says the date it is known at, if any."""
    header = f"{_title(entity, lang, known_at)}: {len(events)} event(s)"
    rows = [
        [
            event_date(e, lang),
            e.kind.name,
            _marked(e, pick(e.summaries, lang), lang),
            _cite(e.citations, sources),
        ]
        for e in events
    ]
    return header + "\n" + table(["date", "kind", "summary", "sources"], rows) if rows else header


def lineage(
    entity: Entity,
    result: Lineage,
    names: Mapping[str, Entity],
    sources: Mapping[str, Source],
    lang: str,
    known_at: PartialDate | None = None,
) -> str:
    """Hand-overs as a table: depth, date (marked where the editors inferred the hand-over),
    from, to, what moved, sources; its header says the date it is known at, if any."""
    rows = [
        [
            str(t.depth),
            _marked(t.event, event_date(t.event, lang), lang),
            entity_name(t.transferor, names, lang),
            entity_name(t.transferee, names, lang),
            moved(t, names, lang),
            _cite(t.event.citations, sources),
        ]
        for t in result.transfers
    ]
    header = f"{_title(entity, lang, known_at)}: {len(rows)} hand-over(s)"
    text = header + (
        "\n" + table(["depth", "date", "from", "to", "business", "sources"], rows) if rows else ""
    )
    for cycle in result.cycles:
        text += "\ncycle: " + " -> ".join(entity_name(n, names, lang) for n in [*cycle, cycle[0]])
    return text


def stats_table(per_class: dict[str, int], per_graph: dict[str, int]) -> str:
    """Counts per class, then triples per graph."""
    classes = table(["class", "count"], [[k, str(v)] for k, v in sorted(per_class.items())])
    graphs = table(["graph", "triples"], [[k, str(v)] for k, v in sorted(per_graph.items())])
    total = sum(per_graph.values())
    return f"{classes}\n\n{graphs}\n\n{len(per_graph)} graph(s), {total} triples"


def staging_text(versions: Sequence[StagedVersion], *, removed: bool) -> str:
    """Version graphs no published graph names, as a table, and a last line that says what
    ``finreg staging --clean`` does (or, when ``removed``, what it did)."""
    if not versions:
        return "no versions removed" if removed else "no staged or leftover versions"
    rows = [
        [
            v.state,
            v.graph or "?",
            str(v.triples),
            v.holder or "",
            v.since or "",
            v.until or "",
            v.version.rsplit("/", 1)[-1],
        ]
        for v in versions
    ]
    text = table(["state", "graph", "triples", "load", "since", "until", "version"], rows)
    if removed:
        return f"{text}\n\nremoved {len(versions)} version(s)"
    ready = sum(1 for v in versions if v.removable)
    return (
        f"{text}\n\n{len(versions)} version(s); 'finreg staging --clean' removes {ready} "
        "(the others belong to loads under way, or were replaced moments ago)"
    )


def diff_text(diffs: Sequence[GraphDiff], *, triples: int = 20) -> str:
    """What a load would change, graph by graph: the entities and events that would be new,
    changed or gone (named, with dates), then up to ``triples`` added and removed triples."""
    blocks = []
    for d in diffs:
        if not d.changes:
            blocks.append(f"{d.key} ({d.path}): unchanged")
            continue
        state = "changed" if d.exists else "new graph"
        lines = [f"{d.key} ({d.path}): {state}, +{len(d.added)} -{len(d.removed)} triples"]
        for title, nodes in (("new", d.new), ("changed", d.changed), ("gone", d.gone)):
            lines += [f"  {title:8} {n.kind:18} {n.label}  <{n.iri}>" for n in nodes]
        shown = [f"  + {t}" for t in d.added[:triples]] + [f"  - {t}" for t in d.removed[:triples]]
        hidden = len(d.added) + len(d.removed) - len(shown)
        lines += shown + (
            [f"  ... and {hidden} more triples (--json lists them all)"] if hidden else []
        )
        blocks.append("\n".join(lines))
    return "\n".join(blocks)
