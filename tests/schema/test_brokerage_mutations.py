"""placeOrder and cancelOrder through the schema against the Finos sandbox, and the
helpers the other brokerage mutation tests share (setup goes through the Finos
client directly, so that a test's stats count only the mutation under test)."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import SecretStr
from strawberry.types import ExecutionResult

from resolvers import CacheConfig, FinosConfig, finos, make_ref_cache
from resolvers.config import HttpConfig
from resolvers.idempotency import IdempotencyStore
from schema import Context
from schema.ids import to_global_id
from tests.schema.conftest import Gql, the_schema

_people = itertools.count(1)

PLACE_ORDER = """
mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) {
    order { id providerId symbol side type status providerStatus quantity
            limitPrice { amount currency } stopPrice { amount currency } account { id } }
    userErrors { field message code }
  }
}
"""
CANCEL_ORDER = """
mutation($input: CancelOrderInput!) {
  cancelOrder(input: $input) {
    canceled order { id status providerStatus canceledAt }
    userErrors { field message code }
  }
}
"""


def mutation(name: str, selection: str) -> str:
    """`name(input: $input) { selection userErrors }` as a whole operation."""
    kind = name[0].upper() + name[1:]
    return (
        f"mutation($input: {kind}Input!) {{ {name}(input: $input) "
        f"{{ {selection} userErrors {{ field message code }} }} }}"
    )


def gid(type_name: str, provider_id: str) -> str:
    return to_global_id(type_name, "finos", provider_id)


def someone(ssn_last: int = 3, **changes: Any) -> finos.PersonDetails:
    """A new person (unique email); SSN last digit 3 passes KYC at once in the sandbox."""
    n = next(_people)
    fields: dict[str, Any] = {
        "first_name": "Ada",
        "last_name": f"Tester{n}",
        "email_address": f"ada.tester{n}.{id(object())}@example.com",
        "birth_date": date(1985, 1, 23),
        "ssn_number": SecretStr(f"12345678{ssn_last}"),
        "phone_number": "18042562188",
        "address_line_1": "123 Test St",
        "address_city": "Richmond",
        "address_state": "VA",
        "address_postal_code": "23220",
        "address_country_code": "US",
        **changes,
    }
    return finos.PersonDetails(**fields)


CASH_PROFILE = finos.AccountProfile(
    account_type="cash",
    martial_status="single",
    country_of_citizenship="USA",
    employment_status="Employed / Self-Employed",
    employment_position="Engineer",
    employer_name="Finos Inc",
)


async def active_user(gql: Gql) -> finos.User:
    return await gql.providers.finos.create_user(someone())


async def funded_account(gql: Gql, cash: str = "50000.00") -> tuple[finos.Account, str]:
    """An account of an approved user with `cash` settled in it, and its bank account id."""
    client = gql.providers.finos
    user = await active_user(gql)
    account = await client.create_account(user.id, CASH_PROFILE)
    bank = await client.create_bank_account(
        user.id,
        bank_account_number="4327843043",
        bank_routing_number="121042882",
        bank_account_nickname="Checking",
    )
    await client.create_deposit(account_id=account.id, bank_account_id=bank.id, amount=cash)
    gql.sandbox.advance(61)  # the deposit settles on the sandbox clock
    return await client.get_account(account.id), bank.id


async def run(
    gql: Gql, query: str, input: dict[str, Any], key: str | None = None
) -> dict[str, Any]:
    """The mutation's payload (the first field of data); the request must not fail."""
    variables = {"input": {**input, "idempotencyKey": key} if key else input}
    result = await gql.execute(query, variables)
    assert result.errors is None, [e.formatted for e in result.errors]
    assert result.data is not None
    return next(iter(result.data.values()))


def codes(result: ExecutionResult) -> list[str]:
    return [str((e.extensions or {}).get("code")) for e in result.errors or []]


def writes(gql: Gql) -> int:
    """Upstream requests that can change something (anything but GET)."""
    routes = gql.sandbox.stats("finos")
    return sum(n for route, n in routes.items() if not route.startswith("GET "))


def fields_of(payload: dict[str, Any]) -> list[str]:
    """The userErrors' input paths ("" for the whole input)."""
    return [".".join(e["field"][1:]) if e["field"] else "" for e in payload["userErrors"]]


@asynccontextmanager
async def slow_finos(
    gql: Gql, store: IdempotencyStore, read_timeout: float = 0.5
) -> AsyncIterator[Any]:
    """`execute(query, variables)` in a fresh context (a "restart" when `store` is new)
    whose Finos client gives up waiting after `read_timeout` seconds."""
    config = FinosConfig(http=HttpConfig(read_timeout=read_timeout))
    client = finos.FinosClient.create(
        config, gql.sandbox.url("finos"), cache=make_ref_cache(CacheConfig())
    )
    providers = dataclasses.replace(gql.providers, finos=client)

    async def execute(query: str, variables: dict[str, Any]) -> ExecutionResult:
        context = Context(providers=providers, idempotency=store)
        return await the_schema().execute(query, variable_values=variables, context_value=context)

    try:
        yield execute
    finally:
        await client.aclose()


def order_input(account_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "accountId": gid("Account", account_id),
        "symbol": "AAPL",
        "quantity": "1.5",
        "side": "BUY",
        "type": "MARKET",
        **changes,
    }


async def test_place_order_sends_each_order_type_and_answers_the_order_finos_then_shows(
    gql: Gql,
) -> None:
    account, _ = await funded_account(gql)
    client = gql.providers.finos
    price = (await client.get_quote("AAPL")).latest_price
    assert price is not None
    far = str((price / 2).quantize(Decimal("0.01")))
    cases = [
        {"type": "MARKET"},
        {"type": "LIMIT", "limitPrice": far},
        {"type": "STOP", "stopPrice": str((price * 2).quantize(Decimal("0.01")))},
        {"type": "STOP_LIMIT", "limitPrice": far, "stopPrice": far},
    ]
    for case in cases:
        payload = await run(gql, PLACE_ORDER, order_input(account.id, **case))
        assert payload["userErrors"] == []
        order = payload["order"]
        upstream = await client.get_order(order["providerId"])
        assert order["id"] == gid("Order", upstream.id)
        assert (order["symbol"], order["side"], order["type"]) == ("AAPL", "BUY", case["type"])
        assert upstream.account_id == account.id
        assert order["account"] == {"id": gid("Account", account.id)}
        assert Decimal(order["quantity"]) == upstream.quantity == Decimal("1.5")
        assert order["providerStatus"] == upstream.status == "accepted"
        for name, field in (("limitPrice", "limit_price"), ("stopPrice", "stop_price")):
            sent = case.get(name)
            shown = order[name]
            assert (shown and Decimal(shown["amount"])) == (sent and Decimal(sent))
            assert getattr(upstream, field) == (Decimal(sent) if sent else None)


async def test_place_order_refuses_bad_input_without_any_upstream_call(gql: Gql) -> None:
    account = gid("Account", "acc-1")
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({"quantity": "0"}, ["quantity"]),
        ({"quantity": "-2"}, ["quantity"]),
        ({"quantity": "1.00001"}, ["quantity"]),
        ({"symbol": "aapl"}, ["symbol"]),
        ({"symbol": "TOOLONGX"}, ["symbol"]),
        ({"symbol": "  "}, ["symbol"]),
        ({"type": "LIMIT"}, ["limitPrice"]),
        ({"type": "STOP_LIMIT"}, ["limitPrice", "stopPrice"]),
        ({"type": "STOP", "limitPrice": "10.00"}, ["limitPrice", "stopPrice"]),
        ({"type": "MARKET", "limitPrice": "10.00"}, ["limitPrice"]),
        ({"type": "MARKET", "stopPrice": "10.00"}, ["stopPrice"]),
        ({"type": "LIMIT", "limitPrice": "10.001"}, ["limitPrice"]),
        ({"type": "LIMIT", "limitPrice": "-1"}, ["limitPrice"]),
        ({"type": "STOP", "stopPrice": "0"}, ["stopPrice"]),
        ({"accountId": gid("Order", "acc-1")}, ["accountId"]),
        ({"accountId": to_global_id("Account", "molo", "acc-1")}, ["accountId"]),
        ({"accountId": "not-an-id"}, ["accountId"]),
    ]
    gql.sandbox.clear_stats()
    for changes, fields in bad:
        payload = await run(gql, PLACE_ORDER, {**order_input("acc-1"), **changes}, key="k")
        assert payload["order"] is None
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0
    payload = await run(gql, PLACE_ORDER, order_input("x", type="LIMIT", accountId=account))
    assert payload["userErrors"][0] == {
        "field": ["input", "limitPrice"],
        "message": "limitPrice is required for LIMIT orders",
        "code": "REQUIRED",
    }


async def test_place_order_maps_provider_refusals_to_the_input_fields(gql: Gql) -> None:
    account, _ = await funded_account(gql, cash="10.00")
    unknown = await run(gql, PLACE_ORDER, order_input(account.id, symbol="ZZZZ"))
    assert unknown["order"] is None
    assert fields_of(unknown) == ["symbol"]
    assert unknown["userErrors"][0]["code"] == "PROVIDER_REJECTED"
    missing = await run(gql, PLACE_ORDER, order_input("no-such-account"))
    assert fields_of(missing) == ["accountId"]
    poor = await run(gql, PLACE_ORDER, order_input(account.id, quantity="100"))
    assert poor["userErrors"] == [
        {
            "field": None,
            "message": "insufficient buying power for this order",
            "code": "PROVIDER_REJECTED",
        }
    ]


async def test_a_replayed_order_returns_the_same_payload_without_calling_finos(gql: Gql) -> None:
    account, _ = await funded_account(gql)
    first = await run(gql, PLACE_ORDER, order_input(account.id), key="order-1")
    gql.sandbox.clear_stats()
    again = await run(gql, PLACE_ORDER, order_input(account.id), key="order-1")
    assert again == first
    assert writes(gql) == 0
    header = await gql.execute(
        PLACE_ORDER, {"input": order_input(account.id)}, idempotency_key="order-1"
    )
    assert header.data is not None and header.data["placeOrder"] == first
    assert writes(gql) == 0


async def test_an_order_key_reused_for_another_order_is_refused_without_calling_finos(
    gql: Gql,
) -> None:
    account, _ = await funded_account(gql)
    await run(gql, PLACE_ORDER, order_input(account.id), key="order-2")
    gql.sandbox.clear_stats()
    other = {"input": {**order_input(account.id, quantity="2"), "idempotencyKey": "order-2"}}
    result = await gql.execute(PLACE_ORDER, other)
    assert codes(result) == ["IDEMPOTENCY_KEY_REUSED"]
    assert gql.sandbox.calls("finos") == 0


async def test_twenty_concurrent_identical_orders_with_one_key_place_one_order(gql: Gql) -> None:
    account, _ = await funded_account(gql)
    gql.sandbox.clear_stats()
    variables = {"input": {**order_input(account.id), "idempotencyKey": "burst"}}
    results = await asyncio.gather(*(gql.execute(PLACE_ORDER, variables) for _ in range(20)))
    assert all(r.errors is None for r in results)
    payloads = [r.data["placeOrder"] for r in results if r.data]
    assert len(payloads) == 20 and all(p == payloads[0] for p in payloads)
    assert gql.sandbox.calls("finos", "POST /v1/orders") == 1
    listed = await gql.providers.finos.list_orders(account_id=account.id, status="all")
    assert [o.id for o in listed.items] == [payloads[0]["order"]["providerId"]]


async def test_cancel_order_cancels_an_open_order_once(gql: Gql) -> None:
    account, _ = await funded_account(gql)
    placed = await run(
        gql, PLACE_ORDER, order_input(account.id, type="LIMIT", limitPrice="1.00"), key="lim"
    )
    order_id = placed["order"]["id"]
    gql.sandbox.clear_stats()
    payload = await run(gql, CANCEL_ORDER, {"orderId": order_id}, key="cancel-1")
    assert payload["userErrors"] == []
    assert payload["canceled"] is True
    assert payload["order"]["status"] == "CANCELLED"
    upstream = await gql.providers.finos.get_order(placed["order"]["providerId"])
    assert upstream.status == "canceled"
    assert payload["order"]["canceledAt"] == upstream.canceled_at.isoformat()  # type: ignore[union-attr]
    assert gql.sandbox.calls("finos", "DELETE /v1/orders/{order_id}") == 1
    replay = await run(gql, CANCEL_ORDER, {"orderId": order_id}, key="cancel-1")
    assert replay == payload
    assert gql.sandbox.calls("finos", "DELETE /v1/orders/{order_id}") == 1


async def test_cancel_order_refuses_bad_ids_and_reports_a_filled_order(gql: Gql) -> None:
    gql.sandbox.clear_stats()
    for bad in ("nope", gid("Account", "x")):
        payload = await run(gql, CANCEL_ORDER, {"orderId": bad})
        assert fields_of(payload) == ["orderId"]
    assert gql.sandbox.calls("finos") == 0
    missing = await run(gql, CANCEL_ORDER, {"orderId": gid("Order", "no-such-order")})
    assert fields_of(missing) == ["orderId"]
    account, _ = await funded_account(gql)
    placed = await run(gql, PLACE_ORDER, order_input(account.id))
    gql.sandbox.advance(11)  # a market order fills on the sandbox clock
    filled = await run(gql, CANCEL_ORDER, {"orderId": placed["order"]["id"]})
    assert filled["canceled"] is False
    assert [e["code"] for e in filled["userErrors"]] == ["PROVIDER_REJECTED"]
    assert "cannot be canceled" in filled["userErrors"][0]["message"]
