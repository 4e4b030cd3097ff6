"""Orders as records, and what a fill does to an account.

Lifecycle (the sandbox's rule, on the sandbox clock): an order is `accepted`
when placed, `new` ORDER_NEW_AFTER seconds later; a marketable order is then
`partially_filled` (half) at ORDER_PARTIAL_AFTER and `filled` at
ORDER_FILLED_AFTER, at the symbol's latest price. Marketable: market orders;
limit orders whose limit is at or through the price (buy limit >= price, sell
limit <= price); stop orders whose stop has been crossed (buy stop <= price,
sell stop >= price); stop_limit orders when both hold. Others stay `new` until
canceled.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from .market import Instrument
from .store import Position, Record, State
from .values import iso, money, plain

ORDER_NEW_AFTER = 1.0
ORDER_PARTIAL_AFTER = 5.0
ORDER_FILLED_AFTER = 10.0
OPEN_STATUSES = frozenset({"accepted", "new", "partially_filled"})
CLOSED_STATUSES = frozenset({"filled", "canceled", "rejected", "expired"})
ORDER_STATUSES = OPEN_STATUSES | CLOSED_STATUSES


def new_order(
    ident: str,
    ins: Instrument,
    *,
    account_id: str | None,
    quantity: Decimal,
    side: str,
    type_: str,
    limit_price: Decimal | None,
    stop_price: Decimal | None,
    submitted_ms: int,
) -> Record:
    return {
        "id": ident,
        "account_id": account_id,
        "submitted_at": iso(submitted_ms),
        "filled_at": None,
        "expired_at": None,
        "canceled_at": None,
        "failed_at": None,
        "asset_id": ins.asset_id,
        "symbol": ins.symbol,
        "exchange": ins.exchange,
        "asset_class": "us_equity",
        "quantity": plain(quantity),
        "filled_quantity": "0",
        "type": type_,
        "side": side,
        "limit_price": money(limit_price) if limit_price is not None else None,
        "stop_price": money(stop_price) if stop_price is not None else None,
        "filled_average_price": None,
        "status": "accepted",
    }


def is_marketable(order: Record, price: Decimal) -> bool:
    buy = order["side"] == "buy"
    limit = Decimal(order["limit_price"]) if order["limit_price"] is not None else None
    stop = Decimal(order["stop_price"]) if order["stop_price"] is not None else None
    limit_ok = limit is None or (limit >= price if buy else limit <= price)
    stop_ok = stop is None or (stop <= price if buy else stop >= price)
    return limit_ok and stop_ok


def half(quantity: Decimal) -> Decimal:
    return (quantity / 2).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)


def apply_fill(state: State, order: Record, quantity: Decimal, price: Decimal) -> None:
    """Move cash and shares of the order's account for `quantity` filled at `price`."""
    account_id = order.get("account_id")
    if not account_id or account_id not in state.cash:
        return
    cost = quantity * price
    positions = state.positions[account_id]
    position = positions.get(order["asset_id"])
    if order["side"] == "buy":
        state.cash[account_id] -= cost
        if position is None:
            positions[order["asset_id"]] = Position(
                order["asset_id"], order["symbol"], quantity, price
            )
        else:
            total = position.quantity + quantity
            position.average_price = (position.average_price * position.quantity + cost) / total
            position.quantity = total
    else:
        state.cash[account_id] += cost
        if position is not None:
            position.quantity -= quantity
            if position.quantity <= 0:
                del positions[order["asset_id"]]
