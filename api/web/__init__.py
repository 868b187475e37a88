"""The journalist's view: server-rendered pages for every entity, search, linked data with
content negotiation, pictures and exports. ``web_routes()`` lists its routes."""

from __future__ import annotations

from api.web.routes import web_routes

__all__ = ["web_routes"]
