"""The pages' two languages: Chinese (the default) and English (``?lang=en``).

Fixed phrases live here; the words for finreg's terms (entity and event kinds, roles, name
kinds) are the ontology's own labels, read through kg.labels.

>>> ui = Ui("en")
>>> ui("search"), ui.url("/page/product/huabei"), ui.html_lang
('Search', '/page/product/huabei?lang=en', 'en')
>>> Ui("zh").url("/search?q=x"), Ui("zh").html_lang
('/search?q=x', 'zh-Hans')
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from kg.dates import PartialDate
from kg.history import LicenceStatus, RegistrationStatus
from kg.labels import kind_label, role_label, term_label
from kg.model import EntityKind, Event, EventKind, NameKind, RelationshipKind
from kg.vocab import FR

LANGUAGES = ("zh", "en")

_WORDS: dict[str, tuple[str, str]] = {
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
    LicenceStatus.UNKNOWN: ("不详", "unknown"),
}


def language(value: str | None) -> str:
    """The page language a ``lang`` query parameter asks for: "en" for English, else "zh"."""
    return "en" if (value or "").lower().split("-")[0] == "en" else "zh"


@dataclass(frozen=True)
class Ui:
    """Words and links in one page language; templates call it: ``ui("search")``."""

    lang: str

    @property
    def html_lang(self) -> str:
        """The ``<html lang>`` value: zh-Hans (simplified Chinese) or en."""
        return "en" if self.lang == "en" else "zh-Hans"

    @property
    def other(self) -> str:
        """The language the switch link leads to."""
        return "zh" if self.lang == "en" else "en"

    def __call__(self, key: str, **values: object) -> str:
        """The phrase ``key`` in this language, with ``values`` filled in."""
        zh, en = _WORDS[key]
        return (en if self.lang == "en" else zh).format(**values)

    def url(self, path: str) -> str:
        """An internal link that keeps the page language (zh, the default, adds nothing)."""
        if self.lang != "en":
            return path
        return path + ("&" if "?" in path else "?") + "lang=en"

    def switched(self, path: str, params: dict[str, str]) -> str:
        """This page in the other language: ``path`` with ``params`` and the other lang."""
        return path + "?" + urlencode({**params, "lang": self.other})

    def pick(self, texts: tuple[tuple[str, str], ...]) -> str:
        """The text in this language from (language, text) pairs, else any (empty if none)."""
        for wanted in (self.lang, "zh", "en"):
            for text_lang, text in texts:
                if text_lang.lower().split("-")[0] == wanted:
                    return text
        return texts[0][1] if texts else ""

    def entity_kind(self, kind: EntityKind) -> str:
        """公司 / company."""
        return term_label(FR[kind.value], self.lang)

    def event_kind(self, kind: EventKind) -> str:
        """业务承接 / business transfer."""
        return kind_label(kind, self.lang)

    def name_kind(self, kind: NameKind) -> str:
        """法定名称 / legal name."""
        return term_label(FR[kind.value], self.lang)

    def relationship_kind(self, kind: RelationshipKind) -> str:
        """股权 / stake."""
        return term_label(FR[kind.value], self.lang)

    def role(self, role: str) -> str:
        """转出方 / transferor."""
        return role_label(role, self.lang)

    def registration(self, status: RegistrationStatus) -> str:
        """存续 / active."""
        return _REGISTRATION[status][1 if self.lang == "en" else 0]

    def licence_status(self, status: LicenceStatus) -> str:
        """有效 / active."""
        return _LICENCE[status][1 if self.lang == "en" else 0]

    def event_date(self, event: Event) -> str:
        """An event's date at its true precision: "2015", "2023-06", "2024-12-30"; a bound as
        "不晚于 2023-06" / "by 2023-06"; "日期不详" / "undated" when nothing is known."""
        if event.date is not None:
            return str(event.date)
        parts = []
        if event.not_before is not None:
            parts.append(self("not_before", date=event.not_before))
        if event.not_after is not None:
            parts.append(self("not_after", date=event.not_after))
        return ", ".join(parts) or self("undated")


def machine_date(event: Event) -> PartialDate | None:
    """The date a ``<time datetime>`` can carry: the date, else the one bound known."""
    return event.date or event.not_after or event.not_before
