"""Finos trade orders and market quotes through the schema."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from resolvers import finos
from schema.ids import to_global_id
from tests.schema.conftest import Gql

ORDER_FIELDS = """
  id provider providerId symbol assetId exchange assetClass side providerSide type
  providerType status providerStatus quantity filledQuantity limitPrice { amount currency }
  stopPrice { amount currency } filledAveragePrice { amount currency } submittedAt
  filledAt expiredAt canceledAt failedAt createdAt
"""
STATUS = {
    "accepted": "ACCEPTED",
    "new": "NEW",
    "partially_filled": "PARTIALLY_FILLED",
    "filled": "FILLED",
    "canceled": "CANCELLED",
    "rejected": "REJECTED",
    "expired": "EXPIRED",
}


def money(amount: Decimal | None) -> dict[str, str] | None:
    return None if amount is None else {"amount": str(amount), "currency": "USD"}


def stamp(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def expected_order(o: finos.Order) -> dict[str, Any]:
    return {
        "id": to_global_id("Order", "finos", o.id),
        "provider": "FINOS",
        "providerId": o.id,
        "symbol": o.symbol,
        "assetId": o.asset_id,
        "exchange": o.exchange,
        "assetClass": o.asset_class,
        "side": o.side.upper(),
        "providerSide": o.side,
        "type": o.type.upper(),
        "providerType": o.type,
        "status": STATUS[o.status],
        "providerStatus": o.status,
        "quantity": str(o.quantity),
        "filledQuantity": None if o.filled_quantity is None else str(o.filled_quantity),
        "limitPrice": money(o.limit_price),
        "stopPrice": money(o.stop_price),
        "filledAveragePrice": money(o.filled_average_price),
        "submittedAt": stamp(o.submitted_at),
        "filledAt": stamp(o.filled_at),
        "expiredAt": stamp(o.expired_at),
        "canceledAt": stamp(o.canceled_at),
        "failedAt": stamp(o.failed_at),
        "createdAt": stamp(o.submitted_at),
    }


async def test_orders_map_every_documented_field_of_the_finos_order(gql: Gql) -> None:
    upstream = (await gql.providers.finos.list_orders(status="all", limit=100)).items
    data = await gql.data(f"{{ orders(first: 100) {{ edges {{ node {{ {ORDER_FIELDS} }} }} }} }}")
    assert [e["node"] for e in data["orders"]["edges"]] == [expected_order(o) for o in upstream]
    assert {o.type for o in upstream} == {"market", "limit", "stop", "stop_limit"}
    assert {"filled", "canceled", "rejected", "new"} <= {o.status for o in upstream}


async def test_walking_orders_yields_each_order_once_at_one_call_per_page(gql: Gql) -> None:
    everyone = [o.id async for o in gql.providers.finos.iter_orders(status="all")]
    gql.sandbox.clear_stats()
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        data = await gql.data(
            "query($after: String) { orders(first: 100, after: $after) {"
            " edges { node { providerId } } pageInfo { hasNextPage endCursor } } }",
            after=after,
        )
        pages += 1
        seen += [e["node"]["providerId"] for e in data["orders"]["edges"]]
        if not data["orders"]["pageInfo"]["hasNextPage"]:
            break
        after = data["orders"]["pageInfo"]["endCursor"]
    assert seen == everyone
    assert pages >= 3
    assert gql.sandbox.stats("finos") == {"GET /v1/orders": pages}


async def test_orders_filter_by_status_scope_account_and_symbol(gql: Gql) -> None:
    client = gql.providers.finos
    some = (await client.list_orders(status="filled", limit=1)).items[0]
    assert some.account_id is not None
    account = to_global_id("Account", "finos", some.account_id)
    cases: list[tuple[str, str | None, dict[str, Any]]] = [
        ("status: FILLED", None, {"status": "filled"}),
        ("status: CANCELLED", None, {"status": "canceled"}),
        ("scope: OPEN", None, {}),
        ("scope: CLOSED", None, {"status": "closed"}),
        ("", account, {"status": "all", "account_id": some.account_id}),
        (f'symbol: "{some.symbol.lower()}"', None, {"status": "all", "symbol": some.symbol}),
    ]
    for argument, account_id, upstream_filter in cases:
        expected = [o.id for o in (await client.list_orders(limit=100, **upstream_filter)).items]
        assert expected, argument
        data = await gql.data(
            "query($a: ID) { orders(first: 100, accountId: $a, " + argument + ")"
            " { edges { node { providerId } } } }",
            a=account_id,
        )
        assert [e["node"]["providerId"] for e in data["orders"]["edges"]] == expected, argument


async def test_filtering_orders_on_other_or_a_foreign_account_id_is_bad_user_input(
    gql: Gql,
) -> None:
    for argument in ("status: OTHER", f'accountId: "{to_global_id("Loan", "financeit", "1")}"'):
        result = await gql(f"{{ orders({argument}) {{ edges {{ cursor }} }} }}")
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}, argument


async def test_order_by_id_answers_the_order_its_account_and_its_quote(gql: Gql) -> None:
    client = gql.providers.finos
    some = (await client.list_orders(status="all", limit=1)).items[0]
    assert some.account_id is not None
    account = await client.get_account(some.account_id)
    quote = await client.get_quote(some.symbol)
    data = await gql.data(
        f"query($id: ID!) {{ order(id: $id) {{ {ORDER_FIELDS}"
        " account { providerId accountNumber } quote { symbol companyName } } }",
        id=to_global_id("Order", "finos", some.id),
    )
    assert data["order"] == {
        **expected_order(some),
        "account": {"providerId": account.id, "accountNumber": account.account_number},
        "quote": {"symbol": quote.symbol, "companyName": quote.company_name},
    }


async def test_an_unknown_order_id_is_not_found(gql: Gql) -> None:
    for gid in (to_global_id("Order", "finos", "nope"), to_global_id("Account", "finos", "x")):
        result = await gql("query($id: ID!) { order(id: $id) { id } }", id=gid)
        assert result.data == {"order": None}
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "NOT_FOUND"}


QUOTE_FIELDS = """
  id provider providerId quotedAt symbol companyName primaryExchange sector calculationPrice
  open openTime close closeTime high low latestPrice latestSource latestTime latestUpdate
  latestVolume iexRealtimePrice iexRealtimeSize iexLastUpdated delayedPrice delayedPriceTime
  extendedPrice extendedChange extendedChangePercent extendedPriceTime previousClose change
  changePercent iexMarketPercent iexVolume averageTotalVolume iexBidPrice iexBidSize
  iexAskPrice iexAskSize marketCap peRatio week52High week52Low ytdChange
  price { amount currency }
"""


def ms(value: int | None) -> str | None:
    if value is None or value <= 0:
        return None
    from datetime import UTC

    return datetime.fromtimestamp(value / 1000, tz=UTC).isoformat()


def dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def expected_quote(q: finos.Quote) -> dict[str, Any]:
    return {
        "id": to_global_id("StockQuote", "finos", q.symbol),
        "provider": "FINOS",
        "providerId": q.symbol,
        "quotedAt": ms(q.latest_update),
        "symbol": q.symbol,
        "companyName": q.company_name,
        "primaryExchange": q.primary_exchange,
        "sector": q.sector,
        "calculationPrice": q.calculation_price,
        "open": dec(q.open),
        "openTime": ms(q.open_time),
        "close": dec(q.close),
        "closeTime": ms(q.close_time),
        "high": dec(q.high),
        "low": dec(q.low),
        "latestPrice": dec(q.latest_price),
        "latestSource": q.latest_source,
        "latestTime": q.latest_time,
        "latestUpdate": ms(q.latest_update),
        "latestVolume": q.latest_volume,
        "iexRealtimePrice": dec(q.iex_realtime_price),
        "iexRealtimeSize": q.iex_realtime_size,
        "iexLastUpdated": ms(q.iex_last_updated),
        "delayedPrice": dec(q.delayed_price),
        "delayedPriceTime": ms(q.delayed_price_time),
        "extendedPrice": dec(q.extended_price),
        "extendedChange": dec(q.extended_change),
        "extendedChangePercent": q.extended_change_percent,
        "extendedPriceTime": ms(q.extended_price_time),
        "previousClose": dec(q.previous_close),
        "change": dec(q.change),
        "changePercent": q.change_percent,
        "iexMarketPercent": q.iex_market_percent,
        "iexVolume": q.iex_volume,
        "averageTotalVolume": q.average_total_volume,
        "iexBidPrice": dec(q.iex_bid_price),
        "iexBidSize": q.iex_bid_size,
        "iexAskPrice": dec(q.iex_ask_price),
        "iexAskSize": q.iex_ask_size,
        "marketCap": dec(q.market_cap),
        "peRatio": q.pe_ratio,
        "week52High": dec(q.week52_high),
        "week52Low": dec(q.week52_low),
        "ytdChange": q.ytd_change,
        "price": money(q.latest_price),
    }


async def test_stock_quote_maps_every_documented_quote_field(gql: Gql) -> None:
    upstream = await gql.providers.finos.get_quote("AAPL")
    data = await gql.data(f'{{ stockQuote(symbol: " aapl ") {{ {QUOTE_FIELDS} }} }}')
    assert data["stockQuote"] == expected_quote(upstream)


async def test_stock_quote_stats_and_chart_map_the_finos_market_data(gql: Gql) -> None:
    client = gql.providers.finos
    stats = await client.get_stats("MSFT")
    chart = await client.get_chart("MSFT", "1d")
    data = await gql.data(
        '{ stockQuote(symbol: "MSFT") { stats { symbol companyName marketCap beta week52High'
        " week52Change latestEps ebitda floatShares day200MovingAverage year5ChangePercent }"
        " chart(range: ONE_DAY) { date minute label open high low close volume average"
        " notional numberOfTrades marketHigh marketAverage marketChangeOverTime } } }"
    )
    assert data["stockQuote"]["stats"] == {
        "symbol": stats.symbol,
        "companyName": stats.company_name,
        "marketCap": dec(stats.market_cap),
        "beta": stats.beta,
        "week52High": dec(stats.week52_high),
        "week52Change": stats.week52_change,
        "latestEps": dec(stats.latest_eps),
        "ebitda": dec(stats.ebitda),
        "floatShares": stats.float_shares,
        "day200MovingAverage": dec(stats.day200_moving_average),
        "year5ChangePercent": stats.year5_change_percent,
    }
    points = data["stockQuote"]["chart"]
    assert len(points) == len(chart) > 0
    first = chart[0]
    assert points[0] == {
        "date": first.date,
        "minute": first.minute,
        "label": first.label,
        "open": dec(first.open),
        "high": dec(first.high),
        "low": dec(first.low),
        "close": dec(first.close),
        "volume": first.volume,
        "average": dec(first.average),
        "notional": dec(first.notional),
        "numberOfTrades": first.number_of_trades,
        "marketHigh": dec(first.market_high),
        "marketAverage": dec(first.market_average),
        "marketChangeOverTime": first.market_change_over_time,
    }


async def test_an_unknown_symbol_is_not_found(gql: Gql) -> None:
    result = await gql('{ stockQuote(symbol: "ZZZZZ") { latestPrice } }')
    assert result.data == {"stockQuote": None}
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_stock_quotes_answer_in_order_with_null_and_an_error_for_an_unknown_symbol(
    gql: Gql,
) -> None:
    result = await gql('{ stockQuotes(symbols: ["MSFT", "ZZZZZ", "aapl"]) { symbol } }')
    assert result.data == {"stockQuotes": [{"symbol": "MSFT"}, None, {"symbol": "AAPL"}]}
    assert result.errors is not None and len(result.errors) == 1
    assert result.errors[0].path == ["stockQuotes", 1]
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}
    assert gql.sandbox.stats("finos") == {"GET /v1/stocks/{symbol}": 3}


async def test_stock_quotes_refuse_more_than_fifty_symbols(gql: Gql) -> None:
    result = await gql(
        "query($s: [String!]!) { stockQuotes(symbols: $s) { symbol } }", s=["A"] * 51
    )
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}
    assert gql.sandbox.stats("finos") == {}
