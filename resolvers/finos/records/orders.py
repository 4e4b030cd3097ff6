"""Trade order records."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from .common import FinosRecord

OrderSide = Literal["buy", "sell"]
OrderType = Literal["market", "limit", "stop", "stop_limit"]


class Order(FinosRecord):
    id: str
    account_id: str | None = None
    submitted_at: datetime | None = None
    filled_at: datetime | None = None
    expired_at: datetime | None = None
    canceled_at: datetime | None = None
    failed_at: datetime | None = None
    asset_id: str | None = None
    symbol: str
    exchange: str | None = None
    asset_class: str | None = None
    quantity: Decimal
    filled_quantity: Decimal | None = None
    type: str
    side: str
    limit_price: Decimal | None = None
    stop_price: Decimal | None = None
    filled_average_price: Decimal | None = None
    status: str


class OrderCancellation(FinosRecord):
    """`DELETE /v1/orders/{id}`: `{"id", "object": "order", "canceled": true}`."""

    id: str
    object: str | None = None
    canceled: bool = False
