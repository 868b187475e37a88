"""``finreg diff``: what loading files would change, graph by graph.

Each file is compared with the graph its key names in the store, as sets of triples, leaving
out what the loader adds itself (the load stamp and the derived triples: match and pinyin
keys, SKOS labels, ``fr:succeededBy``, ``fr:orderKey``), so reloading an unchanged file
shows nothing.

Blank nodes have no names to compare by, so each group of connected blank nodes (a name
with its qualified derivation, say) is written in its RDFC-1.0 canonical form, computed for
that group alone together with the triples that lead into it; its labels are prefixed by a
hash of that form. Two groups that say the same compare equal, and a change in one group
never relabels another (a canonical form of the whole graph would renumber every blank node
after the first one that changed).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pyoxigraph import (
    BlankNode,
    CanonicalizationAlgorithm,
    Dataset,
    Literal,
    NamedNode,
    Quad,
    Triple,
)

from kg.loaders.enrich import PREFERENCE
from kg.loaders.parse import parse_input
from kg.loaders.source import InputFile
from kg.model import EntityKind, EventKind
from kg.reports import DiffNode, GraphDiff
from kg.skolem import is_skolem, skolem_label
from kg.store import GraphStore, Scope
from kg.vocab import FRN
from kg.w3c import DCTERMS_MODIFIED, RDF_TYPE, SKOS_ALT_LABEL, SKOS_PREF_LABEL, VOID_DATASET

DERIVED = frozenset(
    (FRN.matchKey, FRN.pinyinKey, FRN.succeededBy, FRN.orderKey, SKOS_PREF_LABEL, SKOS_ALT_LABEL)
)
"""Predicates the loader derives (kg.loaders.enrich): never compared."""

_KINDS = frozenset(getattr(FRN, kind.value) for group in (EntityKind, EventKind) for kind in group)
"""Classes whose instances a diff names: entities and events."""
_ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"


def diff_graph(source: InputFile, store: GraphStore | None) -> GraphDiff:
    """Compare ``source`` (already checked) with its graph in ``store``."""
    new = [t for t in parse_input(source).triples if t.predicate not in DERIVED]
    exists = store is not None and source.graph in set(store.named_graphs())
    old: list[Triple] = []
    if exists and store is not None:
        old = [
            t
            for t in _stored(store, source.graph)
            if t.predicate not in DERIVED and not _stamp(t, source.graph)
        ]
    new_lines, new_parents = canonical_lines(new)
    old_lines, old_parents = canonical_lines(old)
    result = GraphDiff(source.key, str(source.path), exists)
    result.added = sorted(new_lines - old_lines)
    result.removed = sorted(old_lines - new_lines)
    touched = _subjects(result.added, new_parents) | _subjects(result.removed, old_parents)
    new_nodes, old_nodes = _described(new), _described(old)
    for iri in sorted(new_nodes.keys() | old_nodes.keys()):
        if iri not in old_nodes:
            result.new.append(new_nodes[iri])
        elif iri not in new_nodes:
            result.gone.append(old_nodes[iri])
        elif iri in touched:
            result.changed.append(new_nodes[iri])
    return result


def _stored(store: GraphStore, graph: NamedNode) -> list[Triple]:
    """The triples of ``graph`` as loaded, skolem IRIs of a SPARQL server back to blank nodes."""

    def node(term: object) -> object:
        if isinstance(term, NamedNode) and is_skolem(term.value):
            return BlankNode(skolem_label(term.value))
        return term

    rows = store.select(_ALL, scope=Scope(only=frozenset([graph])))
    return [Triple(node(r["s"]), r["p"], node(r["o"])) for r in rows]  # type: ignore[arg-type]


def _stamp(triple: Triple, graph: NamedNode) -> bool:
    return triple.subject == graph and (
        triple.predicate == DCTERMS_MODIFIED
        or (triple.predicate == RDF_TYPE and triple.object == VOID_DATASET)
    )


def canonical_lines(triples: Sequence[Triple]) -> tuple[set[str], dict[str, set[str]]]:
    """The triples as N-Triples lines, blank nodes canonically labelled group by group (see
    the module docstring); and, for each blank node label, the IRIs that lead into its group.

    >>> def named(value):
    ...     b = BlankNode()
    ...     return [Triple(NamedNode("urn:e"), NamedNode("urn:name"), b),
    ...             Triple(b, NamedNode("urn:value"), Literal(value))]
    >>> canonical_lines(named("x"))[0] == canonical_lines(named("x"))[0]
    True
    >>> canonical_lines(named("x"))[0] == canonical_lines(named("y"))[0]
    False
    """
    group: dict[BlankNode, BlankNode] = {}

    def find(node: BlankNode) -> BlankNode:
        while group.get(node, node) != node:
            group[node] = group.get(group[node], group[node])
            node = group[node]
        return node

    for t in triples:
        s, o = t.subject, t.object
        if isinstance(s, BlankNode):
            group.setdefault(s, s)
        if isinstance(o, BlankNode):
            group.setdefault(o, o)
            if isinstance(s, BlankNode):
                group[find(s)] = find(o)
    members: dict[BlankNode, list[Triple]] = defaultdict(list)
    lines: set[str] = set()
    for t in triples:
        anchor = t.subject if isinstance(t.subject, BlankNode) else t.object
        if isinstance(anchor, BlankNode):
            members[find(anchor)].append(t)
        else:
            lines.add(f"{t} .")
    parents: dict[str, set[str]] = {}
    for part in members.values():
        dataset = Dataset(Quad(t.subject, t.predicate, t.object) for t in part)
        dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
        text = sorted(f"{q.triple} ." for q in dataset)
        prefix = hashlib.sha256("\n".join(text).encode()).hexdigest()[:16]
        into = {q.subject.value for q in dataset if isinstance(q.subject, NamedNode)}
        for line in text:
            line = line.replace("_:c14n", f"_:g{prefix}n")
            lines.add(line)
            if line.startswith("_:"):
                parents[line.split(" ", 1)[0]] = into
    return lines, parents


def _subjects(lines: Iterable[str], parents: dict[str, set[str]]) -> set[str]:
    """The IRIs whose description the lines touch (a blank node's line touches the IRIs
    that lead into its group)."""
    found: set[str] = set()
    for line in lines:
        subject = line.split(" ", 1)[0]
        if subject.startswith("<"):
            found.add(subject[1:-1])
        else:
            found |= parents.get(subject, set())
    return found


def _described(triples: Sequence[Triple]) -> dict[str, DiffNode]:
    """The entities and events the triples describe, by IRI, named as people read them."""
    kinds: dict[str, str] = {}
    labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    names: dict[object, list[str]] = defaultdict(list)
    ranks: dict[object, int] = {}
    owners: dict[object, str] = {}
    dates: dict[str, str] = {}
    for t in triples:
        s, p, o = t.subject, t.predicate, t.object
        if p == RDF_TYPE and isinstance(s, NamedNode) and o in _KINDS:
            kinds.setdefault(s.value, o.value.rsplit("#", 1)[-1])  # type: ignore[union-attr]
        elif p == FRN.name and isinstance(s, NamedNode):
            owners[o] = s.value
        elif p == FRN.value and isinstance(o, Literal):
            names[s].append(o.value if o.language == "zh" else f"~{o.value}")
        elif p == FRN.nameKind:
            ranks[s] = PREFERENCE.get(o, len(PREFERENCE))
        elif p == FRN.summary and isinstance(o, Literal) and isinstance(s, NamedNode):
            labels[s.value].append((0 if o.language == "zh" else 1, o.value))
        elif p in (FRN.date, FRN.notAfter) and isinstance(s, NamedNode) and isinstance(o, Literal):
            dates[s.value] = o.value if p == FRN.date else f"≤{o.value}"
    for node, owner in owners.items():
        # the CLI's choice: legal name first, Chinese before other languages
        labels[owner].extend((ranks.get(node, 9), n) for n in names.get(node, []))
    found: dict[str, DiffNode] = {}
    for iri, kind in kinds.items():
        text = min(labels[iri])[1].lstrip("~") if labels.get(iri) else iri
        if iri in dates:
            text = f"{dates[iri]} {text}"
        found[iri] = DiffNode(iri, kind, text)
    return found
