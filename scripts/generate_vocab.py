"""Generate kg/vocab.py from ontology/finreg.ttl.

Run ``python scripts/generate_vocab.py`` after changing the ontology; CI runs it with
``--check`` and fails when the committed kg/vocab.py differs from what it would write.
The output is sorted and carries no timestamp, so it is reproducible.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, VOID
from rdflib.term import Node

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "finreg.ttl"
TARGET = ROOT / "kg" / "vocab.py"
VANN_URI = URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")


def _english(graph: Graph, term: URIRef, predicate: URIRef) -> str:
    for value in graph.objects(term, predicate):
        if isinstance(value, Literal) and value.language == "en":
            return " ".join(str(value).split())
    return ""


def _text(graph: Graph, term: URIRef, predicate: URIRef, lang: str) -> str:
    for value in graph.objects(term, predicate):
        if isinstance(value, Literal) and value.language == lang:
            return " ".join(str(value).split())
    return ""


def _local(term: object, namespace: str) -> str:
    return str(term)[len(namespace) :]


def _ranked(graph: Graph, terms: Iterable[Node], by: URIRef) -> list[Node]:
    """``terms`` in the order their ``by`` annotation gives; every term must carry one."""
    ranks = {t: graph.value(t, by) for t in terms}
    missing = sorted(str(t) for t, rank in ranks.items() if rank is None)
    if missing:
        raise SystemExit(f"generate_vocab: {', '.join(missing)} lack(s) {by}")
    return sorted(ranks, key=lambda t: int(str(ranks[t])))


def _groups(graph: Graph, namespace: str) -> list[str]:
    """The term groups code needs, as tuples of local names in a stable order."""
    ns = URIRef
    entity = sorted(
        _local(c, namespace) for c in graph.subjects(RDFS.subClassOf, ns(namespace + "Entity"))
    )
    event = sorted(
        _local(c, namespace) for c in graph.subjects(RDFS.subClassOf, ns(namespace + "Event"))
    )
    roles = _ranked(
        graph,
        graph.subjects(RDFS.subPropertyOf, ns(namespace + "participant")),
        ns(namespace + "listOrder"),
    )
    kinds = _ranked(
        graph,
        graph.subjects(RDF.type, ns(namespace + "NameKind")),
        ns(namespace + "labelPreference"),
    )
    comparators = sorted(
        _local(c, namespace) for c in graph.subjects(RDF.type, ns(namespace + "Comparator"))
    )
    relationship = sorted(
        _local(c, namespace)
        for c in graph.subjects(RDFS.subClassOf, ns(namespace + "Relationship"))
    )

    def tuple_of(name: str, doc: str, items: list[str]) -> list[str]:
        listed = "".join(f'    "{i}",\n' for i in items)
        return [f"{name}: tuple[str, ...] = (\n{listed})", f'"""{doc}"""', ""]

    return [
        *tuple_of("ENTITY_CLASSES", "Subclasses of fr:Entity (local names).", entity),
        *tuple_of("EVENT_CLASSES", "Subclasses of fr:Event (local names).", event),
        *tuple_of(
            "RELATIONSHIP_CLASSES", "Subclasses of fr:Relationship (local names).", relationship
        ),
        *tuple_of(
            "ROLES",
            "Participant roles: subproperties of fr:participant, in the order an event lists"
            " them (fr:listOrder).",
            [_local(r, namespace) for r in roles],
        ),
        *tuple_of("COMPARATORS", "fr:Comparator individuals (local names).", comparators),
        *tuple_of(
            "NAME_KINDS",
            "fr:NameKind individuals, in the order they label an entity (fr:labelPreference).",
            [_local(k, namespace) for k in kinds],
        ),
    ]


def _texts(graph: Graph, namespace: str, terms: list[str]) -> list[str]:
    """LABELS and DEFINITIONS: (zh, en) for every term, from rdfs:label and skos:definition."""
    out = []
    for name, predicate, doc in (
        ("LABELS", RDFS.label, "The ontology's rdfs:label of each term: (zh, en)."),
        ("DEFINITIONS", SKOS.definition, "The ontology's skos:definition of each term: (zh, en)."),
    ):
        out.append(f"{name}: dict[str, tuple[str, str]] = {{")
        for term in terms:
            iri = URIRef(namespace + term)
            zh, en = _text(graph, iri, predicate, "zh"), _text(graph, iri, predicate, "en")
            if zh or en:
                out.append(f"    {term!r}: ({zh!r}, {en!r}),")
        out += ["}", f'"""{doc}"""', ""]
    return out


def render(ontology: Path = ONTOLOGY) -> str:
    """Return the source text of kg/vocab.py for the ontology at ``ontology``."""
    graph = Graph().parse(ontology, format="turtle")
    namespace = next(str(v) for v in graph.objects(None, VANN_URI))
    instances = next(str(v) for v in graph.objects(None, VOID.uriSpace))
    terms = sorted(
        {
            str(s)[len(namespace) :]
            for s in graph.subjects()
            if isinstance(s, URIRef) and str(s).startswith(namespace) and str(s) != namespace
        }
    )
    lines = [
        '"""finreg vocabulary, GENERATED from ontology/finreg.ttl by scripts/generate_vocab.py.',
        "",
        "Do not edit by hand: change the ontology and run the script. ``FR.term`` raises",
        "AttributeError for a term the ontology does not declare, so a typo cannot mint an IRI.",
        '"""',
        "",
        "from pyoxigraph import NamedNode",
        "from rdflib import Namespace, URIRef",
        "from rdflib.namespace import DefinedNamespace",
        "",
        f'ONTOLOGY_IRI = URIRef("{namespace.rstrip("#")}")',
        f'NAMESPACE = "{namespace}"',
        '"""The namespace of finreg\'s terms."""',
        f'DATA = Namespace("{instances}")',
        '"""Where finreg instances live: DATA["company/<slug>"]."""',
        "",
        *_groups(graph, namespace),
        *_texts(graph, namespace, terms),
        "",
        "class FR(DefinedNamespace):",
        '    """Every class, property and individual of the finreg ontology."""',
        "",
        "    _fail = True",
        f'    _NS = Namespace("{namespace}")',
        "",
    ]
    for name in terms:
        label = _english(graph, URIRef(namespace + name), RDFS.label)
        definition = _english(graph, URIRef(namespace + name), SKOS.definition)
        comment = f"  # {label}: {definition}" if label else ""
        line = f"    {name}: URIRef{comment}"
        if len(line) > 100:
            line = line[:97] + "..."
        lines.append(line)
    lines += [
        "",
        "",
        "class FRN:",
        '    """The same terms as pyoxigraph NamedNodes, the store\'s own term type."""',
        "",
    ]
    lines += [f'    {name} = NamedNode("{namespace}{name}")' for name in terms]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Write kg/vocab.py, or with --check report whether it is up to date."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if kg/vocab.py is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("kg/vocab.py is stale: run python scripts/generate_vocab.py", file=sys.stderr)
            return 1
        print("kg/vocab.py is up to date")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({text.count(': URIRef')} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
