"""Pictures of lineages: SVG (drawn here, no system dependency) and Graphviz DOT source.

Companies are boxes in columns (transferors left, transferees right, see kg.lineage.layers);
each hand-over is an arrow labelled with its date at true precision and what moved. An arrow
between neighbouring columns crosses the gap between them; one that skips columns runs along a
lane above the boxes, one that closes a cycle along a lane below them, so no arrow crosses a box.
The DOT source (kg.dot) and the timeline picture (kg.timeline_picture) are re-exported here.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from api.present.dot import lineage_dot
from api.present.layout import layers
from api.present.phrases import entity_name, event_date, moved, pick, word
from api.present.svg import FILL, FOCUS_FILL, FOCUS_STROKE, FONT_SIZE, STROKE, Canvas, n, text_width
from api.present.timeline_picture import timeline_svg
from kg.model import Entity, Transfer

__all__ = ["lineage_dot", "lineage_svg", "timeline_svg"]

BOX_H = 36.0
ROW_GAP = 40.0
CURVE = 64.0
PAD = 12.0
LANE_GAP = 40.0
LINE = FONT_SIZE + 4.0


@dataclass
class _Box:
    iri: str
    name: str
    column: int
    row: int = 0
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0

    @property
    def mid(self) -> float:
        return self.y + BOX_H / 2


def _nodes(transfers: Sequence[Transfer]) -> list[str]:
    return list(dict.fromkeys(n for t in transfers for n in (t.transferor, t.transferee)))


def _ordered_columns(boxes: dict[str, _Box], transfers: Sequence[Transfer]) -> list[list[_Box]]:
    """Boxes per column, ordered to keep arrows short (barycentre sweeps, ties by first sight)."""
    count = max(b.column for b in boxes.values()) + 1
    columns: list[list[_Box]] = [[] for _ in range(count)]
    for box in boxes.values():
        columns[box.column].append(box)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for t in transfers:
        neighbours[t.transferor].add(t.transferee)
        neighbours[t.transferee].add(t.transferor)

    def sweep(order: range, side: int) -> None:
        for c in order:
            position = {b.iri: i for i, b in enumerate(columns[c + side])}

            def centre(box: _Box, at: int, pos: dict[str, int] = position) -> tuple[float, int]:
                near = [pos[m] for m in neighbours[box.iri] if m in pos]
                return (sum(near) / len(near) if near else float(at), at)

            columns[c] = [
                b
                for _, b in sorted(
                    ((centre(b, i), b) for i, b in enumerate(columns[c])), key=lambda pair: pair[0]
                )
            ]

    for _ in range(4):
        sweep(range(1, count), -1)
        sweep(range(count - 2, -1, -1), +1)
    return columns


def _place(
    columns: list[list[_Box]],
    transfers: Sequence[Transfer],
    lang: str,
    entities: Mapping[str, Entity],
) -> tuple[list[float], list[float]]:
    """Set every box's position; return each column's left edge and the width of the widest
    label in the gap after each column."""
    labels = [0.0] * len(columns)
    column_of = {b.iri: b.column for col in columns for b in col}
    for t in transfers:
        c = column_of[t.transferor]
        if column_of[t.transferee] == c + 1:
            label = max(
                text_width(event_date(t.event, lang), 12), text_width(moved(t, entities, lang), 12)
            )
            labels[c] = max(labels[c], label)
    tallest = max(len(col) for col in columns)
    lefts, x = [], 0.0
    for c, col in enumerate(columns):
        lefts.append(x)
        offset = (tallest - len(col)) * (BOX_H + ROW_GAP) / 2
        for row, box in enumerate(col):
            box.row, box.x, box.y = row, x, offset + row * (BOX_H + ROW_GAP)
        x += max(b.w for b in col) + max(60.0, labels[c] + 16 + CURVE)
    return lefts, labels


def lineage_svg(
    transfers: Sequence[Transfer],
    entities: Mapping[str, Entity],
    *,
    focus: str,
    lang: str = "zh",
    link: Callable[[str], str] | None = None,
    id_prefix: str = "finreg-lineage",
) -> str:
    """The hand-overs as an SVG picture: entities as boxes, hand-overs as labelled arrows.

    ``focus`` (the entity the lineage is about) is highlighted: its box, or for a product the
    arrows that moved it. With ``link``, each box links to ``link(iri)``. Every id in the
    picture starts with ``id_prefix``: give each picture inlined in one HTML page its own.

    >>> svg = lineage_svg([], {}, focus="x", lang="en")
    >>> 'role="img"' in svg and "no hand-overs" in svg
    True
    """
    title = word("handovers_of", lang, name=entity_name(focus, entities, lang))
    canvas = Canvas(id_prefix, title=title, desc="")
    if not transfers:
        canvas.describe(word("no_handovers", lang))
        canvas.text(0, 0, word("no_handovers", lang), fill="#555")
        return canvas.finish()
    nodes = _nodes(transfers)
    column = layers(nodes, [(t.transferor, t.transferee) for t in transfers])
    boxes = {iri: _Box(iri, entity_name(iri, entities, lang), column[iri]) for iri in nodes}
    for box in boxes.values():
        box.w = max(60.0, text_width(box.name) + 2 * PAD)
    columns = _ordered_columns(boxes, transfers)
    lefts, labels = _place(columns, transfers, lang, entities)
    rights = [lefts[c] + max(b.w for b in col) for c, col in enumerate(columns)]
    canvas.describe("; ".join(_sentence(t, boxes, entities, lang) for t in transfers))
    marker = _markers(canvas)
    top = min(b.y for b in boxes.values())
    bottom = max(b.y for b in boxes.values()) + BOX_H
    canvas.text(
        lefts[0], top - 24 - LANE_GAP * _lanes(transfers, column)[0], title, font_weight="bold"
    )
    _edges(
        canvas,
        transfers,
        boxes,
        (lefts, rights, labels),
        (top, bottom),
        marker,
        focus,
        entities,
        lang,
    )
    for box in boxes.values():
        _box(canvas, box, entities, focus, link)
    return canvas.finish()


def _sentence(
    t: Transfer, boxes: Mapping[str, _Box], entities: Mapping[str, Entity], lang: str
) -> str:
    """One hand-over in words, for the picture's description."""
    what = moved(t, entities, lang)
    when = event_date(t.event, lang) + (f": {what}" if what else "")
    return f"{boxes[t.transferor].name} → {boxes[t.transferee].name} ({when})"


def _lanes(transfers: Sequence[Transfer], column: Mapping[str, int]) -> tuple[int, int]:
    above = sum(1 for t in transfers if column[t.transferee] - column[t.transferor] > 1)
    below = sum(1 for t in transfers if column[t.transferee] <= column[t.transferor])
    return above, below


def _markers(canvas: Canvas) -> dict[bool, str]:
    found = {}
    for focused, colour in ((False, STROKE), (True, FOCUS_STROKE)):
        name = canvas.id("arrow-focus" if focused else "arrow")
        mark = ET.SubElement(
            canvas.defs,
            "marker",
            {
                "id": name,
                "viewBox": "0 0 10 10",
                "refX": "10",
                "refY": "5",
                "markerWidth": "8",
                "markerHeight": "8",
                "orient": "auto-start-reverse",
            },
        )
        ET.SubElement(mark, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": colour})
        found[focused] = f"url(#{name})"
    return found


def _edges(
    canvas: Canvas,
    transfers: Sequence[Transfer],
    boxes: Mapping[str, _Box],
    columns: tuple[list[float], list[float], list[float]],
    span: tuple[float, float],
    marker: Mapping[bool, str],
    focus: str,
    entities: Mapping[str, Entity],
    lang: str,
) -> None:
    lefts, rights, labels = columns
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    fan_in: dict[str, int] = defaultdict(int)
    fan_out: dict[str, int] = defaultdict(int)
    for i, t in enumerate(transfers):
        pairs[(t.transferor, t.transferee)].append(i)
        if boxes[t.transferee].column == boxes[t.transferor].column + 1:
            fan_in[t.transferee] += 1
            fan_out[t.transferor] += 1
    above = below = 0
    placed: list[tuple[float, float, float, float]] = []
    for i, t in enumerate(transfers):
        a, b = boxes[t.transferor], boxes[t.transferee]
        siblings = pairs[(t.transferor, t.transferee)]
        shift = (siblings.index(i) - (len(siblings) - 1) / 2) * 8
        y1, y2 = a.mid + shift, b.mid + shift
        focused = focus in t.business
        colour = FOCUS_STROKE if focused else STROKE
        group = canvas.group(class_="handover", data_event=t.event.iri)
        ET.SubElement(group, "title").text = pick(t.event.summaries, lang) or event_date(
            t.event, lang
        )
        if b.column == a.column + 1:
            x1, x2 = rights[a.column], lefts[b.column]
            room = labels[a.column] + 16
            # Fan-in: each label beside its own transferor; fan-out: beside each transferee.
            if fan_in[t.transferee] >= fan_out[t.transferor]:
                c1, c2, lx, ly = x1 + room, x2, x1 + room / 2, y1
            else:
                c1, c2, lx, ly = x1, x2 - room, x2 - room / 2, y2
            bend = (c1 + c2) / 2
            d = (
                f"M{n(a.x + a.w)},{n(y1)} H{n(c1)} C{n(bend)},{n(y1)} {n(bend)},{n(y2)} "
                f"{n(c2)},{n(y2)} H{n(b.x)}"
            )
            points = [(a.x + a.w, y1), (b.x, y2)]
            ly = _free(placed, lx, ly, t, entities, lang)
        else:
            forward = b.column > a.column
            if forward:
                above += 1
                lane = span[0] - LANE_GAP * above + 4
            else:
                below += 1
                lane = span[1] + LANE_GAP * below - 8
            out = rights[a.column] + 8 + 4 * (above + below)
            into = lefts[b.column] - 8 - 4 * (above + below)
            d = f"M{n(a.x + a.w)},{n(y1)} H{n(out)} V{n(lane)} H{n(into)} V{n(y2)} H{n(b.x)}"
            points = [(a.x + a.w, y1), (out, lane), (into, y2), (b.x, y2)]
            lx, ly = (out + into) / 2, lane
        canvas.path(
            d,
            points,
            group,
            fill="none",
            stroke=colour,
            stroke_width="2.5" if focused else "1.5",
            marker_end=marker[focused],
        )
        for text, dy in ((event_date(t.event, lang), -5.0), (moved(t, entities, lang), LINE - 4)):
            if text:
                # A pale backing keeps the label readable where it crosses a line.
                w = text_width(text, 12) + 4
                canvas.rect(lx - w / 2, ly + dy - 11, w, 14, group, fill="#fff", opacity="0.85")
                canvas.text(
                    lx, ly + dy, text, group, anchor="middle", size=12, fill=colour, class_="label"
                )


def _free(
    placed: list[tuple[float, float, float, float]],
    x: float,
    y: float,
    t: Transfer,
    entities: Mapping[str, Entity],
    lang: str,
) -> float:
    """A label height near ``y`` where this label overlaps no label already placed."""
    half = max(text_width(event_date(t.event, lang), 12), text_width(moved(t, entities, lang), 12))
    half = half / 2 + 2
    while any(
        x - half < r[2] and r[0] < x + half and y - 18 < r[3] and r[1] < y + 18 for r in placed
    ):
        y += 36
    placed.append((x - half, y - 18, x + half, y + 18))
    return y


def _box(
    canvas: Canvas,
    box: _Box,
    entities: Mapping[str, Entity],
    focus: str,
    link: Callable[[str], str] | None,
) -> None:
    parent: ET.Element | None = None
    if link is not None:
        parent = canvas.group(class_="link")
        parent.tag = "a"
        parent.set("href", link(box.iri))
    focused = box.iri == focus
    group = canvas.group(parent, class_="node focus" if focused else "node", data_iri=box.iri)
    found = entities.get(box.iri)
    other = [v.value for v in found.names if v.value != box.name][:3] if found else []
    ET.SubElement(group, "title").text = " / ".join([box.name, *other])
    canvas.rect(
        box.x,
        box.y,
        box.w,
        BOX_H,
        group,
        rx="6",
        fill=FOCUS_FILL if focused else FILL,
        stroke=FOCUS_STROKE if focused else STROKE,
        stroke_width="2.5" if focused else "1.2",
    )
    canvas.text(
        box.x + box.w / 2,
        box.mid + FONT_SIZE * 0.35,
        box.name,
        group,
        anchor="middle",
        font_weight="bold" if focused else "normal",
    )
