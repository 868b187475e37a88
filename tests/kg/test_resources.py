"""kg.resources: a checkout reads the ontology, shapes and seeds in place; an install that
lacks one says which, in one line (tests/test_wheel.py checks an install from a wheel)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.cli import EXIT_INPUT, main
from kg import resources
from kg.errors import MissingResourceError
from kg.schema import ontology_triples
from kg.settings import Settings
from tests.conftest import ROOT, Files

pytestmark = pytest.mark.embedded_only


def test_a_checkout_reads_its_files_in_place_with_no_copies() -> None:
    assert resources.ontology_path() == ROOT / "ontology" / "finreg.ttl"
    assert resources.shapes_path() == ROOT / "kg" / "schema" / "shapes.ttl"
    assert resources.seeds_dir() == ROOT / "seeds"
    assert Settings(data_dir=Path("data")).seeds_dir == ROOT / "seeds"
    assert not (ROOT / "kg" / resources.PACKAGED).exists()  # only a wheel's build has it


def test_an_install_without_its_ontology_names_the_missing_file(
    tmp_path: Path,
    files: Files,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(resources, "dataset_folder", lambda: tmp_path)
    missing = tmp_path / "ontology" / "finreg.ttl"
    message = f"^{re.escape(str(missing))}: the ontology is missing from this finreg install"
    with pytest.raises(MissingResourceError, match=message):
        resources.ontology_path()
    assert resources.seeds_dir() == tmp_path / "seeds"  # no seeds: nothing to load, no error

    ontology_triples.cache_clear()  # read again, from the folder without an ontology
    arguments = ["validate", "--data", str(tmp_path / "store"), str(files.entities)]
    try:
        assert main(arguments) == EXIT_INPUT
    finally:
        ontology_triples.cache_clear()
    err = capsys.readouterr().err
    assert err.startswith(f"finreg: {missing}: the ontology is missing from this finreg install")
    assert "Traceback" not in err
