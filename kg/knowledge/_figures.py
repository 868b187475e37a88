"""Figures: numbers about entities (sectors, companies...), by entity, by IRI, and as a list
across the graph filtered by subject, metric and dates, newest first and paged."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from kg.dates import PartialDate, overlaps
from kg.knowledge._relations import Relations
from kg.model import Figure
from kg.queries import figures as figure_queries
from kg.vocab import DATA

METRICS = f"{DATA}metric/"
"""Where metrics live: ``https://w3id.org/finreg/id/metric/<slug>``."""


def metric_iri(metric: str) -> str:
    """The IRI a metric argument names: an IRI as it is, a slug (``loan-balance``, or
    ``metric:loan-balance``) under finreg's metrics.

    >>> metric_iri("loan-balance") == metric_iri("metric:loan-balance") == METRICS + "loan-balance"
    True
    >>> metric_iri(METRICS + "net-profit") == METRICS + "net-profit"
    True
    """
    text = metric.strip()
    if "://" in text:
        return text
    return METRICS + text.removeprefix("metric:")


def _period(figure: Figure) -> tuple[date | None, date | None]:
    """The days a figure covers: from its period's start (else its date's) to its date's end."""
    if figure.date is None:
        return None, None
    first = figure.period_start or figure.date
    return first.start, figure.date.end


def _in_window(figure: Figure, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether the figure's period meets [start, end]; an undated figure only without one."""
    if start is None and end is None:
        return True
    first, last = _period(figure)
    return first is not None and overlaps(first, last, start, end)


def oldest_first(figures: Iterable[Figure], *, newest_first: bool = False) -> list[Figure]:
    """Figures by date, oldest first (or newest first), undated figures last either way; on
    the same date, by IRI."""
    found = list(figures)
    dated = [f for f in found if f.date is not None]
    undated = sorted((f for f in found if f.date is None), key=lambda f: f.iri)
    dated.sort(key=lambda f: f.iri)
    dated.sort(key=lambda f: f.date.sort_key() if f.date else (), reverse=newest_first)
    return dated + undated


class Figures(Relations):
    """Figures about entities."""

    def figures(self, iris: Collection[str], metric: str | None = None) -> dict[str, list[Figure]]:
        """For each entity, the figures about it, oldest first (undated last); only those of
        ``metric`` when given (its IRI or slug, see ``metric_iri``). One round trip."""
        chosen = metric_iri(metric) if metric is not None else None
        found = figure_queries.figures(self._store, iris, chosen, self._known_at)
        return {iri: oldest_first(figures) for iri, figures in found.items()}

    def figures_by_iri(self, iris: Collection[str]) -> dict[str, Figure]:
        """The figures among ``iris`` (one round trip)."""
        return figure_queries.figures_by_iri(self._store, iris, self._known_at)

    def figure_page(
        self,
        subject: str | None = None,
        metric: str | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        *,
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[Figure], int]:
        """A page of figures newest first (undated last), filtered by the entity they are
        about (by IRI), the metric (IRI or slug) and a window their period meets, and how many
        there are in all. Orders and pages on dates alone, then fetches the details of the
        page only (two round trips)."""
        chosen = metric_iri(metric) if metric is not None else None
        index = figure_queries.dated_figures(self._store, subject, chosen, self._known_at)
        ordered = oldest_first((f for f in index if _in_window(f, start, end)), newest_first=True)
        page = ordered[offset : None if limit is None else offset + limit]
        details = self.figures_by_iri([f.iri for f in page]) if page else {}
        return [details[f.iri] for f in page if f.iri in details], len(ordered)
