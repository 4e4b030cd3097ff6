"""Finos client: trade orders (all four types, idempotency, cancel, lists) and market data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal

import pytest

from resolvers.errors import ProviderConflict, ProviderNotFound, ProviderValidationError
from resolvers.finos import ChartPoint, FinosClient, Order, Quote
from tests.resolvers import test_finos_helpers as helpers
from tests.resolvers.test_finos_helpers import finos_state, funded
from tests.support import SandboxControl

# the shared fixtures, under their own names so pytest finds them here
cache = helpers.cache
finos = helpers.finos
timer = helpers.timer


async def test_a_market_order_is_placed_and_read_back(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    account = (await funded(sandbox, finos)).account
    order = await finos.create_order(
        type="market", symbol="GOOG", quantity="0.2", side="buy", account_id=account.id
    )
    assert isinstance(order, Order)
    assert (order.symbol, order.type, order.side, order.status) == (
        "GOOG",
        "market",
        "buy",
        "accepted",
    )
    assert order.quantity == Decimal("0.2") and order.submitted_at is not None
    fetched = await finos.get_order(order.id)
    assert fetched.id == order.id and fetched.account_id == account.id


async def test_limit_stop_and_stop_limit_orders_carry_their_prices(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    found = await funded(sandbox, finos)
    account = found.account.id
    limit = await finos.create_order(
        type="limit", symbol="AAPL", quantity=1, side="buy", limit_price="1.00", account_id=account
    )
    stop = await finos.create_order(
        type="stop",
        symbol=found.held_symbol,
        quantity="0.0001",
        side="sell",
        stop_price="1.00",
        account_id=account,
    )
    stop_limit = await finos.create_order(
        type="stop_limit",
        symbol="AAPL",
        quantity=Decimal("1.5"),
        side="buy",
        limit_price="1.10",
        stop_price="1.00",
        account_id=account,
    )
    assert (limit.type, limit.limit_price) == ("limit", Decimal("1.00"))
    assert (stop.type, stop.stop_price) == ("stop", Decimal("1.00"))
    assert (stop_limit.type, stop_limit.limit_price, stop_limit.stop_price) == (
        "stop_limit",
        Decimal("1.10"),
        Decimal("1.00"),
    )


async def test_the_same_idempotency_key_creates_one_order(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    account = (await funded(sandbox, finos)).account.id
    before = len(finos_state(sandbox).orders)
    first = await finos.create_order(
        type="market",
        symbol="MSFT",
        quantity="2",
        side="buy",
        account_id=account,
        idempotency_key="order-42",
    )
    second = await finos.create_order(
        type="market",
        symbol="MSFT",
        quantity="2",
        side="buy",
        account_id=account,
        idempotency_key="order-42",
    )
    assert second.id == first.id
    assert len(finos_state(sandbox).orders) == before + 1
    assert sandbox.calls("finos", "POST /v1/orders") == 2
    listed = [o.id async for o in finos.iter_orders(account_id=account, status="all")]
    assert listed.count(first.id) == 1


async def test_reusing_an_idempotency_key_for_another_order_is_a_conflict(
    sandbox: SandboxControl,
    finos: FinosClient,
) -> None:
    account = (await funded(sandbox, finos)).account.id
    await finos.create_order(
        type="market",
        symbol="MSFT",
        quantity="1",
        side="buy",
        account_id=account,
        idempotency_key="k-7",
    )
    with pytest.raises(ProviderConflict) as caught:
        await finos.create_order(
            type="market",
            symbol="MSFT",
            quantity="3",
            side="buy",
            account_id=account,
            idempotency_key="k-7",
        )
    assert caught.value.status == 409


async def test_cancel_an_open_order(sandbox: SandboxControl, finos: FinosClient) -> None:
    account = (await funded(sandbox, finos)).account.id
    order = await finos.create_order(
        type="limit", symbol="IBM", quantity=1, side="buy", limit_price="0.01", account_id=account
    )
    cancellation = await finos.cancel_order(order.id)
    assert cancellation.canceled is True and cancellation.id == order.id
    assert (await finos.get_order(order.id)).status == "canceled"


async def test_canceling_a_filled_order_is_refused(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    account = (await funded(sandbox, finos)).account.id
    order = await finos.create_order(
        type="market", symbol="KO", quantity=1, side="buy", account_id=account
    )
    sandbox.advance(60)
    assert (await finos.get_order(order.id)).status == "filled"
    with pytest.raises(ProviderValidationError):
        await finos.cancel_order(order.id)


async def test_list_orders_filters_by_status_and_walks_every_page(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    total = len(finos_state(sandbox).orders)
    ids = [o.id async for o in finos.iter_orders(status="all", limit=100)]
    assert len(ids) == len(set(ids)) == total
    assert sandbox.calls("finos", "GET /v1/orders") == -(-total // 100)
    filled = await finos.list_orders(status="filled", limit=20)
    assert filled.items and {o.status for o in filled.items} == {"filled"}


async def test_iter_orders_honours_the_cap(sandbox: SandboxControl, finos: FinosClient) -> None:
    orders = [o async for o in finos.iter_orders(status="all", limit=5, cap=12)]
    assert len(orders) == 12 == len({o.id for o in orders})
    assert sandbox.calls("finos", "GET /v1/orders") == 3


async def test_a_quote_has_decimal_prices(sandbox: SandboxControl, finos: FinosClient) -> None:
    quote = await finos.get_quote("aapl")
    assert isinstance(quote, Quote)
    assert quote.symbol == "AAPL" and quote.company_name == "Apple Inc."
    assert isinstance(quote.latest_price, Decimal) and quote.latest_price > 0
    assert quote.week52_high is not None and quote.week52_high >= quote.week52_low  # type: ignore[operator]
    await finos.get_quote("AAPL")
    assert sandbox.calls("finos", "GET /v1/stocks/{symbol}") == 2  # quotes are not cached


async def test_an_unknown_symbol_is_not_found_for_orders_and_market_data(
    finos: FinosClient,
) -> None:
    calls: list[Callable[[], Awaitable[object]]] = [
        lambda: finos.create_order(type="market", symbol="ZZZZ", quantity=1, side="buy"),
        lambda: finos.get_quote("ZZZZ"),
        lambda: finos.get_chart("ZZZZ"),
        lambda: finos.get_stats("ZZZZ"),
    ]
    for call in calls:
        with pytest.raises(ProviderNotFound) as caught:
            await call()
        assert "ZZZZ" in caught.value.message


async def test_charts_by_range_and_the_default_range(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    month = await finos.get_chart("AAPL", "1m")
    assert month and all(isinstance(p, ChartPoint) for p in month)
    assert all(isinstance(p.close, Decimal) and p.minute is None for p in month)
    assert await finos.get_chart("AAPL") == month
    day = await finos.get_chart("AAPL", "1d")
    assert day and day[0].minute is not None
    assert len(await finos.get_chart("AAPL", "3m")) > len(month)
    assert sandbox.calls("finos", "GET /v1/stocks/{symbol}/chart") == 1
    with pytest.raises(ProviderValidationError) as caught:
        await finos.get_chart("AAPL", "7w")  # type: ignore[arg-type]
    assert caught.value.status == 400


async def test_stats_read_the_digit_and_capital_names(finos: FinosClient) -> None:
    stats = await finos.get_stats("MSFT")
    assert stats.symbol == "MSFT"
    assert stats.week52_high is not None and stats.ebitda is not None
    assert stats.day50_moving_average is not None
    assert isinstance(stats.market_cap, Decimal)
