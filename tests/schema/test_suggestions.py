"""With suggestions off (production) no message names a schema element the caller did
not: no "Did you mean" for fields, arguments, enum values, types, input fields or
directive arguments, in literals or in variables. Development keeps them."""

from __future__ import annotations

from typing import Any

import pytest

from schema import SchemaOptions, build_schema

# Each operation misspells one schema name by one letter; graphql-core suggests the right one.
MISSPELT: dict[str, tuple[str, dict[str, Any] | None]] = {
    "field": ("{ borrowerz(first: 1) { totalCount } }", None),
    "argument": ("{ borrowers(firts: 1) { totalCount } }", None),
    "enum value (literal)": ("{ borrowers(providers: [FINMOO]) { totalCount } }", None),
    "enum value (variable)": (
        "query($p: [Provider!]) { borrowers(providers: $p) { totalCount } }",
        {"p": ["FINMOO"]},
    ),
    "type": ("query($p: [Providr!]) { borrowers(providers: $p) { totalCount } }", None),
    "fragment type": ('{ node(id: "x") { ... on Borrowr { id } } }', None),
    "input field (literal)": (
        'mutation { addApplicant(input: {applicationIdd: "x"}) { __typename } }',
        None,
    ),
    "input field (variable)": (
        "mutation($i: AddApplicantInput!) { addApplicant(input: $i) { __typename } }",
        {"i": {"applicationIdd": "x"}},
    ),
    "directive argument": ("{ __typename @include(iff: true) }", None),
    "directive": ("{ __typename @inclde(if: true) }", None),
}


async def messages(field_suggestions: bool, query: str, variables: Any) -> list[str]:
    schema = build_schema(SchemaOptions(field_suggestions=field_suggestions))
    result = await schema.execute(query, variable_values=variables)
    assert result.errors, "the misspelt operation must be refused"
    return [error.message for error in result.errors]


@pytest.mark.parametrize("kind", sorted(MISSPELT))
async def test_no_suggestion_names_a_schema_element_when_suggestions_are_off(kind: str) -> None:
    query, variables = MISSPELT[kind]
    found = await messages(False, query, variables)
    assert not [m for m in found if "Did you mean" in m], found
    assert all(m.strip() for m in found)  # the error itself stays


@pytest.mark.parametrize(
    "kind", ["field", "argument", "enum value (literal)", "type", "input field (variable)"]
)
async def test_development_still_suggests(kind: str) -> None:
    query, variables = MISSPELT[kind]
    found = await messages(True, query, variables)
    assert [m for m in found if "Did you mean" in m], found
