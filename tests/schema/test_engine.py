"""The SHACL engine module: blank nodes go in as skolem IRIs and come back as blank nodes, so
a result names the node finreg wrote; shapes that would be judged wrongly that way are refused;
finreg's own shapes compile."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.errors import ShapesEngineError
from kg.resources import shapes_path
from kg.schema import shapes_engine
from kg.schema.engine import CompiledShapes, check_shapes, term, write_data

pytestmark = pytest.mark.embedded_only

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:S> a sh:NodeShape ; sh:targetClass <urn:C> ;
    sh:property [ sh:path <urn:p> ; sh:minCount 1 ; sh:message "needs urn:p" ] .
"""
TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def test_a_result_about_a_blank_node_names_the_node_that_was_written(tmp_path: Path) -> None:
    good, bad = BlankNode("good"), BlankNode("bad")
    data = [
        Triple(bad, TYPE, NamedNode("urn:C")),
        Triple(good, TYPE, NamedNode("urn:C")),
        Triple(good, NamedNode("urn:p"), Literal("x")),
        Triple(NamedNode("urn:owner"), NamedNode("urn:has"), bad),
    ]
    path = tmp_path / "data.nt"
    with path.open("wb") as out:
        write_data(data, out)
    (result,) = CompiledShapes.from_text(SHAPES).validate_file(path)
    assert term(result.focus_node) == bad
    assert result.message == "needs urn:p"


def test_write_data_keeps_literals_that_look_like_blank_nodes() -> None:
    out = io.BytesIO()
    write_data([Triple(NamedNode("urn:s"), NamedNode("urn:p"), Literal("_:b1 ."))], out)
    assert out.getvalue() == b'<urn:s> <urn:p> "_:b1 ." .\n'


@pytest.mark.parametrize("kind", ["BlankNode", "BlankNodeOrIRI", "BlankNodeOrLiteral"])
def test_shapes_that_ask_for_blank_nodes_are_refused(kind: str) -> None:
    with pytest.raises(ShapesEngineError, match=f"sh:nodeKind sh:{kind}"):
        check_shapes(SHAPES.replace("sh:minCount 1", f"sh:nodeKind sh:{kind}"))


def test_finreg_shapes_compile_and_ask_nothing_skolem_iris_would_answer_wrongly() -> None:
    check_shapes(shapes_path().read_text(encoding="utf-8"))
    assert shapes_engine() is shapes_engine()  # compiled once
