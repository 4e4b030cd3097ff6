"""placeOrder's rules in plain terms: exactly the prices the order type takes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from resolvers import finos
from resolvers.brokerage.trading import OrderRequest, check_order
from resolvers.checks import Checks
from resolvers.refusals import Problem


def problems(order: OrderRequest) -> list[Problem]:
    checks = Checks()
    check_order(checks, order)
    return checks.problems


def order(type: finos.OrderType, **prices: Decimal) -> OrderRequest:
    return OrderRequest(symbol="AAPL", quantity=Decimal("1.5"), side="buy", type=type, **prices)


def test_a_market_order_with_no_prices_has_no_problems() -> None:
    assert problems(order("market")) == []


@pytest.mark.parametrize(
    ("type", "missing"),
    [("limit", "limitPrice"), ("stop", "stopPrice"), ("stop_limit", "limitPrice")],
)
def test_a_price_the_order_type_needs_is_required(type: finos.OrderType, missing: str) -> None:
    found = problems(order(type))
    assert Problem(missing, f"{missing} is required for {type.upper()} orders", "REQUIRED") in found


def test_a_price_the_order_type_does_not_take_is_refused() -> None:
    assert problems(order("market", limit_price=Decimal("10"))) == [
        Problem("limitPrice", "limitPrice is not allowed for MARKET orders")
    ]


def test_a_lower_case_symbol_is_refused_on_the_symbol_field() -> None:
    found = problems(OrderRequest("aapl", Decimal("1"), "buy", "market"))
    assert [p.path for p in found] == ["symbol"]
