"""Mistakes the shapes once let through (an empty name, an IRI of another kind, a named node
with no class, reversed bounds) are refused.

Files that parse but say something finreg must not take are in the one corpus of bad files,
tests/data/bad/, which tests/kg/test_loader.py owns.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ShapeViolationError
from kg.loaders import validate_paths
from tests.conftest import PREFIXES, Files, stated_by

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
    f"prov:wasDerivedFrom source:s ; {stated_by('source:s', 'fr:notBefore', 'fr:notAfter')} .",
    "name-valid-to-before-valid-from": "company:c a fr:Company ; fr:name [ a fr:Name ; "
    'fr:value "丙"@zh ; fr:nameKind fr:LegalName ; fr:validFrom "2024"^^xsd:gYear ; '
    'fr:validTo "2020"^^xsd:gYear ; prov:wasDerivedFrom source:s ; '
    f"{stated_by('source:s', 'fr:validFrom', 'fr:validTo')} ] .",
}


@pytest.mark.parametrize("name", sorted(ONCE_ACCEPTED))
def test_mistakes_once_accepted_are_refused(name: str, files: Files, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.ttl"
    # source:s is declared in the entities file
    path.write_text(PREFIXES + ONCE_ACCEPTED[name] + "\n", encoding="utf-8")
    with pytest.raises(ShapeViolationError):
        validate_paths([files.entities, path])
