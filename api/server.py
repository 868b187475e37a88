"""``finreg serve``: run the app under uvicorn."""

from __future__ import annotations

import logging

import uvicorn

from api.app import create_app
from kg.settings import Settings


def url(settings: Settings) -> str:
    """Where the GraphQL API answers.

    >>> from pathlib import Path
    >>> url(Settings(data_dir=Path("/tmp/finreg"), host="127.0.0.1", port=8000))
    'http://127.0.0.1:8000/graphql'
    """
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"http://{host}:{settings.port}/graphql"


def serve(settings: Settings) -> None:
    """Serve the API on ``settings.host``:``settings.port`` until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    print(f"finreg: GraphQL API at {url(settings)}", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
