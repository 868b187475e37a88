"""The server's URL scheme for finreg's nodes, in one place: every IRI finreg mints,
``https://w3id.org/finreg/id/<kind>/<slug>``, is answered at ``/id/<kind>/<slug>`` (a 303),
has a page at ``/page/<kind>/<slug>`` (an entity's pictures, CSV and feed under it) and an
RDF description at ``/data/<kind>/<slug>.ttl|.jsonld``. Which kinds exist is the store's
business (the kind segment of an event's, a relationship's or a figure's IRI is the data
engineer's choice: the shapes only require ``<kind>/<slug>``), so a path names an IRI and
the page says what the node is. The Atom feeds: ``/feed.atom`` (every event),
``/feed/<EventClass>.atom`` (one kind of event), ``/page/<kind>/<slug>/feed.atom`` (one
entity's events).

>>> page_path(node_iri("product", "huabei"))
'/page/product/huabei'
>>> page_path(node_iri("event", "huabei-transfer"))
'/page/event/huabei-transfer'
>>> page_path("https://example.org/x") is None
True
>>> feed_path(), feed_path(kind="BusinessTransfer"), feed_path(node_iri("product", "huabei"))
('/feed.atom', '/feed/BusinessTransfer.atom', '/page/product/huabei/feed.atom')
"""

from __future__ import annotations

import re

from kg.errors import NotFoundError
from kg.model import EntityKind
from kg.vocab import DATA

ENTITY_KINDS = frozenset(kind.value.lower() for kind in EntityKind)
"""The ``<kind>`` of an entity IRI ``https://w3id.org/finreg/id/<kind>/<slug>``."""

_KIND = re.compile(r"[a-z-]+")
_SLUG = re.compile(r"[A-Za-z0-9._~-]+")
"""A node IRI's kind and slug, as the shapes allow them (kg/schema/shapes.ttl, frs:DataIri)."""


def node_iri(kind: str, slug: str) -> str:
    """The IRI a path ``<kind>/<slug>`` names.

    :raises NotFoundError: if ``kind`` or ``slug`` cannot be part of a finreg IRI.
    """
    if not _KIND.fullmatch(kind) or not _SLUG.fullmatch(slug):
        raise NotFoundError(f"{kind}/{slug}")
    return f"{DATA}{kind}/{slug}"


def entity_iri(kind: str, slug: str) -> str:
    """The IRI of the entity a page path names.

    :raises NotFoundError: if ``kind`` is no entity kind.
    """
    if kind not in ENTITY_KINDS:
        raise NotFoundError(f"{kind}/{slug}")
    return node_iri(kind, slug)


def page_path(iri: str) -> str | None:
    """The page path of a finreg IRI (``/page/<kind>/<slug>``), None for another IRI."""
    base = str(DATA)
    if not iri.startswith(base):
        return None
    kind, _, slug = iri[len(base) :].partition("/")
    if not _KIND.fullmatch(kind) or not _SLUG.fullmatch(slug):
        return None
    return f"/page/{kind}/{slug}"


def feed_path(entity: str | None = None, *, kind: str | None = None) -> str:
    """The path of an Atom feed: of every event, of one kind of event (an event class's
    local name), or of an entity's events (by IRI)."""
    if entity is not None:
        path = page_path(entity)
        if path is None:
            raise NotFoundError(entity)
        return f"{path}/feed.atom"
    return f"/feed/{kind}.atom" if kind is not None else "/feed.atom"
