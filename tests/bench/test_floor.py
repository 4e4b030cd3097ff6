"""The framework floor answers an operation's captured response, and nothing else."""

from __future__ import annotations

from graphql import get_introspection_query

from bench.floor import first_difference, with_typenames
from bench.floor_app import floor_schema
from schema import build_schema

QUERY = "{ loans(first: 2) { edges { node { id status promoProgram { name } } } } }"


def test_every_selection_set_asks_for_its_typename() -> None:
    asked = with_typenames(QUERY)
    assert asked.count("__typename") == 5  # query, connection, edge, loan, promo program
    assert with_typenames(asked) == asked


async def test_the_floor_answers_the_captured_data_through_fingates_schema() -> None:
    captured = {
        "loans": {
            "__typename": "LoanConnection",
            "edges": [
                {
                    "node": {
                        "__typename": "Loan",
                        "id": "TG9hbjox",
                        "status": "FUNDED",
                        "promoProgram": {"name": "Zero for 12"},
                    }
                },
                {
                    "node": {
                        "__typename": "Loan",
                        "id": "TG9hbjoy",
                        "status": "DECLINED",
                        "promoProgram": None,
                    }
                },
            ],
        }
    }
    result = await floor_schema().execute(QUERY, root_value=captured)
    assert result.errors is None
    expected = {
        "loans": {
            "edges": [
                {
                    "node": {
                        "id": "TG9hbjox",
                        "status": "FUNDED",
                        "promoProgram": {"name": "Zero for 12"},
                    }
                },
                {"node": {"id": "TG9hbjoy", "status": "DECLINED", "promoProgram": None}},
            ]
        }
    }
    assert result.data == expected
    assert first_difference(result.data, expected) is None
    assert first_difference({"a": [1, 2]}, {"a": [1, 3]}) == ".a[1]: 2 != 3"


async def test_the_floor_leaves_every_other_schemas_introspection_alone() -> None:
    """graphql-core's introspection types are shared by every schema in the process."""
    floor_schema()
    result = await build_schema().execute(get_introspection_query())
    assert result.errors is None
    assert result.data is not None and result.data["__schema"]["queryType"]["name"] == "Query"
