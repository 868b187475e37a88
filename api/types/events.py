"""Events, the roles entities play in them, and hand-overs of business placed in a lineage."""

from __future__ import annotations

from typing import Annotated

import strawberry

from api.context import Info, loaders_of
from api.present.phrases import basis_text, pick
from api.types.entities import Entity, entity, load_entities
from api.types.enums import DatePrecision, EventKind, precision, to_api
from api.types.node import Node, field
from api.types.sources import Citation, Source, load_citations, load_sources
from kg import model
from kg.dates import PartialDate

LANG = "A BCP 47 language tag: zh, en, ..."


@strawberry.type(description="What an entity did in an event.")
class Participation:
    """An entity in a role."""

    role: str = strawberry.field(
        description="What the entity did in the event: transferor, transferee, "
        "transferredScope, subject, issuer, holder, operator, owner, formerOwner."
    )
    entity: Entity = strawberry.field(description="The entity in that role.")


@strawberry.type(
    description="Something that happened: a founding, a rename, a hand-over of business, a "
    "licence granted or revoked, a notice issued... with its date at the precision known."
)
class Event(Node):
    """An event (kg.model.Event)."""

    record: strawberry.Private[model.Event]

    kind: EventKind = strawberry.field(description="What kind of event it is.")
    date: PartialDate | None = strawberry.field(
        description="When it happened, at the precision known; null when unknown."
    )
    date_precision: DatePrecision | None = strawberry.field(
        description="How precisely `date` is known; null when there is no date."
    )
    not_after: PartialDate | None = strawberry.field(
        description="The latest date it can have happened, where only a bound is known "
        "(such as the first report of it)."
    )
    not_before: PartialDate | None = strawberry.field(
        description="The earliest date it can have happened, where only a bound is known."
    )
    deadline: PartialDate | None = strawberry.field(
        description="The date by which it had to be done, where one was set."
    )

    @classmethod
    def of(cls, event: model.Event) -> Event:
        """The GraphQL object for a kg event, its plain fields filled once."""
        return cls(
            id=strawberry.ID(event.iri),
            record=event,
            kind=to_api(event.kind, EventKind),
            date=event.date,
            date_precision=precision(event.date),
            not_after=event.not_after,
            not_before=event.not_before,
            deadline=event.deadline,
            inferred=event.inferred,
        )

    @field(
        description="The earliest publication date among the event's sources: when it was "
        "first reported (which is not when it took effect)."
    )
    async def first_reported(self, info: Info) -> PartialDate | None:
        """First report."""
        sources = await load_sources(info, (c.source for c in self.record.citations))
        dates = [s.record.published for s in sources]
        return min(dates, key=lambda d: d.sort_key(), default=None)

    @field(description="A one-line account of the event in `lang` (another if none).")
    def summary(self, lang: Annotated[str, strawberry.argument(description=LANG)] = "zh") -> str:
        """Summary."""
        return pick(self.record.summaries, lang)

    @field(description="The reason the sources give, in `lang`; null when none.")
    def reason(
        self, lang: Annotated[str, strawberry.argument(description=LANG)] = "zh"
    ) -> str | None:
        """Reason."""
        return pick(self.record.reasons, lang) or None

    @field(description="The entities taking part, each with its role.")
    async def participants(self, info: Info) -> list[Participation]:
        """Participants."""
        parts = self.record.participants
        found = await loaders_of(info).entities.load_many([p.entity for p in parts])
        return [
            Participation(role=p.role, entity=entity(e))
            for p, e in zip(parts, found, strict=True)
            if e is not None
        ]

    @field(description="The sources that report the event.")
    async def sources(self, info: Info) -> list[Source]:
        """Sources."""
        return await load_sources(info, (c.source for c in self.record.citations))

    @field(
        description="The sources that report the event, with locators and the properties "
        "(its date, its bounds...) each states there."
    )
    async def citations(self, info: Info) -> list[Citation]:
        """Citations."""
        return await load_citations(info, self.record.citations)

    inferred: bool = strawberry.field(
        description="True where the event, its date or a participant is the editors' "
        "inference rather than what a source states; `basis` says from what."
    )

    @field(
        description="What the editors' inference rests on, in `lang` (each basis after the "
        "property inferred, such as the date, where one is); null for an event no one inferred."
    )
    def basis(
        self, lang: Annotated[str, strawberry.argument(description=LANG)] = "zh"
    ) -> str | None:
        """The basis of the inferences."""
        return basis_text(self.record.inferences, lang) or None

    @field(
        description="Other claims about the same fact that disagree with this one, each with "
        "its own sources (read both ways: a claim that names this one as conflicting counts)."
    )
    async def conflicts_with(self, info: Info) -> list[Event]:
        """Conflicting claims."""
        found = await loaders_of(info).events.load_many(list(self.record.conflicts_with))
        return [Event.of(e) for e in found if e is not None]


@strawberry.type(description="One hand-over of business from one entity to another.")
class Transfer:
    """A hand-over placed in a lineage (kg.model.Transfer)."""

    record: strawberry.Private[model.Transfer]

    @field(name="from", description="The entity that handed business over.")
    async def from_(self, info: Info) -> Entity:
        """Transferor."""
        return await _one(info, self.record.transferor)

    @field(description="The entity that took business over.")
    async def to(self, info: Info) -> Entity:
        """Transferee."""
        return await _one(info, self.record.transferee)

    @field(
        description="The products or business lines that moved; empty where the sources name none."
    )
    async def business(self, info: Info) -> list[Entity]:
        """What moved."""
        return await load_entities(info, list(self.record.business))

    date: PartialDate | None = strawberry.field(
        description="When the hand-over took effect, where known."
    )
    not_after: PartialDate | None = strawberry.field(
        description="The latest date the hand-over can have happened, where only a bound is known."
    )
    depth: int = strawberry.field(
        description="1 for a hand-over that touches the asked entity itself, 2 for the next one "
        "along the chain, and so on."
    )
    event: Event = strawberry.field(description="The business-transfer event itself.")

    @classmethod
    def of(cls, transfer: model.Transfer) -> Transfer:
        """The GraphQL object for a hand-over in a lineage, its plain fields filled once."""
        return cls(
            record=transfer,
            date=transfer.date,
            not_after=transfer.event.not_after,
            depth=transfer.depth,
            event=Event.of(transfer.event),
        )

    @field(description="The sources that report the hand-over.")
    async def sources(self, info: Info) -> list[Source]:
        """Sources."""
        return await load_sources(info, (c.source for c in self.record.event.citations))


async def _one(info: Info, iri: str) -> Entity:
    found = await load_entities(info, [iri])
    if not found:
        raise LookupError(f"the graph declares no entity <{iri}>")
    return found[0]
