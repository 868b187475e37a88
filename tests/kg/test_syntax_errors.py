"""A syntax error names the file, the line and the column it happened at, and says what is
wrong once: finreg takes the place from the parser's error attributes, not from its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import RdfSyntaxError
from kg.loaders import load_files
from kg.loaders.survey import syntax_error
from kg.store import EmbeddedStore

pytestmark = pytest.mark.embedded_only


def parser_error(message: str, line: int, column: int) -> SyntaxError:
    """A SyntaxError shaped as pyoxigraph raises it: a message and lineno/offset set."""
    return SyntaxError(message, ("data.ttl", line, column, None))


@pytest.mark.parametrize(
    "message",
    [
        "Parser error at line 7 column 4: unexpected '.'",
        "Parser error at line 7 between columns 4 and 9: Invalid IRI code point ' '",
        "Parser error between line 7 column 4 and line 8 column 1: Unexpected end of file",
    ],
)
def test_the_place_comes_from_the_attributes_and_leaves_the_message(message: str) -> None:
    error = syntax_error(Path("data.ttl"), parser_error(message, 7, 4))
    assert (error.path, error.line, error.column) == ("data.ttl", 7, 4)
    assert "line" not in error.reason
    assert str(error).startswith("data.ttl:7:4: syntax error: ")


def test_a_message_without_a_place_is_kept_whole() -> None:
    error = syntax_error(Path("data.ttl"), parser_error("prefix 'x' not found", 2, 1))
    assert error.reason == "prefix 'x' not found"
    assert (error.line, error.column) == (2, 1)


def test_attributes_differing_from_the_text_win() -> None:
    # Were the place parsed out of the text, this would say line 99.
    error = syntax_error(Path("a.ttl"), parser_error("Parser error at line 99 column 1: bad", 3, 5))
    assert (error.line, error.column, error.reason) == (3, 5, "bad")


@pytest.mark.parametrize(
    ("text", "line", "column", "reason"),
    [
        ('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "x .\n', 3, 11, "end of file"),
        ("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\n  ex:a ex:b <bad iri> .\n", 3, 13, "IRI"),
    ],
)
def test_a_loaded_file_with_a_syntax_error_is_located(
    tmp_path: Path, text: str, line: int, column: int, reason: str
) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(text, encoding="utf-8")
    store = EmbeddedStore.in_memory()
    try:
        with pytest.raises(RdfSyntaxError) as caught:
            load_files(store, [path])
        assert (caught.value.line, caught.value.column) == (line, column)
        assert reason in caught.value.reason
        assert "Parser error" not in caught.value.reason
        assert store.named_graphs() == []
    finally:
        store.close()
