"""Trading: placeOrder and cancelOrder.

placeOrder POSTs with the provider key: after a timeout its reconcile re-sends
the same order under the same key and Finos answers with the first order (or
creates it, if the first never arrived), so one intent is one order.
cancelOrder (DELETE) reconciles by reading the order: canceled means done, still
open means the cancel is sent again, filled means the provider's refusal.
"""

from __future__ import annotations

from typing import Any

from resolvers import finos
from resolvers.errors import ProviderError

from ..context import Info
from ..writes import UserError, Write, run_write
from .inputs import CancelOrderInput, PlaceOrderInput
from .mutations_support import dump, naming_ids, parse
from .orders import Order
from .payloads import CancelOrderPayload, PlaceOrderPayload
from .validation import TICKER, Checks

# which prices each order type takes (the reference's prose: stop orders need a stop price)
PRICES: dict[str, tuple[str, ...]] = {
    "market": (),
    "limit": ("limit_price",),
    "stop": ("stop_price",),
    "stop_limit": ("limit_price", "stop_price"),
}
ORDER_FIELDS = {
    "account_id": "accountId",
    "symbol": "symbol",
    "quantity": "quantity",
    "side": "side",
    "type": "type",
    "limit_price": "limitPrice",
    "stop_price": "stopPrice",
}


def check_order(checks: Checks, data: PlaceOrderInput) -> None:
    symbol = data.symbol.strip()
    if not symbol:
        checks.add("symbol", "symbol is required", "REQUIRED")
    elif not TICKER.match(symbol):
        checks.add("symbol", "symbol must be an upper-case ticker such as AAPL or BRK.B")
    checks.amount("quantity", data.quantity, decimals=4, what="fractional shares to 0.0001")
    kind = data.type.value
    label = data.type.name
    for field, name in (("limit_price", "limitPrice"), ("stop_price", "stopPrice")):
        value = getattr(data, field)
        if field in PRICES[kind] and value is None:
            checks.add(name, f"{name} is required for {label} orders", "REQUIRED")
        elif field not in PRICES[kind] and value is not None:
            checks.add(name, f"{name} is not allowed for {label} orders")
        else:
            checks.amount(name, value, decimals=2, what="whole cents")


async def place_order(info: Info, data: PlaceOrderInput) -> PlaceOrderPayload:
    client = info.context.providers.finos
    checks = Checks()
    account_id = checks.global_id("accountId", data.account_id, "Account", "a Finos Account")
    symbol = data.symbol.strip()

    def validate() -> list[UserError]:
        check_order(checks, data)
        return checks.errors

    async def perform(key: str | None) -> dict[str, Any]:
        assert account_id is not None
        order = await naming_ids(
            lambda: client.create_order(
                symbol=symbol,
                quantity=data.quantity,
                side=data.side.value,
                type=data.type.value,
                limit_price=data.limit_price,
                stop_price=data.stop_price,
                account_id=account_id,
                idempotency_key=key,
            ),
            {account_id: "account_id", symbol: "symbol"},
            "symbol",
        )
        return dump(order)

    def build(stored: dict[str, Any]) -> PlaceOrderPayload:
        return PlaceOrderPayload(order=Order.from_finos(parse(finos.Order, stored)), user_errors=[])

    def refused(errors: list[UserError]) -> PlaceOrderPayload:
        return PlaceOrderPayload(order=None, user_errors=errors)

    write = Write("placeOrder", data, validate, perform, build, refused, ORDER_FIELDS, perform)
    return await run_write(info, write)


async def cancel_order(info: Info, data: CancelOrderInput) -> CancelOrderPayload:
    client = info.context.providers.finos
    checks = Checks()
    order_id = checks.global_id("orderId", data.order_id, "Order", "a Finos Order")

    def validate() -> list[UserError]:
        return checks.errors

    async def after_cancel(canceled: bool) -> dict[str, Any]:
        """The order as it now stands; the cancel is done even if this read fails."""
        assert order_id is not None
        try:
            order: dict[str, Any] | None = dump(await client.get_order(order_id))
        except ProviderError:
            order = None
        return {"id": order_id, "canceled": canceled, "order": order}

    async def perform(_key: str | None) -> dict[str, Any]:  # a DELETE: Finos takes no key
        assert order_id is not None
        answer = await naming_ids(
            lambda: client.cancel_order(order_id), {order_id: "order_id"}, "order_id"
        )
        return await after_cancel(answer.canceled)

    async def reconcile(_key: str) -> dict[str, Any] | None:
        """Canceled: done. Still open: not done, the cancel is sent again."""
        assert order_id is not None
        order = await client.get_order(order_id)
        if order.status == "canceled":
            return {"id": order_id, "canceled": True, "order": dump(order)}
        return None

    def build(stored: dict[str, Any]) -> CancelOrderPayload:
        raw = stored.get("order")
        order = Order.from_finos(parse(finos.Order, raw)) if raw else None
        return CancelOrderPayload(order=order, canceled=bool(stored["canceled"]), user_errors=[])

    def refused(errors: list[UserError]) -> CancelOrderPayload:
        return CancelOrderPayload(order=None, canceled=False, user_errors=errors)

    fields = {"order_id": "orderId", "id": "orderId"}
    write = Write("cancelOrder", data, validate, perform, build, refused, fields, reconcile)
    return await run_write(info, write)
