"""The web routes: pages, linked-data IRIs and documents, pictures, Atom feeds, exports (the
scheme is api/urls.py's and README.md's, "Pages for journalists": ``/id`` answers 303,
``/page`` and ``/data`` 200; the 303s are api/web/linked.py's)."""

from __future__ import annotations

from starlette.routing import Route

from api.web import drawings, feeds, linked, nodes, pages


def web_routes() -> list[Route]:
    """Every route of the journalist's view, for ``Starlette(routes=[*web_routes(), ...])``."""
    return [
        Route("/", pages.home, name="home"),
        Route("/search", pages.search, name="search"),
        Route("/id/{kind}/{slug}", linked.identifier, name="identifier"),
        Route("/feed.atom", feeds.every_event, name="feed"),
        Route("/feed/{kind}.atom", feeds.of_kind, name="kind_feed"),
        Route("/page/{kind}/{slug}", nodes.node_page, name="page"),
        Route("/page/{kind}/{slug}/feed.atom", feeds.of_entity, name="entity_feed"),
        Route("/page/{kind}/{slug}/lineage.svg", drawings.lineage_svg, name="lineage_svg"),
        Route("/page/{kind}/{slug}/timeline.svg", drawings.timeline_svg, name="timeline_svg"),
        Route("/page/{kind}/{slug}/timeline.csv", drawings.timeline_csv, name="timeline_csv"),
        Route("/data/{kind}/{slug}.ttl", linked.turtle_description, name="turtle"),
        Route("/data/{kind}/{slug}.jsonld", linked.json_ld_description, name="json_ld"),
        Route("/export/finreg.{fmt}", linked.export, name="export"),
    ]
