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
    notes: tuple[str, ...] = ()
    """What the user should know although the load succeeded (an answer from a SPARQL
    server that was lost, and checked; old versions left for later removal)."""

    def summary(self) -> str:
        """One line for the terminal (and one per note)."""
        line = (
            f"loaded {self.files} file(s): {self.triples} triples (+{self.derived} derived) "
            f"into {len(self.graphs)} graph(s) in {self.seconds:.2f} s"
        )
        return "\n".join([line, *(f"note: {n}" for n in self.notes)])


@dataclass(frozen=True)
class UnloadReport:
    """What an unload removed (graph keys)."""

    graphs: tuple[str, ...]
    seconds: float
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the terminal (and one per note)."""
        line = f"unloaded {len(self.graphs)} graph(s) in {self.seconds:.2f} s"
        return "\n".join([line, *(f"note: {n}" for n in self.notes)])


@dataclass(frozen=True)
class StagedVersion:
    """A version graph the store holds that no registry entry publishes.

    ``state`` is "loading" (a load holds its lease), "expired" (its load failed or stopped:
    the lease ran out, or it never had one), "replaced" (a load published a newer version;
    dropped after a short grace), "removing" (a collector is dropping it) or "unrecorded"
    (no record at all: written by a load after its lease was taken). ``removable`` says
    whether ``finreg staging --clean`` removes it now.
    """

    version: str
    graph: str | None
    state: str
    removable: bool
    triples: int = 0
    holder: str | None = None
    since: str | None = None
    until: str | None = None


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
