"""finreg's inputs, read in the parent process: a snapshot of the shapes, ontology, fixtures,
bad files and seeds; bench.generate's graphs; the W3C Core tests; the corpus cases."""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from bench.generate.base import VERSION
from bench.shacl_engines.engines import RDF, SH, as_written, report_results

ROOT = Path(__file__).resolve().parents[2]
SHAPES, ONTOLOGY, CONFTEST = "kg/schema/shapes.ttl", "ontology/finreg.ttl", "tests/conftest.py"
# The corpus of bad files; the second folder held half of it until the two became one, and
# is kept so that --rev of an older commit (3274b8f, the recorded results) reads all of it.
BAD_DIRS = ["tests/data/bad", "tests/hardening/data/bad"]
INPUTS = [SHAPES, ONTOLOGY, CONFTEST, *BAD_DIRS, "seeds"]
W3C = ROOT.parent / "shared" / "w3c-shacl-tests" / "core"
"""The W3C SHACL core tests, in ../shared beside the repository (as the test suite finds them)."""


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
    manifest = graph_dir / "manifest.json"
    made = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
    if not any(graph_dir.glob("*.ttl")) or made.get("version") != VERSION:
        target.unlink(missing_ok=True)  # made from the older graph
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
