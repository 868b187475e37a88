"""Generate kg/vocab.py from ontology/finreg.ttl.

Run ``python scripts/generate_vocab.py`` after changing the ontology; CI runs it with
``--check`` and fails when the committed kg/vocab.py differs from what it would write.
The output is sorted and carries no timestamp, so it is reproducible.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS, VOID

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "finreg.ttl"
TARGET = ROOT / "kg" / "vocab.py"
VANN_URI = URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")


def _english(graph: Graph, term: URIRef, predicate: URIRef) -> str:
    for value in graph.objects(term, predicate):
        if isinstance(value, Literal) and value.language == "en":
            return " ".join(str(value).split())
    return ""


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
        f'DATA = Namespace("{instances}")',
        '"""Where finreg instances live: DATA["company/<slug>"]."""',
        "",
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
