"""No exception passes the schema's execute: an operation ended by one answers a
masked, coded error; a borrower asking for profiles by two paths gets an answer."""

from __future__ import annotations

import asyncio

import pytest
import strawberry

from schema.build import FingateSchema
from schema.errors import ErrorBoundary
from tests.schema.conftest import Gql
from tests.schema.test_authz_isolation import discover

TWO_PATHS = """{
  borrowers(first: 20) { edges { node { email profiles { id provider } } } }
  applications(first: 20) { edges { node { applicants { borrower { profiles { id } } } } } }
}"""


async def test_a_borrower_asking_for_profiles_by_two_paths_gets_an_answer(gql: Gql) -> None:
    # graphql-core cancels the siblings of a failed field (here a co-applicant the
    # borrower may not see); the profile loads they shared with `borrowers` go on
    a, _ = await discover(gql)
    result = await gql.execute(TWO_PATHS, caller=a.caller())
    assert result.data is not None
    emails = {e["node"]["email"].strip().lower() for e in result.data["borrowers"]["edges"]}
    assert emails == {a.email}
    assert all(e["node"]["profiles"] is not None for e in result.data["borrowers"]["edges"])
    for error in result.errors or []:
        assert error.extensions is not None
        assert error.extensions["code"] != "INTERNAL_SERVER_ERROR", error.message


def tiny_schema(resolve: object) -> FingateSchema:
    @strawberry.type
    class Query:
        @strawberry.field
        async def boom(self) -> str | None:
            raise resolve  # type: ignore[misc]

        @strawberry.field
        def fine(self) -> str:
            return "yes"

    return FingateSchema(query=Query, extensions=[ErrorBoundary])


@pytest.mark.parametrize(
    "raised", [asyncio.CancelledError(), RuntimeError("secret sk_live_1")], ids=type
)
async def test_an_exception_ending_the_operation_is_masked_with_a_code(
    raised: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    result = await tiny_schema(raised).execute("{ boom fine }")
    assert result.errors is not None
    [error] = result.errors
    assert error.message == "Internal server error"
    assert error.extensions is not None
    assert error.extensions["code"] == "INTERNAL_SERVER_ERROR"
    assert error.extensions["requestId"] in caplog.text  # the traceback is logged with it
    assert "sk_live_1" not in error.message


async def test_a_cancelled_request_task_is_still_cancelled() -> None:
    started = asyncio.Event()

    @strawberry.type
    class Query:
        @strawberry.field
        async def slow(self) -> str:
            started.set()
            await asyncio.Event().wait()
            return "never"

    task = asyncio.ensure_future(FingateSchema(query=Query).execute("{ slow }"))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
