"""Tables for spreadsheets: an entity's timeline as CSV (RFC 4180, one event per row).

Dates are written as the sources give them ("2015", "2023-06", "2024-12-30"), never padded;
``precision`` says which. An event known only by a bound has an empty ``date`` and its
``not_before`` / ``not_after``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from api.present.phrases import citation_text, entity_name, kind_label, pick, role_label
from api.present.text import optional_date
from kg.model import Entity, Event, Source

COLUMNS = (
    "date",
    "precision",
    "not_before",
    "not_after",
    "kind",
    "kind_label",
    "summary",
    "participants",
    "sources",
    "event",
)
"""The header row of ``timeline_csv``."""


def timeline_csv(
    events: Sequence[Event],
    entities: Mapping[str, Entity],
    sources: Mapping[str, Source],
    *,
    lang: str = "zh",
    bom: bool = False,
) -> str:
    """The events as CSV text with a header row (see ``COLUMNS``), in the order given.

    ``kind`` is the stable code (BUSINESS_TRANSFER, as in the GraphQL API), ``kind_label`` its
    name in ``lang``; summaries, roles and names are in ``lang`` where the graph has them.
    ``bom`` starts the text with a byte-order mark, which spreadsheet programs need to read
    Chinese in UTF-8 correctly. Lines end with CRLF, as RFC 4180 says.

    >>> timeline_csv([], {}, {}).splitlines()[0]
    'date,precision,not_before,not_after,kind,kind_label,summary,participants,sources,event'
    """
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for event in events:
        participants = "; ".join(
            f"{role_label(p.role, lang)}: {entity_name(p.entity, entities, lang)}"
            for p in event.participants
        )
        cited = "; ".join(
            dict.fromkeys(citation_text(c, sources, full=True) for c in event.citations)
        )
        writer.writerow(
            [
                optional_date(event.date),
                event.date.precision if event.date else "",
                optional_date(event.not_before),
                optional_date(event.not_after),
                event.kind.name,
                kind_label(event.kind, lang),
                pick(event.summaries, lang),
                participants,
                cited,
                event.iri,
            ]
        )
    return out.getvalue()
