"""The graph around the companies: sources, regulators, groups, and notices that regulators
issue and that affect companies."""

from __future__ import annotations

from bench.generate.base import Company, GeneratorBase
from bench.generate.turtle import lit, node
from bench.generate.words import NOTICE_TYPES, PUBLISHERS, REGULATORS


class Registers(GeneratorBase):
    """Sources, regulators and groups (before the companies), notices (after them)."""

    def _sources(self) -> None:
        for s in range(self.n_sources):
            brand, _ = self.brand(900_000 + s)
            when = self.day(2010, 2025)
            publisher = self.rng.choice(PUBLISHERS)
            self.w["sources"].write(
                node(
                    f"source:s{s}",
                    [
                        ("a", "fr:Source"),
                        ("dcterms:title", lit(f"{brand}等机构业务调整报道（{s}）", "zh")),
                        ("dcterms:publisher", lit(publisher, "zh")),
                        ("dcterms:issued", when.literal()),
                    ],
                )
            )

    def _regulators_and_groups(self) -> None:
        for slug, legal, short, english in REGULATORS:
            self.w["entities"].write(
                node(
                    f"regulator:{slug}",
                    [
                        ("a", "fr:Regulator"),
                        ("fr:name", self.name(legal, "zh", "LegalName")),
                        ("fr:name", self.name(short, "zh", "ShortName")),
                        ("fr:name", self.name(english, "en", "Translation")),
                    ],
                )
            )
        for g in range(self.n_groups):
            brand, pinyin = self.brand(700_000 + g)
            self.w["entities"].write(
                node(
                    f"group:{pinyin}-group-{g}",
                    [
                        ("a", "fr:Group"),
                        ("fr:name", self.name(f"{brand}集团", "zh", "ShortName")),
                        ("fr:name", self.name(f"{pinyin.capitalize()} Group", "en", "Translation")),
                    ],
                )
            )

    def _notices(self, companies: list[Company]) -> None:
        rng, w = self.rng, self.w
        for n in range(max(3, len(companies) // 20)):
            slug, legal, short, _ = rng.choice(REGULATORS)
            type_zh, type_en = rng.choice(NOTICE_TYPES)
            notice = f"notice:{slug}-{n}"
            affected = rng.sample(companies, k=min(len(companies), rng.randint(1, 3)))
            w["entities"].write(
                node(
                    notice,
                    [
                        ("a", "fr:Notice"),
                        (
                            "fr:name",
                            self.name(
                                f"{short}关于小额贷款公司的{type_zh}（第{n}号）", "zh", "LegalName"
                            ),
                        ),
                        ("fr:noticeType", lit(type_zh, "zh")),
                        ("fr:noticeType", lit(type_en, "en")),
                        ("fr:issuedBy", f"regulator:{slug}"),
                        *[("fr:affects", f"company:{c.slug}") for c in affected],
                    ],
                )
            )
            w["events-lifecycle"].write(
                self.event(
                    f"{slug}-notice-{n}-issued",
                    "NoticeIssued",
                    f"{legal}发布{type_zh}。",
                    f"{REGULATORS[0][3] if slug == 'nfra' else slug} issues a {type_en}.",
                    [("fr:subject", notice), ("fr:issuer", f"regulator:{slug}")],
                    self.day(2015, 2025),
                )
            )
