"""One rule, one place: each rule the interfaces share has one home, and every caller uses it.

These read the source: a second language fallback, a second Accept parser or SPARQL text in
an interface would pass every behavioural test until the copies drift apart, as they once did
(the zh lineage table printed the English scope note).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from api.present.phrases import moved, pick
from kg import model
from kg.dates import PartialDate
from kg.vocab import (
    COMPARATORS,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    NAME_KINDS,
    RELATIONSHIP_CLASSES,
    ROLES,
)
from tests.conftest import ROOT

pytestmark = pytest.mark.embedded_only

SOURCES = sorted(
    p for folder in ("kg", "api") for p in (ROOT / folder).rglob("*.py") if p.name != "vocab.py"
)
INTERFACES = sorted(p for p in (ROOT / "api").rglob("*.py"))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_kg_enums_are_the_ontology_groups() -> None:
    assert sorted(k.value for k in model.EntityKind) == sorted(ENTITY_CLASSES)
    assert sorted(k.value for k in model.EventKind) == sorted(EVENT_CLASSES)
    assert sorted(k.value for k in model.RelationshipKind) == sorted(RELATIONSHIP_CLASSES)
    assert {k.value for k in model.NameKind} == set(NAME_KINDS)
    assert sorted(k.value for k in model.Comparator) == sorted(COMPARATORS)


def test_names_rank_in_the_ontologys_label_preference() -> None:
    names = tuple(
        model.Name(f"name {kind}", "zh", model.NameKind(kind)) for kind in reversed(NAME_KINDS)
    )
    ranked = model.Entity("urn:e", model.EntityKind.COMPANY, names).labels()
    assert [text for _, text in ranked] == [f"name {kind}" for kind in NAME_KINDS]


def test_pick_is_the_only_language_fallback() -> None:
    # A loop over ("zh", "en") or a split of a language tag is a fallback written again.
    fallback = re.compile(r"""\(\s*[^()]*,\s*"zh",\s*"en"\s*\)|\.split\("-"\)\[0\]""")
    home = ROOT / "api" / "present" / "phrases.py"
    copies = [_relative(p) for p in SOURCES if p != home and fallback.search(_text(p))]
    assert copies == []


def test_the_zh_lineage_table_shows_the_zh_scope_note() -> None:
    # `finreg lineage 阿里小贷` printed "all business": the first scope note, "en" sorting first.
    event = model.Event(
        "urn:e",
        model.EventKind.BUSINESS_TRANSFER,
        PartialDate.parse("2015"),
        scope_notes=(("en", "all business"), ("zh", "全部业务")),
    )
    transfer = model.Transfer(event, "urn:a", "urn:b", (), 1)
    assert moved(transfer, {}, "zh") == "全部业务"
    assert moved(transfer, {}, "en") == "all business"
    assert pick((("en", "x"),), "zh") == "x"


def test_roles_are_not_retyped() -> None:
    listed = re.compile(r'"transferor",\s*"transferee"|"holder",\s*"issuer"')
    assert [_relative(p) for p in SOURCES if listed.search(_text(p))] == []
    assert "transferredScope" in ROLES


def test_no_vocabulary_term_makes_a_string_round_trip() -> None:
    trip = re.compile(r"NamedNode\(str\(|URIRef\(str\(FR|str\(FR[._]|FR\._NS")
    assert [_relative(p) for p in SOURCES if trip.search(_text(p))] == []


SPARQL = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b[^\n]*\bWHERE\b|\bPREFIX \w*:\s*<")


def test_no_interface_writes_sparql() -> None:
    # An example query shown to users (the /sparql form) is text for people, kept in a file.
    writers = [_relative(p) for p in INTERFACES if SPARQL.search(_text(p))]
    assert writers == []


def test_interfaces_reach_the_knowledge_through_the_facade_only() -> None:
    reaching = []
    for path in INTERFACES:
        tree = ast.parse(_text(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("store", "_store"):
                reaching.append(f"{_relative(path)}:{node.lineno}")
    assert reaching == []


def test_one_lineage_path() -> None:
    from kg.knowledge import KnowledgeGraph

    body = ast.get_source_segment(
        _text(ROOT / "kg" / "knowledge" / "_lineage.py"),
        next(
            n
            for n in ast.walk(ast.parse(_text(ROOT / "kg" / "knowledge" / "_lineage.py")))
            if isinstance(n, ast.FunctionDef) and n.name == "lineage"
        ),
    )
    assert body is not None
    assert "self.lineages(" in body
    assert not hasattr(KnowledgeGraph, "views")
    assert not (ROOT / "kg" / "views.py").exists()


def test_page_paths_have_one_home() -> None:
    defined = [_relative(p) for p in SOURCES if re.search(r"^def page_path\(", _text(p), re.M)]
    assert defined == ["api/urls.py"]


def test_event_dates_are_worded_in_one_place() -> None:
    defined = [
        _relative(p)
        for p in SOURCES
        if re.search(r"^\s*def (event_date|date_label)\(", _text(p), re.M)
    ]
    assert defined == ["api/present/phrases.py", "api/web/i18n.py"]
    assert "event_date(event, self.lang, compact=False)" in _text(ROOT / "api/web/i18n.py")


def test_the_sparql_example_uses_only_declared_terms() -> None:
    from api.sparql_page import example
    from kg.schema import NAMESPACE, declared_terms

    used = {NAMESPACE + local for local in re.findall(r"\bfr:(\w+)", example())}
    assert used
    assert used <= declared_terms()


def _defines(pattern: str) -> list[str]:
    """The source files with a top-level or method ``def`` matching ``pattern``."""
    found = re.compile(rf"^\s*def ({pattern})\(", re.M)
    return [_relative(p) for p in SOURCES if found.search(_text(p))]


def _imports(module: str, name: str) -> list[str]:
    """The interface files that import ``name`` from ``module``."""
    users = []
    for path in INTERFACES:
        for node in ast.walk(ast.parse(_text(path))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == module
                and any(alias.name == name for alias in node.names)
            ):
                users.append(_relative(path))
    return sorted(set(users))


def test_one_accept_parser_serves_graphql_sparql_and_the_pages() -> None:
    assert _defines(r"parse_accept|negotiate|accepts_\w+") == ["api/accept.py"]
    assert _imports("api.accept", "negotiate") == [
        "api/graphql_http.py",
        "api/sparql.py",
        "api/web/linked.py",
    ]


def test_citations_are_worded_in_one_place() -> None:
    assert _defines(r"citation_text|cite") == ["api/present/phrases.py"]
    assert _imports("api.present.phrases", "citation_text") == [
        "api/present/cells.py",
        "api/present/csv_export.py",
        "api/present/report.py",
    ]


def test_licences_notices_and_statuses_are_asked_of_the_facade() -> None:
    # Once written in a resolver and again in the pages' gatherer; now batch methods of the
    # facade, which the DataLoaders and the pages both call.
    rules = r"licences|notices|issue_dates|licence_statuses|registration_statuses"
    homes = {
        "kg/knowledge/_events.py",
        "kg/knowledge/_relations.py",
        "kg/queries/entities.py",
        "kg/queries/relations.py",
        "kg/queries/events.py",
    }
    assert set(_defines(rules)) <= homes
    for caller in ("api/loaders.py", "api/web/facts.py"):
        assert re.search(rf"graph\.({rules})\b", _text(ROOT / caller)), caller
