"""Prototype of a faster ``finreg load`` path, to size the proposed changes to kg/loaders.

Not finreg code: it measures what the load would cost if
1. the shapes ran as SPARQL queries over an in-memory pyoxigraph Store (here: the shapes that
   matter for the generated data, written by hand; see CHECKS) instead of pySHACL over rdflib;
2. the write were ``Store.extend(quads)`` (one atomic call) instead of one INSERT DATA text.

    python -m bench.prototype_loader bench/data/100k               # variant A
    python -m bench.prototype_loader bench/data/100k --rust-path   # variant B (see rust_path)
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from kg.loaders.enrich import derived_triples
from kg.schema import ONTOLOGY_PATH
from kg.store import FINREG_GRAPH_MARK, insert_data_update
from kg.vocab import FR

P = f"""PREFIX fr: <{FR._NS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
EVENT_CLASSES = (
    "fr:Establishment fr:Rename fr:BusinessTransfer fr:BusinessCessation "
    "fr:Liquidation fr:Deregistration fr:LicenceGrant fr:LicenceRevocation "
    "fr:NoticeIssued fr:ProductLaunch fr:OwnershipChange fr:OtherEvent"
)
ENTITY_CLASSES = "fr:Regulator fr:Company fr:Group fr:Product fr:Licence fr:Notice"
DATES = "xsd:gYear xsd:gYearMonth xsd:date"

# Each check selects focus nodes that violate one constraint of kg/schema/shapes.ttl.
CHECKS = {
    "name value: exactly one, language-tagged": """SELECT ?n WHERE { ?n a fr:Name .
      OPTIONAL { ?n fr:value ?v } } GROUP BY ?n
      HAVING (COUNT(?v) != 1 || MIN(LANG(?v)) = "")""",
    "name kind: exactly one of five": """SELECT ?n WHERE { ?n a fr:Name .
      OPTIONAL { ?n fr:nameKind ?k FILTER(?k IN (fr:LegalName, fr:ShortName, fr:FormerName,
        fr:Translation, fr:Alias)) } } GROUP BY ?n HAVING (COUNT(?k) != 1)""",
    "name and event sources: a fr:Source": f"""SELECT ?x WHERE {{
      {{ ?x a fr:Name }} UNION {{ VALUES ?c {{ {EVENT_CLASSES} }} ?x a ?c }}
      FILTER NOT EXISTS {{ ?x prov:wasDerivedFrom ?s . ?s a fr:Source }} }}""",
    "entity: data IRI and a name": f"""SELECT ?e WHERE {{ VALUES ?c {{ {ENTITY_CLASSES} }} ?e a ?c .
      FILTER(!isIRI(?e) || !REGEX(STR(?e), "^https://w3id\\\\.org/finreg/id/[a-z-]+/[A-Za-z0-9._~-]+$")
             || NOT EXISTS {{ ?e fr:name ?n }}) }}""",
    "event: exactly one kind": f"""SELECT ?ev WHERE {{ VALUES ?c {{ {EVENT_CLASSES} }} ?ev a ?c .
      ?ev a ?k FILTER(?k IN ({EVENT_CLASSES.replace(" ", ", ")})) }} GROUP BY ?ev
      HAVING (COUNT(DISTINCT ?k) != 1)""",
    "event: summary, one per language": f"""SELECT ?ev WHERE {{ VALUES ?c {{ {EVENT_CLASSES} }}
      ?ev a ?c . OPTIONAL {{ ?ev fr:summary ?s }} }} GROUP BY ?ev
      HAVING (COUNT(?s) = 0 || COUNT(?s) != COUNT(DISTINCT LANG(?s)) || MIN(LANG(?s)) = "")""",
    "dates: gYear, gYearMonth or date": f"""SELECT ?x ?p WHERE {{
      VALUES ?p {{ fr:date fr:notBefore fr:notAfter fr:deadline fr:validFrom fr:validTo
                   dcterms:issued }}
      ?x ?p ?d FILTER(!(DATATYPE(?d) IN ({DATES.replace(" ", ", ")}))) }}""",
    "roles: a declared entity": """SELECT ?ev ?r WHERE {
      VALUES ?role { fr:subject fr:holder fr:issuer fr:operator fr:owner fr:formerOwner
                     fr:transferor fr:transferee fr:transferredScope fr:owned fr:product }
      ?ev ?role ?r FILTER NOT EXISTS { ?r a/rdfs:subClassOf* fr:Entity } }""",
    "transfer: one transferor, transferees, disjoint": """SELECT ?t WHERE {
      ?t a fr:BusinessTransfer . OPTIONAL { ?t fr:transferor ?a } OPTIONAL { ?t fr:transferee ?b }
      } GROUP BY ?t HAVING (COUNT(DISTINCT ?a) != 1 || COUNT(DISTINCT ?b) = 0
                            || SUM(IF(?a = ?b, 1, 0)) > 0)""",
    "subject classes of licence/notice/launch events": """SELECT ?ev WHERE {
      VALUES (?c ?need) { (fr:LicenceGrant fr:Licence) (fr:LicenceRevocation fr:Licence)
                          (fr:NoticeIssued fr:Notice) (fr:ProductLaunch fr:Product) }
      ?ev a ?c ; fr:subject ?s FILTER NOT EXISTS { ?s a ?need } }""",
    "source: one title, publisher, issued": """SELECT ?s WHERE { ?s a fr:Source .
      OPTIONAL { ?s dcterms:title ?t } OPTIONAL { ?s dcterms:publisher ?p }
      OPTIONAL { ?s dcterms:issued ?i } } GROUP BY ?s
      HAVING (COUNT(DISTINCT ?t) != 1 || COUNT(DISTINCT ?p) != 1 || COUNT(DISTINCT ?i) != 1)""",
    "operation/stake ends": """SELECT ?x WHERE {
      { ?x a fr:Operation . FILTER NOT EXISTS { ?x fr:operator ?o . ?x fr:product ?p } }
      UNION { ?x a fr:Stake . FILTER NOT EXISTS { ?x fr:owner ?o . ?x fr:owned ?p } } }""",
}


def main(directory: str) -> None:
    manifest = json.loads((Path(directory) / "manifest.json").read_text("utf-8"))
    paths = [Path(directory) / f for f in manifest["files"]]
    timings: dict[str, float] = {}

    t = time.perf_counter()
    files = {}
    for path in paths:
        data = path.read_bytes()
        files[NamedNode(path.resolve().as_uri())] = [
            q.triple for q in parse(data, format=RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
        ]
    timings["parse"] = time.perf_counter() - t
    n = sum(len(v) for v in files.values())

    t = time.perf_counter()
    checker = Store()  # in memory: the files + the ontology's class hierarchy
    checker.extend(Quad(tr.subject, tr.predicate, tr.object) for v in files.values() for tr in v)
    checker.load(path=str(ONTOLOGY_PATH), format=RdfFormat.TURTLE)
    timings["check_store"] = time.perf_counter() - t
    violations: dict[str, int] = {}
    per_check: dict[str, float] = {}
    for name, query in CHECKS.items():
        t1 = time.perf_counter()
        violations[name] = sum(1 for _ in checker.query(P + query))
        per_check[name] = round(time.perf_counter() - t1, 3)
    timings["sparql_checks"] = sum(per_check.values())
    del checker

    t = time.perf_counter()
    quads = []
    for graph, triples in files.items():
        extra = [*derived_triples(triples), Triple_(graph)]
        quads.extend(Quad(tr.subject, tr.predicate, tr.object, graph) for tr in [*triples, *extra])
    timings["enrich"] = time.perf_counter() - t

    import tempfile

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        store = Store(tmp + "/extend")
        t = time.perf_counter()
        store.extend(quads)  # one atomic call: all or nothing
        store.flush()
        timings["write_extend"] = time.perf_counter() - t
        store2 = Store(tmp + "/update")
        graphs: dict[NamedNode, list] = {}
        for q in quads:
            graphs.setdefault(q.graph_name, []).append(q.triple)
        t = time.perf_counter()
        text = insert_data_update(graphs)
        store2.update(text)
        store2.flush()
        timings["write_insert_data (today)"] = time.perf_counter() - t
        del store, store2
    total = sum(v for k, v in timings.items() if k != "write_insert_data (today)")
    print(
        json.dumps(
            {
                "triples": n,
                "timings_s": {k: round(v, 3) for k, v in timings.items()},
                "prototype_total_s": round(total, 3),
                "prototype_triples_per_s": round(n / total),
                "violations": violations,
                "per_check_s": per_check,
                "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            },
            indent=1,
            ensure_ascii=False,
        )
    )


def rust_path(directory: str) -> dict[str, object]:
    """Variant B: keep triples in Rust. Parse into an in-memory Store (one graph per file),
    run the same SPARQL checks there (ontology in its own graph), derive the extra triples from
    Python over the name, transfer and entity nodes only, then move everything to the on-disk
    store as one N-Quads ``Store.load`` (one transaction)."""
    import tempfile

    manifest = json.loads((Path(directory) / "manifest.json").read_text("utf-8"))
    paths = [Path(directory) / f for f in manifest["files"]]
    timings: dict[str, float] = {}
    t = time.perf_counter()
    mem = Store()
    for path in paths:
        mem.load(
            path=str(path), format=RdfFormat.TURTLE, to_graph=NamedNode(path.resolve().as_uri())
        )
    ontology = NamedNode("urn:finreg:ontology")
    mem.load(path=str(ONTOLOGY_PATH), format=RdfFormat.TURTLE, to_graph=ontology)
    timings["parse_in_memory"] = time.perf_counter() - t
    t = time.perf_counter()
    for query in CHECKS.values():
        sum(1 for _ in mem.query(P + query, use_default_graph_as_union=True))
    timings["sparql_checks"] = time.perf_counter() - t
    t = time.perf_counter()
    extra = []
    for path in paths:
        graph = NamedNode(path.resolve().as_uri())
        rows = [
            Quad(q.subject, q.predicate, q.object)
            for q in mem.quads_for_pattern(None, None, None, graph)
        ]
        names = {
            NamedNode(f"{FR._NS}{n}")
            for n in ("value", "name", "nameKind", "validTo", "transferor", "transferee")
        }
        rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
        subset = [q.triple for q in rows if q.predicate in names or q.predicate == rdf_type]
        extra += [
            Quad(tr.subject, tr.predicate, tr.object, graph)
            for tr in [*derived_triples(subset), Triple_(graph)]
        ]
    mem.remove_graph(ontology)
    mem.extend(extra)
    timings["enrich"] = time.perf_counter() - t
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        t = time.perf_counter()
        data = mem.dump(format=RdfFormat.N_QUADS)
        disk = Store(tmp + "/disk")
        disk.load(data, format=RdfFormat.N_QUADS)  # one transaction
        disk.flush()
        timings["write_nquads_load"] = time.perf_counter() - t
        count = len(disk)
        del disk
    n = manifest["triples"]
    total = sum(timings.values())
    return {
        "timings_s": {k: round(v, 3) for k, v in timings.items()},
        "total_s": round(total, 3),
        "triples_per_s": round(n / total),
        "stored_quads": count,
        "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def Triple_(graph: NamedNode):  # noqa: N802 (the graph's own void:Dataset mark, as load_files)
    from pyoxigraph import Triple

    return Triple(graph, *FINREG_GRAPH_MARK)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--rust-path":
        print(json.dumps(rust_path(sys.argv[1]), indent=1))
    else:
        main(sys.argv[1])
