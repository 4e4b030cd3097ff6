"""The cross-provider core: node, nodes, borrower ids and the error boundary."""

from __future__ import annotations

from schema.ids import to_global_id
from tests.schema.conftest import Gql


async def test_a_malformed_id_is_not_found_with_a_code(gql: Gql) -> None:
    result = await gql("query($id: ID!) { node(id: $id) { id } }", id="not-an-id")
    assert result.data == {"node": None}
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}
    assert "not-an-id" in result.errors[0].message


async def test_an_id_of_an_unknown_type_is_not_found(gql: Gql) -> None:
    gid = to_global_id("Spaceship", "finos", "1")
    result = await gql("query($id: ID!) { node(id: $id) { id } }", id=gid)
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_nodes_answers_null_for_unknown_ids_in_place(gql: Gql) -> None:
    data = await gql.data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=["x", "y"])
    assert data == {"nodes": [None, None]}


async def test_nodes_refuses_more_than_a_hundred_ids(gql: Gql) -> None:
    result = await gql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=["x"] * 101)
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}


async def test_a_borrower_id_of_another_type_is_not_found(gql: Gql) -> None:
    gid = to_global_id("Loan", "financeit", "1")
    result = await gql("query($id: ID!) { borrower(id: $id) { id } }", id=gid)
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_a_bad_page_size_is_bad_user_input(gql: Gql) -> None:
    result = await gql("{ borrowers(first: 1000) { edges { cursor } } }")
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT", "field": "first"}
    assert "first must be between 0 and 100" in result.errors[0].message


async def test_a_variable_of_the_wrong_shape_is_bad_user_input_with_its_message(
    gql: Gql,
) -> None:
    result = await gql("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=[None])
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}
    assert "ids" in result.errors[0].message
