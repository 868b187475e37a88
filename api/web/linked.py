"""Linked data: the IRIs' content negotiation (303 See Other), each entity's RDF description,
and the whole graph as one file."""

from __future__ import annotations

from urllib.parse import urlencode

from pyoxigraph import RdfFormat, Triple, serialize
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from api.accept import negotiate
from api.state import AppRequest
from api.urls import node_iri
from api.web.render import Handler, in_time, not_found
from kg.errors import NotFoundError
from kg.export_formats import EXPORT_PREFIXES
from kg.knowledge import KnowledgeGraph

HTML = "text/html"
TURTLE = "text/turtle"
JSON_LD = "application/ld+json"

OFFERED = (HTML, "application/xhtml+xml", TURTLE, JSON_LD, "application/json")
"""What an IRI can be answered with, in the server's order of preference on a tie."""

_DOCUMENT = {HTML: None, "application/xhtml+xml": None, TURTLE: "ttl", JSON_LD: "jsonld"}
_DOCUMENT["application/json"] = "jsonld"

DESCRIPTION_FORMATS = {"ttl": (RdfFormat.TURTLE, TURTLE), "jsonld": (RdfFormat.JSON_LD, JSON_LD)}

EXPORT_MEDIA_TYPES = {
    "ttl": TURTLE,
    "trig": "application/trig",
    "nq": "application/n-quads",
    "jsonld": JSON_LD,
}


def _exists(graph: KnowledgeGraph, iri: str) -> bool:
    return graph.node_family(iri) is not None


async def identifier(request: AppRequest) -> Response:
    """``/id/<kind>/<slug>``: 303 to the page (HTML; ``?lang`` and ``?knownAt`` kept) or to
    the RDF description the Accept header prefers; 406 when it accepts none; 404 for an
    unknown node (or one not yet known at ``?knownAt``). Every node finreg mints answers so:
    entities, events, sources, relationships, figures, metrics."""
    kind, slug = request.path_params["kind"], request.path_params["slug"]
    if not await in_time(request, _exists, node_iri(kind, slug)):
        raise NotFoundError(f"{kind}/{slug}")
    chosen = negotiate(request.headers.get("accept"), OFFERED)
    vary = {"Vary": "Accept"}
    if chosen is None:
        listed = ", ".join(OFFERED)
        return PlainTextResponse(f"Not acceptable: offered {listed}\n", 406, headers=vary)
    document = _DOCUMENT[chosen]
    if document is None:
        location = f"/page/{kind}/{slug}"
        params = request.query_params
        kept = {k: params[k] for k in ("knownAt", "lang") if params.get(k)}
        if kept:
            location += "?" + urlencode(kept)
    else:
        location = f"/data/{kind}/{slug}.{document}"
    return RedirectResponse(location, status_code=303, headers=vary)


def description_document(triples: list[Triple], fmt: str) -> bytes:
    """The triples as Turtle ("ttl", with finreg's prefixes) or JSON-LD ("jsonld")."""
    rdf_format = DESCRIPTION_FORMATS[fmt][0]
    prefixes = EXPORT_PREFIXES if rdf_format is RdfFormat.TURTLE else None
    data = serialize(triples, format=rdf_format, prefixes=prefixes)
    return data if data is not None else b""


def _description(graph: KnowledgeGraph, iri: str, fmt: str) -> bytes:
    """The node's RDF description: the data as stored, whatever ``?knownAt`` says (a
    description cut to a date would be a different document, not this IRI's)."""
    graph = graph.as_known_at(None)
    if graph.node_family(iri) is None:
        raise NotFoundError(iri)
    return description_document(graph.describe(iri), fmt)


def _description_handler(fmt: str) -> Handler:
    async def description(request: AppRequest) -> Response:
        """The node's RDF description in one format."""
        kind, slug = request.path_params["kind"], request.path_params["slug"]
        body = await in_time(request, _description, node_iri(kind, slug), fmt)
        return Response(body, media_type=DESCRIPTION_FORMATS[fmt][1])

    return description


turtle_description = _description_handler("ttl")
json_ld_description = _description_handler("jsonld")


async def export(request: AppRequest) -> Response:
    """``/export/finreg.<fmt>``: the whole graph as one file (Turtle: the union of the graphs;
    TriG, N-Quads and JSON-LD: one named graph per loaded file). Not under the page time
    limit: a big graph takes as long as it takes."""
    fmt = request.path_params["fmt"]
    if fmt not in EXPORT_MEDIA_TYPES:
        return not_found(request)
    state = request.state
    body = await state["work"].pages.run(state["graph"].export, fmt)
    return Response(
        body,
        media_type=EXPORT_MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="finreg.{fmt}"'},
    )
