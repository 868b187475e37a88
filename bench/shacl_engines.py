"""Compare SHACL engines on finreg's data and on the W3C SHACL Core suite (not part of the tests).

    PYTHONPATH=. python -m bench.shacl_engines [--sizes 100k,1M] [--quick] [--out bench/results]

Runs with any interpreter that has pyoxigraph and rdflib; it measures the engines importable
there (pySHACL, ``shacl``, ``pyshacl-turbo`` given a pyoxigraph Store and given a file path,
``pyrudof``) and records the others as not installed. Each measurement runs in a fresh
subprocess of this module (``--worker``), so its peak RSS is its own. Writes
``<date>-shacl-engines[-quick].json`` and ``.md`` to ``--out`` and prints the markdown.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import hashlib
import importlib
import importlib.metadata as md
import importlib.util
import json
import logging
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
SHAPES, ONTOLOGY, CONFTEST = "kg/schema/shapes.ttl", "ontology/finreg.ttl", "tests/conftest.py"
# The corpus of bad files; the second folder held half of it until the two became one, and
# is kept so that --rev of an older commit (3274b8f, the recorded results) reads all of it.
BAD_DIRS = ["tests/data/bad", "tests/hardening/data/bad"]
INPUTS = [SHAPES, ONTOLOGY, CONFTEST, *BAD_DIRS, "seeds"]
W3C = Path("/work/shared/w3c-shacl-tests/core")
ENGINES = {  # name -> distribution
    "pyshacl": "pyshacl",
    "shacl": "shacl",
    "pyshacl-turbo": "pyshacl-turbo",
    "pyshacl-turbo (file input)": "pyshacl-turbo",
    "pyrudof": "pyrudof",
}
TIMEOUT = 15 * 60
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SH = "http://www.w3.org/ns/shacl#"
FIELDS = ("focusNode", "resultPath", "value", "sourceConstraintComponent", "resultSeverity")
PATH_FORMS = {"inverse": "^{}", "zeroOrMore": "{}*", "oneOrMore": "{}+", "zeroOrOne": "{}?"}

METHOD = {
    "isolation": "Each measurement is a fresh `python -m bench.shacl_engines --worker` "
    "subprocess (timeout 15 min), run one at a time; peak memory is the child's own ru_maxrss "
    "(interpreter and imports included). A 2-core machine: other work may have been running. "
    "finreg's inputs (shapes, ontology, fixtures, bad files, seeds) are copied once at the start "
    "from the work tree or from --rev, so every engine sees the same files (`inputs`).",
    "finreg": "bench.generate's graphs plus ontology/finreg.ttl (the shapes' sh:class needs its "
    "rdfs:subClassOf), written once by pyoxigraph as one N-Triples file, validated against "
    "kg/schema/shapes.ttl without inference. `validate_s` times reading that file and "
    "validating (pySHACL: rdflib parse + pyshacl.validate; shacl: Shapes.validate_file; "
    "pyshacl-turbo: pyoxigraph Store.bulk_load + CompiledShapes.validate(store), or "
    "CompiledShapes.validate(path) for the file-input row; pyrudof: Rudof.read_data + "
    "validate_shacl). `compile_s` is the shapes step, timed apart (pySHACL: the rdflib parse; "
    "it builds its shapes inside validate). Median of --reps runs below 1M triples, one above.",
    "w3c": "Every sht:Validate entry reached from core/manifest.ttl whose mf:result has "
    "sh:conforms, with its own data and shapes files (base IRI: the file's URI). "
    "conforms_agree: the engine's sh:conforms is the expected one. results_agree: the "
    "engine's RDF report (every engine's, parsed by rdflib) has the same set of (focus node, "
    "path, value, component, severity) as the expected report. Terms in N-Triples syntax, "
    "every blank node written `_:`, xsd:string literals as simple literals (one term in RDF "
    "1.1), literals as written (rdflib's literal normalisation off when reading the expected "
    "reports and the engines' N-Triples reports; pySHACL's report graph taken as it builds "
    "it), paths rendered from their RDF structure as SPARQL paths. sh:sourceShape, "
    "messages and sh:detail are not compared.",
    "corpora": "Each `# expect: ShapeViolationError` file of tests/data/bad (and, before the "
    "two became one, tests/hardening/data/bad), as finreg's loader sees it once "
    "tests/conftest.py's ENTITIES and EVENTS are loaded: the file, plus rdf:type of each IRI "
    "it uses as an object without typing it, from that fixture data (as kg.loaders.validate's "
    "types_outside), plus the ontology. Files expecting an invalid date are refused by "
    "finreg's own date check (kg.loaders.validate.invalid_dates), not by SHACL: counted apart. "
    "Seeds: seeds/*.ttl together plus the ontology, which must conform. Compared with pySHACL "
    "file by file.",
    "upkeep": "From each package's installed METADATA and WHEEL, and the releases that "
    "`pip index versions NAME` lists. The metadata holds no release date.",
}


# ------------------------------------------------------------------ engines (in the child)
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


def run_child(spec: dict[str, Any]) -> dict[str, Any]:
    """Run :func:`worker` in a fresh interpreter; its result, or why there is none."""
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "bench.shacl_engines", "--worker", json.dumps(spec)]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            env=os.environ | {"PYTHONPATH": path},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return {"status": "timed out", "timeout_s": TIMEOUT}
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        return {"status": "failed", "returncode": done.returncode, "stderr": done.stderr[-1500:]}
    return {"status": "ok", "wall_s": time.perf_counter() - started} | json.loads(lines[-1][7:])


# ------------------------------------------------------------------ inputs (in the parent)
def snapshot(rev: str | None, into: Path) -> dict[str, Any]:
    """Copy finreg's inputs (shapes, ontology, fixtures, bad files, seeds) into ``into``, from
    the work tree or from git revision ``rev``, so every engine of a run sees the same files
    even while the work tree changes. Returns where they came from and the shapes' sha256."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    for item in INPUTS:
        names = git("ls-tree", "-r", "--name-only", rev, "--", item).split() if rev else []
        for name in names if rev else [item]:
            if not rev and not (ROOT / name).exists():
                continue  # a folder only older revisions have (BAD_DIRS)
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            if rev:
                blob = subprocess.run(
                    ["git", "show", f"{rev}:{name}"], cwd=ROOT, capture_output=True
                )
                (into / name).write_bytes(blob.stdout)
            elif (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, into / name)
            else:
                shutil.copy(ROOT / name, into / name)
    return {
        "from": f"git revision {rev} ({git('rev-parse', '--short', rev).strip()})"
        if rev
        else "work tree",
        "work_tree_differs_from_HEAD": git("status", "--porcelain", "--", *INPUTS).split("\n")[:-1],
        "shapes_sha256": hashlib.sha256((into / SHAPES).read_bytes()).hexdigest(),
    }


def ntriples(sources: list[Path | str], target: Path, ontology: Path) -> Path:
    """Write the Turtle files (Path) and texts (str) given, plus the ontology, as N-Triples."""
    from pyoxigraph import RdfFormat, parse, serialize

    def triples() -> Any:
        for source in [*sources, ontology]:
            given = {"path": str(source)} if isinstance(source, Path) else {"input": source}
            for quad in parse(format=RdfFormat.TURTLE, rename_blank_nodes=True, **given):
                yield quad.triple

    target.parent.mkdir(parents=True, exist_ok=True)
    serialize(triples(), output=str(target), format=RdfFormat.N_TRIPLES)
    return target


def finreg_data(size: str, data_dir: Path, src: Path) -> Path:
    """bench.generate's graph of ``size`` (generated into ``data_dir`` when missing) plus the
    ontology, as one N-Triples file beside the snapshot ``src``."""
    graph_dir, target = data_dir / size, src / f"{size}.nt"
    if not any(graph_dir.glob("*.ttl")):
        generate = ["-m", "bench.generate", "--triples", size, "--out", str(graph_dir)]
        subprocess.run([sys.executable, *generate], cwd=ROOT, check=True)
    if not target.exists():
        ntriples(sorted(graph_dir.glob("*.ttl")), target, src / ONTOLOGY)
    return target


def w3c_tests() -> dict[str, dict[str, Any]]:
    """The W3C Core tests carrying sh:conforms: name -> data, shapes, expected report."""
    import rdflib

    mf = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
    sht = rdflib.Namespace("http://www.w3.org/ns/shacl-test#")
    tests: dict[str, dict[str, Any]] = {}
    pending, seen = [W3C / "manifest.ttl"], set()
    while pending:
        if (path := pending.pop()) in seen:
            continue
        seen.add(path)
        g = as_written(source=path, format="turtle")
        pending += [Path(unquote(urlparse(str(i)).path)) for i in g.objects(None, mf.include)]
        for test in g.subjects(rdflib.RDF.type, sht.Validate):
            action, result = g.value(test, mf.action), g.value(test, mf.result)
            if (conforms := g.value(result, rdflib.URIRef(SH + "conforms"))) is None:
                continue
            data, shapes = (g.value(action, sht.dataGraph), g.value(action, sht.shapesGraph))
            tests[str(path.relative_to(W3C).with_suffix(""))] = {
                "data": unquote(urlparse(str(data)).path),
                "shapes": unquote(urlparse(str(shapes)).path),
                "conforms": conforms.toPython(),
                "results": report_results(g, result),
            }
    return dict(sorted(tests.items()))


def fixture_types(src: Path) -> dict[str, set[str]]:
    """IRI -> classes in tests/conftest.py's ENTITIES and EVENTS (read with ast, not imported)."""
    from pyoxigraph import NamedNode, RdfFormat, parse

    values: dict[str, str] = {}

    def evaluate(node: ast.expr) -> str:
        if isinstance(node, ast.BinOp):
            return evaluate(node.left) + evaluate(node.right)
        return values[node.id] if isinstance(node, ast.Name) else ast.literal_eval(node)

    for stmt in ast.parse((src / CONFTEST).read_text(encoding="utf-8")).body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else None
        if isinstance(target, ast.Name) and target.id in ("PREFIXES", "ENTITIES", "EVENTS"):
            values[target.id] = evaluate(stmt.value)
    types: dict[str, set[str]] = {}
    for quad in parse(values["ENTITIES"] + values["EVENTS"], format=RdfFormat.TURTLE):
        if quad.predicate.value == RDF + "type" and isinstance(quad.subject, NamedNode):
            types.setdefault(quad.subject.value, set()).add(quad.object.value)
    return types


def corpus_cases(src: Path) -> dict[str, dict[str, Any]]:
    """The bad files expecting ShapeViolationError, each as the loader's data graph; the seeds."""
    from pyoxigraph import NamedNode, RdfFormat, parse

    known, cases = fixture_types(src), {}
    for path in sorted(p for d in BAD_DIRS for p in (src / d).glob("*.ttl")):
        expect = re.search(r"# expect: (\w+).*$", path.read_text(errors="replace"), re.M)
        if not expect or expect.group(1) != "ShapeViolationError":
            continue
        triples = [q.triple for q in parse(path=str(path), format=RdfFormat.TURTLE)]
        typed = {t.subject for t in triples if t.predicate.value == RDF + "type"}
        used = {t.object for t in triples if isinstance(t.object, NamedNode)} - typed
        types = [f"<{i.value}> <{RDF}type> <{c}> .\n" for i in used for c in known.get(i.value, ())]
        name = str(path.relative_to(src / "tests"))
        data = ntriples([path, "".join(types)], path.with_suffix(".nt"), src / ONTOLOGY)
        cases[name] = {"data": str(data), "expect": expect.group(0)}
        cases[name]["date_check"] = "invalid date" in expect.group(0)
    seeds = ntriples(sorted((src / "seeds").glob("*.ttl")), src / "seeds.nt", src / ONTOLOGY)
    return cases | {"seeds": {"data": str(seeds), "expect": "conforms"}}


# ------------------------------------------------------------------ measurements (in the parent)
def measure_finreg(engine: str, args: argparse.Namespace, src: Path) -> dict:
    """Per size: median validate and compile seconds, peak RSS and the verdicts of the runs."""
    out: dict[str, Any] = {}
    for size in args.sizes.split(","):
        big = size.lower().endswith("m")
        if engine == "pyshacl" and args.quick and big:
            out[size] = {"status": "skipped (--quick)"}
            continue
        spec = {"task": "finreg", "engine": engine, "shapes": str(src / SHAPES)}
        spec["data"] = str(finreg_data(size, args.data, src))
        runs: list[dict[str, Any]] = []
        while len(runs) < (1 if big else args.reps) and all(r["status"] == "ok" for r in runs):
            log(f"{engine}: finreg {size} run {len(runs) + 1}")
            runs.append(run_child(spec))
        if runs[-1]["status"] != "ok":
            out[size] = runs[-1]
            continue
        out[size] = {"status": "ok", "runs": len(runs), "conforms": runs[0]["conforms"]}
        for key in ("validate_s", "compile_s", "peak_rss_mib", "rss_before_validate_mib"):
            out[size][key] = statistics.median(r[key] for r in runs)
        out[size] |= {
            "validate_s_each": [round(r["validate_s"], 3) for r in runs],
            "verdicts_each": [r["conforms"] for r in runs],
            "results": runs[0]["results"],
        }
    return out


def measure_cases(engine: str, cases: dict[str, dict[str, Any]], shapes: str | None) -> dict:
    """Run one worker over ``cases`` (name -> data, and shapes unless given)."""
    log(f"{engine}: {len(cases)} {'finreg corpora' if shapes else 'W3C'} graphs")
    listed = [[n, c["data"], shapes or c["shapes"]] for n, c in cases.items()]
    return run_child({"task": "cases", "engine": engine, "cases": listed})


def w3c_summary(run: dict[str, Any], tests: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Conforms-level and results-level agreement with the suite's expected reports."""
    if run["status"] != "ok":
        return run
    diff, errors, agree = {}, {}, 0
    for name, test in tests.items():
        if "error" in (case := run["cases"][name]):
            errors[name] = case["error"]
            continue
        agree += case["conforms"] == test["conforms"]
        if case["results"] != test["results"] or case["conforms"] != test["conforms"]:
            diff[name] = {"expected_conforms": test["conforms"], "conforms": case["conforms"]}
            diff[name]["missing"] = [r for r in test["results"] if r not in case["results"]]
            diff[name]["extra"] = [r for r in case["results"] if r not in test["results"]]
    return {
        "status": "ok",
        "tests": len(tests),
        "conforms_agree": agree,
        "results_agree": len(tests) - len(diff) - len(errors),
        "wall_s": run["wall_s"],
        "errors": errors,
        "disagreements": diff,
    }


def corpora_summary(run: dict[str, Any], cases: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Each bad shape case refused or accepted, and whether the seeds conform."""
    if run["status"] != "ok":
        return run
    files = {}
    for name, case in run["cases"].items():
        verdict = "error" if "error" in case else "accepted" if case["conforms"] else "refused"
        files[name] = {"verdict": verdict, "expect": cases[name]["expect"]} | case
    bad = [n for n in cases if n != "seeds"]
    shacl_only = [n for n in bad if not cases[n]["date_check"]]
    return {
        "status": "ok",
        "shape_cases": len(bad),
        "shacl_cases": len(shacl_only),
        "refused": sum(files[n]["verdict"] == "refused" for n in bad),
        "shacl_cases_refused": sum(files[n]["verdict"] == "refused" for n in shacl_only),
        "not_refused": [n for n in bad if files[n]["verdict"] != "refused"],
        "seeds": files["seeds"]["verdict"],
        "files": files,
    }


def compare_with_pyshacl(engines: dict[str, dict[str, Any]]) -> None:
    """Add to each engine's corpora block where its verdicts and results differ from pySHACL's."""
    reference = engines.get("pyshacl", {}).get("corpora", {}).get("files")
    for block in engines.values():
        if not reference or not (files := block.get("corpora", {}).get("files")):
            continue
        same = [(n, f) for n, f in files.items() if "results" in f and "results" in reference[n]]
        block["corpora"]["vs_pyshacl"] = {
            "graphs": len(files),
            "same_verdict": sum(reference[n]["verdict"] == f["verdict"] for n, f in files.items()),
            "same_results": sum(reference[n]["results"] == f["results"] for n, f in same),
            "different_verdicts": {
                n: {"pyshacl": reference[n]["verdict"], "engine": f["verdict"]}
                for n, f in files.items()
                if reference[n]["verdict"] != f["verdict"]
            },
        }


def upkeep(dist: str) -> dict[str, Any]:
    """Version, licence, maintainers, wheel and toolchain (METADATA, WHEEL); releases (pip)."""
    out: dict[str, Any] = {"release_date": None, "releases": None}
    try:
        listed = subprocess.run(
            [sys.executable, "-m", "pip", "index", "versions", dist],
            capture_output=True,
            text=True,
            timeout=180,
        )
        if found := re.search(r"Available versions: (.*)", listed.stdout):
            versions = found.group(1).split(", ")
            out |= {"releases": len(versions), "latest": versions[0]}
    except (OSError, subprocess.TimeoutExpired):
        pass
    try:
        meta, wheel = md.metadata(dist), md.distribution(dist).read_text("WHEEL") or ""
    except md.PackageNotFoundError:
        return out | {"installed": False}
    classifiers = meta.get_all("Classifier") or []
    people = [meta.get(k) for k in ("Author", "Author-email", "Maintainer", "Maintainer-email")]
    tags = re.findall(r"^Tag: (\S+)", wheel, re.M)
    binary = "Programming Language :: Rust" in classifiers and "none-any" not in tags[0]
    return out | {
        "installed": True,
        "version": meta["Version"],
        "licence": meta.get("License-Expression") or (meta.get("License") or "").split("\n")[0],
        "maintainers": "; ".join(dict.fromkeys(p for p in people if p)),
        "requires_python": meta.get("Requires-Python"),
        "runtime_deps": [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r],
        "wheel_tags": tags,
        "needs_toolchain": "no: Rust binary wheel (Rust where none fits)" if binary else "no",
    }


def machine() -> dict[str, Any]:
    """Cores, CPU, memory, Python and package versions, load at start, the commit."""
    cpu = re.search(r"model name\s*:\s*(.*)", Path("/proc/cpuinfo").read_text())
    mem = re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text())
    git = ["git", "rev-parse", "--short", "HEAD"]
    versions = {}
    for name in ["pyoxigraph", "rdflib", *dict.fromkeys(ENGINES.values())]:
        try:
            versions[name] = md.version(name)
        except md.PackageNotFoundError:
            versions[name] = None
    return {
        "cores": os.cpu_count(),
        "cpu": cpu.group(1) if cpu else platform.processor(),
        "memory_gib": round(int(mem.group(1)) / 2**20, 1) if mem else None,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg(),
        "packages": versions,
        "note": "a 2-core machine: other work may have been running",
        "commit": subprocess.run(git, cwd=ROOT, capture_output=True, text=True).stdout.strip(),
    }


# ------------------------------------------------------------------ report
def brief(results: list[list[str | None]], most: int = 2) -> str:
    """A few results with IRIs cut to their local names, for a table note."""
    cut = [
        "(" + ", ".join(re.sub(r"<[^>]*[#/]([^#/>]*)>", r"\1", t or "-") for t in r) + ")"
        for r in results[:most]
    ]
    return (
        ", ".join(cut) + (f" and {len(results) - most} more" if len(results) > most else "")
        or "none"
    )


def markdown(result: dict[str, Any]) -> str:
    """The tables for people."""
    m, sizes, engines = result["machine"], result["sizes"], result["engines"]
    lines = [
        f"# SHACL engines, {result['date']}\n",
        f"{m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, {m['python']}, commit "
        f"{m['commit']}, load {m['load_average_at_start'][0]:.2f} at start; other work may have "
        f"been running. finreg's inputs from the {result['inputs']['from']} (shapes sha256 "
        f"{result['inputs']['shapes_sha256'][:12]}). How each figure was taken: the JSON's "
        "`method`.\n",
        "## finreg's generated graphs: read + validate (s), peak RSS (MiB), verdict\n",
        "| engine | " + " | ".join(f"{s} s | {s} MiB | {s} says" for s in sizes) + " | compile s |",
        "| --- |" + " ---: | ---: | --- |" * len(sizes) + " ---: |",
    ]
    for name, e in engines.items():
        row, runs = [name], e.get("finreg", {})
        for b in (runs.get(s, {"status": "not installed"}) for s in sizes):
            ok = b["status"] == "ok"
            if not ok:
                row += [b["status"], "", ""]
                continue
            verdict = "conforms" if b["conforms"] else f"{b['results']} results"
            row += [f"{b['validate_s']:.2f}", f"{b['peak_rss_mib']:.0f}", verdict]
        first = next(iter(runs.values()), {})
        row.append(f"{first['compile_s']:.3f}" if first.get("status") == "ok" else "")
        lines.append("| " + " | ".join(row) + " |")
    lines += [
        "\n## W3C SHACL Core (tests with sh:conforms) and finreg's corpora\n",
        "| engine | conforms agree | results agree | shape cases refused | SHACL-only cases "
        "refused | seeds | same verdict as pySHACL | same results as pySHACL |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    notes = []
    for name, e in engines.items():
        w, c = e.get("w3c", {}), e.get("corpora", {})
        if w.get("status") != "ok" or c.get("status") != "ok":
            lines.append(f"| {name} | {w.get('status', e.get('status'))} | | | | | | |")
            continue
        vs = c.get("vs_pyshacl", {"graphs": "–"})
        lines.append(
            f"| {name} | {w['conforms_agree']}/{w['tests']} | {w['results_agree']}/{w['tests']} "
            f"| {c['refused']}/{c['shape_cases']} | {c['shacl_cases_refused']}/{c['shacl_cases']}"
            f" | {c['seeds']} | {vs.get('same_verdict', '–')}/{vs['graphs']} | "
            f"{vs.get('same_results', '–')}/{vs['graphs']} |"
        )
        for test, error in w["errors"].items():
            notes.append(f"- {name}, W3C `{test}`: {error}")
        for test, d in w["disagreements"].items():
            said = f"says conforms={d['conforms']} (expected {d['expected_conforms']})"
            notes.append(
                f"- {name}, W3C `{test}`: {said}; missing {brief(d['missing'])}; "
                f"extra {brief(d['extra'])}"
            )
        for f in c["not_refused"]:
            notes.append(f"- {name} does not refuse `{f}` ({c['files'][f]['expect']})")
        for f, v in c.get("vs_pyshacl", {}).get("different_verdicts", {}).items():
            notes.append(f"- `{f}`: pySHACL {v['pyshacl']} it, {name} {v['engine']} it")
    lines += ["\nWhere engines differ (details in the JSON):\n", *notes]
    lines += [
        "\n## Upkeep\n",
        "| package | version | licence | maintainers (METADATA) | releases | wheel | toolchain |",
        "| --- | --- | --- | --- | ---: | --- | --- |",
    ]
    for dist in dict.fromkeys(ENGINES.values()):
        u = next((e["upkeep"] for n, e in engines.items() if ENGINES[n] == dist), None)
        if u and u.get("installed"):
            lines.append(
                f"| {dist} | {u['version']} | {u['licence']} | {u['maintainers']} | "
                f"{u['releases']} | {', '.join(u['wheel_tags'])} | {u['needs_toolchain']} |"
            )
        elif u:
            lines.append(f"| {dist} | not installed | | | {u['releases']} | | |")
    return "\n".join(lines) + "\n"


def log(message: str) -> None:
    """Progress on stderr."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", default="100k,1M")
    parser.add_argument("--quick", action="store_true", help="skip pySHACL at 1M and above")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--data", type=Path, default=ROOT / "bench" / "data" / "shacl-engines")
    parser.add_argument("--reps", type=int, default=3, help="runs per engine below 1M triples")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated names")
    parser.add_argument(
        "--rev", help="read finreg's inputs from this git revision (default: work tree)"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print("RESULT " + json.dumps(worker(json.loads(args.worker))), flush=True)
        return 0
    logging.disable(logging.WARNING)  # rdflib's warnings on the suite's ill-typed literals
    result: dict[str, Any] = {"date": datetime.date.today().isoformat(), "machine": machine()}
    result |= {"method": METHOD, "sizes": args.sizes.split(","), "quick": args.quick}
    engines = result["engines"] = {}
    tests = w3c_tests() if W3C.exists() else {}
    with tempfile.TemporaryDirectory() as work:
        result["inputs"] = snapshot(args.rev, src := Path(work))
        cases = corpus_cases(src)
        for name in args.engines.split(","):
            e = engines[name] = {"upkeep": upkeep(ENGINES[name])}
            if importlib.util.find_spec(ENGINES[name].replace("-", "_")) is None:
                e["status"] = "not installed"
                continue
            e["finreg"] = measure_finreg(name, args, src)
            e["w3c"] = w3c_summary(measure_cases(name, tests, None), tests)
            e["corpora"] = corpora_summary(measure_cases(name, cases, str(src / SHAPES)), cases)
    compare_with_pyshacl(engines)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"{result['date']}-shacl-engines{'-quick' if args.quick else ''}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    stem.with_suffix(".md").write_text(text := markdown(result), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
