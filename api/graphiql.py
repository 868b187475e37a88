"""The GraphiQL page, with its scripts and styles served from this machine when they are here.

scripts/fetch_graphiql.py puts React, GraphiQL and its explorer plugin under
``api/static/vendor/<package>@<version>/`` (unpkg's layout). The page refers to each asset as
``__FINREG_ASSETS__/<package>@<version>/<file>``: that prefix becomes ``/static/vendor`` when
every asset is here, else ``https://unpkg.com`` (with a warning in the log). The files are the
same either way, so the page's subresource-integrity hashes hold for both.

>>> asset_paths('<script src="__FINREG_ASSETS__/react@18.2.0/umd/react.js"></script>')
['react@18.2.0/umd/react.js']
"""

from __future__ import annotations

import functools
import json
import logging
import re
from pathlib import Path

from starlette.staticfiles import StaticFiles

from api.examples import EXAMPLES

logger = logging.getLogger("api")

STATIC = Path(__file__).resolve().parent / "static"
VENDOR = STATIC / "vendor"
LOCAL_ASSETS = "/static/vendor"
"""Where the app serves VENDOR (see ``vendor_files``)."""
CDN_ASSETS = "https://unpkg.com"
ASSETS = "__FINREG_ASSETS__"
_ASSET = re.compile(re.escape(ASSETS) + r"/([^\"'\s]+)")


def asset_paths(template: str) -> list[str]:
    """The asset paths (``<package>@<version>/<file>``) a page template refers to."""
    return _ASSET.findall(template)


@functools.cache
def _warn_cdn(missing: str) -> None:
    """Log, once per missing file, that GraphiQL's assets come from the CDN."""
    logger.warning(
        "GraphiQL assets missing (%s); the page loads them from %s "
        "(run scripts/fetch_graphiql.py to serve them locally)",
        missing,
        CDN_ASSETS,
    )


def assets_base(template: str, vendor: Path = VENDOR) -> str:
    """``/static/vendor`` if every asset ``template`` uses is under ``vendor``, else the CDN."""
    for path in asset_paths(template):
        if not (vendor / path).is_file():
            _warn_cdn(str(vendor / path))
            return CDN_ASSETS
    return LOCAL_ASSETS


def graphiql_page() -> str:
    """GraphiQL with finreg's example queries open in tabs."""
    template = (STATIC / "graphiql.html").read_text("utf-8")
    tabs = json.dumps([{"query": e.query, "variables": e.variables} for e in EXAMPLES])
    page = template.replace(ASSETS, assets_base(template))
    return page.replace("__FINREG_TABS__", tabs.replace("</", "<\\/"))


class _OptionalStaticFiles(StaticFiles):
    """StaticFiles whose directory may be missing: then every path is a 404, not a 500."""

    async def check_config(self) -> None:
        """Check the directory only if it exists (the assets may not have been fetched)."""
        if self.directory is not None and Path(self.directory).is_dir():
            await super().check_config()


def vendor_files(directory: Path = VENDOR) -> StaticFiles:
    """The ASGI app serving ``directory`` (VENDOR); the app mounts it at LOCAL_ASSETS."""
    return _OptionalStaticFiles(directory=directory, check_dir=False)
