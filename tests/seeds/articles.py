"""The articles the seeds cite, and what the checks ask of their text.

The articles are read where they lie: $FINREG_SOURCES (a folder, or one file), else
../shared/sources next to the repository, as the W3C suites are (tests/schema and
tests/hardening); they are never copied into the repository. Without them the checks skip with
the reason, and CI=true turns a skip into a failure (tests/conftest.py).

An article file holds articles one after the other: a title line, a line
``<publisher>· <YYYY-MM-DD> <HH:MM>``, then the body on one line, bullets separated by
`` - `` and ending in citation markers such as ``[1][6]``. Lines before the first title are
page furniture.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.conftest import ROOT

MISSING = (
    "the articles are not here: put them in ../shared/sources next to the repository "
    "or set FINREG_SOURCES"
)
HEADER = re.compile(r"^(?P<publisher>\S.*?)· (?P<day>\d{4}-\d{2}-\d{2}) (?P<time>\d{2}:\d{2})$")
MARKER = re.compile(r"\[(\d+)\]")
RUN = 15
"""The longest run of characters a summary may share with an article is RUN - 1."""


def markers(locator: str) -> frozenset[str]:
    """The citation markers of a locator: ``"[1][6]"`` gives ``{"1", "6"}``.

    >>> sorted(markers("[2][4]"))
    ['2', '4']
    """
    return frozenset(MARKER.findall(locator))


@dataclass(frozen=True)
class Bullet:
    """One bullet of an article's body and the citation markers it carries."""

    text: str
    markers: frozenset[str]


@dataclass(frozen=True)
class Article:
    """One article: its header and its body."""

    title: str
    publisher: str
    issued: str
    """The publication day, YYYY-MM-DD."""
    time: str
    """The publication minute, HH:MM."""
    body: str

    @property
    def bullets(self) -> tuple[Bullet, ...]:
        """The body's bullets, in order."""
        return tuple(Bullet(t, markers(t)) for t in self.body.split(" - "))

    def passage(self, locator: str | None) -> str:
        """The text at ``locator``: the bullets that carry exactly its markers, else (for a
        composite of separate bullets, such as ``[2][4]``) every bullet whose markers are all
        among the locator's; the whole body without a locator."""
        if not locator:
            return self.body
        wanted = markers(locator)
        exact = [b.text for b in self.bullets if b.markers == wanted]
        within = [b.text for b in self.bullets if b.markers and b.markers <= wanted]
        return " - ".join(exact or within)

    def matches(self, title: str, publisher: str, issued: str, slug: str) -> bool:
        """Whether this is the source with that title, publisher, day and IRI slug (the slug
        carries HHMM where one publisher printed several articles on a day, see
        seeds/README.md)."""
        if (self.title, self.publisher, self.issued) != (title, publisher, issued):
            return False
        minute = re.search(rf"-{issued}-(\d{{4}})(?:-|$)", slug)
        return minute is None or minute[1] == self.time.replace(":", "")


def articles_folder() -> Path | None:
    """Where the articles are: $FINREG_SOURCES, else ../shared/sources next to the repository;
    None when there is no article file there."""
    given = os.environ.get("FINREG_SOURCES")
    where = Path(given) if given else ROOT.parent / "shared" / "sources"
    return where.resolve() if _files(where) else None


def _files(where: Path) -> list[Path]:
    if where.is_file():
        return [where]
    return sorted(where.glob("*.txt")) if where.is_dir() else []


@cache
def articles() -> tuple[Article, ...]:
    """Every article in the article files (empty when they are not here)."""
    folder = articles_folder()
    found: list[Article] = []
    for path in _files(folder) if folder else []:
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            header = HEADER.match(line.strip())
            if header and 0 < i < len(lines) - 1:
                found.append(
                    Article(
                        title=lines[i - 1].strip(),
                        publisher=header["publisher"],
                        issued=header["day"],
                        time=header["time"],
                        body=lines[i + 1].strip(),
                    )
                )
    return tuple(found)


def written(value: str) -> str:
    """How a Chinese article writes a date of this precision.

    >>> [written(v) for v in ("2024-12-30", "2024-02", "2015")]
    ['2024年12月30日', '2024年2月', '2015年']
    """
    parts = value.split("-")
    text = f"{parts[0]}年"
    if len(parts) > 1:
        text += f"{int(parts[1])}月"
    if len(parts) > 2:
        text += f"{int(parts[2])}日"
    return text


@dataclass(frozen=True)
class Conversion:
    """A date an article gives in words other than ``written(value)``: the date, the
    article's phrases (all of them in the passage), and the publication year the phrase is
    relative to, where it is."""

    value: str
    phrases: tuple[str, ...]
    issued_in: str | None = None

    def applies(self, value: str, passage: str, issued: str) -> bool:
        """Whether this conversion gives ``value`` for that passage of an article published
        on ``issued``."""
        return (
            value == self.value
            and all(p in passage for p in self.phrases)
            and (self.issued_in is None or issued.startswith(self.issued_in))
        )


CONVERSIONS: tuple[Conversion, ...] = (
    # month-end and year-end: the last day of the period (seeds/README.md, conventions)
    Conversion("2025-06-30", ("截至2025年6月末",)),
    Conversion("2024-12-31", ("2024年末",)),
    Conversion("2022-12-31", ("2022年末",)),
    # "较一季度末的5081家": the first quarter of the year the same sentence dates
    Conversion("2025-03-31", ("截至2025年6月末", "一季度末")),
    # "上半年减少187亿元" in a sentence dated 2025年6月末: the period starts 2025-01
    Conversion("2025-01", ("截至2025年6月末", "上半年")),
    # half years and whole years: period start and end as months, the end also as a day
    Conversion("2025-01", ("2025年上半年",)),
    Conversion("2025-06", ("2025年上半年",)),
    Conversion("2025-06-30", ("2025年上半年", "资产规模增长至")),
    Conversion("2024-01", ("2024年全年",)),
    Conversion("2024-12", ("2024年全年",)),
    Conversion("2020-01", ("2020年1-6月",)),
    Conversion("2020-06", ("2020年1-6月",)),
    # "分别于2023年6月和12月更名": the second rename is in 2023-12
    Conversion("2023-12", ("2023年6月和12月",)),
    # the year is the article's own: "今年以来" and the mid-December deadline of reports
    # published in November 2025
    Conversion("2025", ("今年以来",), issued_in="2025"),
    Conversion("2025-12", ("12月中旬",), issued_in="2025"),
)
"""The closed table of dates the articles give in words other than ``written(value)``."""


def plain(text: str) -> str:
    """Text as compared for copying: NFKC, without spaces and punctuation."""
    return "".join(
        c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] not in "PZC"
    )


def _masked(text: str, exempt: Iterable[str]) -> str:
    """``plain`` text with each exempt string (names, titles) replaced by a NUL, which no
    article has, so that no shared run crosses one."""
    mine = plain(text)
    for name in sorted({plain(e) for e in exempt if plain(e)}, key=len, reverse=True):
        mine = mine.replace(name, "\0")
    return mine


def _runs(mine: str, theirs: list[str], shortest: int) -> list[tuple[int, int]]:
    """The maximal runs (start, end) of at least ``shortest`` characters of ``mine`` that one
    of ``theirs`` contains, left to right, each starting after the previous one ends."""
    found: list[tuple[int, int]] = []
    start = 0
    while start <= len(mine) - shortest:
        end = start + shortest
        if "\0" in mine[start:end] or not any(mine[start:end] in t for t in theirs):
            start += 1
            continue
        while (
            end < len(mine)
            and mine[end] != "\0"
            and any(mine[start : end + 1] in t for t in theirs)
        ):
            end += 1
        found.append((start, end))
        start = end
    return found


def shared_run(text: str, others: Iterable[str], exempt: Iterable[str]) -> str | None:
    """The first run of at least RUN characters that ``text`` shares with one of ``others``
    (both compared as ``plain``), leaving out the ``exempt`` strings (names and titles):
    a run never crosses one. None when there is none.

    >>> mine = "甲称从明年起停止发放一切新的个人贷款"
    >>> theirs = ["乙称从明年起停止发放一切新的个人贷款业务"]
    >>> shared_run(mine, theirs, [])
    '称从明年起停止发放一切新的个人贷款'
    >>> shared_run(mine, theirs, ["一切新的"]) is None
    True
    """
    mine = _masked(text, exempt)
    runs = _runs(mine, [plain(o) for o in others], RUN)
    return mine[runs[0][0] : runs[0][1]] if runs else None


def copied_share(
    text: str, others: Iterable[str], exempt: Iterable[str], shortest: int = 8
) -> float:
    """How much of ``text`` (as ``plain``, names and titles left out) lies in runs of at least
    ``shortest`` characters that one of ``others`` also has: 1.0 is a verbatim copy.

    >>> copied_share("借款人加权平均年龄约34岁", ["借款人加权平均年龄约34岁"], [])
    1.0
    """
    mine = _masked(text, exempt)
    own = len(mine.replace("\0", ""))
    runs = _runs(mine, [plain(o) for o in others], shortest)
    return sum(end - start for start, end in runs) / own if own else 0.0
