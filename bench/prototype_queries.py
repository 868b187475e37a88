"""Prototype of the proposed query-layer fix, measured on a loaded store (not finreg code).

Oxigraph evaluates an OPTIONAL group by computing the group on its own and hash-joining it,
so a nested OPTIONAL reads every match in the whole store. kg/queries/entities.py's
``_ENTITIES`` nests ``OPTIONAL { ?n prov:qualifiedDerivation ... }`` inside
``OPTIONAL { ?n prov:wasDerivedFrom ?src ... }``: every entity look-up then reads every
qualified derivation in the store. This swaps in the flat text below at run time and times
the seven questions through KnowledgeGraph both ways.

    python -m bench.prototype_queries bench/data/100k [BUDGET_S] [STORE_DIR|-] [shipped,flat]

(STORE_DIR defaults to the directory's store-finreg, kept by bench.run --keep-store)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench import queries
from bench.stats import repeat
from kg.knowledge import KnowledgeGraph
from kg.queries import entities as entity_queries
from kg.queries._sparql import PREFIXES
from kg.store import EmbeddedStore

FLAT_ENTITIES = (
    PREFIXES
    + """SELECT ?e ?type ?n ?value ?kind ?from ?to ?src ?loc WHERE {
  %(values)s
  ?e rdf:type ?type .
  %(classes)s
  OPTIONAL {
    ?e fr:name ?n .
    ?n fr:value ?value ; fr:nameKind ?kind .
    OPTIONAL { ?n fr:validFrom ?from }
    OPTIONAL { ?n fr:validTo ?to }
    OPTIONAL { ?n prov:wasDerivedFrom ?src }
    OPTIONAL { ?n prov:qualifiedDerivation ?d . ?d prov:entity ?src ; fr:locator ?loc }
  }
}"""
)


def main(
    directory: str,
    budget: float = 1.0,
    store_dir: str | None = None,
    variants: tuple[str, ...] = ("shipped", "flat"),
) -> None:
    manifest = json.loads((Path(directory) / "manifest.json").read_text("utf-8"))
    store = EmbeddedStore.open(Path(store_dir or Path(directory) / "store-finreg"), read_only=True)
    graph = KnowledgeGraph(store)
    shipped = entity_queries._ENTITIES
    out: dict[str, dict[str, object]] = {}
    for name, spec in queries.SPECS.items():
        row: dict[str, object] = {}
        for label, text in (("shipped", shipped), ("flat", FLAT_ENTITIES)):
            if label not in variants:
                continue
            entity_queries._ENTITIES = text
            row[label] = repeat(lambda spec=spec: spec.kg(graph, manifest), budget=budget, min_n=3)[
                "p50_ms"
            ]
        entity_queries._ENTITIES = shipped
        out[name] = row
        print(name, row, file=sys.stderr, flush=True)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(
        sys.argv[1],
        float(sys.argv[2]) if len(sys.argv) > 2 else 1.0,
        sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] != "-" else None,
        tuple(sys.argv[4].split(",")) if len(sys.argv) > 4 else ("shipped", "flat"),
    )
