"""A small SVG canvas for finreg's pictures, built with ElementTree so that any text is escaped.

The canvas grows to fit what is drawn on it (its viewBox is set on ``finish``), so layouts
only place things and never compute the picture's size by hand.

>>> canvas = Canvas("pic", title="A <b> & c", desc="d")
>>> _ = canvas.text(10, 20, 'say "hi" & <bye>')
>>> svg = canvas.finish()
>>> '&lt;b&gt; &amp; c' in svg and 'say "hi" &amp; &lt;bye&gt;' in svg
True
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from api.present.text import width as columns

SVG_NS = "http://www.w3.org/2000/svg"
FONT = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
    "'WenQuanYi Micro Hei', sans-serif"
)
FONT_SIZE = 14
FILL, STROKE = "#eef2ff", "#4338ca"
FOCUS_FILL, FOCUS_STROKE = "#fde68a", "#b45309"
"""Box and arrow colours; the focus entity's box and the arrows that moved it stand out."""
MARGIN = 16


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of how wide ``text`` is drawn at ``size`` px (CJK characters one em)."""
    return columns(text) * size * 0.55


@dataclass
class Canvas:
    """An SVG document under construction; ``prefix`` keeps its ids unique within a page."""

    prefix: str
    title: str
    desc: str
    root: ET.Element = field(init=False)
    body: ET.Element = field(init=False)
    _box: list[float] = field(init=False, default_factory=lambda: [0.0, 0.0, 0.0, 0.0])
    _empty: bool = field(init=False, default=True)

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Za-z][\w.-]*", self.prefix):
            raise ValueError(f"not an XML id prefix: {self.prefix!r}")
        self.root = ET.Element(
            "svg",
            {
                "xmlns": SVG_NS,
                "version": "1.1",
                "role": "img",
                "aria-labelledby": f"{self.prefix}-title {self.prefix}-desc",
                "font-family": FONT,
                "font-size": str(FONT_SIZE),
            },
        )
        ET.SubElement(self.root, "title", {"id": f"{self.prefix}-title"}).text = self.title
        self.description = ET.SubElement(self.root, "desc", {"id": f"{self.prefix}-desc"})
        self.description.text = self.desc
        self.defs = ET.SubElement(self.root, "defs")
        self.body = ET.SubElement(self.root, "g")

    def describe(self, text: str) -> None:
        """Set the picture's <desc>, the text that screen readers read for it."""
        self.description.text = text

    def id(self, name: str) -> str:
        """An id unique to this picture."""
        return f"{self.prefix}-{name}"

    def grow(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Make sure the rectangle (x0, y0)-(x1, y1) is inside the picture."""
        if self._empty:
            self._box = [x0, y0, x1, y1]
            self._empty = False
            return
        box = self._box
        self._box = [min(box[0], x0), min(box[1], y0), max(box[2], x1), max(box[3], y1)]

    def group(self, parent: ET.Element | None = None, **attrs: str) -> ET.Element:
        """A <g> under ``parent`` (the body when None)."""
        return ET.SubElement(self.body if parent is None else parent, "g", _attrs(attrs))

    def rect(
        self, x: float, y: float, w: float, h: float, parent: ET.Element | None = None, **attrs: str
    ) -> ET.Element:
        """A rectangle."""
        self.grow(x, y, x + w, y + h)
        return ET.SubElement(
            self.body if parent is None else parent,
            "rect",
            {"x": _n(x), "y": _n(y), "width": _n(w), "height": _n(h), **_attrs(attrs)},
        )

    def text(
        self,
        x: float,
        y: float,
        content: str,
        parent: ET.Element | None = None,
        *,
        anchor: str = "start",
        size: float = FONT_SIZE,
        **attrs: str,
    ) -> ET.Element:
        """A line of text with its baseline at ``y``; ``anchor`` is start, middle or end."""
        w = text_width(content, size)
        left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        self.grow(left, y - size, left + w, y + size * 0.3)
        element = ET.SubElement(
            self.body if parent is None else parent,
            "text",
            {"x": _n(x), "y": _n(y), "text-anchor": anchor, **_attrs(attrs)},
        )
        if size != FONT_SIZE:
            element.set("font-size", _n(size))
        element.text = content
        return element

    def path(
        self,
        d: str,
        points: list[tuple[float, float]],
        parent: ET.Element | None = None,
        **attrs: str,
    ) -> ET.Element:
        """A path ``d`` whose extent ``points`` covers."""
        for x, y in points:
            self.grow(x, y, x, y)
        return ET.SubElement(
            self.body if parent is None else parent, "path", {"d": d, **_attrs(attrs)}
        )

    def finish(self) -> str:
        """The SVG document as text (no XML declaration, so that it can be inlined in HTML)."""
        x0, y0, x1, y1 = self._box
        x0, y0, x1, y1 = x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN
        self.root.set("viewBox", f"{_n(x0)} {_n(y0)} {_n(x1 - x0)} {_n(y1 - y0)}")
        self.root.set("width", _n(x1 - x0))
        self.root.set("height", _n(y1 - y0))
        if not len(self.defs):
            self.root.remove(self.defs)
        return ET.tostring(self.root, encoding="unicode") + "\n"


def _attrs(attrs: dict[str, str]) -> dict[str, str]:
    """Python keyword names to SVG attribute names: ``stroke_width`` is ``stroke-width``."""
    return {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}


def _n(value: float) -> str:
    """A coordinate as short, stable text."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def n(value: float) -> str:
    """A coordinate as short, stable text (for path data)."""
    return _n(value)
