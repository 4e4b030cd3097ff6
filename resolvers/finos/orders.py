"""Trade orders: `/v1/orders`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

from ..base import seg
from .base import MAX_LIMIT, FinosBase, money
from .records.common import Page
from .records.orders import Order, OrderCancellation, OrderSide, OrderType

Number = Decimal | int | str


class OrdersMixin(FinosBase):
    async def create_order(
        self,
        *,
        symbol: str,
        quantity: Number,
        side: OrderSide,
        type: OrderType,
        limit_price: Number | None = None,
        stop_price: Number | None = None,
        account_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> Order:
        """`POST /v1/orders`. The provider checks the prices each type needs.

        `account_id` is not in the reference's argument table (orders there belong
        to "your account"); it is sent when given, so that an order lands in one
        brokerage account.
        """
        body: dict[str, Any] = {
            "symbol": symbol,
            "quantity": money(quantity),
            "side": side,
            "type": type,
        }
        if account_id is not None:
            body["account_id"] = account_id
        if limit_price is not None:
            body["limit_price"] = money(limit_price)
        if stop_price is not None:
            body["stop_price"] = money(stop_price)
        return self._parse(Order, await self._post("/v1/orders", body, idempotency_key))

    async def get_order(self, order_id: str) -> Order:
        """`GET /v1/orders/{id}`."""
        return await self._get_one(Order, f"/v1/orders/{seg(order_id)}")

    async def cancel_order(self, order_id: str) -> OrderCancellation:
        """`DELETE /v1/orders/{id}`: allowed until the order is filled."""
        payload = await self._send("DELETE", f"/v1/orders/{seg(order_id)}")
        return self._parse(OrderCancellation, payload)

    async def list_orders(
        self,
        *,
        status: str | None = None,
        account_id: str | None = None,
        symbol: str | None = None,
        limit: int | None = None,
        starting_after: str | None = None,
        ending_before: str | None = None,
        order: str | None = None,
    ) -> Page[Order]:
        """`GET /v1/orders`: one page.

        `status` is echoed in the reference's pagination (`open` there, the provider's
        default: accepted, new, partially_filled); `closed`, `all` or one order status
        widen it. `account_id` and `symbol` are filters the reference does not
        document, sent only when given.
        """
        return await self._page(
            Order,
            "/v1/orders",
            limit=limit,
            starting_after=starting_after,
            ending_before=ending_before,
            order=order,
            status=status,
            account_id=account_id,
            symbol=symbol,
        )

    def iter_orders(
        self,
        *,
        status: str | None = None,
        account_id: str | None = None,
        cap: int | None = None,
        limit: int = MAX_LIMIT,
    ) -> AsyncIterator[Order]:
        return self._walk(self.list_orders, cap, status=status, account_id=account_id, limit=limit)
