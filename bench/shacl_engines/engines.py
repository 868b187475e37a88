"""The engines, run in the child process: compile shapes, read and validate a data graph, and
the report's results as comparable terms; ``worker`` is one measurement."""

from __future__ import annotations

import importlib
import logging
import time
from pathlib import Path
from typing import Any

ENGINES = {  # name -> distribution
    "pyshacl": "pyshacl",
    "shacl": "shacl",
    "pyshacl-turbo": "pyshacl-turbo",
    "pyshacl-turbo (file input)": "pyshacl-turbo",
    "pyrudof": "pyrudof",
}

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SH = "http://www.w3.org/ns/shacl#"
FIELDS = ("focusNode", "resultPath", "value", "sourceConstraintComponent", "resultSeverity")
PATH_FORMS = {"inverse": "^{}", "zeroOrMore": "{}*", "oneOrMore": "{}+", "zeroOrOne": "{}?"}


def compile_shapes(engine: str, shapes: str) -> Any:
    """The engine's compiled form of a Turtle shapes file."""
    if engine == "pyshacl":
        import rdflib

        return rdflib.Graph().parse(shapes, format="turtle")
    if engine == "shacl":
        import shacl

        return shacl.Shapes.from_file(shapes)
    if engine.startswith("pyshacl-turbo"):
        import pyshacl_turbo

        return pyshacl_turbo.compile_shapes(shapes)
    import pyrudof

    session = pyrudof.Rudof(pyrudof.RudofConfig())
    session.read_shacl(shapes, pyrudof.ShaclFormat.Turtle, base=Path(shapes).as_uri())
    return session


def validate(engine: str, shapes: Any, data: str) -> tuple[bool, Any]:
    """Read ``data`` (Turtle or N-Triples, by suffix) and validate it: (conforms, a function
    giving the report as an rdflib Graph)."""
    import rdflib

    turtle, base = data.endswith(".ttl"), Path(data).as_uri()
    if engine == "pyshacl":
        import pyshacl

        graph = rdflib.Graph().parse(data, format="turtle" if turtle else "nt")
        conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
        return bool(conforms), lambda: report
    if engine == "shacl":
        done = shapes.validate_file(data)
        return done.conforms, lambda: as_written(data=done.serialize("nt"), format="nt")
    if engine == "pyshacl-turbo":
        import pyoxigraph

        store = pyoxigraph.Store()
        fmt = pyoxigraph.RdfFormat.TURTLE if turtle else pyoxigraph.RdfFormat.N_TRIPLES
        store.bulk_load(path=data, format=fmt, base_iri=base)
        conforms, report, _ = shapes.validate(store)
        return bool(conforms), lambda: report
    if engine == "pyshacl-turbo (file input)":
        conforms, report, _ = shapes.validate(data, data_graph_format="turtle" if turtle else "nt")
        return bool(conforms), lambda: report
    import pyrudof

    fmt = pyrudof.RDFFormat.Turtle if turtle else pyrudof.RDFFormat.NTriples
    shapes.read_data(data, fmt, base=base, reader_mode=pyrudof.ReaderMode.Strict)
    conforms = shapes.validate_shacl().conforms
    text = shapes.serialize_shacl_validation_results(pyrudof.ResultShaclValidationFormat.NTriples)
    return conforms, lambda: as_written(data=text, format="nt")


def as_written(**source: Any) -> Any:
    """An rdflib Graph of ``source`` whose literals keep their lexical forms (rdflib otherwise
    rewrites "2011-01-01"^^xsd:dateTime and "none"^^xsd:boolean, the suite's own values)."""
    import rdflib

    normalize, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        return rdflib.Graph().parse(**source)
    finally:
        rdflib.NORMALIZE_LITERALS = normalize


def term_text(graph: Any, node: Any, depth: int = 0) -> str | None:
    """A report term in N-Triples syntax (blank nodes as ``_:``); a path node as a SPARQL path."""
    from rdflib import XSD, BNode, Literal, URIRef
    from rdflib.collection import Collection

    if node is None:
        return None
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return Literal(str(node)).n3() if node.datatype == XSD.string else node.n3()
    if not isinstance(node, BNode) or depth > 8:
        return "_:"
    items, joiner = graph.value(node, URIRef(SH + "alternativePath")), "|"
    if graph.value(node, URIRef(RDF + "first")) is not None:
        items, joiner = node, "/"
    if items is not None:
        parts = [term_text(graph, n, depth + 1) or "" for n in Collection(graph, items)]
        return "(" + joiner.join(parts) + ")"
    for name, form in PATH_FORMS.items():
        if (inner := graph.value(node, URIRef(f"{SH}{name}Path"))) is not None:
            return form.format(term_text(graph, inner, depth + 1))
    return "_:"


def report_results(graph: Any, report: Any = None) -> list[list[str | None]]:
    """The (focus, path, value, component, severity) of each top-level sh:result, sorted."""
    from rdflib import URIRef

    if report is None:
        report = graph.value(None, URIRef(RDF + "type"), URIRef(SH + "ValidationReport"))
    found = {
        tuple(term_text(graph, graph.value(r, URIRef(SH + f))) for f in FIELDS)
        for r in graph.objects(report, URIRef(SH + "result"))
    }
    return sorted([list(t) for t in found], key=str)


def worker(spec: dict[str, Any]) -> dict[str, Any]:
    """One measurement, in this fresh process: task ``finreg`` times one data file; ``cases``
    validates many and keeps their results."""
    import resource

    def peak_mib() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    logging.disable(logging.WARNING)  # rdflib's ill-typed-literal warnings
    engine, out = spec["engine"], {}
    importlib.import_module(ENGINES[engine].replace("-", "_"))
    if spec["task"] == "finreg":
        t0 = time.perf_counter()
        shapes = compile_shapes(engine, spec["shapes"])
        t1 = time.perf_counter()
        out["rss_before_validate_mib"] = peak_mib()
        conforms, report = validate(engine, shapes, spec["data"])
        out |= {"compile_s": t1 - t0, "validate_s": time.perf_counter() - t1}
        out |= {"conforms": conforms, "results": len(report_results(report()))}
    else:
        compiled: dict[str, Any] = {}
        cases = out["cases"] = {}
        for name, data, shapes_path in spec["cases"]:
            try:  # a rudof session holds one shapes and one data graph: a new one each time
                if shapes_path not in compiled or engine == "pyrudof":
                    compiled[shapes_path] = compile_shapes(engine, shapes_path)
                conforms, report = validate(engine, compiled[shapes_path], data)
                cases[name] = {"conforms": conforms, "results": report_results(report())}
            except Exception as error:
                cases[name] = {"error": f"{type(error).__name__}: {str(error)[:300]}"}
    return out | {"peak_rss_mib": peak_mib()}
