"""A SPARQL server that stops every answer at a row cap, silently (Virtuoso's
``ResultSetMaxRows``, 10,000 by default): an answer as long as the cap may be cut, so it is
refused, never used as a whole one. The cap is Virtuoso's when the server says it is
Virtuoso, none on other servers, or what ``FINREG_STORE_MAX_ROWS`` says."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kg.errors import RowCapError
from kg.loaders import load_files
from kg.store import RemoteStore
from kg.store.remote import VIRTUOSO_MAX_ROWS
from tests.backends import Backend
from tests.conftest import PREFIXES

ROWS = 12
EVERY_LABEL = "SELECT ?s ?label WHERE { ?s rdfs:label ?label }"
LABELS = "CONSTRUCT { ?s rdfs:label ?label } WHERE { ?s rdfs:label ?label }"
FEW = EVERY_LABEL + " LIMIT 3"
PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "labels.ttl"
    path.write_text(
        PREFIXES
        + "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        + "".join(f'<http://example.org/row/{i}> rdfs:label "row {i}" .\n' for i in range(ROWS)),
        encoding="utf-8",
    )
    return path


def test_an_answer_as_long_as_the_servers_row_cap_is_refused(
    backend: Backend, tmp_path: Path
) -> None:
    store = backend.store()
    try:
        load_files(store, [labelled(tmp_path)])
        assert len(store.select(PREFIX + EVERY_LABEL)) == ROWS
        if not backend.remote:  # pyoxigraph caps nothing
            return
        assert isinstance(store, RemoteStore)
        assert store.max_rows == (VIRTUOSO_MAX_ROWS if backend.name == "virtuoso" else 0)
    finally:
        store.close()

    capped = RemoteStore(replace(backend.endpoint("scratch"), max_rows=5))
    try:
        assert len(capped.select(PREFIX + FEW)) == 3
        with pytest.raises(RowCapError, match=f"answer has {ROWS} rows.*stops answers at 5"):
            capped.select(PREFIX + EVERY_LABEL)
        with pytest.raises(RowCapError):
            capped.construct(PREFIX + LABELS)
        with pytest.raises(RowCapError):
            capped.export("nq")
    finally:
        capped.close()
