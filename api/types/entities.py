"""Entities: the Entity interface, its seven kinds, and their names.

Every field reads a kg.model object the request already holds, or asks a loader (so that a
list of a hundred companies costs the same round trips as one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from api.context import Info, loaders_of
from api.present.phrases import name_of
from api.types.arguments import EventKinds, FromDate, ToDate
from api.types.enums import (
    EntityKind,
    LicenceStatus,
    NameKind,
    RegistrationStatus,
    to_api,
    to_kg,
)
from api.types.figures import METRIC, Figure, in_lang
from api.types.links import EntityLinks
from api.types.node import Node, field
from api.types.ontology import definition
from api.types.sources import Citation, Source, load_citations, load_sources
from kg import model
from kg.dates import PartialDate, order_key

if TYPE_CHECKING:
    from api.types.events import Event

LANG = "A BCP 47 language tag: zh, en, zh-Latn-pinyin, ..."
AS_OF = "The date to answer for; now when omitted."


@strawberry.type(
    description="One name of an entity, in one language, valid over a period, with its sources."
)
class Name:
    """A name (kg.model.Name)."""

    record: strawberry.Private[model.Name]

    value: str = strawberry.field(description="The name as written.")
    lang: str = strawberry.field(description="BCP 47 tag: zh, en, zh-Latn-pinyin, ...")
    kind: NameKind = strawberry.field(
        description="What sort of name it is: legal, short, former, ..."
    )
    valid_from: PartialDate | None = strawberry.field(
        description="From when the name was in use, where known."
    )
    valid_to: PartialDate | None = strawberry.field(
        description="Until when the name was in use; null while it still is."
    )

    @classmethod
    def of(cls, name: model.Name) -> Name:
        """The GraphQL object for a kg name, its plain fields filled once."""
        return cls(
            record=name,
            value=name.value,
            lang=name.lang,
            kind=to_api(name.kind, NameKind),
            valid_from=name.valid_from,
            valid_to=name.valid_to,
        )

    @field(description="The sources that give this name.")
    async def sources(self, info: Info) -> list[Source]:
        """The sources of the name."""
        return await load_sources(info, (c.source for c in self.record.citations))

    @field(description="The sources that give this name, with locators.")
    async def citations(self, info: Info) -> list[Citation]:
        """The citations of the name."""
        return await load_citations(info, self.record.citations)


@strawberry.interface(
    description="A regulator, company, group, product, licence, notice or sector: "
    "anything that has names and takes part in events."
)
class Entity(Node, EntityLinks):
    """The fields every kind of entity has."""

    record: strawberry.Private[model.Entity]

    kind: EntityKind = strawberry.field(description="Which kind of entity this is.")

    @field(
        description="The name in `lang` that was valid at `asOf` (the latest known name when "
        "omitted). Falls back to another language, then to the IRI."
    )
    def name(
        self,
        lang: Annotated[str, strawberry.argument(description=LANG)] = "zh",
        as_of: Annotated[PartialDate | None, strawberry.argument(description=AS_OF)] = None,
    ) -> str:
        """The best name."""
        return name_of(self.record, lang, as_of)

    @field(description="Every name: legal, short, former, translations, aliases.")
    def names(self) -> list[Name]:
        """All names."""
        return [Name.of(n) for n in self.record.names]

    @field(description="Every event this entity takes part in, oldest first, undated events last.")
    async def timeline(
        self,
        info: Info,
        from_: FromDate = None,
        to: ToDate = None,
        kinds: EventKinds = None,
    ) -> list[Annotated[Event, strawberry.lazy("api.types.events")]]:
        """The entity's events in the window."""
        from api.types.events import Event

        chosen = to_kg(kinds, model.EventKind)
        window = frozenset(chosen) if chosen else None
        events = await loaders_of(info).windows.load((self.record.iri, from_, to, window))
        return [Event.of(e) for e in events]

    @field(description="The sources that assert anything about this entity.")
    async def sources(self, info: Info) -> list[Source]:
        """Every source about the entity."""
        return await load_sources(info, await loaders_of(info).sources_about.load(self.record.iri))

    @field(
        description="Figures about this entity (amounts, counts, rates: a sector's number of "
        "companies, a company's loan balance...), oldest first, undated last; optionally of "
        "one metric."
    )
    async def figures(
        self,
        info: Info,
        metric: Annotated[str | None, strawberry.argument(description=METRIC)] = None,
    ) -> list[Figure]:
        """Figures."""
        found = await loaders_of(info).figures.load((self.record.iri, metric))
        return [Figure.of(f) for f in found]


def entity(record: model.Entity) -> Entity:
    """The GraphQL object of the right kind for a kg entity."""
    return _TYPES[record.kind](
        id=strawberry.ID(record.iri), record=record, kind=to_api(record.kind, EntityKind)
    )


async def load_entities(info: Info, iris: list[str]) -> list[Entity]:
    """The entities with these IRIs, in order, each once (unknown ones left out)."""
    found = await loaders_of(info).entities.load_many(list(dict.fromkeys(iris)))
    return [entity(e) for e in found if e is not None]


@strawberry.type(description=definition("Regulator"))
class Regulator(Entity):
    """A regulator."""

    @field(description="The notices this regulator issued, newest first.")
    async def notices(self, info: Info) -> list[Notice]:
        """The regulator's notices."""
        infos = await loaders_of(info).notices.load(self.record.iri)
        iris = [n.iri for n in infos]
        dates = await loaders_of(info).issue_dates.load_many(iris)
        dated = sorted(  # newest first by the one rule for events (kg.dates.order_key)
            ((d, i) for d, i in zip(dates, iris, strict=True) if d is not None),
            key=lambda pair: (order_key(pair[0], None), pair[1]),
        )
        undated = sorted(i for d, i in zip(dates, iris, strict=True) if d is None)
        found = await load_entities(info, [i for _, i in dated] + undated)
        return [n for n in found if isinstance(n, Notice)]


@strawberry.type(description=definition("Company"))
class Company(Entity):
    """A company."""

    @field(description="The company's standing in the register at `asOf`.")
    async def status(
        self,
        info: Info,
        as_of: Annotated[PartialDate | None, strawberry.argument(description=AS_OF)] = None,
    ) -> RegistrationStatus:
        """Registration status."""
        status = await loaders_of(info).registration.load((self.record.iri, as_of))
        return to_api(status, RegistrationStatus)

    @field(description="The licences and qualifications the company holds or held.")
    async def licences(self, info: Info) -> list[Licence]:
        """Licences held."""
        held = await loaders_of(info).licences.load(self.record.iri)
        found = await load_entities(info, [lic.iri for lic in held])
        return [lic for lic in found if isinstance(lic, Licence)]

    @field(description="Products this company operated at `asOf` (now when omitted).")
    async def products(
        self,
        info: Info,
        as_of: Annotated[PartialDate | None, strawberry.argument(description=AS_OF)] = None,
    ) -> list[Product]:
        """Products operated."""
        iris = await loaders_of(info).products.load((self.record.iri, as_of))
        return [p for p in await load_entities(info, iris) if isinstance(p, Product)]

    @field(description="Groups or companies that own it, directly or indirectly, at `asOf`.")
    async def owners(
        self,
        info: Info,
        as_of: Annotated[PartialDate | None, strawberry.argument(description=AS_OF)] = None,
    ) -> list[Entity]:
        """Owners."""
        return await load_entities(
            info, await loaders_of(info).owners.load((self.record.iri, as_of))
        )


@strawberry.type(description=definition("Group"))
class Group(Entity):
    """A group."""

    @field(description="The entities the group owns at `asOf`, directly or not.")
    async def members(
        self,
        info: Info,
        as_of: Annotated[PartialDate | None, strawberry.argument(description=AS_OF)] = None,
    ) -> list[Entity]:
        """Members."""
        return await load_entities(
            info, await loaders_of(info).members.load((self.record.iri, as_of))
        )


@strawberry.type(description=definition("Product"))
class Product(Entity):
    """A product."""

    @field(description="Who ran the product at `asOf` (now when omitted).")
    async def operators(
        self,
        info: Info,
        as_of: Annotated[PartialDate | None, strawberry.argument(description=AS_OF)] = None,
    ) -> list[Entity]:
        """Operators."""
        return await load_entities(
            info, await loaders_of(info).operators.load((self.record.iri, as_of))
        )


@strawberry.type(description=definition("Licence"))
class Licence(Entity):
    """A licence."""

    async def _info(self, info: Info) -> model.LicenceInfo | None:
        found = await loaders_of(info).licences.load(self.record.iri)
        return next((lic for lic in found if lic.iri == self.record.iri), None)

    @field(description="Who holds the licence.")
    async def holder(self, info: Info) -> Entity | None:
        """The holder."""
        record = await self._info(info)
        if record is None or record.holder is None:
            return None
        return next(iter(await load_entities(info, [record.holder])), None)

    @field(description="Who issued the licence (the first, where several did).")
    async def issuer(self, info: Info) -> Entity | None:
        """The issuer."""
        record = await self._info(info)
        if record is None or not record.issuers:
            return None
        return next(iter(await load_entities(info, list(record.issuers))), None)

    @field(description="The licence's standing at `asOf`.")
    async def status(
        self,
        info: Info,
        as_of: Annotated[PartialDate | None, strawberry.argument(description=AS_OF)] = None,
    ) -> LicenceStatus:
        """Licence status."""
        status = await loaders_of(info).licence_status.load((self.record.iri, as_of))
        return to_api(status, LicenceStatus)

    @field(
        description="The latest date by which the licence had lapsed, where only that bound is "
        "known; once it has passed, `status` is no longer ACTIVE."
    )
    async def end_not_after(self, info: Info) -> PartialDate | None:
        """The end bound."""
        record = await self._info(info)
        return record.end_not_after if record else None

    @field(description="What sort of licence it is, in `lang` where given.")
    async def licence_type(
        self, info: Info, lang: Annotated[str, strawberry.argument(description=LANG)] = "zh"
    ) -> str | None:
        """The licence type."""
        record = await self._info(info)
        return in_lang(record.licence_types, lang) if record else None


@strawberry.type(description=definition("Notice"))
class Notice(Entity):
    """A notice."""

    async def _info(self, info: Info) -> model.NoticeInfo | None:
        found = await loaders_of(info).notices.load(self.record.iri)
        return next((n for n in found if n.iri == self.record.iri), None)

    @field(description="The regulators that issued the notice.")
    async def issued_by(self, info: Info) -> list[Entity]:
        """Issuers."""
        record = await self._info(info)
        return await load_entities(info, list(record.issuers) if record else [])

    @field(
        description="When the notice was issued: the date of its NOTICE_ISSUED event; "
        "null when no such event is dated."
    )
    async def issued(self, info: Info) -> PartialDate | None:
        """Issue date."""
        return await loaders_of(info).issue_dates.load(self.record.iri)

    @field(description="Entities the notice names or binds.")
    async def affects(self, info: Info) -> list[Entity]:
        """Affected entities."""
        record = await self._info(info)
        return await load_entities(info, list(record.affects) if record else [])

    @field(description="The form of the document (measures, window guidance...).")
    async def notice_type(
        self, info: Info, lang: Annotated[str, strawberry.argument(description=LANG)] = "zh"
    ) -> str | None:
        """The notice type."""
        record = await self._info(info)
        return in_lang(record.notice_types, lang) if record else None

    @field(description="When its requirements start to apply, where the sources say.")
    async def effective_from(self, info: Info) -> PartialDate | None:
        """Effective date."""
        record = await self._info(info)
        return record.effective_from if record else None

    @field(
        description="The latest date by which those it binds must comply, where the sources say."
    )
    async def deadline(self, info: Info) -> PartialDate | None:
        """Deadline."""
        record = await self._info(info)
        return record.deadline if record else None

    @field(description="The earlier notices this one replaces.")
    async def supersedes(self, info: Info) -> list[Notice]:
        """Notices replaced."""
        record = await self._info(info)
        found = await load_entities(info, list(record.supersedes) if record else [])
        return [n for n in found if isinstance(n, Notice)]

    @field(description="The later notices that replace this one; empty while none does.")
    async def superseded_by(self, info: Info) -> list[Notice]:
        """Notices that replace it."""
        record = await self._info(info)
        found = await load_entities(info, list(record.superseded_by) if record else [])
        return [n for n in found if isinstance(n, Notice)]


@strawberry.type(description=definition("Sector"))
class Sector(Entity):
    """A sector: an industry counted as a whole (its figures are the sector's)."""


_TYPES: dict[model.EntityKind, type[Entity]] = {
    model.EntityKind.REGULATOR: Regulator,
    model.EntityKind.COMPANY: Company,
    model.EntityKind.GROUP: Group,
    model.EntityKind.PRODUCT: Product,
    model.EntityKind.LICENCE: Licence,
    model.EntityKind.NOTICE: Notice,
    model.EntityKind.SECTOR: Sector,
}

ENTITY_TYPES = tuple(_TYPES.values())
"""Every concrete entity type, for the schema's ``types=``."""

__all__ = [
    "ENTITY_TYPES",
    "Company",
    "Entity",
    "Group",
    "Licence",
    "Name",
    "Notice",
    "Product",
    "Regulator",
    "Sector",
    "entity",
    "load_entities",
]
