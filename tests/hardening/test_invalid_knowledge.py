"""Files that parse but say something finreg must not take: more of tests/data/bad/'s kind,
in tests/hardening/data/bad/ (each file states its error with a "# expect:" line, as there).

Each is refused by kg.loaders with the stated error (the store unchanged), and by
``finreg validate`` with one line per problem and no traceback (rdflib once printed one for
an ill-typed date such as "2023-02-30"^^xsd:date). Mistakes the shapes once let through
(an empty name, an IRI of another kind, a named node with no class, reversed bounds) are
refused too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.cli import EXIT_INPUT
from kg.errors import InputError, RdfSyntaxError, ShapeViolationError, UndeclaredTermError
from kg.loaders import load_files, validate_paths
from kg.store import GraphStore
from tests.conftest import PREFIXES, Files
from tests.hardening.conftest import run_cli
from tests.kg.test_loader import stated_line

BAD = sorted((Path(__file__).parent / "data" / "bad").glob("*.ttl"))
_EXPECT = re.compile(r"# expect: (\w+)((?: \w+=\S+)*)(?: match=(.*))?$", re.M)
ERRORS: dict[str, type[InputError]] = {
    "RdfSyntaxError": RdfSyntaxError,
    "UndeclaredTermError": UndeclaredTermError,
    "ShapeViolationError": ShapeViolationError,
}


def _expectation(path: Path) -> tuple[type[InputError], dict[str, str], str | None]:
    found = _EXPECT.search(path.read_text(encoding="utf-8"))
    assert found, f"{path.name} states no '# expect:' line"
    options = dict(item.split("=", 1) for item in found.group(2).split())
    return ERRORS[found.group(1)], options, found.group(3)


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_invalid_knowledge_is_refused_with_its_stated_error(
    path: Path, files: Files, store: GraphStore
) -> None:
    load_files(store, [files.entities, files.events])
    before = store.export("nq")
    error_type, options, match = _expectation(path)
    with pytest.raises(error_type) as raised:
        load_files(store, [path])
    error = raised.value
    assert str(path) in str(error)
    if match:
        assert match in str(error)
    if "line" in options:
        assert stated_line(error, options, match) == int(options["line"])
    if "focus" in options:
        assert isinstance(error, ShapeViolationError)
        assert options["focus"] in {v.focus_node for v in error.violations}
    assert store.export("nq") == before


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_invalid_knowledge_gives_one_line_per_problem_and_no_traceback(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "validate", "--data", tmp_path / "none", path)
    assert (code, out) == (EXIT_INPUT, "")
    lines = err.splitlines()
    assert lines[-1] == "finreg: nothing was written"
    assert all(line.startswith(f"finreg: {path}") for line in lines[:-1]), err


ONCE_ACCEPTED = {
    "name-with-empty-value": 'company:c a fr:Company ; fr:name [ a fr:Name ; fr:value ""@zh ; '
    "fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .",
    "entity-iri-of-another-kind": "<https://w3id.org/finreg/id/product/c> a fr:Company ; "
    'fr:name [ a fr:Name ; fr:value "丙"@zh ; fr:nameKind fr:LegalName ; '
    "prov:wasDerivedFrom source:s ] .",
    "entity-iri-without-a-class": "company:z fr:name [ a fr:Name ; fr:value "
    '"丙"@zh ; fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .',
    "not-after-before-not-before": "event:t a fr:Deregistration ; fr:subject company:a ; "
    'fr:notBefore "2024"^^xsd:gYear ; fr:notAfter "2020"^^xsd:gYear ; fr:summary "x"@zh ; '
    "prov:wasDerivedFrom source:s .",
    "name-valid-to-before-valid-from": "company:c a fr:Company ; fr:name [ a fr:Name ; "
    'fr:value "丙"@zh ; fr:nameKind fr:LegalName ; fr:validFrom "2024"^^xsd:gYear ; '
    'fr:validTo "2020"^^xsd:gYear ; prov:wasDerivedFrom source:s ] .',
}


@pytest.mark.parametrize("name", sorted(ONCE_ACCEPTED))
def test_mistakes_once_accepted_are_refused(name: str, files: Files, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.ttl"
    # source:s is declared in the entities file
    path.write_text(PREFIXES + ONCE_ACCEPTED[name] + "\n", encoding="utf-8")
    with pytest.raises(ShapeViolationError):
        validate_paths([files.entities, path])
