"""Companies: their names (about a third renamed), establishment, the odd deregistration,
stakes held by groups, licences with grants and revocations, products with launches and
operations."""

from __future__ import annotations

from bench.generate.base import Company, GeneratorBase, stated
from bench.generate.turtle import Day, lit, node
from bench.generate.words import COMPANY_TYPES, PRODUCT_WORDS, REGIONS


class Companies(GeneratorBase):
    """One company at a time, with its licence, product and stake."""

    def _regulator_for(self, region: int) -> str:
        by_region = {
            0: "chongqing-lfa",
            2: "shanghai-lfa",
            3: "beijing-lfa",
            1: "zhejiang-lfa",
            4: "shenzhen-lfa",
        }
        return "regulator:" + (by_region.get(region, "nfra") if self.rng.random() < 0.7 else "nfra")

    def _company(self, i: int) -> Company:
        rng, w = self.rng, self.w
        r = rng.randrange(len(REGIONS))
        region_zh, region_en, region_slug = REGIONS[r]
        legal_suffix, short_suffix, type_en, type_slug = rng.choice(COMPANY_TYPES)
        brand, pinyin = self.brand(i)
        slug = f"{region_slug}-{pinyin}-{type_slug}-{i}"
        iri = f"company:{slug}"
        legal = f"{region_zh}{brand}{legal_suffix}"
        short = f"{brand}{short_suffix}"
        english = f"{region_en} {pinyin.capitalize()} {type_en}"
        founded = self.day(2000, 2018)
        c = Company(i, slug, short, legal, english, founded, r)
        names: list[tuple[str, object]] = []
        renamed = rng.random() < 0.3
        if renamed:
            old_brand, _ = self.brand(200_000 + i)
            when = self.later(Day(founded.year + 3, precision="year"), 4)
            old_legal = f"{region_zh}{old_brand}{legal_suffix}"
            names += [
                ("fr:name", self.name(old_legal, "zh", "FormerName", validTo=when)),
                ("fr:name", self.name(legal, "zh", "LegalName", validFrom=when)),
            ]
            if not self.manifest.resolve:
                self.manifest.resolve = old_legal
        else:
            names.append(("fr:name", self.name(legal, "zh", "LegalName")))
        names += [
            ("fr:name", self.name(short, "zh", "ShortName")),
            ("fr:name", self.name(english, "en", "Translation")),
        ]
        w["entities"].write(node(iri, [("a", "fr:Company"), *names]))
        if not self.manifest.search:
            self.manifest.search = brand[:2]
        ev = w["events-lifecycle"]
        ev.write(
            self.event(
                f"{slug}-establishment",
                "Establishment",
                f"{legal}成立。",
                f"{english} is established.",
                [("fr:subject", iri)],
                founded,
            )
        )
        c.events += 1
        if renamed:
            ev.write(
                self.event(
                    f"{slug}-rename",
                    "Rename",
                    f"{legal}更名。",
                    f"{english} changes its name.",
                    [("fr:subject", iri)],
                    when,
                )
            )
            c.events += 1
        if rng.random() < 0.6:
            self._licence(c, iri)
        if rng.random() < 0.45:
            c.product = self._product(c, iri, f"{c.slug}-product")
        if rng.random() < 0.35:
            if not self.manifest.owned:
                self.manifest.owned = short
            g = rng.randrange(self.n_groups)
            _, gp = self.brand(700_000 + g)
            source = self.source()
            self.w["relationships"].write(
                node(
                    f"stake:{gp}-{slug}",
                    [
                        ("a", "fr:Stake"),
                        ("fr:owner", f"group:{gp}-group-{g}"),
                        ("fr:owned", iri),
                        ("fr:controlling", '"true"^^xsd:boolean'),
                        ("fr:validFrom", founded.literal()),
                        ("prov:wasDerivedFrom", source),
                        stated(source, "fr:validFrom"),
                    ],
                )
            )
        if rng.random() < 0.1:
            when = self.day(max(founded.year + 2, 2019), 2025)
            ev.write(
                self.event(
                    f"{slug}-deregistration",
                    "Deregistration",
                    f"{legal}注销。",
                    f"{english} is deregistered.",
                    [("fr:subject", iri)],
                    when,
                    bound=rng.random() < 0.3,
                )
            )
            c.events += 1
        return c

    def _licence(self, c: Company, iri: str) -> None:
        rng, w = self.rng, self.w
        lic = f"licence:{c.slug}-licence"
        issuer = self._regulator_for(c.region)
        w["entities"].write(
            node(
                lic,
                [
                    ("a", "fr:Licence"),
                    ("fr:name", self.name(f"{c.short}网络小贷牌照", "zh", "Alias")),
                    ("fr:heldBy", iri),
                    ("fr:issuedBy", issuer),
                    ("fr:licenceType", lit("网络小额贷款牌照", "zh")),
                    ("fr:licenceType", lit("online microloan licence", "en")),
                ],
            )
        )
        granted = self.later(c.founded, 1)
        ev = w["events-lifecycle"]
        ev.write(
            self.event(
                f"{c.slug}-licence-grant",
                "LicenceGrant",
                f"{c.legal}获发网络小贷牌照。",
                f"{c.english} is granted an online microloan licence.",
                [("fr:subject", lic), ("fr:holder", iri), ("fr:issuer", issuer)],
                granted,
            )
        )
        c.events += 1
        if rng.random() < 0.15:
            when = self.day(max(granted.year + 1, 2019), 2025)
            ev.write(
                self.event(
                    f"{c.slug}-licence-revocation",
                    "LicenceRevocation",
                    f"{c.legal}的网络小贷牌照被取消。",
                    f"The online microloan licence of {c.english} is revoked.",
                    [("fr:subject", lic), ("fr:holder", iri), ("fr:issuer", issuer)],
                    when,
                    bound=rng.random() < 0.4,
                )
            )
            c.events += 1

    def _product(self, c: Company, iri: str, slug: str) -> str:
        rng, w = self.rng, self.w
        k = 400_000 + self.manifest.counts.setdefault("_products", 0)
        self.manifest.counts["_products"] += 1
        brand, pinyin = self.brand(k)
        word_zh, word_en, word_slug = rng.choice(PRODUCT_WORDS)
        product = f"product:{pinyin}-{word_slug}-{k - 400_000}"
        w["entities"].write(
            node(
                product,
                [
                    ("a", "fr:Product"),
                    ("fr:name", self.name(f"{brand}{word_zh}", "zh", "LegalName")),
                    ("fr:name", self.name(f"{pinyin.capitalize()} {word_en}", "en", "Translation")),
                ],
            )
        )
        launched = self.later(c.founded, 3)
        w["events-lifecycle"].write(
            self.event(
                f"{slug}-launch",
                "ProductLaunch",
                f"{c.short}推出{brand}{word_zh}。",
                f"{c.english} launches {pinyin.capitalize()} {word_en}.",
                [("fr:subject", product), ("fr:operator", iri)],
                launched,
            )
        )
        c.events += 1
        source = self.source()
        w["relationships"].write(
            node(
                f"operation:{slug}",
                [
                    ("a", "fr:Operation"),
                    ("fr:operator", iri),
                    ("fr:product", product),
                    ("fr:validFrom", launched.literal()),
                    ("prov:wasDerivedFrom", source),
                    stated(source, "fr:validFrom"),
                ],
            )
        )
        return product
