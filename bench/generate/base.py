"""The generator's state (seeded random numbers, sizes, the manifest) and the helpers every
part of the graph uses: brands, dates, sources, names and events."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate.turtle import BNode, Day, Writer, lit, node
from bench.generate.words import BRAND_CHARS


@dataclass
class Company:
    index: int
    slug: str
    short: str
    legal: str
    english: str
    founded: Day
    region: int
    events: int = 0
    product: str | None = None


@dataclass
class Manifest:
    """What the benchmark asks of a generated graph."""

    target: int
    seed: int
    triples: int = 0
    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    lineage: dict[str, list[str]] = field(default_factory=dict)
    lineage_iris: dict[str, list[str]] = field(default_factory=dict)
    product: str = ""
    timeline: str = ""
    resolve: str = ""
    search: str = ""
    event_kinds: list[str] = field(default_factory=lambda: ["LICENCE_REVOCATION"])
    seconds: float = 0.0


COMPANY_TRIPLES = 75
"""Triples per company, all its events and its share of sources and notices (measured)."""


class GeneratorBase:
    """The state of one graph being generated and the helpers its parts share; the parts are
    mixed in by bench.generate.generator.Generator."""

    w: dict[str, Writer]
    """The writers by file kind, opened by ``Generator.run``."""

    def __init__(self, target: int, out: Path, seed: int = 5) -> None:
        self.rng = random.Random(seed)
        self.out = out
        self.manifest = Manifest(target=target, seed=seed)
        self.n_companies = max(60, round(target / COMPANY_TRIPLES))
        self.n_sources = max(10, self.n_companies // 2)
        self.n_groups = max(3, self.n_companies // 40)
        self.chars = list(dict.fromkeys(BRAND_CHARS))
        self.base = len(self.chars)
        self.space = self.base**3
        from pypinyin import Style, lazy_pinyin  # finreg's own dependency

        self.pinyin = {c: lazy_pinyin(c, style=Style.NORMAL)[0] for c in self.chars}
        self.events = 0

    # Names and dates -----------------------------------------------------------------

    def brand(self, k: int) -> tuple[str, str]:
        """A unique three-character brand for number ``k`` and its pinyin."""
        n = (k * 1_000_003 + 12_345) % self.space
        chars = []
        for _ in range(3):
            n, r = divmod(n, self.base)
            chars.append(self.chars[r])
        return "".join(chars), "".join(self.pinyin[c] for c in chars)

    def day(self, start: int, end: int) -> Day:
        year = self.rng.randint(start, end)
        precision = self.rng.choices(["year", "month", "day"], weights=[2, 3, 5])[0]
        return Day(year, self.rng.randint(1, 12), self.rng.randint(1, 28), precision)

    def later(self, after: Day, max_years: int = 2) -> Day:
        year = min(after.year + self.rng.randint(0, max_years), 2025)
        d = self.day(year, year)
        return d if (d.year, d.month, d.day) >= (after.year, after.month, after.day) else after

    def source(self) -> str:
        return f"source:s{self.rng.randrange(self.n_sources)}"

    def name(self, value: str, lang: str, kind: str, **dates: Day) -> BNode:
        pairs: list[tuple[str, object]] = [
            ("a", "fr:Name"),
            ("fr:value", lit(value, lang)),
            ("fr:nameKind", f"fr:{kind}"),
        ]
        for key, when in dates.items():
            pairs.append((f"fr:{key}", when.literal()))
        pairs.append(("prov:wasDerivedFrom", self.source()))
        return BNode(pairs)

    def event(
        self,
        slug: str,
        cls: str,
        zh: str,
        en: str,
        roles: list[tuple[str, str]],
        when: Day,
        *,
        bound: bool = False,
    ) -> tuple[str, int]:
        """An event with one class, zh+en summaries, roles, a date (or only a bound), sources."""
        self.events += 1
        sources = sorted({self.source() for _ in range(self.rng.randint(1, 2))})
        pairs: list[tuple[str, object]] = [
            ("a", f"fr:{cls}"),
            ("fr:summary", lit(zh, "zh")),
            ("fr:summary", lit(en, "en")),
        ]
        pairs += roles
        pairs.append(("fr:notAfter" if bound else "fr:date", when.literal()))
        pairs += [("prov:wasDerivedFrom", s) for s in sources]
        locator = f"[{self.rng.randint(1, 9)}]"
        pairs.append(
            (
                "prov:qualifiedDerivation",
                BNode(
                    [
                        ("a", "prov:Derivation"),
                        ("prov:entity", sources[0]),
                        ("fr:locator", lit(locator)),
                    ]
                ),
            )
        )
        return node(f"event:{slug}", pairs)
