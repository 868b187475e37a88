"""Figures: numbers about companies (registered capital, total assets, net profit, revenue,
loan balance), about as many per company as the seeds have (61 figures about 22 companies,
2.8 each), each with its metric, amount, unit, date stated by its source; and the metrics,
declared with zh and en labels as seeds/vocabulary.ttl declares them.

They draw from a random generator of their own, so adding them left every other part of the
graph (and the benchmark's start points) as it was."""

from __future__ import annotations

import random

from bench.generate.base import Company, GeneratorBase, stated
from bench.generate.turtle import Day, lit, node

METRICS = (
    ("registered-capital", "注册资本", "registered capital"),
    ("total-assets", "总资产", "total assets"),
    ("net-profit", "净利润", "net profit"),
    ("revenue", "营业收入", "revenue"),
    ("loan-balance", "贷款余额", "loan balance"),
)
PER_COMPANY = (0, 1, 2, 3, 4, 5, 6)
WEIGHTS = (10, 14, 22, 22, 16, 9, 7)
"""How many figures a company has: 2.8 on average, as in the seeds."""
FIGURE_SEED = 1_000_003
"""Added to the graph's seed for the figures' own random numbers."""


class Figures(GeneratorBase):
    """The metrics, then each company's figures."""

    def _metrics(self) -> None:
        for slug, zh, en in METRICS:
            self.w["figures"].write(
                node(
                    f"metric:{slug}",
                    [
                        ("a", "fr:Metric"),
                        ("rdfs:label", lit(zh, "zh")),
                        ("rdfs:label", lit(en, "en")),
                    ],
                )
            )

    def _figures(self, companies: list[Company]) -> None:
        rng = random.Random(self.manifest.seed + FIGURE_SEED)
        for c in companies:
            count = rng.choices(PER_COMPANY, weights=WEIGHTS)[0]
            for k in range(count):
                slug, _, _ = METRICS[rng.randrange(len(METRICS))]
                year = rng.randint(max(c.founded.year, 2015), 2025)
                when = Day(year, rng.randint(1, 12), rng.randint(1, 28), "day")
                source = f"source:s{rng.randrange(self.n_sources)}"
                amount = rng.randint(1, 5000) * 1_000_000
                self.w["figures"].write(
                    node(
                        f"figure:{c.slug}-{slug}-{k}",
                        [
                            ("a", "fr:Figure"),
                            ("fr:figureOf", f"company:{c.slug}"),
                            ("fr:metric", f"metric:{slug}"),
                            ("fr:amount", f'"{amount}"^^xsd:decimal'),
                            ("fr:unit", lit("CNY")),
                            ("fr:date", when.literal()),
                            ("prov:wasDerivedFrom", source),
                            stated(source, "fr:date", locator=f"[{rng.randint(1, 9)}]"),
                        ],
                    )
                )
            if count and not self.manifest.figured:
                self.manifest.figured = c.short
