"""FinanceIt mutations are never sent twice for one idempotency key.

FinanceIt honours no idempotency key and cannot be asked whether an invite or a
link was made, so an unanswered write stays OUTCOME_UNKNOWN: a retry must not
write again. Two ways to lose an answer: a latency fault beyond the client's
read timeout (the sandbox then drops the request, as a server may), and a
transport that lets the provider do the write and then loses its answer.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from strawberry.types import ExecutionResult

from resolvers import FinanceItConfig, HttpConfig, Providers
from resolvers.financeit import FinanceItClient
from resolvers.idempotency import IdempotencyStore, SqliteIdempotencyStore
from schema import Context
from tests.schema.conftest import Gql, the_schema
from tests.schema.test_loans_mutations import (
    CUSTOMIZED_LINK,
    CUSTOMIZED_LINKS,
    INVITES,
    SEND_INVITE,
    SINGLE_LINK,
    SINGLE_LINKS,
    customized_input,
    gid,
    invite_input,
    store,
)


@dataclasses.dataclass
class Case:
    query: str
    route: str
    given: dict[str, Any]
    other: dict[str, Any]  # another intent
    records: Callable[[], list[Any]]  # what FinanceIt holds of this kind


def invite_case(gql: Gql) -> Case:
    return Case(
        SEND_INVITE,
        INVITES,
        invite_input(gql, firstName="Ada"),
        invite_input(gql, firstName="Bea"),
        lambda: store(gql).invites,
    )


def single_link_case(gql: Gql) -> Case:
    loans = list(store(gql).loans)
    return Case(
        SINGLE_LINK,
        SINGLE_LINKS,
        {"loanId": gid("Loan", loans[0])},
        {"loanId": gid("Loan", loans[1])},
        lambda: store(gql).links,
    )


def customized_link_case(gql: Gql) -> Case:
    return Case(
        CUSTOMIZED_LINK,
        CUSTOMIZED_LINKS,
        customized_input(gql, leadId=1),
        customized_input(gql, leadId=2),
        lambda: store(gql).links,
    )


CASES = pytest.mark.parametrize(
    "make", [invite_case, single_link_case, customized_link_case], ids=lambda f: f.__name__
)


def keyed(given: dict[str, Any], key: str) -> dict[str, Any]:
    return {**given, "idempotencyKey": key}


def code_of(result: ExecutionResult) -> str:
    assert result.errors, result.data
    (error,) = result.errors
    return str((error.extensions or {})["code"])


async def execute(
    providers: Providers, idempotency: IdempotencyStore, query: str, given: dict[str, Any]
) -> ExecutionResult:
    """One request with its own context, as a separate app instance would make it."""
    context = Context(providers=providers, idempotency=idempotency)
    return await the_schema().execute(query, {"input": given}, context_value=context)


class LosesAnswers(httpx.AsyncBaseTransport):
    """Lets POSTs to `path` reach the provider, then loses the answer (a read timeout)."""

    def __init__(self, path: str) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.path = path

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith(self.path):
            await response.aread()
            await response.aclose()
            raise httpx.ReadTimeout("the answer was lost", request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


@asynccontextmanager
async def financeit_with(
    gql: Gql, *, read_timeout: float = 10.0, transport: httpx.AsyncBaseTransport | None = None
) -> AsyncIterator[Providers]:
    """The test's providers with another FinanceIt client (short timeout, lossy transport)."""
    config = FinanceItConfig(http=HttpConfig(read_timeout=read_timeout))
    url = gql.sandbox.url("financeit")
    client = FinanceItClient.create(config, url, cache=gql.providers.cache, transport=transport)
    try:
        yield dataclasses.replace(gql.providers, financeit=client)
    finally:
        await client.aclose()


@CASES
async def test_a_replay_with_the_same_key_returns_the_same_payload_without_a_call(
    gql: Gql, make: Callable[[Gql], Case]
) -> None:
    case = make(gql)
    first = await gql.execute(case.query, {"input": keyed(case.given, "k-1")})
    gql.sandbox.clear_stats()
    again = await gql.execute(case.query, {"input": keyed(case.given, "k-1")})

    assert first.errors is None and first.data is not None
    assert again.errors is None and again.data == first.data
    assert gql.sandbox.stats() == {}
    assert len(case.records()) == 1


@CASES
async def test_the_same_key_with_another_input_is_refused_without_a_call(
    gql: Gql, make: Callable[[Gql], Case]
) -> None:
    case = make(gql)
    await gql.execute(case.query, {"input": keyed(case.given, "k-1")})
    gql.sandbox.clear_stats()
    reused = await gql.execute(case.query, {"input": keyed(case.other, "k-1")})

    assert code_of(reused) == "IDEMPOTENCY_KEY_REUSED"
    assert gql.sandbox.stats() == {}
    assert len(case.records()) == 1


@CASES
async def test_a_lost_answer_is_unknown_and_the_retry_does_not_write_again(
    gql: Gql, make: Callable[[Gql], Case]
) -> None:
    case = make(gql)
    gql.sandbox.clear_stats()
    async with financeit_with(gql, transport=LosesAnswers(case.route.split()[1])) as lossy:
        lost = await execute(lossy, gql.idempotency, case.query, keyed(case.given, "k-1"))
    assert code_of(lost) == "OUTCOME_UNKNOWN"
    assert len(case.records()) == 1  # FinanceIt did it; the gateway cannot know

    retry = await gql.execute(case.query, {"input": keyed(case.given, "k-1")})

    assert code_of(retry) == "OUTCOME_UNKNOWN"
    assert retry.errors is not None and "new key" in retry.errors[0].message
    assert gql.sandbox.calls("financeit", case.route) == 1
    assert len(case.records()) == 1


async def test_the_idempotency_key_header_works_like_the_input_field(gql: Gql) -> None:
    case = invite_case(gql)
    first = await gql.execute(case.query, {"input": case.given}, idempotency_key="h-1")
    gql.sandbox.clear_stats()
    again = await gql.execute(case.query, {"input": keyed(case.given, "h-1")})

    assert first.errors is None and again.data == first.data
    assert gql.sandbox.stats() == {}
    assert len(store(gql).invites) == 1


async def test_twenty_concurrent_invites_with_one_key_send_one(gql: Gql) -> None:
    case = invite_case(gql)
    gql.sandbox.clear_stats()
    results = await asyncio.gather(
        *(gql.execute(case.query, {"input": keyed(case.given, "burst")}) for _ in range(20))
    )

    assert [r.errors for r in results] == [None] * 20
    assert all(r.data == results[0].data for r in results)
    assert gql.sandbox.calls("financeit", INVITES) == 1
    assert len(store(gql).invites) == 1


async def test_an_invite_timing_out_after_send_is_not_sent_again_on_retry(gql: Gql) -> None:
    case = invite_case(gql)
    gql.sandbox.clear_stats()
    gql.sandbox.fault(provider="financeit", route=INVITES, latency_ms=3000)
    async with financeit_with(gql, read_timeout=0.5) as impatient:
        first = await asyncio.wait_for(
            execute(impatient, gql.idempotency, case.query, keyed(case.given, "slow")), 5
        )
    gql.sandbox.clear_faults()
    retry = await gql.execute(case.query, {"input": keyed(case.given, "slow")})

    assert code_of(first) == "OUTCOME_UNKNOWN"
    assert code_of(retry) == "OUTCOME_UNKNOWN"
    assert gql.sandbox.calls("financeit", INVITES) == 1


async def test_a_restart_between_a_lost_answer_and_the_retry_still_writes_once(
    gql: Gql, tmp_path: Path
) -> None:
    case = invite_case(gql)
    path = tmp_path / "idempotency.sqlite3"
    gql.sandbox.clear_stats()
    before = SqliteIdempotencyStore(path)
    try:
        async with financeit_with(gql, transport=LosesAnswers("/direct_invites")) as lossy:
            lost = await execute(lossy, before, case.query, keyed(case.given, "k-1"))
    finally:
        await before.aclose()
    after = SqliteIdempotencyStore(path)
    try:
        retry = await execute(gql.providers, after, case.query, keyed(case.given, "k-1"))
    finally:
        await after.aclose()

    assert code_of(lost) == code_of(retry) == "OUTCOME_UNKNOWN"
    assert gql.sandbox.calls("financeit", INVITES) == 1
    assert len(store(gql).invites) == 1


async def test_a_restart_after_an_invite_replays_it_from_disk(gql: Gql, tmp_path: Path) -> None:
    case = invite_case(gql)
    path = tmp_path / "idempotency.sqlite3"
    before = SqliteIdempotencyStore(path)
    try:
        first = await execute(gql.providers, before, case.query, keyed(case.given, "k-1"))
    finally:
        await before.aclose()
    gql.sandbox.clear_stats()
    after = SqliteIdempotencyStore(path)
    try:
        again = await execute(gql.providers, after, case.query, keyed(case.given, "k-1"))
    finally:
        await after.aclose()

    assert first.errors is None and again.data == first.data
    assert gql.sandbox.stats() == {}
    assert len(store(gql).invites) == 1


async def test_a_refusal_by_financeit_is_replayed_without_a_call(gql: Gql) -> None:
    given = keyed(invite_input(gql, amortization=7), "k-1")
    first = await gql.execute(SEND_INVITE, {"input": given})
    gql.sandbox.clear_stats()
    again = await gql.execute(SEND_INVITE, {"input": given})

    assert first.data is not None
    assert first.data["sendDirectInvite"]["userErrors"][0]["code"] == "PROVIDER_REJECTED"
    assert again.data == first.data
    assert gql.sandbox.stats() == {}


async def test_an_input_refused_by_validation_does_not_use_up_its_key(gql: Gql) -> None:
    bad = await gql.execute(SEND_INVITE, {"input": keyed(invite_input(gql, email="x"), "k-1")})
    good = await gql.execute(SEND_INVITE, {"input": keyed(invite_input(gql), "k-1")})

    assert bad.data is not None and bad.data["sendDirectInvite"]["userErrors"]
    assert good.errors is None and good.data is not None
    assert good.data["sendDirectInvite"]["userErrors"] == []
    assert len(store(gql).invites) == 1
