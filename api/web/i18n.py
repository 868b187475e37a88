"""The pages' two languages: Chinese (the default) and English (``?lang=en``), and the date
a page reads the graph as known on (``?knownAt=``), which every link keeps.

Every phrase lives in api.present.phrases, with the words for finreg's terms (the
ontology's own labels); ``Ui`` gives a template one language's words and links.

>>> ui = Ui("en")
>>> ui("search"), ui.url("/page/product/huabei"), ui.html_lang
('Search', '/page/product/huabei?lang=en', 'en')
>>> Ui("zh").url("/search?q=x"), Ui("zh").html_lang
('/search?q=x', 'zh-Hans')
>>> Ui("en", PartialDate.parse("2025-10")).url("/search?q=x")
'/search?q=x&knownAt=2025-10&lang=en'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from api.present.phrases import (
    LANGUAGES,
    Texts,
    basis_text,
    entity_kind_label,
    event_date,
    figure_amount,
    figure_period,
    inferred_mark,
    kind_label,
    known_at_banner,
    known_at_text,
    language,
    licence_status_label,
    name_of,
    pick,
    registration_label,
    role_label,
    term_label,
    word,
)
from kg.dates import PartialDate
from kg.model import (
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
)

__all__ = ["LANGUAGES", "Ui", "language", "machine_date"]


@dataclass(frozen=True)
class Ui:
    """Words and links in one page language, as known at a date where the page is read so;
    templates call it: ``ui("search")``."""

    lang: str
    known_at: PartialDate | None = None

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
        return word(key, self.lang, **values)

    def url(self, path: str) -> str:
        """An internal link that keeps the page language (zh, the default, adds nothing) and
        the date the page is read as known on."""
        params = {"knownAt": str(self.known_at)} if self.known_at is not None else {}
        if self.lang == "en":
            params["lang"] = "en"
        if not params:
            return path
        return path + ("&" if "?" in path else "?") + urlencode(params)

    def when(self) -> str:
        """The date the page is read as known on, in words ("" for the whole graph)."""
        return known_at_text(self.known_at, self.lang) if self.known_at is not None else ""

    def banner(self) -> str:
        """What a page read as known at a date says above it all ("" for the whole graph)."""
        return known_at_banner(self.known_at, self.lang) if self.known_at is not None else ""

    def switched(self, path: str, params: dict[str, str]) -> str:
        """This page in the other language: ``path`` with ``params`` and the other lang."""
        return path + "?" + urlencode({**params, "lang": self.other})

    def pick(self, texts: Texts) -> str:
        """The text in this language from (language, text) pairs (api.present.phrases.pick)."""
        return pick(texts, self.lang)

    def name(self, entity: Entity) -> str:
        """The entity's name in this language."""
        return name_of(entity, self.lang)

    def entity_kind(self, kind: EntityKind) -> str:
        """公司 / company."""
        return entity_kind_label(kind, self.lang)

    def event_kind(self, kind: EventKind) -> str:
        """业务承接 / business transfer."""
        return kind_label(kind, self.lang)

    def name_kind(self, kind: NameKind) -> str:
        """法定名称 / legal name."""
        return entity_kind_label(kind, self.lang)

    def relationship_kind(self, kind: RelationshipKind) -> str:
        """股权 / stake."""
        return entity_kind_label(kind, self.lang)

    def role(self, role: str) -> str:
        """转出方 / transferor."""
        return role_label(role, self.lang)

    def registration(self, status: RegistrationStatus) -> str:
        """存续 / active."""
        return registration_label(status, self.lang)

    def licence_status(self, status: LicenceStatus) -> str:
        """有效 / active."""
        return licence_status_label(status, self.lang)

    def event_date(self, event: Event) -> str:
        """An event's date in words: "2015", "不晚于 2023-06" / "by 2023-06", "日期不详"."""
        return event_date(event, self.lang, compact=False)

    def term(self, local: str) -> str:
        """A finreg term as the ontology labels it: 施行日期 / effective from."""
        return term_label(local, self.lang)

    def inferred_mark(self) -> str:
        """[编者推断] / [editors' inference]: how an inference is marked everywhere."""
        return inferred_mark(self.lang)

    def basis(self, inferences: Sequence[Inference]) -> str:
        """What the editors' inferences rest on, in this language."""
        return basis_text(inferences, self.lang)

    def metric(self, figure: Figure) -> str:
        """The label of what a figure measures (its metric's IRI when it has none)."""
        return pick(figure.metric_labels, self.lang) or figure.metric

    def amount(self, figure: Figure) -> str:
        """A figure's amount as reported, its comparator in words: 超过 5500 家."""
        return figure_amount(figure, self.lang)

    def period(self, figure: Figure) -> str:
        """The date or period a figure is for."""
        return figure_period(figure)


def machine_date(event: Event) -> PartialDate | None:
    """The date a ``<time datetime>`` can carry: the date, else the one bound known."""
    return event.date or event.not_after or event.not_before
