"""The served schema: the contract, the exported SDL, descriptions, enums, examples."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    find_breaking_changes,
    validate,
)
from graphql import parse as parse_document

from api import export_schema
from api.examples import EXAMPLES, Example
from api.schema import FinregSchema
from api.types import enums
from kg import history, lineage, model
from tests.api.conftest import Run

CONTRACTS = Path(__file__).resolve().parents[2] / "api" / "contract"
V1 = CONTRACTS / "finreg-v1.graphql"
V1_1 = CONTRACTS / "finreg-v1.1.graphql"


def served(schema: FinregSchema) -> GraphQLSchema:
    """graphql-core's view of the served schema."""
    return schema._schema


def contract(path: Path) -> GraphQLSchema:
    """A contract file as a schema."""
    return build_schema(path.read_text(encoding="utf-8"))


def test_contract_v1_is_a_subset_of_the_served_schema(schema: FinregSchema) -> None:
    assert find_breaking_changes(contract(V1), served(schema)) == []


def test_contract_v1_1_is_a_subset_of_the_served_schema(schema: FinregSchema) -> None:
    assert find_breaking_changes(contract(V1_1), served(schema)) == []


def test_every_root_field_v1_1_gives_known_at_takes_it(schema: FinregSchema) -> None:
    fields = served(schema).query_type.fields  # type: ignore[union-attr]
    takes = {name for name, f in fields.items() if "knownAt" in f.args}
    assert takes == {"entity", "search", "lineage", "events", "figures"}
    for name in takes:
        assert str(fields[name].args["knownAt"].type) == "PartialDate"


def test_contract_v1_1_breaks_nothing_of_v1() -> None:
    assert find_breaking_changes(contract(V1), contract(V1_1)) == []


def test_exported_sdl_is_fresh() -> None:
    assert export_schema.SCHEMA_FILE.read_text(encoding="utf-8") == export_schema.served_sdl(), (
        "api/schema.graphql is stale: run python -m api.export_schema"
    )
    assert export_schema.main(["--check"]) == 0


def test_every_type_field_argument_and_enum_value_has_a_description(
    schema: FinregSchema,
) -> None:
    missing: list[str] = []
    for name, type_ in served(schema).type_map.items():
        if name.startswith("__") or name in ("String", "Int", "Float", "Boolean", "ID"):
            continue
        if not type_.description:
            missing.append(name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in type_.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing += [
                    f"{name}.{field_name}({arg})"
                    for arg, argument in field.args.items()
                    if not argument.description
                ]
        if isinstance(type_, GraphQLEnumType):
            missing += [f"{name}.{v}" for v, value in type_.values.items() if not value.description]
        if isinstance(type_, GraphQLInputObjectType):
            missing += [f"{name}.{f}" for f, field in type_.fields.items() if not field.description]
    assert missing == []


@pytest.mark.parametrize(
    ("api", "kg"),
    [
        (enums.EntityKind, model.EntityKind),
        (enums.NameKind, model.NameKind),
        (enums.EventKind, model.EventKind),
        (enums.Direction, lineage.Direction),
        (enums.RegistrationStatus, history.RegistrationStatus),
        (enums.LicenceStatus, history.LicenceStatus),
        (enums.Comparator, model.Comparator),
    ],
)
def test_api_enums_mirror_kg_enums(api: type[Enum], kg: type[Enum]) -> None:
    assert sorted(m.name for m in api) == sorted(m.name for m in kg)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.query.split("query ")[1].split()[0])
def test_graphiql_examples_validate_and_run(
    example: Example, schema: FinregSchema, run: Run
) -> None:
    assert validate(served(schema), parse_document(example.query)) == []
    variables = json.loads(example.variables) if example.variables else {}
    if "company" in variables:  # the seed graph's company is not in the test graph
        variables["company"] = "重庆阿里小贷"
    result = run(example.query, **variables)
    assert not result.errors
    assert result.data is not None
    assert result.data["entity"] is not None
