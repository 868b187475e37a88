"""Where the files finreg ships with are: the ontology, the SHACL shapes and the seeds.

Every module that reads one of them asks here, so there is one answer to "where is it":

- **A checkout**, and the editable install ``make`` does: in place, at the repository's top
  (``ontology/finreg.ttl``, ``seeds/``, the ``finreg.toml`` root marker) and beside
  ``kg/schema/__init__.py`` (``shapes.ttl``). Nothing is copied.
- **An install from a wheel**: inside the package, found through ``importlib.resources``.
  The shapes are package data of ``kg.schema``; the rest is copied at build time (setup.py's
  build step, never in the repository) to ``kg/_data/`` with the repository's layout:
  ``kg/_data/ontology/finreg.ttl``, ``kg/_data/seeds/``, and the repository's
  ``finreg.toml`` at ``kg/_data/finreg.toml``, so that the shipped seeds have the same graph
  keys (``seeds/entities.ttl``) as in a checkout (see kg.graphs).

The functions return real paths, which pyoxigraph, rdflib and the SHACL engine open; pip
always installs a wheel unpacked, so the package is on the file system.

>>> ontology_path().name, shapes_path().name, seeds_dir().name
('finreg.ttl', 'shapes.ttl', 'seeds')
>>> from kg.graphs import key_for
>>> key_for(seeds_dir() / "entities.ttl")
'seeds/entities.ttl'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from kg.errors import MissingResourceError

PACKAGED = "_data"
"""The folder inside the kg package that a wheel carries the repository's data files in."""


def _package_folder(package: str) -> Path:
    """The folder of ``package`` on the file system.

    :raises MissingResourceError: if the package is not a folder (imported from a zip file).
    """
    found = files(package)
    if not isinstance(found, Path):
        raise MissingResourceError(
            f"finreg's package {package} is not on the file system ({found}); "
            "install finreg with pip, which unpacks it"
        )
    return found


def dataset_folder() -> Path:
    """The folder holding ``finreg.toml``, ``ontology/`` and ``seeds/``: ``kg/_data`` in an
    install from a wheel, else the repository's top (a checkout, or the editable install)."""
    package = _package_folder("kg")
    packaged = package / PACKAGED
    return packaged if packaged.is_dir() else package.parent


def _existing(path: Path, what: str) -> Path:
    """``path``, which must be a file.

    :raises MissingResourceError: if it is not.
    """
    if not path.is_file():
        raise MissingResourceError(
            f"{path}: {what} is missing from this finreg install; reinstall finreg "
            "(from a wheel, or with make setup in a checkout)"
        )
    return path


def ontology_path() -> Path:
    """The ontology, ``finreg.ttl``.

    :raises MissingResourceError: if the install lacks it.
    """
    return _existing(dataset_folder() / "ontology" / "finreg.ttl", "the ontology")


def shapes_path() -> Path:
    """The SHACL shapes files are validated against, ``shapes.ttl``.

    :raises MissingResourceError: if the install lacks them.
    """
    return _existing(_package_folder("kg") / "schema" / "shapes.ttl", "the SHACL shapes")


def seeds_dir() -> Path:
    """The folder of the curated seed files, loaded into an empty store on first start (the
    default of ``FINREG_SEEDS``). Beside it is a ``finreg.toml`` root marker, so the seeds'
    graph keys are ``seeds/<file>.ttl`` wherever finreg is installed."""
    return dataset_folder() / "seeds"
