"""Events: details, timelines, pages of events, and when notices were issued."""

from __future__ import annotations

from collections.abc import Collection

from kg.dates import PartialDate
from kg.history import chronological, in_window, select
from kg.knowledge._names import Names
from kg.model import Event, EventKind
from kg.queries import events as event_queries
from kg.queries.event_pages import EventFilter
from kg.queries.event_pages import event_page as event_page_query


class Events(Names):
    """Events and timelines."""

    def events(self, iris: Collection[str]) -> dict[str, Event]:
        """The events among ``iris`` (one round trip)."""
        return event_queries.events(self._store, iris, self._known_at)

    def timelines(
        self,
        entity_iris: Collection[str],
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        kinds: Collection[EventKind] | None = None,
    ) -> dict[str, list[Event]]:
        """For each entity, its events in the window, oldest first (two round trips)."""
        involving = event_queries.events_involving(self._store, entity_iris)
        details = self.events({e for evs in involving.values() for e in evs})
        return {
            iri: select([details[e] for e in evs if e in details], start, end, kinds)
            for iri, evs in involving.items()
        }

    def timeline(
        self,
        entity_iri: str,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        kinds: Collection[EventKind] | None = None,
    ) -> list[Event]:
        """One entity's events, oldest first (see ``timelines``)."""
        return self.timelines([entity_iri], start, end, kinds)[entity_iri]

    def event_page(
        self,
        kinds: Collection[EventKind] | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        involving: str | None = None,
        *,
        after: tuple[str, str] | None = None,
        limit: int | None = None,
    ) -> tuple[list[Event], int]:
        """A page of events newest first (kg.dates.order_key: by the last day each can
        have happened, finer precision first, then IRI; undated last), filtered by kind,
        window and (by IRI) an entity involved, and how many there are in all.

        ``after`` is a keyset cursor: the order key and IRI of the last event of the page
        before (``Event.order_key``, ``Event.iri``). The store filters, orders and pages on
        the order key the loader stored (kg.queries.event_pages), then the page's details
        are fetched: three round trips (the stamps, the page, the details), and once per
        filter and store version a count of its events. Known at a date, the dates known
        then decide the order and may differ from those the stored key was made from, so
        the store keeps the events and dates known then and they are ordered here, by the
        same rule (``Event.order_key``).
        """
        chosen = EventFilter(frozenset(kinds or ()), start, end, involving)
        if self._known_at is not None:
            return self._known_page(chosen, after, limit)
        known = self._event_summaries.get(chosen)
        keyed = event_page_query(self._store, chosen, known, after, limit)
        details = self.events([iri for iri, _ in keyed])
        return [details[iri] for iri, _ in keyed if iri in details], known.total

    def _known_page(
        self, chosen: EventFilter, after: tuple[str, str] | None, limit: int | None
    ) -> tuple[list[Event], int]:
        """``event_page`` known at a date: the store keeps the events and dates known
        then, and they are ordered by their order keys as known then."""
        among = None
        if chosen.involving is not None:
            who = chosen.involving
            among = event_queries.events_involving(self._store, [who])[who]
        index = event_queries.dated_events(self._store, chosen.kinds, among, self._known_at)
        window = (e for e in index if in_window(e, chosen.start, chosen.end))
        ordered = chronological(window, newest_first=True)
        later = [e for e in ordered if after is None or (e.order_key, e.iri) > after]
        page = later[:limit] if limit is not None else later
        details = self.events([e.iri for e in page])
        return [details[e.iri] for e in page if e.iri in details], len(ordered)

    def event_list(
        self,
        kinds: Collection[EventKind] | None = None,
        start: PartialDate | None = None,
        end: PartialDate | None = None,
        involving: str | None = None,
    ) -> list[Event]:
        """Every event newest first, filtered as ``event_page`` filters (no paging)."""
        return self.event_page(kinds, start, end, involving)[0]

    def issue_dates(self, notices: Collection[str]) -> dict[str, PartialDate]:
        """When each notice was issued: the date of its first dated ``NoticeIssued`` event
        (notices with none are left out; two round trips)."""
        dates: dict[str, PartialDate] = {}
        for notice, events in self.timelines(notices).items():
            for event in events:
                issued = event.kind is EventKind.NOTICE_ISSUED and notice in event.role("subject")
                if issued and event.date is not None:
                    dates.setdefault(notice, event.date)
                    break
        return dates
