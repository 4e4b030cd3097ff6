"""Trading: the placeOrder and cancelOrder mutations, wired to the data layer.

The rules an order must meet and the calls sent are resolvers.brokerage.trading;
the order record becomes the `Order` type in schema.brokerage.orders;
each mutation is one write spec (schema.writes.WriteSpec): schema.writes.run_write
checks, claims the idempotency key and writes once.
"""

from __future__ import annotations

from resolvers import finos
from resolvers.brokerage.trading import (
    CANCEL_FIELDS,
    ORDER_FIELDS,
    CancelOutcome,
    OrderRequest,
    cancel_reconciled,
    check_order,
    send_cancel,
    send_order,
)
from resolvers.checks import Checks

from ..context import Info
from ..writes import run_write
from .inputs import CancelOrderInput, PlaceOrderInput
from .orders import Order
from .payloads import CancelOrderPayload, PlaceOrderPayload
from .writes import FinosWrite


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


class PlaceOrder(FinosWrite[PlaceOrderPayload]):
    """POST /v1/orders under the provider key; an unanswered one is sent again under the
    same key (Finos answers with the first order, or creates it if it never arrived)."""

    mutation = "placeOrder"
    record = finos.Order
    field_map = ORDER_FIELDS
    input: PlaceOrderInput

    def check(self, checks: Checks) -> None:
        self.account_id = checks.global_id(
            "accountId", self.input.account_id, "Account", "a Finos Account"
        )
        check_order(checks, order_request(self.input))

    async def send(self, provider_key: str | None) -> finos.Order:
        assert self.account_id is not None
        order = order_request(self.input)
        return await send_order(self.info.context, self.account_id, order, provider_key)

    async def reconcile(self, provider_key: str) -> finos.Order:
        return await self.send(provider_key)

    def payload(self, record: finos.Order) -> PlaceOrderPayload:
        return PlaceOrderPayload(order=Order.from_finos(record), user_errors=[])


class CancelOrder(FinosWrite[CancelOrderPayload]):
    """DELETE /v1/orders/{id} (Finos takes no key); an unanswered one is settled by
    reading the order: canceled is done, still open is sent again."""

    mutation = "cancelOrder"
    record = CancelOutcome
    field_map = CANCEL_FIELDS
    input: CancelOrderInput

    def check(self, checks: Checks) -> None:
        self.order_id = checks.global_id("orderId", self.input.order_id, "Order", "a Finos Order")

    async def send(self, provider_key: str | None) -> CancelOutcome:
        assert self.order_id is not None
        return await send_cancel(self.info.context, self.order_id)

    async def reconcile(self, provider_key: str) -> CancelOutcome | None:
        assert self.order_id is not None
        return await cancel_reconciled(self.info.context, self.order_id)

    def payload(self, record: CancelOutcome) -> CancelOrderPayload:
        order = Order.from_finos(record.order) if record.order else None
        return CancelOrderPayload(order=order, canceled=record.canceled, user_errors=[])


async def place_order(info: Info, data: PlaceOrderInput) -> PlaceOrderPayload:
    return await run_write(info, PlaceOrder(info, data))


async def cancel_order(info: Info, data: CancelOrderInput) -> CancelOrderPayload:
    return await run_write(info, CancelOrder(info, data))
