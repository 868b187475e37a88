"""kg/vocab.py is generated from the ontology and refuses undeclared terms."""

from __future__ import annotations

import importlib.util

import pytest

from kg.vocab import FR
from tests.conftest import ROOT


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "generate_vocab", ROOT / "scripts" / "generate_vocab.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_vocab_matches_the_ontology() -> None:
    rendered = _generator().render()
    assert (ROOT / "kg" / "vocab.py").read_text(encoding="utf-8") == rendered


def test_a_misspelt_term_raises_instead_of_minting_an_iri() -> None:
    with pytest.raises(AttributeError):
        _ = FR.Compnay
    assert str(FR.Company).endswith("#Company")
