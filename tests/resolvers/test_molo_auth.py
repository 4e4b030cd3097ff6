"""MoloClient's OAuth flow against the sandbox: single flight, proactive and 401 refresh,
refresh-token rotation that survives a restart, fallbacks, and no secret in any text."""

from __future__ import annotations

import asyncio
import json
import logging
import stat
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from resolvers import (
    FileTokenStore,
    MemoryTokenStore,
    MoloConfig,
    ProviderAuthError,
    ProviderNotFound,
    TokenStore,
)
from resolvers.molo import MoloClient, token_store_key
from tests.support import SandboxControl

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "POST /oauth/token/"
LIST = "GET /api/v1/applications/"
DETAIL = "GET /api/v1/applications/{pk}/"
TTL = 300  # molo_access_token_ttl in tests/conftest.py
SKEW = 60.0  # MoloConfig.refresh_skew default


class FakeClock:
    def __init__(self) -> None:
        self.now = 5_000.0

    def __call__(self) -> float:
        return self.now


Factory = Callable[..., MoloClient]


@pytest.fixture
async def make_client(sandbox: SandboxControl) -> AsyncIterator[Factory]:
    opened: list[MoloClient] = []

    def make(
        config: MoloConfig | None = None,
        *,
        store: TokenStore | None = None,
        clock: FakeClock | None = None,
    ) -> MoloClient:
        client = MoloClient.create(
            config or MoloConfig(),
            sandbox.url("molo"),
            token_store=store if store is not None else MemoryTokenStore(),
            clock=clock or FakeClock(),
        )
        opened.append(client)
        return client

    yield make
    for client in opened:
        await client.aclose()


def key(sandbox: SandboxControl) -> str:
    return token_store_key(sandbox.url("molo"), "sandbox-molo-client")


def live_tokens(sandbox: SandboxControl) -> set[str]:
    oauth = sandbox.sandbox.providers["molo"].oauth  # type: ignore[attr-defined]
    return set(oauth.access) | set(oauth.refresh)


async def test_a_token_is_obtained_once_for_fifty_concurrent_requests(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    client = make_client()
    pk = next(iter(sandbox.sandbox.providers["molo"].store.applications))  # type: ignore[attr-defined]
    results = await asyncio.gather(*(client.get_application(pk) for _ in range(50)))
    assert {r.id for r in results} == {pk}
    assert sandbox.calls("molo", TOKEN) == 1
    assert sandbox.calls("molo", DETAIL) == 50
    assert client.tokens.grants == ["authorization_code"]


async def test_the_token_is_refreshed_before_it_expires_without_a_401(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    clock = FakeClock()
    client = make_client(clock=clock)
    await client.list_applications()
    clock.now += TTL - SKEW - 1  # still outside the skew window: no refresh yet
    sandbox.advance(TTL - SKEW - 1)
    await client.list_applications()
    assert sandbox.calls("molo", TOKEN) == 1

    clock.now += 2  # inside the window, 59 s before the sandbox would expire the token
    sandbox.advance(2)
    await client.list_applications()
    assert sandbox.calls("molo", TOKEN) == 2
    assert client.tokens.grants == ["authorization_code", "refresh_token"]
    assert sandbox.calls("molo", LIST) == 3  # no request was refused and sent again


async def test_a_401_after_the_sandbox_expires_tokens_refreshes_and_resends_once(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    client = make_client()
    await client.list_applications()
    assert sandbox.expire_tokens("molo") == 1
    rows = await client.list_applications()
    assert rows
    assert sandbox.calls("molo", LIST) == 3  # the refused one and its re-send
    assert sandbox.calls("molo", TOKEN) == 2
    assert client.tokens.grants == ["authorization_code", "refresh_token"]


async def test_the_rotated_refresh_token_is_stored_and_the_old_one_is_rejected(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    store = MemoryTokenStore()
    client = make_client(store=store)
    await client.list_applications()
    first = (await store.get(key(sandbox)) or {})["refresh_token"]
    sandbox.expire_tokens("molo")
    await client.list_applications()
    rotated = (await store.get(key(sandbox)) or {})["refresh_token"]
    assert rotated != first
    assert rotated in live_tokens(sandbox) and first not in live_tokens(sandbox)

    async with httpx.AsyncClient(base_url=sandbox.url("molo"), trust_env=False) as http:
        form = {"grant_type": "refresh_token", "refresh_token": first}
        old = await http.post(
            "/oauth/token/", data=form, auth=("sandbox-molo-client", "sandbox-molo-secret")
        )
    assert old.status_code == 400
    assert old.json()["error"] == "invalid_grant"


async def test_the_rotation_survives_a_restart_with_no_authorization_code(
    sandbox: SandboxControl, make_client: Factory, tmp_path: Path
) -> None:
    path = tmp_path / "state" / "tokens.json"
    first = make_client(store=FileTokenStore(path))
    await first.list_applications()
    sandbox.expire_tokens("molo")
    await first.list_applications()  # refresh: the rotated token goes to the file
    await first.aclose()
    saved = (await FileTokenStore(path).get(key(sandbox)) or {})["refresh_token"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert saved in live_tokens(sandbox)

    second = make_client(MoloConfig(authorization_code=None), store=FileTokenStore(path))
    assert await second.list_applications()
    assert second.tokens.grants == []  # the saved access token is still good: taken as is
    assert second.tokens.adopted == 1
    sandbox.expire_tokens("molo")
    assert await second.list_applications()
    assert second.tokens.grants == ["refresh_token"]
    again = (await FileTokenStore(path).get(key(sandbox)) or {})["refresh_token"]
    assert again != saved and saved not in live_tokens(sandbox)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_a_configured_refresh_token_is_used_when_the_store_is_empty(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    async with httpx.AsyncClient(base_url=sandbox.url("molo"), trust_env=False) as http:
        form = {"grant_type": "authorization_code", "code": "sandbox-molo-code"}
        pair = (
            await http.post(
                "/oauth/token/", data=form, auth=("sandbox-molo-client", "sandbox-molo-secret")
            )
        ).json()
    config = MoloConfig(authorization_code=None, refresh_token=SecretStr(pair["refresh_token"]))
    client = make_client(config)
    assert await client.list_applications()
    assert client.tokens.grants == ["refresh_token"]


async def test_a_rejected_stored_refresh_token_falls_back_to_the_code_once(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    store = MemoryTokenStore()
    await store.put(key(sandbox), {"refresh_token": "revoked-long-ago"})
    client = make_client(store=store)
    assert await client.list_applications()
    assert sandbox.calls("molo", TOKEN) == 2  # the refused refresh, then the code
    assert client.tokens.grants == ["authorization_code"]
    assert (await store.get(key(sandbox)) or {})["refresh_token"] in live_tokens(sandbox)


async def test_a_rejected_refresh_token_without_a_code_is_an_auth_error_and_no_request_is_sent(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    store = MemoryTokenStore()
    await store.put(key(sandbox), {"refresh_token": "revoked-long-ago"})
    client = make_client(MoloConfig(authorization_code=None), store=store)
    with pytest.raises(ProviderAuthError) as caught:
        await client.list_applications()
    assert "invalid_grant" in caught.value.message
    assert "revoked-long-ago" not in str(caught.value) + repr(caught.value)
    assert sandbox.calls("molo", TOKEN) == 1
    assert sandbox.calls("molo", LIST) == 0


async def test_no_refresh_token_and_no_code_is_an_auth_error(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    client = make_client(MoloConfig(authorization_code=None))
    with pytest.raises(ProviderAuthError, match="no authorization code"):
        await client.list_applications()
    assert sandbox.calls("molo") == 0


async def test_wrong_client_credentials_are_an_auth_error_that_names_no_secret(
    make_client: Factory,
) -> None:
    client = make_client(MoloConfig(client_secret=SecretStr("very-wrong-secret")))
    with pytest.raises(ProviderAuthError) as caught:
        await client.list_applications()
    assert caught.value.status == 401
    assert caught.value.message == "invalid_client"
    assert "very-wrong-secret" not in str(caught.value) + repr(caught.value)


async def test_revoking_the_refresh_token_logs_out_and_the_next_request_logs_in_again(
    sandbox: SandboxControl, make_client: Factory
) -> None:
    store = MemoryTokenStore()
    client = make_client(store=store)
    await client.list_applications()
    refresh = (await store.get(key(sandbox)) or {})["refresh_token"]
    assert await client.revoke_token() is True
    assert sandbox.calls("molo", "POST /oauth/revoke_token/") == 1
    assert refresh not in live_tokens(sandbox)
    assert live_tokens(sandbox) == set()  # its access token went with it
    await client.list_applications()
    assert client.tokens.grants == ["authorization_code", "authorization_code"]


async def test_no_secret_appears_in_logs_errors_or_reprs(
    sandbox: SandboxControl, make_client: Factory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    store = MemoryTokenStore()
    clock = FakeClock()
    client = make_client(store=store, clock=clock)
    seen: set[str] = set()
    errors: list[BaseException] = []
    await client.list_applications()
    seen |= live_tokens(sandbox)
    sandbox.expire_tokens("molo")
    await client.list_applications()  # 401, refresh
    seen |= live_tokens(sandbox)
    clock.now += TTL  # proactive refresh
    await client.get_application(next(iter(sandbox.sandbox.providers["molo"].store.applications)))  # type: ignore[attr-defined]
    seen |= live_tokens(sandbox)
    await store.put(key(sandbox), {"refresh_token": "stale-refresh-token"})
    broken = make_client(MoloConfig(authorization_code=None), store=store)
    with pytest.raises(ProviderAuthError) as caught:
        await broken.list_applications()
    errors.append(caught.value)
    with pytest.raises(ProviderNotFound) as not_found:
        await client.get_application(1)
    errors.append(not_found.value)
    assert len(seen) >= 6
    secrets = seen | {
        "sandbox-molo-secret",
        "sandbox-molo-code",
        "stale-refresh-token",
        "c2FuZGJveC1tb2xvLWNsaWVudDpzYW5kYm94LW1vbG8tc2VjcmV0",  # the Basic header
    }
    texts = [caplog.text, repr(client.tokens._token), repr(MoloConfig())]
    texts += [r.getMessage() for r in caplog.records]
    texts += [f"{e}|{e!r}|{e.__cause__}|{e.__cause__!r}" for e in errors]
    assert caplog.records  # something was logged, and none of it is a secret
    for secret in secrets:
        for text in texts:
            assert secret not in text


async def test_two_stores_on_one_token_file_log_in_once_and_refresh_once(
    sandbox: SandboxControl, make_client: Factory, tmp_path: Path
) -> None:
    """Two processes on one data directory, as two clients with their own FileTokenStore
    (their own lock descriptors, which flock treats as two holders)."""
    path = tmp_path / "tokens.json"
    a = make_client(store=FileTokenStore(path))
    b = make_client(store=FileTokenStore(path))
    await asyncio.gather(*(c.list_applications() for c in (a, b) for _ in range(25)))
    assert sandbox.calls("molo", TOKEN) == 1
    assert sorted(a.tokens.grants + b.tokens.grants) == ["authorization_code"]
    assert a.tokens.adopted + b.tokens.adopted == 1

    sandbox.expire_tokens("molo")  # both are refused (401) and both want a new token
    await asyncio.gather(*(c.list_applications() for c in (a, b) for _ in range(25)))
    assert sandbox.calls("molo", TOKEN) == 2  # one refresh for both
    assert sorted(a.tokens.grants + b.tokens.grants) == ["authorization_code", "refresh_token"]
    saved = (await FileTokenStore(path).get(key(sandbox)) or {})["refresh_token"]
    assert saved in live_tokens(sandbox)


def test_two_real_processes_on_one_data_directory_share_one_login(
    sandbox: SandboxControl, tmp_path: Path
) -> None:
    path = tmp_path / "data" / "tokens.json"
    command = [sys.executable, "-m", "tests.resolvers.molo_token_worker"]
    command += [sandbox.url("molo"), str(path), "20"]

    def both() -> list[dict[str, Any]]:
        procs = [
            subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(2)
        ]
        outs = [p.communicate(timeout=120)[0] for p in procs]
        assert [p.returncode for p in procs] == [0, 0]
        return [json.loads(out) for out in outs]

    first = both()
    assert [r["answered"] for r in first] == [20, 20]
    assert sandbox.calls("molo", TOKEN) == 1
    assert sorted(g for r in first for g in r["grants"]) == ["authorization_code"]

    sandbox.expire_tokens("molo")  # both start with the saved token, are refused, refresh
    second = both()
    assert [r["answered"] for r in second] == [20, 20]
    assert sandbox.calls("molo", TOKEN) == 2
    assert sorted(g for r in second for g in r["grants"]) == ["refresh_token"]
