"""Lineages as Graphviz DOT source, for users who render with graphviz (``dot -Tsvg``).

Every identifier and label is a double-quoted DOT string with backslashes, quotes and line
breaks escaped, so no name can break out of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from api.present.phrases import entity_name, event_date, moved, word
from api.present.svg import FILL, FOCUS_FILL, FOCUS_STROKE, STROKE
from kg.model import Entity, Transfer


def quoted(text: str) -> str:
    r"""A DOT double-quoted string.

    >>> print(quoted('a "b" \\ c'))
    "a \"b\" \\ c"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def lineage_dot(
    transfers: Sequence[Transfer],
    entities: Mapping[str, Entity],
    *,
    focus: str,
    lang: str = "zh",
    link: Callable[[str], str] | None = None,
) -> str:
    """The hand-overs as Graphviz DOT source, the same graph as kg.pictures.lineage_svg: a
    node per entity (the focus highlighted; with ``link``, a URL each), an edge per hand-over
    labelled with its date at true precision and what moved.

    >>> print(lineage_dot([], {}, focus="x", lang="en"))  # doctest: +NORMALIZE_WHITESPACE
    digraph lineage {
      graph [rankdir=LR, charset="UTF-8", labelloc=t, label="Hand-overs of x"];
      node [shape=box, style="rounded,filled", fillcolor="#eef2ff", color="#4338ca"];
      edge [color="#4338ca", fontsize=11];
    }
    """
    title = word("handovers_of", lang, name=entity_name(focus, entities, lang))
    lines = [
        "digraph lineage {",
        f'  graph [rankdir=LR, charset="UTF-8", labelloc=t, label={quoted(title)}];',
        f'  node [shape=box, style="rounded,filled", fillcolor="{FILL}", color="{STROKE}"];',
        f'  edge [color="{STROKE}", fontsize=11];',
    ]
    nodes = dict.fromkeys(n for t in transfers for n in (t.transferor, t.transferee))
    for iri in nodes:
        attrs = [f"label={quoted(entity_name(iri, entities, lang))}"]
        if iri == focus:
            attrs += [f'fillcolor="{FOCUS_FILL}"', f'color="{FOCUS_STROKE}"', "penwidth=2"]
        if link is not None:
            attrs.append(f"URL={quoted(link(iri))}")
        lines.append(f"  {quoted(iri)} [{', '.join(attrs)}];")
    for t in transfers:
        parts = [p for p in (event_date(t.event, lang), moved(t, entities, lang)) if p]
        attrs = [f"label={quoted(chr(10).join(parts))}", f"tooltip={quoted(t.event.iri)}"]
        if focus in t.business:
            attrs += [f'color="{FOCUS_STROKE}"', "penwidth=2"]
        lines.append(f"  {quoted(t.transferor)} -> {quoted(t.transferee)} [{', '.join(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
