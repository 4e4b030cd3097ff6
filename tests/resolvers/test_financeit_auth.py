"""FinanceItClient's token flow, reference-data cache, failures and secrecy."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import pytest
from pydantic import SecretStr

from resolvers.base import scope_of
from resolvers.cache import RefCache
from resolvers.config import CacheConfig, FinanceItConfig
from resolvers.errors import (
    ProviderAuthError,
    ProviderError,
    ProviderRateLimited,
    ProviderUnavailable,
)
from resolvers.financeit import FinanceItClient
from resolvers.tokens import FileTokenStore
from sandbox.financeit import FinanceItSandbox
from tests.support import SandboxControl

API = "/en/api/v3"
TOKEN = f"POST {API}/accounts/create_user_oauth_token"
LOANS = f"GET {API}/loans"


def provider(sandbox: SandboxControl) -> FinanceItSandbox:
    return cast(FinanceItSandbox, sandbox.sandbox.providers["financeit"])


class FakeTimer:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def new_cache(timer: FakeTimer | None = None) -> RefCache:
    ttls = CacheConfig().model_dump(exclude={"maxsize"})
    return RefCache(ttls) if timer is None else RefCache(ttls, timer=timer)


@pytest.fixture
async def client(sandbox: SandboxControl) -> AsyncIterator[FinanceItClient]:
    client = FinanceItClient.create(FinanceItConfig(), sandbox.url("financeit"), cache=new_cache())
    try:
        yield client
    finally:
        await client.aclose()


# -- tokens -------------------------------------------------------------------


async def test_token_is_fetched_once_for_fifty_concurrent_requests(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    quotes = await asyncio.gather(
        *(client.calculate(1000 + i, vertical_name="Retail") for i in range(50))
    )
    assert len(quotes) == 50
    assert sandbox.calls("financeit", TOKEN) == 1
    assert sandbox.calls("financeit", f"GET {API}/calculator") == 50
    assert client.tokens.fetches == 1


async def test_expired_tokens_are_replaced_once_and_the_request_resent(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    await client.loans_page()
    assert sandbox.expire_tokens("financeit") == 1
    page = await client.loans_page(page=2)
    assert len(page.loans) == 20
    assert sandbox.calls("financeit", TOKEN) == 2
    assert sandbox.calls("financeit", LOANS) == 3  # the first, the refused one, the re-sent one


async def test_clients_on_one_token_store_share_one_token_and_one_replacement(
    sandbox: SandboxControl, tmp_path: Path
) -> None:
    """Two workers of `fingate serve --workers N` (each its own client) on one data
    directory: one token fetch; after the provider drops it, one new fetch between them."""
    store = FileTokenStore(tmp_path / "tokens.json")
    clients = [
        FinanceItClient.create(
            FinanceItConfig(), sandbox.url("financeit"), cache=new_cache(), token_store=store
        )
        for _ in range(2)
    ]
    try:
        await asyncio.gather(*(c.loans_page() for c in clients))
        assert sandbox.calls("financeit", TOKEN) == 1
        assert [c.tokens.adopted for c in clients].count(1) == 1
        assert sandbox.expire_tokens("financeit") == 1
        for c in clients:
            await c.loans_page(page=2)
        assert sandbox.calls("financeit", TOKEN) == 2  # the second client took the new one
    finally:
        for c in clients:
            await c.aclose()


async def test_token_lifetime_on_the_sandbox_clock_forces_one_new_token(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    await client.loans_page()
    sandbox.advance(599)
    await client.loans_page()
    assert sandbox.calls("financeit", TOKEN) == 1
    sandbox.advance(2)  # past the test sandbox's 600 s lifetime
    await client.loans_page()
    assert sandbox.calls("financeit", TOKEN) == 2
    assert sandbox.calls("financeit", LOANS) == 4


async def test_a_permanently_refused_token_is_retried_only_once(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    sandbox.fault(provider="financeit", route=LOANS, status=401)
    with pytest.raises(ProviderAuthError) as caught:
        await client.loans_page()
    assert caught.value.status == 401
    assert sandbox.calls("financeit", LOANS) == 2
    assert sandbox.calls("financeit", TOKEN) == 2


async def test_refused_credentials_raise_an_auth_error_without_secrets(
    sandbox: SandboxControl, caplog: pytest.LogCaptureFixture
) -> None:
    config = FinanceItConfig(password=SecretStr("hunter2-wrong-password"))
    client = FinanceItClient.create(config, sandbox.url("financeit"), cache=new_cache())
    caplog.set_level(logging.DEBUG)
    try:
        with pytest.raises(ProviderAuthError) as caught:
            await client.partners()
    finally:
        await client.aclose()
    assert caught.value.message == "Invalid login or password"
    texts = [str(caught.value), repr(caught.value), repr(client), repr(client.tokens)]
    texts += [record.getMessage() for record in caplog.records]
    for secret in ("hunter2-wrong-password", "sandbox-secret"):
        assert not any(secret in text for text in texts)
    assert sandbox.calls("financeit", TOKEN) == 1
    assert sandbox.calls("financeit", f"GET {API}/partners") == 0


async def test_no_token_or_secret_reaches_logs_or_errors(
    client: FinanceItClient, sandbox: SandboxControl, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await client.loans_page()
    sandbox.expire_tokens("financeit")
    with pytest.raises(ProviderError) as caught:
        await client.loan(1)
    await client.partners()
    tokens = provider(sandbox).sessions.active_tokens()
    assert len(tokens) == 1  # the one issued after the expiry
    texts = [str(caught.value), repr(caught.value), repr(client), repr(client.tokens._token)]
    texts += [record.getMessage() for record in caplog.records]
    texts += [str(record.args) for record in caplog.records]
    assert any("financeit" in text for text in texts[4:])  # logs were captured
    for secret in (*tokens, "sandbox-secret", "sandbox-password"):
        assert not any(secret in text for text in texts), secret


async def test_credential_scope_is_a_digest_per_login(sandbox: SandboxControl) -> None:
    base = sandbox.url("financeit")
    login = FinanceItClient.create(FinanceItConfig(), base, cache=new_cache())
    anonymous = FinanceItClient.create(FinanceItConfig(anonymous=True), base, cache=new_cache())
    try:
        assert login.credential_scope == scope_of(
            "financeit", base, "sandbox-app", "sandbox-partner"
        )
        assert anonymous.credential_scope == scope_of("financeit", base, "sandbox-app", "anonymous")
        assert "sandbox" not in login.credential_scope
    finally:
        await login.aclose()
        await anonymous.aclose()


# -- reference data cache ----------------------------------------------------------


async def test_reference_data_is_fetched_once_within_its_ttl_and_again_after(
    sandbox: SandboxControl,
) -> None:
    timer = FakeTimer()
    client = FinanceItClient.create(
        FinanceItConfig(), sandbox.url("financeit"), cache=new_cache(timer)
    )
    store = provider(sandbox).store
    pid = store.location_ids[0]
    try:
        for _ in range(3):
            await client.promo_programs(partner_id=pid)
            await client.subverticals(partner_id=pid)
            await client.partners()
        kinds = ("promo_programs", "subverticals", "partners")
        counts = {kind: sandbox.calls("financeit", f"GET {API}/{kind}") for kind in kinds}
        assert counts == {"promo_programs": 1, "subverticals": 1, "partners": 1}
        timer.now += 301  # promo programs and partners live 300 s, subverticals 3600 s
        await client.promo_programs(partner_id=pid)
        await client.subverticals(partner_id=pid)
        await client.partners()
        assert sandbox.calls("financeit", f"GET {API}/promo_programs") == 2
        assert sandbox.calls("financeit", f"GET {API}/partners") == 2
        assert sandbox.calls("financeit", f"GET {API}/subverticals") == 1
        timer.now += 3600
        await client.subverticals(partner_id=pid)
        assert sandbox.calls("financeit", f"GET {API}/subverticals") == 2
    finally:
        await client.aclose()


async def test_concurrent_reference_data_misses_share_one_request(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    pid = provider(sandbox).store.location_ids[0]
    results = await asyncio.gather(*(client.promo_programs(partner_id=pid) for _ in range(10)))
    assert all(r == results[0] for r in results)
    assert sandbox.calls("financeit", f"GET {API}/promo_programs") == 1


# -- failures -----------------------------------------------------------------------


async def test_rate_limit_and_outages_map_to_their_errors(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    sandbox.set_rate_limit("financeit", 1)  # one request an hour per credential
    await client.loans_page()
    with pytest.raises(ProviderRateLimited) as limited:
        await client.loans_page()
    assert limited.value.retry_after is not None and limited.value.retry_after > 0
    assert limited.value.message == "Too many requests"
    sandbox.set_rate_limit("financeit", 0)
    sandbox.fault(provider="financeit", route=LOANS, status=503, retry_after=7)
    with pytest.raises(ProviderUnavailable) as down:
        await client.loans_page()
    assert (down.value.status, down.value.retry_after) == (503, 7.0)
    assert down.value.message == "Injected fault"
