"""Finos client: both auth schemes, the error tree, rate limits and secret hygiene."""

from __future__ import annotations

import base64
import logging

import pytest
from pydantic import SecretStr

from resolvers.base import scope_of
from resolvers.config import CacheConfig, FinosConfig
from resolvers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderUnavailable,
    ProviderValidationError,
)
from resolvers.finos import FinosClient
from resolvers.providers import make_ref_cache
from tests.resolvers import test_finos_helpers as helpers
from tests.resolvers.test_finos_helpers import API_KEY, client_for, person
from tests.support import SandboxControl

# the shared fixtures, under their own names so pytest finds them here
cache = helpers.cache
finos = helpers.finos
timer = helpers.timer

WRONG_KEY = "sk_wrong_finos_key_0123"


@pytest.mark.parametrize("scheme", ["basic", "bearer"])
async def test_each_auth_scheme_is_accepted_and_a_wrong_key_is_a_provider_auth_error(
    sandbox: SandboxControl, scheme: str
) -> None:
    async with client_for(sandbox, auth_scheme=scheme) as client:
        page = await client.list_users(limit=2)
    assert len(page.items) == 2
    async with client_for(sandbox, api_key=WRONG_KEY, auth_scheme=scheme) as client:
        with pytest.raises(ProviderAuthError) as caught:
            await client.list_users()
    assert caught.value.status == 401
    assert caught.value.message == "Invalid API key provided"
    assert sandbox.calls("finos", "GET /v1/users") == 2


async def test_an_unknown_id_is_provider_not_found(finos: FinosClient) -> None:
    with pytest.raises(ProviderNotFound) as caught:
        await finos.get_order("00000000-0000-4000-8000-000000000000")
    assert caught.value.status == 404
    assert caught.value.message == "order 00000000-0000-4000-8000-000000000000 not found"


async def test_a_refused_order_is_a_validation_error_with_one_field_error_per_complaint(
    finos: FinosClient,
) -> None:
    with pytest.raises(ProviderValidationError) as caught:
        await finos.create_order(
            type="limit", symbol="AAPL", quantity="0", side="buy", limit_price="-1"
        )
    error = caught.value
    assert error.status == 400
    assert error.message == "quantity must be greater than 0; limit_price must be greater than 0"
    assert [(f.field, f.message) for f in error.field_errors] == [
        ("quantity", "quantity must be greater than 0"),
        ("limit_price", "limit_price must be greater than 0"),
    ]
    with pytest.raises(ProviderValidationError) as missing:
        await finos.create_order(symbol="AAPL", quantity="1", side="buy", type="limit")
    assert [f.field for f in missing.value.field_errors] == ["limit_price"]


async def test_the_rate_limit_is_provider_rate_limited_with_retry_after(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    sandbox.set_rate_limit("finos", 2)
    await finos.list_users(limit=1)
    await finos.list_users(limit=1)
    with pytest.raises(ProviderRateLimited) as caught:
        await finos.list_users(limit=1)
    error = caught.value
    assert error.status == 429
    assert error.message == "Too many requests"  # read from the list form of the body
    assert error.retry_after is not None and 1 <= error.retry_after <= 3600
    assert sandbox.calls("finos", "GET /v1/users") == 3


async def test_a_server_error_is_provider_unavailable_with_the_providers_message(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    sandbox.fault(provider="finos", status=503, error_rate=1.0, route="GET /v1/orders/{order_id}")
    with pytest.raises(ProviderUnavailable) as caught:
        await finos.get_order("any")
    assert (caught.value.status, caught.value.message) == (503, "Injected fault")
    assert len((await finos.list_orders(limit=1)).items) == 1  # other routes unaffected


async def test_the_credential_scope_is_derived_from_the_key_and_never_is_the_key() -> None:
    url = "http://finos.invalid"
    cache = make_ref_cache(CacheConfig())
    async with (
        FinosClient.create(FinosConfig(), url, cache=cache) as client,
        FinosClient.create(FinosConfig(api_key=SecretStr(WRONG_KEY)), url, cache=cache) as other,
    ):
        assert client.credential_scope == scope_of("finos", url, API_KEY)
        assert client.credential_scope != other.credential_scope
        assert API_KEY not in client.credential_scope
        assert API_KEY not in repr(client) and WRONG_KEY not in repr(other)


async def _failures(client: FinosClient) -> list[ProviderError]:
    caught: list[ProviderError] = []
    calls = [
        client.list_users(),
        client.get_user("missing-user"),
        client.create_user(person(1, email="not-an-email")),
    ]
    for call in calls:
        try:
            await call
        except ProviderError as exc:
            caught.append(exc)
    return caught


async def test_no_secret_reaches_an_exception_or_a_log_record(
    sandbox: SandboxControl, caplog: pytest.LogCaptureFixture
) -> None:
    secrets = {
        API_KEY,
        WRONG_KEY,
        base64.b64encode(f"{API_KEY}:".encode()).decode(),
        base64.b64encode(f"{WRONG_KEY}:".encode()).decode(),
        person(1).ssn_number.get_secret_value(),  # the SSN create_user sends
    }
    caplog.set_level(logging.DEBUG)
    errors: list[ProviderError] = []
    texts: list[str] = []
    for key in (API_KEY, WRONG_KEY):
        for scheme in ("basic", "bearer"):
            async with client_for(sandbox, api_key=key, auth_scheme=scheme) as client:
                errors += await _failures(client)
                texts.append(repr(client))
    texts.append(repr(person(1)))
    kinds = {type(e) for e in errors}
    assert kinds == {ProviderAuthError, ProviderNotFound, ProviderValidationError}
    texts += [str(e) for e in errors] + [repr(e) for e in errors]
    texts += [repr(f) for e in errors for f in e.field_errors]
    texts += [r.getMessage() for r in caplog.records] + [repr(r.args) for r in caplog.records]
    assert caplog.records  # httpx did log the requests
    for text in texts:
        for secret in secrets:
            assert secret not in text
