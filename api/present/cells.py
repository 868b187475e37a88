"""Values as data extension cells of the Reconciliation Service API 0.2 (the /reconcile
endpoint's answers to "add columns from reconciled values").

A cell is one of the API's closed objects: ``{"str": ...}``, ``{"id": ..., "name": ...}`` for
an entity, ``{"date": ...}`` for a date known to the day. The API's date is an ISO date and
time, so a day is written at midnight UTC (it reads as the day the sources give); a month or
a year stays a ``str`` cell at its precision ("2024-12", "2015"), never padded to a day. A
source is a ``str`` cell that can be read on its own: title, publisher, date, the article's
citation marker and its URL (api.present.phrases.citation_text).

>>> date_cell(PartialDate.parse("2024-12-30")), date_cell(PartialDate.parse("2015"))
({'date': '2024-12-30T00:00:00Z'}, {'str': '2015'})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from api.present.phrases import citation_text, name_of
from kg.dates import PartialDate
from kg.model import Citation, Entity, Source

Cell = dict[str, Any]
"""A cell: ``{"str": ...}``, ``{"id": ..., "name": ...}`` or ``{"date": ...}``."""


def text_cell(text: str) -> Cell:
    """A text."""
    return {"str": text}


def date_cell(date: PartialDate) -> Cell:
    """A date: ``date`` when known to the day, else ``str`` at its own precision."""
    if date.precision == "day":
        return {"date": f"{date}T00:00:00Z"}
    return {"str": str(date)}


def entity_cell(iri: str, entities: Mapping[str, Entity], lang: str) -> Cell:
    """A finreg entity, by IRI and its name in ``lang`` (its IRI when unknown)."""
    found = entities.get(iri)
    return {"id": iri, "name": name_of(found, lang) if found is not None else iri}


def source_cell(citation: Citation, sources: Mapping[str, Source]) -> Cell:
    """A source that states a fact, in words a cell read on its own carries."""
    return {"str": citation_text(citation, sources, full=True)}
