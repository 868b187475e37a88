"""Seeded synthetic finreg graphs, valid under finreg's own shapes, for the benchmarks.

The graphs copy the modelling of seeds/*.ttl: entities with ``fr:Name`` blank nodes (value@lang,
kind, validity, source), events with one class, zh+en summaries, roles, dates at their true
precision and a qualified derivation; sources with title, publisher and date. What is made:

- regulators (fixed), groups, companies with zh legal / zh short / en names; about a third are
  renamed (a former name with ``fr:validTo``, the new legal name with ``fr:validFrom`` and a
  ``fr:Rename`` event); establishments, deregistrations, stakes;
- products launched and operated by companies (``fr:Operation``);
- licences held by companies, with ``fr:LicenceGrant`` and the odd ``fr:LicenceRevocation``;
- notices issued by regulators (``fr:NoticeIssued``);
- business-transfer chains up to depth 20 that move a product along, with forks (one transferor,
  several transferees in one event), merges (several transfers into one company) and the odd
  cycle (the last company hands back to the first).

Files are split as a data engineer would: ``sources``, ``entities``, ``relationships``,
``events-lifecycle``, ``events-transfers`` (``-NNN`` parts past ``PART_TRIPLES`` triples or
``PART_BYTES`` bytes each),
plus ``manifest.json`` naming the benchmark's start points (not RDF, never loaded).

    python -m bench.generate --triples 100000 --out bench/data/100k
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.vocab import DATA, FR

PART_TRIPLES = 500_000
PART_BYTES = 24 * 1024 * 1024
"""A file kind rolls over to a new part after this many triples or bytes (the loader refuses
files over 32 MiB)."""

PREFIXES = (
    f"@prefix fr:      <{FR._NS}> .\n"
    "@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
    "@prefix prov:    <http://www.w3.org/ns/prov#> .\n"
    + "".join(
        f"@prefix {kind}: <{DATA}{kind}/> .\n"
        for kind in (
            "regulator", "company", "group", "product", "licence",
            "notice", "source", "event", "stake", "operation",
        )
    )
    + "\n"
)  # fmt: skip

# Word pools (common characters in Chinese company names; pinyin computed once, on first use).
_BRAND_CHARS = (
    "星辰华信融达汇通安瑞和泰富盛鑫恒宏隆兴鼎诚祥德嘉佳丰源金宝中天海远博捷易优美利众新联合"
    "成创智云昌顺腾飞龙凤光明晨阳辉煌旭东南北西江河山川林森松竹梅兰菊春夏秋冬长久永康乐福"
    "禄寿喜庆吉元亨贞正大方圆"
)
_REGIONS = [
    ("重庆市", "Chongqing", "chongqing"),
    ("浙江", "Zhejiang", "zhejiang"),
    ("上海", "Shanghai", "shanghai"),
    ("北京", "Beijing", "beijing"),
    ("深圳市", "Shenzhen", "shenzhen"),
    ("广州市", "Guangzhou", "guangzhou"),
    ("宁波", "Ningbo", "ningbo"),
    ("天津", "Tianjin", "tianjin"),
    ("南京", "Nanjing", "nanjing"),
    ("成都", "Chengdu", "chengdu"),
    ("武汉", "Wuhan", "wuhan"),
    ("厦门", "Xiamen", "xiamen"),
]
# (legal suffix zh, short suffix zh, English, slug word)
_COMPANY_TYPES = [
    ("小额贷款有限公司", "小贷", "Microloan Co., Ltd.", "microloan"),
    ("网络小额贷款有限公司", "网贷", "Online Microloan Co., Ltd.", "online-microloan"),
    ("消费金融股份有限公司", "消金", "Consumer Finance Co., Ltd.", "consumer-finance"),
    ("融资担保有限公司", "担保", "Financing Guarantee Co., Ltd.", "guarantee"),
    ("科技有限公司", "科技", "Technology Co., Ltd.", "technology"),
    ("商业银行股份有限公司", "银行", "Commercial Bank Co., Ltd.", "bank"),
]
_PRODUCT_WORDS = [
    ("贷", "Loan", "loan"),
    ("花", "Pay Later", "paylater"),
    ("分期", "Instalments", "instalments"),
    ("借", "Borrow", "borrow"),
    ("付", "Pay", "pay"),
]
_REGULATORS = [
    (
        "nfra",
        "国家金融监督管理总局",
        "金融监管总局",
        "National Financial Regulatory Administration",
    ),
    ("pboc", "中国人民银行", "人民银行", "People's Bank of China"),
    ("csrc", "中国证券监督管理委员会", "证监会", "China Securities Regulatory Commission"),
    (
        "chongqing-lfa",
        "重庆市地方金融管理局",
        "重庆金融局",
        "Chongqing Local Financial Administration",
    ),
    (
        "shanghai-lfa",
        "上海市地方金融管理局",
        "上海金融局",
        "Shanghai Local Financial Administration",
    ),
    ("beijing-lfa", "北京市地方金融管理局", "北京金融局", "Beijing Local Financial Administration"),
    (
        "zhejiang-lfa",
        "浙江省地方金融管理局",
        "浙江金融局",
        "Zhejiang Local Financial Administration",
    ),
    (
        "shenzhen-lfa",
        "深圳市地方金融管理局",
        "深圳金融局",
        "Shenzhen Local Financial Administration",
    ),
]
_PUBLISHERS = [
    "经济网",
    "21世纪经济报道",
    "国际金融报",
    "贝壳财经",
    "经济观察网",
    "财新",
    "第一财经",
    "证券时报",
    "中国证券报",
    "新京报",
]
_NOTICE_TYPES = [
    ("暂行办法", "interim measures"),
    ("通知", "notice"),
    ("监管指导", "supervisory guidance"),
    ("名单", "list"),
    ("征求意见稿", "consultation draft"),
]


_XSD = {"year": "xsd:gYear", "month": "xsd:gYearMonth", "day": "xsd:date"}


@dataclass(frozen=True, order=True)
class Day:
    """A date at a precision (year, month or day), written as the matching XSD literal."""

    year: int
    month: int = 1
    day: int = 1
    precision: str = "day"

    def literal(self) -> str:
        text = {
            "year": f"{self.year:04d}",
            "month": f"{self.year:04d}-{self.month:02d}",
            "day": f"{self.year:04d}-{self.month:02d}-{self.day:02d}",
        }[self.precision]
        return f'"{text}"^^{_XSD[self.precision]}'


@dataclass
class BNode:
    """A blank node written inline: ``[ a Class ; p o ; ... ]``."""

    pairs: list[tuple[str, object]]


def _obj(value: object) -> tuple[str, int]:
    """Turtle text of an object and the triples it adds (beyond the one that links it)."""
    if isinstance(value, BNode):
        parts, n = [], 0
        for p, o in value.pairs:
            text, extra = _obj(o)
            parts.append(f"{p} {text}")
            n += 1 + extra
        return "[ " + " ; ".join(parts) + " ]", n
    return str(value), 0


def node(subject: str, pairs: list[tuple[str, object]]) -> tuple[str, int]:
    """One subject block and how many triples it holds."""
    lines, n = [], 0
    for p, o in pairs:
        text, extra = _obj(o)
        lines.append(f"{p} {text}")
        n += 1 + extra
    return subject + " " + " ;\n    ".join(lines) + " .\n", n


def lit(text: str, lang: str | None = None) -> str:
    """A string literal (the generator's texts need no escaping beyond quotes)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


class Writer:
    """Turtle files of one kind, rolled over into parts of ``PART_TRIPLES`` triples."""

    def __init__(self, directory: Path, kind: str) -> None:
        self.directory = directory
        self.kind = kind
        self.paths: list[Path] = []
        self.in_part = 0
        self.bytes = 0
        self.total = 0
        self._fh = None

    def write(self, block: tuple[str, int]) -> None:
        text, n = block
        if self._fh is None or self.in_part >= PART_TRIPLES or self.bytes >= PART_BYTES:
            self._roll()
        assert self._fh is not None
        self._fh.write(text)
        self.bytes += len(text.encode("utf-8"))
        self.in_part += n
        self.total += n

    def _roll(self) -> None:
        if self._fh is not None:
            self._fh.close()
        path = self.directory / f"{self.kind}-{len(self.paths) + 1:03d}.ttl"
        self.paths.append(path)
        self._fh = path.open("w", encoding="utf-8")
        self._fh.write(PREFIXES)
        self.in_part = 0
        self.bytes = 0

    def close(self) -> list[Path]:
        if self._fh is not None:
            self._fh.close()
        if len(self.paths) == 1:  # one part: call it entities.ttl, not entities-001.ttl
            single = self.directory / f"{self.kind}.ttl"
            self.paths[0].rename(single)
            self.paths = [single]
        return self.paths


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


class Generator:
    """Builds one graph; see the module docstring."""

    def __init__(self, target: int, out: Path, seed: int = 5) -> None:
        self.rng = random.Random(seed)
        self.out = out
        self.manifest = Manifest(target=target, seed=seed)
        self.n_companies = max(60, round(target / COMPANY_TRIPLES))
        self.n_sources = max(10, self.n_companies // 2)
        self.n_groups = max(3, self.n_companies // 40)
        self.chars = list(dict.fromkeys(_BRAND_CHARS))
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

    # The graph -----------------------------------------------------------------------

    def run(self) -> Manifest:
        started = time.perf_counter()
        self.out.mkdir(parents=True, exist_ok=True)
        for old in self.out.glob("*.ttl"):
            old.unlink()
        w = {
            k: Writer(self.out, k)
            for k in (
                "sources",
                "entities",
                "relationships",
                "events-lifecycle",
                "events-transfers",
            )
        }
        self.w = w
        self._sources()
        self._regulators_and_groups()
        companies = [self._company(i) for i in range(self.n_companies)]
        self._notices(companies)
        self._transfers(companies)
        paths = [p for writer in w.values() for p in writer.close()]
        m = self.manifest
        m.files = [p.name for p in paths]
        m.counts = {k: writer.total for k, writer in w.items()}
        m.counts.update(companies=self.n_companies, events=self.events, sources=self.n_sources)
        m.triples = sum(writer.total for writer in w.values())
        busiest = max(companies, key=lambda c: (c.events, -c.index))
        m.timeline = busiest.short
        m.seconds = round(time.perf_counter() - started, 2)
        (self.out / "manifest.json").write_text(
            json.dumps(m.__dict__, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        return m

    def _sources(self) -> None:
        for s in range(self.n_sources):
            brand, _ = self.brand(900_000 + s)
            when = self.day(2010, 2025)
            publisher = self.rng.choice(_PUBLISHERS)
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
        for slug, legal, short, english in _REGULATORS:
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
        r = rng.randrange(len(_REGIONS))
        region_zh, region_en, region_slug = _REGIONS[r]
        legal_suffix, short_suffix, type_en, type_slug = rng.choice(_COMPANY_TYPES)
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
            g = rng.randrange(self.n_groups)
            _, gp = self.brand(700_000 + g)
            self.w["relationships"].write(
                node(
                    f"stake:{gp}-{slug}",
                    [
                        ("a", "fr:Stake"),
                        ("fr:owner", f"group:{gp}-group-{g}"),
                        ("fr:owned", iri),
                        ("fr:controlling", '"true"^^xsd:boolean'),
                        ("fr:validFrom", founded.literal()),
                        ("prov:wasDerivedFrom", self.source()),
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
        word_zh, word_en, word_slug = rng.choice(_PRODUCT_WORDS)
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
        w["relationships"].write(
            node(
                f"operation:{slug}",
                [
                    ("a", "fr:Operation"),
                    ("fr:operator", iri),
                    ("fr:product", product),
                    ("fr:validFrom", launched.literal()),
                    ("prov:wasDerivedFrom", self.source()),
                ],
            )
        )
        return product

    def _notices(self, companies: list[Company]) -> None:
        rng, w = self.rng, self.w
        for n in range(max(3, len(companies) // 20)):
            slug, legal, short, _ = rng.choice(_REGULATORS)
            type_zh, type_en = rng.choice(_NOTICE_TYPES)
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
                    f"{_REGULATORS[0][3] if slug == 'nfra' else slug} issues a {type_en}.",
                    [("fr:subject", notice), ("fr:issuer", f"regulator:{slug}")],
                    self.day(2015, 2025),
                )
            )

    def _transfers(self, companies: list[Company]) -> None:
        """Chains of business transfers: the benchmark's fixed depths, then random ones."""
        rng = self.rng
        pool = companies[:]
        rng.shuffle(pool)
        n = len(companies)
        plan = ([20] * max(2, n // 500)) + ([5] * max(2, n // 250)) + ([1] * max(2, n // 250))
        n_special = len(plan)
        used = sum(d + 1 for d in plan)
        while used < n * 0.55:
            length = min(20, 1 + int(rng.expovariate(0.35)))
            plan.append(length)
            used += length + 1
        self.transfer_count = 0
        for number, depth in enumerate(plan):
            if len(pool) < depth + 1:
                break
            chain = [pool.pop() for _ in range(depth + 1)]
            special = number < n_special
            cycle = (depth >= 3 and rng.random() < 0.03) or (
                special and depth == 20 and number == 1
            )
            self._chain(chain, pool, special, cycle, number)
            if special:
                key = str(depth)
                self.manifest.lineage.setdefault(key, []).append(chain[0].short)
                self.manifest.lineage_iris.setdefault(key, []).append(
                    f"{DATA}company/{chain[0].slug}"
                )

    def _chain(
        self, chain: list[Company], pool: list[Company], special: bool, cycle: bool, number: int
    ) -> None:
        rng = self.rng
        head = chain[0]
        product = head.product or self._product(
            head, f"company:{head.slug}", f"{head.slug}-chain-product"
        )
        if not self.manifest.product and special and len(chain) == 21:
            self.manifest.product = product.replace("product:", f"{DATA}product/")
        when = self.later(head.founded, 2)
        for step, (a, b) in enumerate(itertools.pairwise(chain)):
            transferees = [b]
            if pool and rng.random() < 0.15:  # a fork: one transferor, two transferees
                transferees.append(pool.pop())
            when = self.later(when, 1)
            self._transfer(f"t{number}-{step}", a, transferees, product, when)
        if pool and rng.random() < 0.2:  # a merge: another company hands business into the chain
            into = rng.choice(chain[1:])
            self._transfer(f"t{number}-merge", pool.pop(), [into], None, self.later(when, 1))
        if cycle:  # the odd cycle: the last company hands the business back to the first
            self._transfer(f"t{number}-back", chain[-1], [head], product, self.later(when, 1))

    def _transfer(
        self, slug: str, a: Company, bs: list[Company], product: str | None, when: Day
    ) -> None:
        roles = [("fr:transferor", f"company:{a.slug}")]
        roles += [("fr:transferee", f"company:{b.slug}") for b in bs]
        if product:
            roles.append(("fr:transferredScope", product))
        to_zh = "、".join(b.short for b in bs)
        to_en = ", ".join(b.english for b in bs)
        self.w["events-transfers"].write(
            self.event(
                f"{slug}-{a.slug}-business-transfer",
                "BusinessTransfer",
                f"{a.short}的业务转由{to_zh}承接。",
                f"{a.english} hands its business to {to_en.rstrip('.')}.",
                roles,
                when,
                bound=self.rng.random() < 0.2,
            )
        )
        for c in (a, *bs):
            c.events += 1


def parse_size(text: str) -> int:
    """``10k``, ``1M``, ``100000`` -> a number of triples."""
    t = text.strip().lower()
    scale = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    return int(float(t.rstrip("km")) * scale)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", required=True, help="target size: 10k, 100k, 1M, 10M")
    parser.add_argument("--out", type=Path, required=True, help="directory for the files")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    m = Generator(parse_size(args.triples), args.out, args.seed).run()
    print(
        f"generated {m.triples} triples in {len(m.files)} files in {args.out} ({m.seconds} s)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
