"""Words for people, in Chinese or English, written once: the language fallback (``pick``),
finreg's terms as the ontology labels them, dates as people read them, and every fixed
phrase of the pages, the pictures, the exports and the command line.

The labels of finreg's terms are the ontology's own ``rdfs:label`` (generated into
kg.vocab.LABELS), so a term is worded in one place only.

>>> pick((("en", "Huabei"), ("zh", "花呗")), "zh"), pick((("zh", "花呗"),), "en-GB")
('花呗', '花呗')
>>> kind_label(EventKind.BUSINESS_TRANSFER, "zh"), kind_label(EventKind.BUSINESS_TRANSFER, "en")
('业务承接', 'business transfer')
>>> role_label("transferee", "en"), word("handovers_of", "en", name="Huabei")
('transferee', 'Hand-overs of Huabei')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kg.dates import PartialDate
from kg.model import (
    Citation,
    Comparator,
    Entity,
    EntityKind,
    Event,
    EventKind,
    Figure,
    Inference,
    LicenceStatus,
    NameKind,
    RegistrationStatus,
    RelationshipKind,
    Source,
    Transfer,
)
from kg.vocab import LABELS

LANGUAGES = ("zh", "en")
"""The interface languages: Chinese (the default) and English."""

Texts = Sequence[tuple[str, str]]
"""Texts in several languages: (language tag, text) pairs."""


def language(lang: str | None) -> str:
    """The interface language for a BCP 47 tag: "en" for English tags, else "zh".

    >>> language("en-GB"), language("zh-Hant"), language(None)
    ('en', 'zh', 'zh')
    """
    return "en" if (lang or "").lower().split("-")[0] == "en" else "zh"


def picked(texts: Texts, lang: str) -> tuple[str, str] | None:
    """The (language, text) pair ``pick`` chooses, or None when there are no texts."""
    wanted = lang.lower()
    primary = wanted.split("-")[0]
    for rank in range(4):
        for tag, text in texts:
            base = tag.lower().split("-")[0]
            if (tag.lower(), base, base, base)[rank] == (wanted, primary, "zh", "en")[rank]:
                return tag, text
    return texts[0] if texts else None


def pick(texts: Texts, lang: str, default: str = "") -> str:
    """The text in ``lang`` from (language, text) pairs: an exact tag first, then the same
    primary language, then Chinese, then English, then whatever there is, else ``default``.
    The one language fallback of finreg: every name, summary and note goes through it."""
    found = picked(texts, lang)
    return found[1] if found is not None else default


def name_of(entity: Entity, lang: str, as_of: PartialDate | None = None) -> str:
    """An entity's best name in ``lang`` (valid at ``as_of`` if given), else its IRI."""
    return pick(entity.labels(as_of), lang, default=entity.iri)


def entity_name(iri: str, entities: Mapping[str, Entity], lang: str) -> str:
    """The name of ``iri`` among ``entities``, else the IRI itself."""
    found = entities.get(iri)
    return name_of(found, lang) if found is not None else iri


def term_label(local: str, lang: str) -> str:
    """The ontology's label of a finreg term (by local name) in ``lang``, else the name."""
    zh, en = LABELS.get(local, ("", ""))
    return (en if language(lang) == "en" else zh) or zh or en or local


def kind_label(kind: EventKind, lang: str) -> str:
    """An event kind as a reader says it: 业务承接 / business transfer."""
    return term_label(kind.value, lang)


def entity_kind_label(kind: EntityKind | NameKind | RelationshipKind, lang: str) -> str:
    """An entity, name or relationship kind as a reader says it: 公司 / company."""
    return term_label(kind.value, lang)


def role_label(role: str, lang: str) -> str:
    """A participant role (the property's local name) as a reader says it: 转出方 / transferor."""
    return term_label(role, lang)


def event_date(event: Event, lang: str = "zh", *, compact: bool = True) -> str:
    """An event's date at its true precision: "2015", "2023-06", "2024-12-30". Where only a
    bound is known, compactly "≤2023-06" / "≥2015" (tables, pictures, CSV), or in words,
    "不晚于 2023-06" / "by 2023-06" (pages); "日期不详" / "undated" when nothing is known.

    >>> from kg.model import Event, EventKind
    >>> e = Event("urn:e", EventKind.OTHER, not_after=PartialDate.parse("2023-06"))
    >>> event_date(e), event_date(e, "en", compact=False), event_date(Event("x", EventKind.OTHER))
    ('≤2023-06', 'by 2023-06', '日期不详')
    """
    if event.date is not None:
        return str(event.date)
    parts = []
    if event.not_before is not None:
        parts.append(
            f"≥{event.not_before}" if compact else word("not_before", lang, date=event.not_before)
        )
    if event.not_after is not None:
        parts.append(
            f"≤{event.not_after}" if compact else word("not_after", lang, date=event.not_after)
        )
    return (" " if compact else word("sep", lang)).join(parts) or word("undated", lang)


def known_at_text(known_at: PartialDate, lang: str) -> str:
    """When a reading as known at ``known_at`` is from, in words: the end of that day, month
    or year ("截至 2025-10 月底" / "at the end of 2025-10").

    >>> known_at_text(PartialDate.parse("2025-10-24"), "zh")
    '截至 2025-10-24 当日'
    >>> year = PartialDate.parse("2025")
    >>> known_at_text(year, "zh"), known_at_text(year, "en")
    ('截至 2025 年底', 'at the end of 2025')
    """
    return word(f"known_at_{known_at.precision}", lang, date=known_at)


def known_at_banner(known_at: PartialDate, lang: str) -> str:
    """What a page (or a CLI report) read as known at ``known_at`` shows above it all."""
    return word("known_at_banner", lang, when=known_at_text(known_at, lang))


def inferred_mark(lang: str) -> str:
    """How every interface marks what the editors inferred rather than what a source states:
    "[编者推断]" / "[editors' inference]" (the pages, the CLI's tables)."""
    return word("inferred_mark", lang)


def basis_text(inferences: Sequence[Inference], lang: str) -> str:
    """What the editors' inferences rest on, in ``lang``: each basis, after the label of the
    property inferred where the inference is of one property; "" when there is none.

    >>> found = (Inference("date", (("en", "reported early in 2025"),)), Inference(None))
    >>> basis_text(found, "en"), basis_text(found, "zh")
    ('date: reported early in 2025', '日期：reported early in 2025')
    """
    parts = []
    for inference in inferences:
        said = pick(inference.basis, lang)
        if inference.property is not None and said:
            said = term_label(inference.property, lang) + word("colon", lang) + said
        if said:
            parts.append(said)
    return word("clauses", lang).join(dict.fromkeys(parts))


_COMPARATOR_SIGNS = {
    Comparator.MORE_THAN: ">",
    Comparator.AT_LEAST: "≥",
    Comparator.LESS_THAN: "<",
    Comparator.AT_MOST: "≤",
    Comparator.ABOUT: "≈",
    Comparator.NEARLY: "≲",
}
"""A comparator as a sign before an amount, where space is short (pictures, tables)."""


def figure_amount(figure: Figure, lang: str, *, compact: bool = False) -> str:
    """A figure's amount as reported, never as more exact than it is: with its comparator in
    words ("超过 300 家" / "more than 300 家") or, ``compact``, as a sign (">300 家").

    >>> from decimal import Decimal
    >>> bound = Figure("urn:f", "urn:e", "urn:m", (), Decimal("300"), "家",
    ...                comparator=Comparator.MORE_THAN)
    >>> figure_amount(bound, "zh"), figure_amount(bound, "en")
    ('超过 300 家', 'more than 300 家')
    >>> figure_amount(bound, "en", compact=True)
    '>300 家'
    """
    amount = f"{figure.amount} {figure.unit}".strip()
    if figure.comparator is None:
        return amount
    if compact:
        return _COMPARATOR_SIGNS[figure.comparator] + amount
    return f"{term_label(figure.comparator.value, lang)} {amount}"


def figure_period(figure: Figure) -> str:
    """The date a figure is for ("2024"), or its period ("2020-01–2020-06"); "" for none."""
    if figure.date is None:
        return ""
    if figure.period_start is None:
        return str(figure.date)
    return f"{figure.period_start}–{figure.date}"


def figure_summary(figure: Figure, lang: str) -> str:
    """A figure in one line: its metric, its amount as reported (with its comparator) and its
    date or period: "机构数量：超过 300 家（2024）" / "companies: more than 300 家 (2024)".

    >>> from decimal import Decimal
    >>> about = Figure("urn:f", "urn:e", "urn:m", (("en", "companies"),), Decimal("280"), "家",
    ...                date=PartialDate.parse("2024"), comparator=Comparator.ABOUT)
    >>> figure_summary(about, "en")
    'companies: about 280 家 (2024)'
    """
    label = pick(figure.metric_labels, lang, default=figure.metric)
    text = label + word("colon", lang) + figure_amount(figure, lang)
    when = figure_period(figure)
    return text + word("in_brackets", lang, text=when) if when else text


def moved(transfer: Transfer, entities: Mapping[str, Entity], lang: str) -> str:
    """What a hand-over moved: the transferred scope's names, else its scope note in
    ``lang`` (the note in another language only when there is none in ``lang``)."""
    names = [entity_name(b, entities, lang) for b in transfer.business]
    return ", ".join(names) if names else pick(transfer.event.scope_notes, lang)


def citation_text(citation: Citation, sources: Mapping[str, Source], *, full: bool = False) -> str:
    """A citation in words: "publisher published [locator]" for tables, or with ``full``
    "title — publisher — published [locator] url" for a cell read on its own (CSV); the
    source's IRI where the source is unknown.

    >>> from kg.dates import PartialDate
    >>> news = Source("urn:s", "标题", "报", PartialDate.parse("2025-10-24"), "https://x.cn/1")
    >>> cited = Citation("urn:s", "[7]")
    >>> citation_text(cited, {"urn:s": news})
    '报 2025-10-24 [7]'
    >>> citation_text(cited, {"urn:s": news}, full=True)
    '标题 — 报 — 2025-10-24 [7] https://x.cn/1'
    >>> citation_text(cited, {})
    'urn:s [7]'
    """
    found = sources.get(citation.source)
    if found is None:
        text = citation.source
    elif full:
        text = " — ".join((found.title, found.publisher, str(found.published)))
    else:
        text = f"{found.publisher} {found.published}"
    if citation.locator:
        text += f" {citation.locator}"
    if full and found is not None and found.url:
        text += f" {found.url}"
    return text


def registration_label(status: RegistrationStatus, lang: str) -> str:
    """A company's registration status as a reader says it: 存续 / active."""
    zh, en = _REGISTRATION[status]
    return en if language(lang) == "en" else zh


def licence_status_label(status: LicenceStatus, lang: str) -> str:
    """A licence's status as a reader says it: 有效 / active."""
    zh, en = _LICENCE[status]
    return en if language(lang) == "en" else zh


def word(key: str, lang: str, **values: object) -> str:
    """A fixed phrase in ``lang`` (zh or en), with ``values`` filled in."""
    zh, en = _WORDS[key]
    return (en if language(lang) == "en" else zh).format(**values)


_PICTURE_WORDS: dict[str, tuple[str, str]] = {
    "no_handovers": ("无业务承接", "no hand-overs"),
    "no_events": ("无事件", "no events"),
    "handovers_of": ("{name} 的业务承接", "Hand-overs of {name}"),
    "timeline_of": ("{name} 的事件时间线", "Timeline of {name}"),
    "figures_of": ("{name}：{metric}", "{name}: {metric}"),
    "no_figures": ("无数据", "no figures"),
    "inferred_point": ("空心点为编者推断", "hollow points are the editors' inferences"),
}

_PAGE_WORDS: dict[str, tuple[str, str]] = {
    "tagline": (
        "中国消费信贷监管事件知识图谱：公司、产品、牌照与监管文件，谁在何时接手了谁的业务，每条事实都注明来源。",
        "A knowledge graph of China's consumer-credit regulation: companies, products, "
        "licences and notices, who took over whose business and when, each fact with its sources.",
    ),
    "search": ("搜索", "Search"),
    "search_label": (
        "名称、简称、曾用名、英文名或拼音",
        "Any name, short name, former name, English name or pinyin",
    ),
    "examples": ("例如", "For example"),
    "data": ("数据与接口", "Data and APIs"),
    "graphql": ("GraphQL 接口（浏览器中打开即为 GraphiQL）", "GraphQL API (GraphiQL in a browser)"),
    "sparql": ("只读 SPARQL 查询端点", "Read-only SPARQL endpoint"),
    "exports": ("全图导出", "The whole graph"),
    "export_ttl": ("Turtle（所有图合并）", "Turtle (all graphs merged)"),
    "export_trig": ("TriG（每个文件一个命名图）", "TriG (one named graph per file)"),
    "export_nq": ("N-Quads", "N-Quads"),
    "export_jsonld": ("JSON-LD", "JSON-LD"),
    "results_for": ("“{q}”的搜索结果", "Results for “{q}”"),
    "no_results": ("没有找到与“{q}”匹配的名称。", "No name matches “{q}”."),
    "result_count": ("共 {total} 条结果。", "{total} result(s)."),
    "result_capped": (
        "共 {total} 条结果，显示前 {shown} 条。",
        "{total} results; the first {shown} shown.",
    ),
    "empty_query": ("请输入要搜索的名称。", "Type a name to search for."),
    "too_long": (
        "搜索内容过长：{length} 个字符，最多接受 {limit} 个。",
        "The search text is {length} characters long; at most {limit} are accepted.",
    ),
    "matched": ("匹配名称", "matched"),
    "home": ("首页", "Home"),
    "switch": ("English", "中文"),
    "names": ("名称", "Names"),
    "name": ("名称", "Name"),
    "language": ("语言", "Language"),
    "name_kind": ("种类", "Kind"),
    "valid_from": ("起", "From"),
    "valid_to": ("止", "To"),
    "sources": ("来源", "Sources"),
    "status": ("状态", "Status"),
    "kind": ("类别", "Kind"),
    "iri": ("标识符（IRI）", "Identifier (IRI)"),
    "registration": ("登记状态", "Registration"),
    "licence_status": ("牌照状态", "Licence status"),
    "licence_type": ("牌照类型", "Licence type"),
    "holder": ("持有方", "Holder"),
    "issuers": ("颁发/发布机构", "Issued by"),
    "issued": ("发布日期", "Issued"),
    "notice_type": ("文件类型", "Document type"),
    "affects": ("涉及对象", "Affects"),
    "summary": ("摘要", "Summary"),
    "licences": ("牌照与资格", "Licences and qualifications"),
    "licence_history": ("牌照历史", "History"),
    "products": ("产品", "Products"),
    "products_now": ("目前运营的产品", "Products it runs now"),
    "operators_now": ("目前的运营方", "Run now by"),
    "operations": ("运营记录", "Operations over time"),
    "owners": ("股东与关联方", "Owners and relations"),
    "owners_now": ("目前的股东（直接或间接）", "Owners now (direct or indirect)"),
    "members_now": ("目前的成员（直接或间接）", "Members now (direct or indirect)"),
    "relationships": ("关系", "Relationships"),
    "from_entity": ("一方", "From"),
    "to_entity": ("另一方", "To"),
    "direct": ("直接持有", "direct"),
    "indirect": ("间接持有", "indirect"),
    "controlling": ("控股", "controlling"),
    "notices": ("监管文件", "Notices"),
    "notices_issued": ("发布的监管文件", "Notices issued"),
    "timeline": ("事件时间线", "Timeline"),
    "date": ("日期", "Date"),
    "event": ("事件", "Event"),
    "participants": ("参与方", "Participants"),
    "deadline": ("期限", "Deadline"),
    "reason": ("原因", "Reason"),
    "lineage": ("业务承接脉络", "Lineage: who took over whose business"),
    "from": ("转出方", "From"),
    "to": ("承接方", "To"),
    "moved": ("承接内容", "What moved"),
    "cycle": ("循环", "Cycle"),
    "none": ("暂无记录。", "None recorded."),
    "title": ("标题", "Title"),
    "publisher": ("发布者", "Publisher"),
    "published": ("发布日期", "Published"),
    "machine": ("机器可读格式", "Machine-readable"),
    "timeline_csv": ("时间线（CSV）", "Timeline (CSV)"),
    "lineage_svg": ("业务承接图（SVG）", "Lineage picture (SVG)"),
    "timeline_svg": ("时间线图（SVG）", "Timeline picture (SVG)"),
    "not_found": ("未找到", "Not found"),
    "not_found_text": ("finreg 中没有这个页面：{path}", "finreg has no page here: {path}"),
    "unavailable": ("暂时无法回答", "Cannot answer right now"),
    "unavailable_text": (
        "数据存储暂时无法访问，或本次查询超过了 {seconds} 秒的时限。请稍后再试。",
        "The store cannot be reached, or the question took longer than the {seconds} s limit. "
        "Please try again later.",
    ),
    "undated": ("日期不详", "undated"),
    "not_after": ("不晚于 {date}", "by {date}"),
    "not_before": ("不早于 {date}", "not before {date}"),
    "sep": ("、", ", "),
    "colon": ("：", ": "),
    "clauses": ("；", "; "),
    "in_brackets": ("（{text}）", " ({text})"),
    "inferred_mark": ("[编者推断]", "[editors' inference]"),
    "inferred_note": (
        "编者推断，并非来源所述",
        "Inferred by the editors, not stated by a source",
    ),
    "basis": ("推断依据", "Basis"),
    "stated_by": ("据", "per"),
    "conflicts": ("相互矛盾的说法", "Conflicting claims"),
    "conflicts_intro": (
        "以下说法关于同一事实，但互不一致；两者都保留，各附来源。",
        "These claims about the same fact disagree; both are kept, each with its sources.",
    ),
    "claim": ("说法", "Claim"),
    "conflicts_with": ("与之矛盾的说法", "Disagrees with"),
    "figures": ("数据", "Figures"),
    "figures_over_time": ("数据随时间的变化", "Figures over time"),
    "metric": ("指标", "Metric"),
    "amount": ("数值", "Amount"),
    "period": ("日期或期间", "Date or period"),
    "effective_from": ("施行日期", "Effective from"),
    "supersedes": ("取代", "Supersedes"),
    "superseded_by": ("已被以下文件取代", "Superseded by"),
    "end_bound": ("最晚终止于", "Ended by"),
    "entity_inferred": ("关于本实体的推断", "What the editors inferred about it"),
    "known_at_day": ("截至 {date} 当日", "at the end of {date}"),
    "known_at_month": ("截至 {date} 月底", "at the end of {date}"),
    "known_at_year": ("截至 {date} 年底", "at the end of {date}"),
    "known_at_banner": (
        "本页显示{when}可知的图谱：只计入当时已发表的来源所报道的事实；"
        "此后才报道的名称、事件、关系、数据和日期均不列出。",
        "The graph as known {when}: only facts that sources published by then report; names, "
        "events, relationships, figures and dates first reported later are left out.",
    ),
    "known_now": ("查看目前所知的全部", "Show everything known now"),
    "not_known_text": (
        "{when}，finreg 中还没有这个页面的内容：{path}",
        "Nothing finreg holds here was known {when}: {path}",
    ),
    "known_at_cli": ("{when}可知", "as known {when}"),
    "feed": ("订阅（Atom）", "Subscribe (Atom)"),
    "feed_title": ("finreg：新报道的事件", "finreg: events as first reported"),
    "feed_of": ("{name} · finreg：新报道的事件", "{name} · finreg: events as first reported"),
    "feed_subtitle": (
        "中国消费信贷监管事件，按首次报道日期排列，最新在前；每条注明日期、参与方和来源。",
        "Regulatory events in China's consumer credit, newest first report first, each with "
        "its dates, its participants and its sources.",
    ),
    "feeds": ("订阅新报道的事件（Atom）", "Subscribe to newly reported events (Atom)"),
    "feed_all": ("全部事件", "Every event"),
    "first_reported": ("首次报道", "First reported"),
    "on_finreg": ("finreg 中的来源页", "the source in finreg"),
    "page_of": ("第 {page} 页，共 {pages} 页", "Page {page} of {pages}"),
    "newer": ("上一页", "Previous page"),
    "older": ("下一页", "Next page"),
    "bad_page": (
        "“{page}”不是页码：请写正整数，例如 2。",
        "“{page}” is not a page number: write a whole number from 1, such as 2.",
    ),
    "citing": ("引用本来源的事实", "Facts that cite this source"),
    "citing_intro": (
        "按文章中的引用标记排列：可据此从文章一侧核对每条引用。",
        "In the order of the article's citation markers, so that each citation can be checked "
        "from the article's side.",
    ),
    "citing_count": ("共 {total} 条。", "{total} in all."),
    "locator": ("文中位置", "Where in the article"),
    "states": ("所述", "States"),
    "fact": ("事实", "Fact"),
    "fact_kind": ("种类", "Kind"),
    "url": ("原文链接", "Link to the article"),
    "source": ("来源", "Source"),
    "notices_affecting": ("涉及本实体的监管文件", "Notices that affect it"),
    "figures_of_metric": ("本指标的数据", "Figures of this metric"),
    "subject": ("对象", "About"),
    "labels": ("名称", "Labels"),
    "relationship": ("关系", "Relationship"),
    "event_feed": ("同类事件的订阅（Atom）", "Events of this kind (Atom)"),
    "scope_note": ("范围说明", "Scope"),
    "bad_request": ("请求有误", "Bad request"),
    "bad_date": (
        "“{date}”不是日期。请写成 YYYY、YYYY-MM 或 YYYY-MM-DD，例如 2025、2025-10 或 2025-10-24。",
        "“{date}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, such as 2025, 2025-10 or "
        "2025-10-24.",
    ),
}

_REGISTRATION = {
    RegistrationStatus.ACTIVE: ("存续", "active"),
    RegistrationStatus.IN_LIQUIDATION: ("清算中", "in liquidation"),
    RegistrationStatus.DEREGISTERED: ("已注销", "deregistered"),
    RegistrationStatus.UNKNOWN: ("不详", "unknown"),
}

_LICENCE = {
    LicenceStatus.ACTIVE: ("有效", "active"),
    LicenceStatus.REVOKED: ("已撤销", "revoked"),
    LicenceStatus.SURRENDERED: ("已交回", "surrendered"),
    LicenceStatus.EXPIRED: ("随持有方注销而失效", "lapsed with its deregistered holder"),
    LicenceStatus.ENDED: (
        "已终止（已过来源所给的最晚终止日期）",
        "ended (past the latest end the sources give)",
    ),
    LicenceStatus.UNKNOWN: ("不详", "unknown"),
}


_RECONCILE_WORDS: dict[str, tuple[str, str]] = {
    "service_name": ("finreg：中国消费信贷监管事件", "finreg: China's consumer-credit regulation"),
    "prop_validOn": ("名称有效日期", "name valid on (date)"),
    "prop_validOn_help": (
        "YYYY、YYYY-MM 或 YYYY-MM-DD：只算在该日有效的名称",
        "YYYY, YYYY-MM or YYYY-MM-DD: only names valid on that date count",
    ),
    "prop_name": (
        "另一名称（任何名称，含曾用名）",
        "another name (any name, former names included)",
    ),
    "prop_legalName": ("法定名称", "legal name"),
    "prop_legalNameSources": ("法定名称的来源", "sources of the legal name"),
    "prop_latestName": ("最新已知名称", "latest-known name"),
    "prop_names": ("全部名称", "all names"),
    "prop_kind": ("类别", "kind"),
    "prop_status": ("状态（登记或牌照）", "status (registration or licence)"),
    "prop_deregistrationDate": ("注销日期", "deregistration date"),
    "prop_deregistrationNotBefore": ("注销日期不早于", "deregistered not before"),
    "prop_deregistrationNotAfter": ("注销日期不晚于", "deregistered not after"),
    "prop_deregistrationSources": ("注销日期的来源", "sources of the deregistration date"),
    "prop_operator": ("目前的运营方", "operator now"),
    "prop_operatorSources": ("运营方的来源", "sources of the operator"),
    "prop_owners": ("目前的股东（直接或间接）", "owners now (direct or indirect)"),
    "inferred_by_editors": ("编者推断：{basis}", "inferred by the editors: {basis}"),
    "matched_name": (
        "{kind}；匹配：{name_kind}“{name}”",
        "{kind}; matched the {name_kind} “{name}”",
    ),
    "open_page": ("在 finreg 中查看", "Open in finreg"),
    "not_in_finreg": ("finreg 中没有这个实体：{iri}", "finreg has no entity {iri}"),
}
"""The /reconcile endpoint's words: its properties, cells and preview cards."""

_WORDS = {**_PAGE_WORDS, **_PICTURE_WORDS, **_RECONCILE_WORDS}
