"""Events: details, timelines, pages of events, and when notices were issued."""

from __future__ import annotations

from collections.abc import Collection

from kg.dates import PartialDate
from kg.history import chronological, in_window, select
from kg.knowledge._names import Names
from kg.model import Event, EventKind
from kg.queries import events as event_queries


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
        offset: int = 0,
        limit: int | None = None,
    ) -> tuple[list[Event], int]:
        """A page of events newest first, filtered by kind, window and (by IRI) an entity
        involved, and how many there are in all. Orders and pages on kinds and dates alone,
        then fetches the details of the page only (two or three round trips)."""
        among = None
        if involving is not None:
            among = event_queries.events_involving(self._store, [involving])[involving]
        index = event_queries.dated_events(self._store, kinds, among, self._known_at)
        ordered = chronological((e for e in index if in_window(e, start, end)), newest_first=True)
        chosen = ordered[offset : None if limit is None else offset + limit]
        details = self.events([e.iri for e in chosen])
        return [details[e.iri] for e in chosen if e.iri in details], len(ordered)

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
