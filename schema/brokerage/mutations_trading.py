"""Trading: the placeOrder and cancelOrder mutations, wired to the data layer.

The rules an order must meet and the calls sent are resolvers.brokerage.trading;
the order record becomes the `Order` type in schema.brokerage.orders;
schema.writes.run_write validates, claims the idempotency key and writes once.
"""

from __future__ import annotations

from typing import Any

from resolvers import finos
from resolvers.brokerage.trading import (
    CANCEL_FIELDS,
    ORDER_FIELDS,
    OrderRequest,
    cancel_reconciled,
    check_order,
    send_cancel,
    send_order,
)
from resolvers.brokerage.validation import Checks
from resolvers.brokerage.writes import parse

from ..context import Info
from ..writes import UserError, Write, run_write, user_errors
from .inputs import CancelOrderInput, PlaceOrderInput
from .orders import Order
from .payloads import CancelOrderPayload, PlaceOrderPayload


def order_request(data: PlaceOrderInput) -> OrderRequest:
    """The input in the data layer's plain terms."""
    return OrderRequest(
        symbol=data.symbol,
        quantity=data.quantity,
        side=data.side.value,
        type=data.type.value,
        limit_price=data.limit_price,
        stop_price=data.stop_price,
    )


async def place_order(info: Info, data: PlaceOrderInput) -> PlaceOrderPayload:
    checks = Checks()
    account_id = checks.global_id("accountId", data.account_id, "Account", "a Finos Account")
    order = order_request(data)

    def validate() -> list[UserError]:
        check_order(checks, order)
        return user_errors(checks.problems)

    async def perform(key: str | None) -> dict[str, Any]:
        assert account_id is not None
        return await send_order(info.context, account_id, order, key)

    def build(stored: dict[str, Any]) -> PlaceOrderPayload:
        return PlaceOrderPayload(order=Order.from_finos(parse(finos.Order, stored)), user_errors=[])

    def refused(errors: list[UserError]) -> PlaceOrderPayload:
        return PlaceOrderPayload(order=None, user_errors=errors)

    write = Write("placeOrder", data, validate, perform, build, refused, ORDER_FIELDS, perform)
    return await run_write(info, write)


async def cancel_order(info: Info, data: CancelOrderInput) -> CancelOrderPayload:
    checks = Checks()
    order_id = checks.global_id("orderId", data.order_id, "Order", "a Finos Order")

    def validate() -> list[UserError]:
        return user_errors(checks.problems)

    async def perform(_key: str | None) -> dict[str, Any]:  # a DELETE: Finos takes no key
        assert order_id is not None
        return await send_cancel(info.context, order_id)

    async def reconcile(_key: str) -> dict[str, Any] | None:
        assert order_id is not None
        return await cancel_reconciled(info.context, order_id)

    def build(stored: dict[str, Any]) -> CancelOrderPayload:
        raw = stored.get("order")
        order = Order.from_finos(parse(finos.Order, raw)) if raw else None
        return CancelOrderPayload(order=order, canceled=bool(stored["canceled"]), user_errors=[])

    def refused(errors: list[UserError]) -> CancelOrderPayload:
        return CancelOrderPayload(order=None, canceled=False, user_errors=errors)

    write = Write("cancelOrder", data, validate, perform, build, refused, CANCEL_FIELDS, reconcile)
    return await run_write(info, write)
