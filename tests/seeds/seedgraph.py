"""The seed files as the checks read them: parsed, not validated, so that older seeds can be
checked too ($FINREG_CHECK_SEEDS names another seeds folder, for example one extracted from an
earlier commit with ``git archive <commit> seeds | tar -x -C /tmp/old``).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions, RdfFormat, Store

from kg.names import pinyin_key
from kg.vocab import DATA, NAMESPACE
from tests.conftest import ROOT
from tests.seeds.articles import Article, articles

Node = NamedNode | BlankNode
PREFIXES = f"""PREFIX fr: <{NAMESPACE}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX id: <{DATA}>
"""
DATES = (
    "date",
    "notBefore",
    "notAfter",
    "deadline",
    "periodStart",
    "effectiveFrom",
    "endNotAfter",
    "validFrom",
    "validTo",
)
"""Every finreg property whose value is a date a source must state (kg/schema/shapes.ttl)."""


def seeds_dir() -> Path:
    """The seeds folder the checks read: $FINREG_CHECK_SEEDS, else the repository's seeds/."""
    given = os.environ.get("FINREG_CHECK_SEEDS")
    return Path(given).resolve() if given else ROOT / "seeds"


@dataclass(frozen=True)
class Derivation:
    """One qualified derivation: the source, the locator and the properties it states."""

    source: str
    locator: str | None
    states: frozenset[str]


@dataclass(frozen=True)
class Source:
    """A seed source: what matches it to an article."""

    iri: str
    title: str
    publisher: str
    issued: str

    @property
    def slug(self) -> str:
        """The IRI's last segment."""
        return self.iri.rsplit("/", 1)[-1]

    def article(self) -> Article | None:
        """The one article this source is, or None (none, or several)."""
        found = [
            a for a in articles() if a.matches(self.title, self.publisher, self.issued, self.slug)
        ]
        return found[0] if len(found) == 1 else None


@dataclass(eq=False)
class Seeds:
    """What the checks need of the seed graph, gathered in a few queries."""

    store: Store
    sources: dict[str, Source] = field(default_factory=dict)
    derivations: dict[Node, list[Derivation]] = field(default_factory=lambda: defaultdict(list))
    cited: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    inferred: dict[Node, dict[str | None, dict[str, str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    """For each node, what its inferences cover (a property's local name, None for the whole
    fact) and their basis by language."""
    owner: dict[Node, str] = field(default_factory=dict)
    """For each name node, the entity it names."""
    name_values: dict[Node, str] = field(default_factory=dict)

    def select(self, query: str) -> list[dict[str, NamedNode | BlankNode | Literal]]:
        """The solutions of a SELECT over the seeds (PREFIXES are added), unbound variables
        left out."""
        solutions = self.store.query(PREFIXES + query)
        assert isinstance(solutions, QuerySolutions)
        names = [v.value for v in solutions.variables]
        return [{n: row[n] for n in names if row[n] is not None} for row in solutions]

    def values(self, query: str) -> list[dict[str, str]]:
        """Like ``select``, with every term as its plain value (an IRI's text)."""
        return [{k: v.value for k, v in row.items()} for row in self.select(query)]

    def label(self, node: Node) -> str:
        """A readable ASCII id: ``kind/slug`` for an IRI; for a name, its entity's and the
        name's pinyin (or the name itself where it has no Chinese)."""
        if isinstance(node, NamedNode):
            return node.value.removeprefix(str(DATA))
        if node in self.owner:
            value = self.name_values.get(node, "")
            spelt = pinyin_key(value) or value.replace(" ", "-")
            return f"{self.owner[node].removeprefix(str(DATA))}:name:{spelt}"
        return f"_:{node.value}"


@cache
def seeds() -> Seeds:
    """The seed files of ``seeds_dir()``, read once."""
    store = Store()
    for path in sorted(seeds_dir().glob("*.ttl")):
        store.load(path=path, format=RdfFormat.TURTLE)
    found = Seeds(store)
    for text in found.values(
        "SELECT ?s ?title ?publisher ?issued WHERE { ?s a fr:Source ; dcterms:title ?title ; "
        "dcterms:publisher ?publisher ; dcterms:issued ?issued }"
    ):
        found.sources[text["s"]] = Source(
            text["s"], text["title"], text["publisher"], text["issued"]
        )
    states: dict[Node, set[str]] = defaultdict(set)
    for row in found.select(
        "SELECT ?d ?p WHERE { ?x prov:qualifiedDerivation ?d . ?d fr:states ?p }"
    ):
        states[as_node(row["d"])].add(_local(row["p"].value))
    for row in found.select(
        "SELECT ?x ?d ?s ?l WHERE { ?x prov:qualifiedDerivation ?d . ?d prov:entity ?s . "
        "OPTIONAL { ?d fr:locator ?l } }"
    ):
        locator = row["l"].value if "l" in row else None
        derivation = Derivation(row["s"].value, locator, frozenset(states[as_node(row["d"])]))
        found.derivations[as_node(row["x"])].append(derivation)
    for row in found.select("SELECT ?x ?s WHERE { ?x prov:wasDerivedFrom ?s }"):
        found.cited[as_node(row["x"])].add(row["s"].value)
    for row in found.select(
        "SELECT ?x ?i ?p ?b WHERE { ?x fr:inference ?i . "
        "OPTIONAL { ?i fr:inferredProperty ?p } OPTIONAL { ?i fr:basis ?b } }"
    ):
        covered = _local(row["p"].value) if "p" in row else None
        basis = found.inferred[as_node(row["x"])].setdefault(covered, {})
        if "b" in row:
            said = row["b"]
            assert isinstance(said, Literal)
            basis[said.language or ""] = said.value
    for row in found.select("SELECT ?e ?n ?v WHERE { ?e fr:name ?n . ?n fr:value ?v }"):
        found.owner[as_node(row["n"])] = row["e"].value
        found.name_values[as_node(row["n"])] = row["v"].value
    return found


def as_node(term: object) -> Node:
    """A query's term as the node it is (an IRI or a blank node)."""
    assert isinstance(term, NamedNode | BlankNode), term
    return term


def _local(iri: str) -> str:
    return iri.removeprefix(NAMESPACE)
