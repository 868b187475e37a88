"""What loading and counting tell a user, as plain values: the interfaces print them, the
loaders and the facade make them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LoadReport:
    """What a load did: files, triples given, triples derived, graph keys, seconds taken,
    and the seconds of each phase."""

    files: int
    triples: int
    derived: int
    graphs: tuple[str, ...]
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"loaded {self.files} file(s): {self.triples} triples (+{self.derived} derived) "
            f"into {len(self.graphs)} graph(s) in {self.seconds:.2f} s"
        )


@dataclass(frozen=True)
class UnloadReport:
    """What an unload removed (graph keys)."""

    graphs: tuple[str, ...]
    seconds: float

    def summary(self) -> str:
        """One line for the terminal."""
        return f"unloaded {len(self.graphs)} graph(s) in {self.seconds:.2f} s"


@dataclass(frozen=True)
class RestoreReport:
    """What a restore brought back: graph keys, triples (stamps left out), seconds taken."""

    graphs: tuple[str, ...]
    triples: int
    seconds: float

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"restored {len(self.graphs)} graph(s): {self.triples} triples in {self.seconds:.2f} s"
        )


@dataclass(frozen=True)
class DiffNode:
    """An entity or event that a load would add, change or remove, as people name it."""

    iri: str
    kind: str
    label: str


@dataclass
class GraphDiff:
    """What loading one file would do to its graph."""

    key: str
    path: str
    exists: bool
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    new: list[DiffNode] = field(default_factory=list)
    changed: list[DiffNode] = field(default_factory=list)
    gone: list[DiffNode] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        """Whether the load would change anything in this graph."""
        return bool(self.added or self.removed or not self.exists)


@dataclass(frozen=True)
class Migration:
    """Which old graph became which key."""

    renamed: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Stats:
    """How much the graph holds: nodes per finreg class, triples per graph (by key)."""

    classes: dict[str, int]
    graphs: dict[str, int]
