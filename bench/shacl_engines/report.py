"""How each figure was taken (``METHOD``, in the JSON) and the markdown tables for people."""

from __future__ import annotations

import re
from typing import Any

from bench.shacl_engines.engines import ENGINES

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
