"""A graph for the feeds: 230 events, more than two feed documents' worth, first reported on
different days by eight sources dated to the day, one dated to a month and one to a year,
about five companies; every fourth event is a business transfer.

An event's first report is its earliest source's date; a month counts from its last day,
a year from its 31 December (as when the graph is read as known on a date)."""

from __future__ import annotations

from pathlib import Path

from tests.api.graph import API_PREFIXES

EVENTS = 230
COMPANIES = 5
DAYS = [f"2025-0{m}-1{d}" for m in (1, 3) for d in range(4)]
"""The day-dated sources' dates: 2025-01-10..13 and 2025-03-10..13."""
MONTH = "2025-02"
YEAR = "2024"


def source_of(i: int) -> str:
    """The source (local name) that first reports event ``i``."""
    if i % 23 == 0:
        return "month"
    if i % 29 == 0:
        return "year"
    return f"day{i % len(DAYS)}"


def first_reported(i: int) -> str:
    """The day event ``i`` was first reported, as the feed says it."""
    found = source_of(i)
    if found == "month":
        return "2025-02-28"
    if found == "year":
        return "2024-12-31"
    return DAYS[int(found.removeprefix("day"))]


def kind_of(i: int) -> str:
    """The class of event ``i``."""
    return "BusinessTransfer" if i % 4 == 0 else "OtherEvent"


def _graph() -> str:
    lines = [API_PREFIXES]
    for n, day in enumerate(DAYS):
        lines.append(
            f'source:day{n} a fr:Source ; dcterms:title "日报{n}"@zh ;'
            ' dcterms:publisher "日报"@zh ;'
            f' dcterms:issued "{day}"^^xsd:date .'
        )
    lines.append(
        f'source:month a fr:Source ; dcterms:title "月刊"@zh ; dcterms:publisher "月刊"@zh ;'
        f' dcterms:issued "{MONTH}"^^xsd:gYearMonth .'
    )
    lines.append(
        f'source:year a fr:Source ; dcterms:title "年鉴"@zh ; dcterms:publisher "年鉴"@zh ;'
        f' dcterms:issued "{YEAR}"^^xsd:gYear .'
    )
    for c in range(COMPANIES):
        lines.append(
            f'company:c{c} a fr:Company ; fr:name [ a fr:Name ; fr:value "公司{c}"@zh ;'
            f" fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:day0 ] ."
        )
    for i in range(EVENTS):
        kind = kind_of(i)
        roles = (
            f"fr:transferor company:c{i % COMPANIES} ; fr:transferee company:c{(i + 1) % COMPANIES}"
            if kind == "BusinessTransfer"
            else f"fr:subject company:c{i % COMPANIES}"
        )
        later = " , source:day7" if i % 2 else ""
        lines.append(
            f"event:e{i:03d} a fr:{kind} ; {roles} ;"
            f' fr:summary "事件{i}"@zh , "Event {i}"@en ;'
            f" prov:wasDerivedFrom source:{source_of(i)}{later} ;"
            f" prov:qualifiedDerivation [ a prov:Derivation ; prov:entity source:{source_of(i)} ;"
            f' fr:locator "[{i % 7 + 1}]" ] .'
        )
    return "\n".join(lines) + "\n"


def write_feeds_graph(folder: Path) -> list[Path]:
    """Write the graph as one Turtle file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "feeds.ttl"
    path.write_text(_graph(), encoding="utf-8")
    return [path]
