"""Readable terminal reports for the CLI: timelines, lineages and counts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.display import event_date, table
from kg.knowledge import KnowledgeGraph
from kg.lineage import Lineage
from kg.loaders.diff import GraphDiff
from kg.model import Citation, Entity, Event, Source


def _cite(citations: Iterable[Citation], sources: dict[str, Source]) -> str:
    parts = []
    for c in citations:
        src = sources.get(c.source)
        label = f"{src.publisher} {src.published}" if src else c.source
        parts.append(f"{label} {c.locator}" if c.locator else label)
    return "; ".join(parts)


def _context(
    graph: KnowledgeGraph, events: Sequence[Event]
) -> tuple[dict[str, Entity], dict[str, Source]]:
    entity_iris = {p.entity for e in events for p in e.participants}
    source_iris = {c.source for e in events for c in e.citations}
    return graph.entities(entity_iris), graph.sources(source_iris)


def timeline(graph: KnowledgeGraph, entity: Entity, events: Sequence[Event], lang: str) -> str:
    """An entity's events as a table: date at true precision, kind, summary, sources."""
    _, sources = _context(graph, events)
    header = f"{entity.name(lang)} <{entity.iri}>: {len(events)} event(s)"
    rows = [
        [event_date(e), e.kind.name, e.summary(lang), _cite(e.citations, sources)] for e in events
    ]
    return header + "\n" + table(["date", "kind", "summary", "sources"], rows) if rows else header


def lineage(graph: KnowledgeGraph, entity: Entity, result: Lineage, lang: str) -> str:
    """Hand-overs as a table: depth, date, from, to, what moved, sources."""
    events = [t.event for t in result.transfers]
    names, sources = _context(graph, events)

    def name(iri: str) -> str:
        found = names.get(iri)
        return found.name(lang) if found else iri

    rows = []
    for t in result.transfers:
        moved = ", ".join(name(b) for b in t.business) or ", ".join(
            text for _, text in t.event.scope_notes[:1]
        )
        rows.append(
            [
                str(t.depth),
                event_date(t.event),
                name(t.transferor),
                name(t.transferee),
                moved,
                _cite(t.event.citations, sources),
            ]
        )
    header = f"{entity.name(lang)} <{entity.iri}>: {len(rows)} hand-over(s)"
    text = header + (
        "\n" + table(["depth", "date", "from", "to", "business", "sources"], rows) if rows else ""
    )
    for cycle in result.cycles:
        text += "\ncycle: " + " -> ".join(name(n) for n in [*cycle, cycle[0]])
    return text


def stats_table(per_class: dict[str, int], per_graph: dict[str, int]) -> str:
    """Counts per class, then triples per graph."""
    classes = table(["class", "count"], [[k, str(v)] for k, v in sorted(per_class.items())])
    graphs = table(["graph", "triples"], [[k, str(v)] for k, v in sorted(per_graph.items())])
    total = sum(per_graph.values())
    return f"{classes}\n\n{graphs}\n\n{len(per_graph)} graph(s), {total} triples"


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
