"""Finos client: what goes on the wire (headers, bodies, paths), seen through MockTransport."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from decimal import Decimal

import httpx
import pytest

from resolvers.config import CacheConfig, FinosConfig
from resolvers.errors import ProviderBadResponse
from resolvers.finos import Custodian, CustodianAddress, FinosClient, RolloverRequest
from resolvers.providers import make_ref_cache
from tests.resolvers.test_finos_helpers import API_KEY, person, profile

# Enough of every record's required fields for any create to parse.
ANY_RECORD = {
    "id": "rec-1",
    "token": "S-token",
    "document_token": "D-token",
    "symbol": "GOOG",
    "quantity": "1",
    "type": "market",
    "side": "buy",
    "status": "accepted",
}


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(201, json=ANY_RECORD)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def client(recorder: Recorder) -> AsyncIterator[FinosClient]:
    async with FinosClient.create(
        FinosConfig(),
        "http://finos.invalid",
        cache=make_ref_cache(CacheConfig()),
        transport=httpx.MockTransport(recorder),
    ) as finos:
        yield finos


def _rollover() -> RolloverRequest:
    address = CustodianAddress(
        street_address_1="1 Main St", city="NY", zip_code="10012", state="NY", country="USA"
    )
    return RolloverRequest(
        ira_account_id="acct",
        extent="full",
        custodian=Custodian(name="C", address=address),
        source_account_number="RIA1",
        source_account_type="EST",
        tax_year=2025,
        description="d",
    )


def _posts(finos: FinosClient, key: str) -> dict[str, Callable[[], Awaitable[object]]]:
    """Every POST method of the client, called with idempotency key `key`."""
    return {
        "/v1/users": lambda: finos.create_user(person(), idempotency_key=key),
        "/v1/kyc": lambda: finos.perform_kyc(person(), idempotency_key=key),
        "/v1/kyc/S-token/documents": lambda: finos.upload_kyc_document(
            "S-token", name="id", type="license", content=b"x", idempotency_key=key
        ),
        "/v1/users/u1/accounts": lambda: finos.create_account("u1", profile(), idempotency_key=key),
        "/v1/users/u2/accounts": lambda: finos.create_joint_account(
            "u2", profile(), person(2), idempotency_key=key
        ),
        "/v1/users/u1/bank_accounts": lambda: finos.create_bank_account(
            "u1",
            bank_account_number="4327843043",
            bank_routing_number="121042882",
            bank_account_nickname="n",
            idempotency_key=key,
        ),
        "/v1/deposits": lambda: finos.create_deposit(
            account_id="a", bank_account_id="b", amount="1.00", idempotency_key=key
        ),
        "/v1/withdrawal": lambda: finos.create_withdrawal(
            account_id="a", bank_account_id="b", amount="1.00", idempotency_key=key
        ),
        "/v1/orders": lambda: finos.create_order(
            type="market", symbol="GOOG", quantity="1", side="buy", idempotency_key=key
        ),
        "/v1/webhooks": lambda: finos.create_webhook(
            name="w", url="https://example.com/h", idempotency_key=key
        ),
        "/v1/asset_classes": lambda: finos.create_asset_class(
            name="n", primary="VTI", idempotency_key=key
        ),
        "/v1/portfolios": lambda: finos.create_portfolio(
            name="p", allocations={"us-stocks": "100"}, idempotency_key=key
        ),
        "/v1/rollovers": lambda: finos.create_rollover(_rollover(), idempotency_key=key),
    }


async def test_every_post_sends_its_idempotency_key(
    client: FinosClient, recorder: Recorder
) -> None:
    posts = _posts(client, "key-1")
    for call in posts.values():
        await call()
    sent = {r.url.path: r for r in recorder.requests}
    assert set(sent) == set(posts)
    for request in recorder.requests:
        assert request.method == "POST"
        assert request.headers["Idempotency-Key"] == "key-1"


async def test_a_post_without_a_key_sends_no_idempotency_header(
    client: FinosClient, recorder: Recorder
) -> None:
    await client.create_order(type="market", symbol="GOOG", quantity="1", side="buy")
    assert "Idempotency-Key" not in recorder.requests[0].headers


@pytest.mark.parametrize(
    ("scheme", "header"),
    [
        ("basic", "Basic " + base64.b64encode(f"{API_KEY}:".encode()).decode()),
        ("bearer", f"Bearer {API_KEY}"),
    ],
)
async def test_the_key_goes_as_basic_username_or_bearer_token(
    recorder: Recorder, scheme: str, header: str
) -> None:
    async with FinosClient.create(
        FinosConfig(auth_scheme=scheme),
        "http://finos.invalid",
        cache=make_ref_cache(CacheConfig()),
        transport=httpx.MockTransport(recorder),
    ) as finos:
        await finos.get_deposit("d1")
    assert recorder.requests[0].headers["Authorization"] == header


async def test_bodies_carry_decimal_strings_base64_content_and_the_ssn(
    client: FinosClient, recorder: Recorder
) -> None:
    await client.create_order(
        type="stop_limit",
        symbol="AAPL",
        quantity=Decimal("0.25"),
        side="sell",
        limit_price=Decimal("101.5"),
        stop_price=100,
        account_id="acct-1",
    )
    await client.upload_kyc_document("S-token", name="id", type="license", content=b"\x00\xffpdf")
    await client.create_user(person())
    order, document, user = (json.loads(r.content) for r in recorder.requests)
    assert order == {
        "symbol": "AAPL",
        "quantity": "0.25",
        "side": "sell",
        "type": "stop_limit",
        "account_id": "acct-1",
        "limit_price": "101.5",
        "stop_price": "100",
    }
    assert base64.b64decode(document["data"]) == b"\x00\xffpdf"
    assert user["ssn_number"] == "123456789" and user["birth_date"] == "1985-01-23"


async def test_a_next_link_without_a_cursor_falls_back_to_the_last_id() -> None:
    def handler(_: httpx.Request) -> httpx.Response:
        body = {"pagination": {"next_uri": "https://x/v1/users?limit=2"}, "data": [{"id": "u9"}]}
        return httpx.Response(200, json=body)

    async with FinosClient.create(
        FinosConfig(),
        "http://finos.invalid",
        cache=make_ref_cache(CacheConfig()),
        transport=httpx.MockTransport(handler),
    ) as finos:
        page = await finos.list_users(limit=2)
    assert page.next_cursor == "u9"


async def test_a_payload_that_does_not_fit_the_record_is_a_bad_response() -> None:
    def handler(_: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"id": "o1", "quantity": "lots"})

    async with FinosClient.create(
        FinosConfig(),
        "http://finos.invalid",
        cache=make_ref_cache(CacheConfig()),
        transport=httpx.MockTransport(handler),
    ) as finos:
        with pytest.raises(ProviderBadResponse) as caught:
            await finos.get_order("o1")
    assert caught.value.message.startswith("unexpected Order payload")


async def test_an_id_stays_one_path_segment(client: FinosClient, recorder: Recorder) -> None:
    await client.get_deposit("../users?x=1")
    assert recorder.requests[0].url.raw_path == b"/v1/deposits/..%2Fusers%3Fx%3D1"
