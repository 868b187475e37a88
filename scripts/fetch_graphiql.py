"""Fetch GraphiQL's browser assets from the npm registry into api/static/vendor/.

GraphiQL (api/static/graphiql.html) needs React, GraphiQL and its explorer plugin as UMD
scripts and CSS. Served from this machine, the page works without access to a CDN. This
script downloads the npm tarballs pinned in scripts/graphiql-assets.lock.json, checks each
against its sha512 integrity, and extracts only the files the page uses, to
api/static/vendor/<name>@<version>/<file> (git-ignored, never committed). Files already there
are kept: with everything in place it does nothing (``make setup`` runs it every time).

Standard library only (no Node). Exit status 1 with a one-line reason if something cannot be
fetched or does not match; the page then loads its assets from unpkg.com.

    python scripts/fetch_graphiql.py [--force]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import sys
import tarfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = Path(__file__).resolve().with_name("graphiql-assets.lock.json")
VENDOR = ROOT / "api" / "static" / "vendor"
MAX_TARBALL_BYTES = 32 * 1024 * 1024
TIMEOUT = 60.0
ATTEMPTS = 3


class FetchError(Exception):
    """An asset could not be downloaded, did not match its integrity, or lacked a file."""


@dataclass(frozen=True)
class Package:
    """One pinned npm package and the files of it the page uses."""

    name: str
    version: str
    integrity: str
    files: tuple[str, ...]

    def tarball_url(self, registry: str) -> str:
        """The registry's URL of this version's tarball."""
        base = self.name.rsplit("/", 1)[-1]
        return f"{registry.rstrip('/')}/{self.name}/-/{base}-{self.version}.tgz"

    def target(self, dest: Path, file: str) -> Path:
        """Where ``file`` of this package goes under ``dest`` (unpkg's layout)."""
        return dest / f"{self.name}@{self.version}" / file


def read_lock(path: Path) -> tuple[str, list[Package]]:
    """The registry URL and the packages pinned in the lock file at ``path``."""
    data = json.loads(path.read_text("utf-8"))
    packages = [
        Package(p["name"], p["version"], p["integrity"], tuple(p["files"]))
        for p in data["packages"]
    ]
    return data["registry"], packages


def check_integrity(data: bytes, integrity: str, what: str) -> None:
    """Raise FetchError unless ``data`` has the sha512 ``integrity`` (npm's SRI form)."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise FetchError(f"{what}: unsupported integrity {integrity!r} (expected sha512-...)")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    if actual != expected:
        raise FetchError(f"{what}: sha512 mismatch (expected {expected}, got {actual})")


def download(url: str) -> bytes:
    """The body at ``url``, retried a few times on network errors."""
    if not url.startswith("https://"):
        raise FetchError(f"{url}: only https URLs are fetched")
    last: Exception | None = None
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(2**attempt)
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310
                data: bytes = response.read(MAX_TARBALL_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last = error
            continue
        if len(data) > MAX_TARBALL_BYTES:
            raise FetchError(f"{url}: larger than {MAX_TARBALL_BYTES} bytes")
        return data
    raise FetchError(f"{url}: {last}")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` by renaming a finished temporary file over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def fetch(package: Package, registry: str, dest: Path) -> None:
    """Download ``package``, check it, and extract its files under ``dest``."""
    url = package.tarball_url(registry)
    tarball = download(url)
    check_integrity(tarball, package.integrity, url)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for file in package.files:
            try:
                member = archive.extractfile(f"package/{file}")
            except KeyError:
                member = None
            if member is None:
                raise FetchError(f"{url}: no file package/{file} in the tarball")
            with member:
                write_atomically(package.target(dest, file), member.read())


def main(argv: list[str] | None = None) -> int:
    """Fetch whatever is missing; 0 when every asset is in place, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="fetch even what is in place")
    parser.add_argument("--dest", type=Path, default=VENDOR, help="default: %(default)s")
    parser.add_argument("--lock", type=Path, default=LOCK, help="default: %(default)s")
    args = parser.parse_args(argv)
    registry, packages = read_lock(args.lock)
    fetched = []
    try:
        for package in packages:
            present = all(package.target(args.dest, f).is_file() for f in package.files)
            if present and not args.force:
                continue
            fetch(package, registry, args.dest)
            fetched.append(f"{package.name}@{package.version}")
    except FetchError as error:
        print(
            f"fetch_graphiql: {error}; GraphiQL will load its assets from unpkg.com",
            file=sys.stderr,
        )
        return 1
    if fetched:
        print(f"fetch_graphiql: {', '.join(fetched)} in {args.dest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
