"""One settings object, read from ``FINREG_*`` environment variables, overridden by CLI flags.

=====================  ==========================================  ===============================
variable               meaning                                     default
=====================  ==========================================  ===============================
FINREG_DATA            data directory of the embedded store        $XDG_DATA_HOME/finreg
                                                                   (~/.local/share/finreg)
FINREG_SEEDS           folder of seed files loaded on first start  the seeds finreg ships
                                                                   (kg.resources.seeds_dir)
FINREG_DATASET_ROOT    folder graph keys are relative to           the nearest folder above a file
                       (``finreg load --root``)                    with .git or finreg.toml
FINREG_HOST            address ``finreg serve`` listens on         127.0.0.1
FINREG_PORT            port ``finreg serve`` listens on            8000
FINREG_MAX_DEPTH       deepest GraphQL query accepted              12
FINREG_MAX_ALIASES     most aliases in one GraphQL request         30
FINREG_MAX_TOKENS      most tokens in one GraphQL document         2000
FINREG_MAX_PAGE        largest ``first`` for a page                100
FINREG_TIMEOUT         seconds a GraphQL or SPARQL request may run 10
FINREG_STORE           SPARQL query endpoint (remote store)        none: the embedded store
FINREG_STORE_UPDATE    SPARQL update endpoint                      the query URL with /query
                                                                   replaced by /update, else it
FINREG_STORE_USER      user for the SPARQL endpoint                none
FINREG_STORE_PASSWORD  password for the SPARQL endpoint            none
FINREG_STORE_AUTH      "basic" or "digest"                         basic
FINREG_STORE_TIMEOUT   seconds one SPARQL request may take         10
FINREG_WORKERS         API processes ``finreg serve`` runs         1
FINREG_CACHE           "off" turns off every answer cache (HTTP    on
                       answers kept in memory by query and graph
                       stamp); ETags and 304s stay
FINREG_BASE_URL        the server's public address, for the        none: the address each
                       absolute URLs it hands out (/reconcile's    request came to
                       view, preview and suggest), e.g.
                       https://finreg.example.org
=====================  ==========================================  ===============================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from kg import resources
from kg.errors import FinregError

_VARIABLES = {"store_url": "FINREG_STORE", "store_update_url": "FINREG_STORE_UPDATE"}
"""Fields whose variable is not simply FINREG_<FIELD>."""


def _default_data_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "finreg"


@dataclass(frozen=True)
class Settings:
    """Everything configurable about finreg (see the module docstring)."""

    data_dir: Path
    seeds_dir: Path = field(default_factory=resources.seeds_dir)
    dataset_root: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    max_depth: int = 12
    max_aliases: int = 30
    max_tokens: int = 2000
    max_page: int = 100
    timeout: float = 10.0
    store_url: str | None = None
    store_update_url: str | None = None
    store_user: str | None = None
    store_password: str | None = None
    store_auth: str = "basic"
    store_timeout: float = 10.0
    workers: int = 1
    base_url: str | None = None
    cache: str = "on"

    @property
    def answer_cache(self) -> bool:
        """Whether answers may be kept in memory (``FINREG_CACHE`` is not "off")."""
        return self.cache != "off"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``FINREG_*`` variables (``os.environ`` by default).

        :raises FinregError: if a numeric variable is not a number.
        """
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "data_dir": Path(env.get("FINREG_DATA") or _default_data_dir(env))
        }
        if env.get("FINREG_SEEDS"):
            values["seeds_dir"] = Path(env["FINREG_SEEDS"])
        if env.get("FINREG_DATASET_ROOT"):
            values["dataset_root"] = Path(env["FINREG_DATASET_ROOT"])
        for f in fields(cls):
            raw = env.get(_VARIABLES.get(f.name, "FINREG_" + f.name.upper()))
            if raw is None or f.name in ("data_dir", "seeds_dir", "dataset_root"):
                continue
            try:
                values[f.name] = (
                    float(raw)
                    if f.type in ("float", float)
                    else (int(raw) if f.type in ("int", int) else raw)
                )
            except ValueError as error:
                variable = _VARIABLES.get(f.name, "FINREG_" + f.name.upper())
                raise FinregError(f"{variable}={raw!r} is not a number") from error
        if values.get("cache", "on") not in ("on", "off"):
            raise FinregError(f"FINREG_CACHE={values['cache']!r} is neither on nor off")
        if "base_url" in values:
            values["base_url"] = public_base_url(str(values["base_url"]))
        return cls(**values)  # type: ignore[arg-type]

    def override(self, **changes: object) -> Settings:
        """A copy with the given fields changed; ``None`` values are ignored (flag not given)."""
        given = {k: v for k, v in changes.items() if v is not None}
        return replace(self, **given)  # type: ignore[arg-type]


def public_base_url(text: str) -> str:
    """A base URL as the server hands it out: http(s), a host, no query or fragment, no
    trailing slash.

    :raises FinregError: for anything else.

    >>> public_base_url("https://finreg.example.org/")
    'https://finreg.example.org'
    >>> public_base_url("finreg.example.org")
    Traceback (most recent call last):
    ...
    kg.errors.FinregError: FINREG_BASE_URL='finreg.example.org' is not an http(s) URL such as https://finreg.example.org
    """
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise FinregError(
            f"FINREG_BASE_URL={text!r} is not an http(s) URL such as https://finreg.example.org"
        )
    return text.strip().rstrip("/")
