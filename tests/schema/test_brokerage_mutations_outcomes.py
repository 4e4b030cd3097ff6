"""Writes whose answer never came (OUTCOME_UNKNOWN): the retry with the same key
finds out instead of writing again. placeOrder re-sends under the same Finos
Idempotency-Key (Finos replays), across a restart too; cancelOrder reads the order.

Finos is slowed with a latency fault beyond a short client read timeout; the
delayed request is waited for behind the same latency on a read, never a sleep."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

from resolvers.idempotency import (
    IdempotencyRecord,
    IdempotencyStore,
    MemoryIdempotencyStore,
    SqliteIdempotencyStore,
)
from tests.resolvers.test_idempotency_owners import dead_owner
from tests.schema.conftest import Gql
from tests.schema.test_brokerage_mutations import (
    CANCEL_ORDER,
    PLACE_ORDER,
    codes,
    funded_account,
    gid,
    order_input,
    run,
    slow_finos,
)

STORE_KEY = "anonymous\x00placeOrder\x00flaky"  # (caller, mutation, client key)


async def _timeout_then_retry(
    gql: Gql, first: IdempotencyStore, restart: Callable[[], Awaitable[IdempotencyStore]]
) -> IdempotencyStore:
    """A placeOrder that times out after it was sent, then its retry with the same key
    through the store `restart` gives; exactly one order exists at Finos."""
    account, _ = await funded_account(gql)
    variables = {"input": {**order_input(account.id), "idempotencyKey": "flaky"}}
    gql.sandbox.fault(provider="finos", route="POST /v1/orders", latency_ms=1500)
    async with slow_finos(gql, first) as execute:
        lost = await execute(PLACE_ORDER, variables)
    assert codes(lost) == ["OUTCOME_UNKNOWN"]
    unknown = await first.get(STORE_KEY)
    assert unknown is not None and unknown.state == "outcome_unknown"
    gql.sandbox.clear_faults()
    second = await restart()
    async with slow_finos(gql, second, read_timeout=10) as execute:
        retried = await execute(PLACE_ORDER, variables)
        again = await execute(PLACE_ORDER, variables)
    assert retried.errors is None and retried.data is not None
    assert again.data == retried.data
    placed = retried.data["placeOrder"]["order"]
    # the retry re-sent the order under the same Finos key (the lost one + that one)
    assert gql.sandbox.calls("finos", "POST /v1/orders") == 2
    # the delayed first request reaches Finos too: wait for it through the same latency
    gql.sandbox.fault(provider="finos", route="GET /v1/orders", latency_ms=1500)
    listed = await asyncio.wait_for(
        gql.providers.finos.list_orders(account_id=account.id, status="all"), timeout=10
    )
    gql.sandbox.clear_faults()
    assert [o.id for o in listed.items] == [placed["providerId"]]
    done = await second.get(STORE_KEY)
    assert done is not None and done.state == "completed"
    return second


async def test_an_order_timed_out_after_sending_is_placed_once_when_retried(gql: Gql) -> None:
    async def same() -> IdempotencyStore:
        return gql.idempotency

    await _timeout_then_retry(gql, gql.idempotency, same)


async def test_an_order_timed_out_before_a_restart_is_placed_once_when_retried_after(
    gql: Gql, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "idempotency.sqlite3"
    stores = [SqliteIdempotencyStore(path)]

    async def restart() -> IdempotencyStore:
        await stores[0].aclose()  # the old process is gone; a new one opens the same file
        stores.append(SqliteIdempotencyStore(path))
        return stores[-1]

    try:
        await _timeout_then_retry(gql, stores[0], restart)
    finally:
        for store in stores:
            await store.aclose()


async def test_a_cancel_timed_out_after_sending_is_read_back_instead_of_sent_again(
    gql: Gql,
) -> None:
    account, _ = await funded_account(gql)
    order = await gql.providers.finos.create_order(
        symbol="AAPL",
        quantity=1,
        side="buy",
        type="limit",
        limit_price="1.00",
        account_id=account.id,
    )
    variables = {"input": {"orderId": gid("Order", order.id), "idempotencyKey": "slow-cancel"}}
    gql.sandbox.fault(provider="finos", route="DELETE /v1/orders/{order_id}", latency_ms=1500)
    async with slow_finos(gql, gql.idempotency) as execute:
        lost = await execute(CANCEL_ORDER, variables)
    assert codes(lost) == ["OUTCOME_UNKNOWN"]
    # the delayed cancel lands: wait for it behind the same latency on a read
    gql.sandbox.fault(provider="finos", route="GET /v1/orders/{order_id}", latency_ms=1500)
    seen = await asyncio.wait_for(gql.providers.finos.get_order(order.id), timeout=10)
    assert seen.status == "canceled"
    gql.sandbox.clear_faults()
    gql.sandbox.clear_stats()
    retried = await run(gql, CANCEL_ORDER, variables["input"])
    assert retried["canceled"] is True and retried["order"]["status"] == "CANCELLED"
    assert gql.sandbox.calls("finos", "DELETE /v1/orders/{order_id}") == 0
    assert gql.sandbox.calls("finos", "GET /v1/orders/{order_id}") == 1


class _LeftByADeadProcess(MemoryIdempotencyStore):
    """A store in which `key` was claimed, with the same input, by a process that
    has since died (its owner is a real process that exited) before it finished."""

    def __init__(self, key: str, owner: str) -> None:
        super().__init__()
        self._left = (key, owner)

    async def _claim(self, key: str, fingerprint: str, now: float) -> IdempotencyRecord | None:
        if key == self._left[0] and key not in self._records:
            self._records[key] = IdempotencyRecord(
                key, fingerprint, "in_progress", None, {}, now, self._left[1], now + 300
            )
        return await super()._claim(key, fingerprint, now)


async def test_an_order_left_in_flight_by_a_killed_process_is_placed_once_on_retry(
    gql: Gql,
) -> None:
    """Not IDEMPOTENCY_IN_PROGRESS for 24 h: the retry re-sends under the same Finos key
    (Finos answers the order it may already have, else places it), and records it."""
    account, _ = await funded_account(gql)
    key = "anonymous\x00placeOrder\x00crashed"
    gql.idempotency = _LeftByADeadProcess(key, dead_owner())
    gql.sandbox.clear_stats()
    variables = {**order_input(account.id), "idempotencyKey": "crashed"}
    placed = await run(gql, PLACE_ORDER, variables)
    again = await run(gql, PLACE_ORDER, variables)
    assert again == placed and placed["order"]["id"]
    assert gql.sandbox.calls("finos", "POST /v1/orders") == 1
    listed = await gql.providers.finos.list_orders(account_id=account.id, status="all")
    assert len(listed.items) == 1
    done = await gql.idempotency.get(key)
    assert done is not None and done.state == "completed"
