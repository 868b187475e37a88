"""Turn what the checks found into a report a data engineer can act on: for each violation
the file and line, the node, the property, the offending value, the rule in words, and for
a misspelt finreg IRI the existing ones it is closest to.

This runs only when a load is refused. The files' triples are read back from the N-Triples
file the engine validated (blank nodes by the labels the survey gave them), and positions
come from a second, streaming pass over each file (kg.loaders.positions). The first
``LISTED`` violations are located and listed; the rest are counted.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat, Store, parse

from kg.errors import ShapeViolationError
from kg.loaders.positions import Fact, locate
from kg.loaders.source import InputFile
from kg.loaders.suggest import Candidate, candidate, closest
from kg.loaders.survey import Survey
from kg.loaders.validate import Finding, short, undeclared, violation
from kg.queries.context import named_of_kind
from kg.schema.engine import BLANK_NAMESPACE
from kg.store import GraphStore
from kg.vocab import DATA, FRN

LISTED = 50
"""How many violations a refusal lists; it counts the others."""

UNDECLARED = "points at a finreg IRI that neither these files nor the store declare (no rdf:type)"

Subject = NamedNode | BlankNode


def use_lines(source: InputFile, iris: Collection[str]) -> dict[str, int]:
    """The first line of ``source`` where each of ``iris`` is written."""
    return locate(source.data, source.format, base_iri=source.base_iri, uses=iris).use_lines


def refusal(
    findings: Sequence[Finding],
    dangling: Sequence[NamedNode],
    inputs: Sequence[InputFile],
    surveys: Sequence[Survey],
    validation: Path,
    known: Mapping[NamedNode, bool],
    store: GraphStore | None,
) -> ShapeViolationError:
    """The error that refuses the load, with every violation located (see module docstring)."""
    graph = _read_back(validation)
    findings = [*findings, *_referrers(graph, dangling)]
    owner_of = _owners(graph, [f.focus for f in findings])
    owners = {f: owner_of[f.focus] for f in findings}
    files = _files(inputs, surveys)
    unique: dict[tuple[object, ...], Finding] = {}
    for f in findings:
        unique.setdefault((owners[f], _within(graph, f.focus), f.path, f.message, f.value), f)
    ordered = sorted(
        unique.values(),
        key=lambda f: (files.get(owners[f], len(inputs)), owners[f].value, f.path or ""),
    )
    listed, more = ordered[:LISTED], len(ordered) - LISTED
    lines = _lines(graph, listed, owners, files, inputs)
    hints = _hints(listed, known, surveys, store)
    located = []
    for f in listed:
        index = files.get(owners[f])
        if index is None:
            index = next((i for i, by in lines.items() if f in by), None)
        file = inputs[index] if index is not None else None
        owner = owners[f]
        shown = owner.value if isinstance(owner, NamedNode) else f"_:{owner.value}"
        base = violation(f, file, _within(graph, f.focus), shown)
        line = lines.get(index, {}).get(f) if index is not None else None
        located.append(dataclasses.replace(base, line=line, hint=hints.get(f.value)))
    located.sort(key=lambda v: (v.file or "", v.line or 0, v.focus_node, v.path or ""))
    return ShapeViolationError(located, max(more, 0))


def _read_back(validation: Path) -> Store:
    """The data the engine validated, its skolem IRIs back to blank nodes."""
    graph = Store()
    graph.extend(
        Quad(_blank(q.subject), q.predicate, _blank(q.object))  # type: ignore[arg-type]
        for q in parse(path=validation, format=RdfFormat.N_TRIPLES)
    )
    return graph


def _blank(node: object) -> object:
    if isinstance(node, NamedNode) and node.value.startswith(BLANK_NAMESPACE):
        return BlankNode(node.value[len(BLANK_NAMESPACE) :])
    return node


def _referrers(graph: Store, dangling: Iterable[NamedNode]) -> list[Finding]:
    return [
        Finding(q.subject, short(q.predicate.value), UNDECLARED, iri)  # type: ignore[arg-type]
        for iri in dangling
        for q in graph.quads_for_pattern(None, None, iri)
    ]


def _owners(graph: Store, nodes: Iterable[Subject]) -> dict[Subject, Subject]:
    """The IRI each node hangs from (an entity for a name, itself for an IRI), for readable
    reports: a blank node's first parent, its parent's, and so on up to an IRI or a node
    with no parent. Every node on a walk gets the walk's end, so the nodes of a chain nested
    thousands deep cost one step each, not one walk each."""
    found: dict[Subject, Subject] = {}
    for node in nodes:
        walked: list[Subject] = []
        seen: set[Subject] = set()
        current = node
        while isinstance(current, BlankNode) and current not in found:
            walked.append(current)
            seen.add(current)
            parent = next(
                (
                    q.subject
                    for q in graph.quads_for_pattern(None, None, current)
                    if q.subject not in seen
                ),
                None,
            )
            if parent is None:
                break
            current = parent  # type: ignore[assignment]
        owner = found.get(current, current)
        for step in walked:
            found[step] = owner
        found.setdefault(node, owner)
    return found


def _within(graph: Store, node: Subject) -> str | None:
    """What part of its owner a blank node is: 'name "丙"', or the property that links it."""
    if not isinstance(node, BlankNode):
        return None
    value = next(graph.quads_for_pattern(node, FRN.value, None), None)
    if value is not None and isinstance(value.object, Literal):
        return f'name "{value.object.value}"'
    link = next(graph.quads_for_pattern(None, None, node), None)
    if link is not None and link.predicate == FRN.name:
        return f"name _:{node.value}"
    return f"{short(link.predicate.value)} [ ]" if link is not None else None


def _files(inputs: Sequence[InputFile], surveys: Sequence[Survey]) -> dict[Subject, int]:
    """The index of the first file that describes each IRI (as a subject)."""
    found: dict[Subject, int] = {}
    for index, survey in enumerate(surveys):
        for iri in survey.subjects:
            found.setdefault(iri, index)
    return found


def _signature(graph: Store, node: BlankNode) -> frozenset[Fact]:
    facts: set[Fact] = set()
    for q in graph.quads_for_pattern(node, None, None):
        if isinstance(q.object, NamedNode | Literal):
            facts.add(("out", q.predicate, q.object))
    for q in graph.quads_for_pattern(None, None, node):
        if isinstance(q.subject, NamedNode):
            facts.add(("in", q.predicate, q.subject))
    return frozenset(facts)


def _lines(
    graph: Store,
    listed: Sequence[Finding],
    owners: Mapping[Finding, Subject],
    files: Mapping[Subject, int],
    inputs: Sequence[InputFile],
) -> dict[int, dict[Finding, int | None]]:
    """For each file, the line of each listed finding it holds: the focus node's first
    line as a subject, or a blank node's ``[``."""
    wanted: dict[int | None, list[Finding]] = defaultdict(list)
    for f in listed:
        wanted[files.get(owners[f])].append(f)
    orphans = wanted.pop(None, [])
    found: dict[int, dict[Finding, int | None]] = {}
    for index, source in enumerate(inputs):
        here = [*wanted.get(index, []), *orphans]
        if not here:
            continue
        blanks = list(dict.fromkeys(f.focus for f in here if isinstance(f.focus, BlankNode)))
        located = locate(
            source.data,
            source.format,
            base_iri=source.base_iri,
            subjects=[f.focus.value for f in here if isinstance(f.focus, NamedNode)],
            blank_signatures=[_signature(graph, b) for b in blanks],
        )
        blank_lines = dict(zip(blanks, located.blank_lines, strict=True))
        lines: dict[Finding, int | None] = {
            f: located.subject_lines.get(f.focus.value)
            if isinstance(f.focus, NamedNode)
            else blank_lines.get(f.focus)
            for f in here
        }
        found[index] = {f: line for f, line in lines.items() if f not in orphans or line}
    return found


def _hints(
    listed: Sequence[Finding],
    known: Mapping[NamedNode, bool],
    surveys: Sequence[Survey],
    store: GraphStore | None,
) -> dict[object, str]:
    """ "did you mean …" for each offending value that is an undeclared finreg IRI."""
    misspelt = {
        f.value for f in listed if isinstance(f.value, NamedNode) and undeclared(f.value, known)
    }
    hints: dict[object, str] = {}
    pools: dict[str, list[Candidate]] = {}
    for iri in sorted(misspelt, key=lambda n: n.value):
        prefix = iri.value.rsplit("/", 1)[0] + "/"
        if not prefix.startswith(str(DATA)):
            continue
        if prefix not in pools:
            pools[prefix] = _candidates(prefix, surveys, store)
        found = closest(iri.value, pools[prefix])
        if found:
            shown = ", ".join(short_iri(c.iri) + (f" ({c.name})" if c.name else "") for c in found)
            hints[iri] = f"did you mean {shown}?"
    return hints


def short_iri(iri: str) -> str:
    """``company:ant-consumer-finance`` for a finreg instance IRI."""
    text = iri[len(str(DATA)) :] if iri.startswith(str(DATA)) else iri
    return text.replace("/", ":", 1)


def _candidates(
    prefix: str, surveys: Sequence[Survey], store: GraphStore | None
) -> list[Candidate]:
    names: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    labels: dict[str, str] = {}
    if store is not None:
        for iri, value, pinyin, label in named_of_kind(store, prefix):
            names[iri].extend([(value, pinyin)] if value else [])
            if label:
                labels[iri] = label
    for survey in surveys:
        for node in survey.typed:
            if node.value.startswith(prefix):
                names[node.value].extend(
                    (v.value, None)
                    for name in survey.names.get(node, [])
                    for v in survey.values.get(name, [])
                )
    return [candidate(iri, listed, labels.get(iri)) for iri, listed in names.items()]
