"""Order routes.

    POST   /v1/orders        201 the order, status "accepted"
    GET    /v1/orders/{id}   200 the order
    DELETE /v1/orders/{id}   200 {"id", "object": "order", "canceled": true}
    GET    /v1/orders        200 a page of orders (filters: status, account_id, symbol)

Rules: `symbol` is a symbol or an asset id of the 30-symbol universe (else
404); `quantity` > 0 with at most four decimals (fractional shares allowed);
`limit_price` is required for limit and stop_limit orders, `stop_price` for
stop and stop_limit orders (the reference's table says "limit or stop_limit"
for both; its prose says stop orders need a stop price), and a price the type
does not use is refused. The lifecycle is trading.py's, on the sandbox clock,
emitting `ordertransition.<status>`. An order can be canceled until it is
filled; after that (or once canceled or rejected) the cancel is a 402
("parameters valid but the request failed").

Silent in the reference, so the plain choices: `account_id` (optional) ties the
order to a brokerage account: its user must have passed KYC, a buy must fit
its available cash and a sell its position (else 402), and fills move its cash
and positions. The list's `status` is `open` by default, as in the reference's
example (accepted, new, partially_filled); `closed`, `all` or one order status
are accepted too.
"""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from .backend import Backend
from .errors import invalid, invalid_field, not_found, request_failed
from .models import OrderIn
from .pagination import Page, paginate
from .store import Record
from .trading import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ORDER_FILLED_AFTER,
    ORDER_NEW_AFTER,
    ORDER_PARTIAL_AFTER,
    ORDER_STATUSES,
    apply_fill,
    half,
    is_marketable,
    new_order,
)
from .values import iso, money, plain

NEEDS = {
    "market": (),
    "limit": ("limit_price",),
    "stop": ("stop_price",),
    "stop_limit": ("limit_price", "stop_price"),
}


def router(backend: Backend) -> APIRouter:
    api = APIRouter()

    def check_account(body: OrderIn, price: Decimal, asset_id: str) -> None:
        state = backend.state
        if body.account_id is None:
            return
        account = state.accounts.fetch(body.account_id, "account")
        owner = state.users.by_id.get(account["user_id"])
        if owner is None or owner["status"] != "active":
            raise request_failed("the account's user has not passed KYC")
        if body.side == "buy":
            cost = body.quantity * (body.limit_price or price)
            if cost > state.cash[account["id"]]:
                raise request_failed("insufficient buying power for this order")
        else:
            held = state.positions[account["id"]].get(asset_id)
            if held is None or held.quantity < body.quantity:
                raise request_failed("insufficient position to sell this quantity")

    def transition(order: Record, status: str) -> None:
        order["status"] = status
        backend.emit(f"ordertransition.{status}", order)

    def schedule(order: Record, price: Decimal) -> None:
        state = backend.state
        quantity = Decimal(order["quantity"])

        def to_new() -> None:
            if order["status"] == "accepted":
                transition(order, "new")

        def to_partial() -> None:
            part = half(quantity)
            if order["status"] == "new" and part > 0:
                apply_fill(state, order, part, price)
                order["filled_quantity"] = plain(part)
                order["filled_average_price"] = money(price)
                transition(order, "partially_filled")

        def to_filled() -> None:
            if order["status"] not in ("new", "partially_filled"):
                return
            apply_fill(state, order, quantity - Decimal(order["filled_quantity"]), price)
            order["filled_quantity"] = order["quantity"]
            order["filled_average_price"] = money(price)
            order["filled_at"] = iso(backend.now_ms())
            if order["account_id"]:
                state.funding_of_account[order["account_id"]].append(order["id"])
            transition(order, "filled")

        backend.after(ORDER_NEW_AFTER, to_new)
        if is_marketable(order, price):
            backend.after(ORDER_PARTIAL_AFTER, to_partial)
            backend.after(ORDER_FILLED_AFTER, to_filled)

    @api.post("/v1/orders", status_code=201)
    async def create_order(body: OrderIn) -> JSONResponse:
        """Optional account_id ties the order to an account (reference silent); see the module
        rules.
        """
        state = backend.state
        for field in NEEDS[body.type]:
            if getattr(body, field) is None:
                raise invalid(f"{field} is required for {body.type} orders")
        for field in ("limit_price", "stop_price"):
            if getattr(body, field) is not None and field not in NEEDS[body.type]:
                raise invalid_field(f"{field} is not allowed for {body.type} orders")
        ins = backend.market.find(body.symbol)
        if ins is None:
            raise not_found("asset", body.symbol)
        price = backend.market.price(ins.symbol)
        check_account(body, price, ins.asset_id)
        now = backend.now_ms()
        order = new_order(
            backend.ids.uuid(),
            ins,
            account_id=body.account_id,
            quantity=body.quantity,
            side=body.side,
            type_=body.type,
            limit_price=body.limit_price,
            stop_price=body.stop_price,
            submitted_ms=now,
        )
        state.orders.add(order)
        state.order_keys[order["id"]] = now
        if body.account_id:
            state.orders_of_account[body.account_id].append(order["id"])
        backend.emit("ordertransition.accepted", order)
        schedule(order, price)
        return JSONResponse(order, 201)

    @api.get("/v1/orders/{order_id}")
    async def retrieve_order(order_id: str) -> JSONResponse:
        return JSONResponse(backend.state.orders.fetch(order_id, "order"))

    @api.delete("/v1/orders/{order_id}")
    async def cancel_order(order_id: str) -> JSONResponse:
        """402 once filled, canceled or rejected: the reference names no error, 402 is its "request
        failed".
        """
        order = backend.state.orders.fetch(order_id, "order")
        if order["status"] not in OPEN_STATUSES:
            raise request_failed(f"order {order_id} is {order['status']} and cannot be canceled")
        order["canceled_at"] = iso(backend.now_ms())
        transition(order, "canceled")
        return JSONResponse({"id": order_id, "object": "order", "canceled": True})

    @api.get("/v1/orders")
    async def list_orders(
        request: Request,
        params: Page,
        status: str = "open",
        account_id: str | None = None,
        symbol: str | None = None,
    ) -> JSONResponse:
        """status defaults to open, as the reference's example echoes; closed, all or one status
        also work.
        """
        state = backend.state
        wanted = status.lower()
        if wanted == "open":
            statuses = OPEN_STATUSES
        elif wanted == "closed":
            statuses = CLOSED_STATUSES
        elif wanted == "all":
            statuses = ORDER_STATUSES
        elif wanted in ORDER_STATUSES:
            statuses = frozenset({wanted})
        else:
            raise invalid("status must be open, closed, all or an order status")
        source = state.orders.order
        if account_id:
            state.accounts.fetch(account_id, "account")
            source = state.orders_of_account.get(account_id, [])
        orders = state.orders.by_id
        wanted_symbol = symbol.upper() if symbol else None
        ids = [
            i
            for i in source
            if orders[i]["status"] in statuses
            and (wanted_symbol is None or orders[i]["symbol"] == wanted_symbol)
        ]
        extra = {"status": wanted, "account_id": account_id, "symbol": wanted_symbol}
        extra = {k: v for k, v in extra.items() if v is not None}
        page = paginate(
            request,
            params,
            ids,
            orders.__getitem__,
            positions=state.orders.positions(),
            extra=extra,
        )
        return JSONResponse(page)

    return api
