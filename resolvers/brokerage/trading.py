"""Trading at Finos: the rules a placeOrder input must meet, and the calls placeOrder
and cancelOrder send (schema.brokerage.mutations_trading wires them to the mutations,
schema.brokerage.orders maps the order record to the `Order` type).

placeOrder POSTs with the provider key: after a timeout its reconcile re-sends
the same order under the same key and Finos answers with the first order (or
creates it, if the first never arrived), so one intent is one order.
cancelOrder (DELETE) reconciles by reading the order: canceled means done, still
open means the cancel is sent again, filled means the provider's refusal.
Both answer records (a finos.Order, a CancelOutcome): the write spec keeps them as
stored data (resolvers.brokerage.writes.dump) and validates them again on a replay.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel

from .. import finos
from ..checks import Checks
from ..errors import ProviderError
from ..request import Scope
from .validation import TICKER
from .writes import naming_ids

# which prices each order type takes (the reference's prose: stop orders need a stop price)
PRICES: dict[str, tuple[str, ...]] = {
    "market": (),
    "limit": ("limit_price",),
    "stop": ("stop_price",),
    "stop_limit": ("limit_price", "stop_price"),
}
# Finos order field -> placeOrder input path
ORDER_FIELDS = {
    "account_id": "accountId",
    "symbol": "symbol",
    "quantity": "quantity",
    "side": "side",
    "type": "type",
    "limit_price": "limitPrice",
    "stop_price": "stopPrice",
}
CANCEL_FIELDS = {"order_id": "orderId", "id": "orderId"}


@dataclass(frozen=True)
class OrderRequest:
    """An order as the client asked for it (`type` is a key of PRICES)."""

    symbol: str
    quantity: Decimal
    side: finos.OrderSide
    type: finos.OrderType
    limit_price: Decimal | None = None
    stop_price: Decimal | None = None


def check_order(checks: Checks, order: OrderRequest) -> None:
    """The symbol, the quantity and exactly the prices the order type takes."""
    symbol = order.symbol.strip()
    if not symbol:
        checks.add("symbol", "symbol is required", "REQUIRED")
    elif not TICKER.match(symbol):
        checks.add("symbol", "symbol must be an upper-case ticker such as AAPL or BRK.B")
    checks.amount("quantity", order.quantity, decimals=4, what="fractional shares to 0.0001")
    label = order.type.upper()
    for field, name in (("limit_price", "limitPrice"), ("stop_price", "stopPrice")):
        value = getattr(order, field)
        if field in PRICES[order.type] and value is None:
            checks.add(name, f"{name} is required for {label} orders", "REQUIRED")
        elif field not in PRICES[order.type] and value is not None:
            checks.add(name, f"{name} is not allowed for {label} orders")
        else:
            checks.amount(name, value, decimals=2, what="whole cents")


async def send_order(
    scope: Scope, account_id: str, order: OrderRequest, key: str | None
) -> finos.Order:
    """`POST /v1/orders` under the provider key; a 404 on the account or symbol is a
    refusal of that input field."""
    client = scope.providers.finos
    symbol = order.symbol.strip()
    created = await naming_ids(
        lambda: client.create_order(
            symbol=symbol,
            quantity=order.quantity,
            side=order.side,
            type=order.type,
            limit_price=order.limit_price,
            stop_price=order.stop_price,
            account_id=account_id,
            idempotency_key=key,
        ),
        {account_id: "account_id", symbol: "symbol"},
        "symbol",
    )
    return created


class CancelOutcome(BaseModel):
    """What a cancel did: `order` as it stood after, None when that read failed."""

    id: str
    canceled: bool
    order: finos.Order | None = None


async def send_cancel(scope: Scope, order_id: str) -> CancelOutcome:
    """`DELETE /v1/orders/{id}` (Finos takes no key), then the order as it now stands;
    the cancel is done even if that read fails (`order` None)."""
    client = scope.providers.finos
    answer = await naming_ids(
        lambda: client.cancel_order(order_id), {order_id: "order_id"}, "order_id"
    )
    try:
        order: finos.Order | None = await client.get_order(order_id)
    except ProviderError:
        order = None
    return CancelOutcome(id=order_id, canceled=answer.canceled, order=order)


async def cancel_reconciled(scope: Scope, order_id: str) -> CancelOutcome | None:
    """After an unclear cancel: canceled is done; still open is not (the cancel is sent again)."""
    order = await scope.providers.finos.get_order(order_id)
    if order.status == "canceled":
        return CancelOutcome(id=order_id, canceled=True, order=order)
    return None
