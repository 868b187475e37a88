"""The files the fuzzer mutates: finreg's seed files, a backup of them (for ``finreg
restore``) and the W3C positive Turtle tests.

A seed file keeps its graph key (``seeds/<file>.ttl``), so a mutated copy replaces the seed's
graph in the worker's store, as a data engineer's edited file would; a W3C test gets a key of
its own (``w3c/<file>.ttl``). The W3C suites are read where they lie (``$FINREG_W3C_TESTS``,
else ``../shared/w3c-rdf-tests`` beside the repository), never copied in.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, parse

from kg.knowledge import KnowledgeGraph

REPO = Path(__file__).resolve().parents[2]

_MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
_RDFT = "http://www.w3.org/ns/rdftest#"
_RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
POSITIVE_TURTLE = (
    NamedNode(_RDFT + "TestTurtlePositiveSyntax"),
    NamedNode(_RDFT + "TestTurtleEval"),
)
"""The W3C Turtle tests whose input is valid Turtle: positive syntax and evaluation tests."""


@dataclass(frozen=True)
class Seed:
    """One file to mutate: its graph key (which names its extension, so its format) and bytes."""

    key: str
    data: bytes
    origin: Path
    """Where it was read, to load the original again after a mutated copy replaced it."""

    def __repr__(self) -> str:
        return f"Seed({self.key!r}, {len(self.data)} bytes)"

    @property
    def suffix(self) -> str:
        """The file's extension, such as ``.ttl``."""
        return Path(self.key).suffix


def seeds_folder() -> Path:
    """The seed folder: ``$FINREG_SEEDS``, else the repository's ``seeds/``."""
    given = os.environ.get("FINREG_SEEDS")
    return Path(given) if given else REPO / "seeds"


def w3c_folder() -> Path | None:
    """The W3C RDF test suites: ``$FINREG_W3C_TESTS``, else ``../shared/w3c-rdf-tests``
    beside the repository; None when neither holds the Turtle suite."""
    given = os.environ.get("FINREG_W3C_TESTS")
    folder = Path(given) if given else REPO.parent / "shared" / "w3c-rdf-tests"
    return folder if (folder / "rdf-turtle" / "manifest.ttl").is_file() else None


def seed_files(folder: Path) -> list[Seed]:
    """finreg's seed files in ``folder``, each under the key ``seeds/<file>``."""
    return [
        Seed(f"seeds/{path.name}", path.read_bytes(), path) for path in sorted(folder.glob("*.ttl"))
    ]


def w3c_positive_turtle(folder: Path) -> list[Seed]:
    """The inputs of the W3C positive Turtle tests (syntax and evaluation) under ``folder``
    (the suites' folder), each under the key ``w3c/<file>``."""
    suite = folder / "rdf-turtle"
    manifest = suite / "manifest.ttl"
    base = "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/"
    quads = list(parse(path=manifest, format=RdfFormat.TURTLE, base_iri=base))
    tests = {q.subject for q in quads if q.predicate == _RDF_TYPE and q.object in POSITIVE_TURTLE}
    actions = sorted(
        q.object.value
        for q in quads
        if q.subject in tests and q.predicate == NamedNode(_MF + "action")
    )
    found: list[Seed] = []
    for action in actions:
        path = suite / action.rsplit("/", 1)[-1]
        if path.is_file():
            found.append(Seed(f"w3c/{path.name}", path.read_bytes(), path))
    return found


def backup_of(seeds: Sequence[Seed]) -> Seed:
    """A backup of a store holding ``seeds`` (``finreg export --format nq``), under the key
    ``backup/seeds.nq``: mutated, it is given to ``finreg restore``."""
    graph = KnowledgeGraph.empty()
    paths = [s.origin for s in seeds]
    if paths:
        graph.load(paths, root=paths[0].parent.parent)
    return Seed("backup/seeds.nq", graph.export("nq"), paths[0].parent if paths else REPO)


def corpus(seeds: Path | None = None, w3c: Path | None = None) -> list[Seed]:
    """The seed files (``seeds``, else :func:`seeds_folder`), a backup of them, and, when
    ``w3c`` names the suites' folder, the W3C positive Turtle tests."""
    found = seed_files(seeds or seeds_folder())
    found.append(backup_of(found))
    if w3c is not None:
        found += w3c_positive_turtle(w3c)
    return found


def by_key(seeds: Sequence[Seed]) -> dict[str, Seed]:
    """The seeds by graph key."""
    return {s.key: s for s in seeds}
