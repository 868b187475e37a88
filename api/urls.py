"""The server's URL scheme for finreg's nodes, in one place: ``/page/<kind>/<slug>`` for an
entity's page (its pictures and CSV under it) and the IRI a page path names.

>>> page_path(entity_iri("product", "huabei"))
'/page/product/huabei'
>>> page_path("https://example.org/x") is None
True
"""

from __future__ import annotations

from kg.errors import NotFoundError
from kg.model import EntityKind
from kg.vocab import DATA

ENTITY_KINDS = frozenset(kind.value.lower() for kind in EntityKind)
"""The ``<kind>`` of an entity IRI ``https://w3id.org/finreg/id/<kind>/<slug>``."""


def entity_iri(kind: str, slug: str) -> str:
    """The IRI a page path names.

    :raises NotFoundError: if ``kind`` is no entity kind.
    """
    if kind not in ENTITY_KINDS or not slug:
        raise NotFoundError(f"{kind}/{slug}")
    return f"{DATA}{kind}/{slug}"


def page_path(iri: str) -> str | None:
    """The page path of an entity IRI (``/page/<kind>/<slug>``), None for another IRI."""
    base = str(DATA)
    if not iri.startswith(base):
        return None
    kind, _, slug = iri[len(base) :].partition("/")
    if kind not in ENTITY_KINDS or not slug or "/" in slug:
        return None
    return f"/page/{kind}/{slug}"
