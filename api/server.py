"""``finreg serve``: run the app under uvicorn, in one process or several."""

from __future__ import annotations

import logging
import os

import uvicorn
from starlette.applications import Starlette

from api.app import create_app
from kg.errors import FinregError
from kg.knowledge import KnowledgeGraph
from kg.settings import Settings


def url(settings: Settings) -> str:
    """Where the GraphQL API answers.

    >>> from pathlib import Path
    >>> url(Settings(data_dir=Path("/tmp/finreg"), host="127.0.0.1", port=8000))
    'http://127.0.0.1:8000/graphql'
    """
    host = f"[{settings.host}]" if ":" in settings.host else settings.host
    return f"http://{host}:{settings.port}/graphql"


def app_from_environment() -> Starlette:
    """The app configured from ``FINREG_*`` variables: what each worker process runs."""
    return create_app(Settings.from_env())


def _export(settings: Settings) -> None:
    """Hand the settings to worker processes through the environment."""
    variables = {
        "FINREG_DATA": str(settings.data_dir),
        "FINREG_SEEDS": str(settings.seeds_dir),
        "FINREG_DATASET_ROOT": str(settings.dataset_root or ""),
        "FINREG_STORE": settings.store_url or "",
        "FINREG_STORE_UPDATE": settings.store_update_url or "",
        "FINREG_STORE_USER": settings.store_user or "",
        "FINREG_STORE_PASSWORD": settings.store_password or "",
        "FINREG_STORE_AUTH": settings.store_auth,
        "FINREG_STORE_TIMEOUT": str(settings.store_timeout),
        "FINREG_MAX_DEPTH": str(settings.max_depth),
        "FINREG_MAX_ALIASES": str(settings.max_aliases),
        "FINREG_MAX_TOKENS": str(settings.max_tokens),
        "FINREG_MAX_PAGE": str(settings.max_page),
        "FINREG_TIMEOUT": str(settings.timeout),
        "FINREG_CACHE": settings.cache,
    }
    os.environ.update({k: v for k, v in variables.items() if v})
    for key in [k for k, v in variables.items() if not v]:
        os.environ.pop(key, None)


def serve(settings: Settings) -> None:
    """Serve the API on ``settings.host``:``settings.port`` until interrupted.

    With ``settings.workers`` > 1, that many processes serve one remote store (the embedded
    store can be opened by one process only); the seeds are loaded once, before they start.

    :raises FinregError: for several workers on the embedded store.
    :raises StoreUnavailableError: if the embedded store cannot be opened.
    """
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    if settings.workers > 1:
        if not settings.store_url:
            raise FinregError(
                "--workers needs a SPARQL server store (--store URL): the embedded store "
                "can be opened by one process only"
            )
        KnowledgeGraph.open_seeded(settings).close()
        _export(settings)
        print(f"finreg: GraphQL API at {url(settings)} ({settings.workers} workers)", flush=True)
        uvicorn.run(
            "api.server:app_from_environment",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level="info",
        )
        return
    if not settings.store_url:
        # Opened once before the server starts, so a data folder that cannot be used is one
        # line and exit code 3 (api.cli), not the traceback of a failed startup.
        KnowledgeGraph.open(settings).close()
    print(f"finreg: GraphQL API at {url(settings)}", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
