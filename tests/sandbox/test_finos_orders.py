"""Finos sandbox: orders, their required fields per type, lifecycle and cancel rules."""

from __future__ import annotations

from decimal import Decimal

from tests.sandbox.test_finos_support import error, finos, funded_account, state, walk
from tests.support import SandboxControl

MARKET = {"symbol": "GOOG", "quantity": "0.2", "side": "buy", "type": "market"}
ORDER_FIELDS = {
    "id",
    "account_id",
    "submitted_at",
    "filled_at",
    "expired_at",
    "canceled_at",
    "failed_at",
    "asset_id",
    "symbol",
    "exchange",
    "asset_class",
    "quantity",
    "filled_quantity",
    "type",
    "side",
    "limit_price",
    "stop_price",
    "filled_average_price",
    "status",
}


def price(sandbox: SandboxControl, symbol: str) -> Decimal:
    from tests.sandbox.test_finos_support import provider

    return provider(sandbox).backend.market.price(symbol)


async def test_a_market_order_is_accepted_with_the_documented_fields(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        answer = await http.post("/v1/orders/", json=MARKET)
        fetched = await http.get(f"/v1/orders/{answer.json()['id']}")
    assert answer.status_code == 201
    order = answer.json()
    assert set(order) == ORDER_FIELDS
    assert order["status"] == "accepted"
    assert (order["symbol"], order["exchange"], order["asset_class"]) == (
        "GOOG",
        "NASDAQ",
        "us_equity",
    )
    assert (order["quantity"], order["filled_quantity"]) == ("0.2", "0")
    assert order["submitted_at"] == "2026-06-01T12:00:00Z"
    assert fetched.json() == order


async def test_a_market_order_goes_new_partially_filled_filled_on_the_clock(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        order = (await http.post("/v1/orders", json={**MARKET, "quantity": "3"})).json()
        path = f"/v1/orders/{order['id']}"
        seen = []
        for seconds in (0.5, 1, 4, 5):
            sandbox.advance(seconds)
            seen.append((await http.get(path)).json())
    assert [o["status"] for o in seen] == ["accepted", "new", "partially_filled", "filled"]
    assert seen[2]["filled_quantity"] == "1.5"
    assert seen[3]["filled_quantity"] == "3"
    assert Decimal(seen[3]["filled_average_price"]) == price(sandbox, "GOOG")
    assert seen[3]["filled_at"] == "2026-06-01T12:00:10Z"


async def test_a_limit_order_away_from_the_price_stays_new_and_can_be_canceled(
    sandbox: SandboxControl,
) -> None:
    limit = str((price(sandbox, "AAPL") * Decimal("0.5")).quantize(Decimal("0.01")))
    body = {"symbol": "AAPL", "quantity": "1", "side": "buy", "type": "limit", "limit_price": limit}
    async with finos(sandbox) as http:
        order = (await http.post("/v1/orders", json=body)).json()
        sandbox.advance(60)
        waiting = await http.get(f"/v1/orders/{order['id']}")
        canceled = await http.delete(f"/v1/orders/{order['id']}")
        after = await http.get(f"/v1/orders/{order['id']}")
        again = await http.delete(f"/v1/orders/{order['id']}")
    assert waiting.json()["status"] == "new"
    assert waiting.json()["limit_price"] == limit
    assert canceled.status_code == 200
    assert canceled.json() == {"id": order["id"], "object": "order", "canceled": True}
    assert after.json()["status"] == "canceled" and after.json()["canceled_at"] is not None
    assert again.status_code == 402
    assert again.json()["error"]["type"] == "invalid_request"


async def test_a_filled_order_can_no_longer_be_canceled(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        order = (await http.post("/v1/orders", json=MARKET)).json()
        sandbox.advance(6)
        partial = await http.get(f"/v1/orders/{order['id']}")
        sandbox.advance(5)
        refused = await http.delete(f"/v1/orders/{order['id']}")
        unknown = await http.delete("/v1/orders/unknown")
    assert partial.json()["status"] == "partially_filled"
    assert refused.status_code == 402
    assert refused.json() == error(
        "invalid_request", f"order {order['id']} is filled and cannot be canceled"
    )
    assert unknown.status_code == 404


async def test_canceling_a_partially_filled_order_keeps_its_fill(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        order = (await http.post("/v1/orders", json={**MARKET, "quantity": "4"})).json()
        sandbox.advance(6)
        canceled = await http.delete(f"/v1/orders/{order['id']}")
        sandbox.advance(60)
        after = (await http.get(f"/v1/orders/{order['id']}")).json()
    assert canceled.status_code == 200
    assert (after["status"], after["filled_quantity"]) == ("canceled", "2")


async def test_each_order_type_requires_its_prices(sandbox: SandboxControl) -> None:
    cases = [
        ({"type": "limit"}, "limit_price is required for limit orders"),
        ({"type": "stop"}, "stop_price is required for stop orders"),
        (
            {"type": "stop_limit", "stop_price": "10"},
            "limit_price is required for stop_limit orders",
        ),
        (
            {"type": "stop_limit", "limit_price": "10"},
            "stop_price is required for stop_limit orders",
        ),
    ]
    async with finos(sandbox) as http:
        for body, message in cases:
            answer = await http.post("/v1/orders", json={**MARKET, **body})
            assert answer.status_code == 400
            assert answer.json() == error("invalid_request", message)
    assert sandbox.calls("finos", "POST /v1/orders") == len(cases)


async def test_order_fields_are_validated(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        places = await http.post("/v1/orders", json={**MARKET, "quantity": "0.00001"})
        zero = await http.post("/v1/orders", json={**MARKET, "quantity": 0})
        side = await http.post("/v1/orders", json={**MARKET, "side": "hold"})
        extra = await http.post("/v1/orders", json={**MARKET, "limit_price": "10"})
        unknown = await http.post("/v1/orders", json={**MARKET, "symbol": "ZZZZ"})
        missing = await http.post("/v1/orders", json={"symbol": "GOOG"})
    assert places.json() == error("validation_error", "quantity must have at most 4 decimal places")
    assert zero.json() == error("validation_error", "quantity must be greater than 0")
    assert side.json() == error(
        "validation_error", "side is invalid: input should be 'buy' or 'sell'"
    )
    assert extra.json() == error("validation_error", "limit_price is not allowed for market orders")
    assert unknown.status_code == 404
    assert unknown.json() == error("not_found", "asset ZZZZ not found")
    assert missing.json() == error(
        "invalid_request", "quantity is required; side is required; type is required"
    )


async def test_orders_with_every_type_are_accepted(sandbox: SandboxControl) -> None:
    p = price(sandbox, "MSFT")
    bodies = [
        {"type": "market"},
        {"type": "limit", "limit_price": str(p)},
        {"type": "stop", "stop_price": str(p)},
        {"type": "stop_limit", "stop_price": str(p), "limit_price": str(p)},
    ]
    async with finos(sandbox) as http:
        answers = [
            await http.post(
                "/v1/orders", json={"symbol": "msft", "quantity": 2, "side": "sell", **b}
            )
            for b in bodies
        ]
        sandbox.advance(11)
        filled = [(await http.get(f"/v1/orders/{a.json()['id']}")).json() for a in answers]
    assert [a.status_code for a in answers] == [201] * 4
    assert [o["status"] for o in filled] == ["filled"] * 4


async def test_an_order_for_an_account_moves_its_cash_and_positions(
    sandbox: SandboxControl,
) -> None:
    account_id, _ = funded_account(sandbox, minimum=5000)
    st = state(sandbox)
    cash = st.cash[account_id]
    cost = price(sandbox, "NVDA") * 2
    async with finos(sandbox) as http:
        order = await http.post(
            "/v1/orders", json={**MARKET, "symbol": "NVDA", "quantity": 2, "account_id": account_id}
        )
        sandbox.advance(11)
        positions = await http.get(f"/v1/accounts/{account_id}/positions", params={"limit": 100})
        transactions = await http.get(f"/v1/accounts/{account_id}/transactions")
        too_big = await http.post(
            "/v1/orders", json={**MARKET, "quantity": 900000, "account_id": account_id}
        )
        no_shares = await http.post(
            "/v1/orders",
            json={
                **MARKET,
                "symbol": "VWO",
                "side": "sell",
                "quantity": 1e5,
                "account_id": account_id,
            },
        )
        listed = await http.get("/v1/orders", params={"account_id": account_id, "status": "all"})
    assert order.status_code == 201 and order.json()["account_id"] == account_id
    assert st.cash[account_id] == cash - cost
    assert "NVDA" in {p["symbol"] for p in positions.json()["data"]}
    assert transactions.json()["data"][0] == {
        "id": order.json()["id"],
        "type": "trade",
        "amount": str(cost.quantize(Decimal("0.01"))),
        "status": "filled",
        "created_at": transactions.json()["data"][0]["created_at"],
        "symbol": "NVDA",
        "side": "buy",
    }
    assert too_big.status_code == 402
    assert too_big.json() == error("invalid_request", "insufficient buying power for this order")
    assert no_shares.status_code == 402
    assert listed.json()["data"][0]["id"] == order.json()["id"]


async def test_listing_orders_defaults_to_open_orders(sandbox: SandboxControl) -> None:
    st = state(sandbox)
    open_ids = [
        i
        for i in reversed(st.orders.order)
        if st.orders.by_id[i]["status"] in ("accepted", "new", "partially_filled")
    ]
    async with finos(sandbox) as http:
        ids, pages = await walk(http, "/v1/orders", limit=20)
        filled = await http.get("/v1/orders", params={"status": "filled", "limit": 100})
        by_symbol = await http.get("/v1/orders", params={"status": "all", "symbol": "aapl"})
        bad = await http.get("/v1/orders", params={"status": "pending"})
    assert ids == open_ids and ids
    assert pages[0]["status"] == "open"
    assert {o["status"] for o in filled.json()["data"]} == {"filled"}
    assert {o["symbol"] for o in by_symbol.json()["data"]} == {"AAPL"}
    assert bad.status_code == 400
    assert bad.json() == error(
        "invalid_request", "status must be open, closed, all or an order status"
    )


async def test_a_replayed_order_is_placed_once(sandbox: SandboxControl) -> None:
    count = len(state(sandbox).orders)
    async with finos(sandbox, headers={"Idempotency-Key": "place-1"}) as http:
        first = await http.post("/v1/orders", json=MARKET)
        second = await http.post("/v1/orders", json=MARKET)
        other = await http.post("/v1/orders", json={**MARKET, "quantity": "0.3"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert len(state(sandbox).orders) == count + 1
    assert other.status_code == 409
