"""The error boundary every provider client shares, through httpx.MockTransport."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from resolvers.base import MAX_URL_BYTES, ProviderClient, build_http_client, scope_of
from resolvers.config import HttpConfig
from resolvers.errors import (
    FieldError,
    ProviderAuthError,
    ProviderBadResponse,
    ProviderConflict,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
    ProviderValidationError,
    RequestTooLong,
)

SECRET = "sk_live_supersecret"


class DemoClient(ProviderClient):
    provider = "demo"

    @property
    def credential_scope(self) -> str:
        return scope_of("demo", SECRET)

    def parse_error(self, body: Any) -> tuple[str | None, tuple[FieldError, ...]]:
        fields = tuple(FieldError(f, m) for f, m in body.get("fields", {}).items())
        return body.get("message"), fields

    async def get(self, path: str, **params: Any) -> Any:
        return await self._send("GET", path, params=params or None)


def client_for(handler: Callable[[httpx.Request], httpx.Response]) -> DemoClient:
    http = build_http_client(
        "http://127.0.0.1:9/api",
        HttpConfig(),
        transport=httpx.MockTransport(handler),
    )
    http.headers["Authorization"] = f"Bearer {SECRET}"
    return DemoClient(http)


@pytest.mark.parametrize(
    ("status", "error_class", "code"),
    [
        (400, ProviderValidationError, "PROVIDER_VALIDATION"),
        (401, ProviderAuthError, "UNAUTHENTICATED_UPSTREAM"),
        (403, ProviderAuthError, "UNAUTHENTICATED_UPSTREAM"),
        (404, ProviderNotFound, "NOT_FOUND"),
        (409, ProviderConflict, "PROVIDER_CONFLICT"),
        (422, ProviderValidationError, "PROVIDER_VALIDATION"),
        (429, ProviderRateLimited, "RATE_LIMITED"),
        (500, ProviderUnavailable, "PROVIDER_UNAVAILABLE"),
        (503, ProviderUnavailable, "PROVIDER_UNAVAILABLE"),
    ],
)
async def test_error_statuses_map_to_one_class_each(
    status: int, error_class: type[ProviderError], code: str
) -> None:
    body = {"message": "amount is required", "fields": {"amount": "is required"}}
    async with client_for(lambda _: httpx.Response(status, json=body)) as client:
        with pytest.raises(error_class) as info:
            await client.get("/things")
    err = info.value
    assert type(err) is error_class
    assert (err.code, err.status, err.provider, err.message) == (
        code,
        status,
        "demo",
        "amount is required",
    )
    if isinstance(err, ProviderValidationError):
        assert err.field_errors == (FieldError("amount", "is required"),)


async def test_retry_after_is_read_in_seconds_and_as_a_date() -> None:
    headers = {"Retry-After": "7"}
    async with client_for(lambda _: httpx.Response(429, headers=headers, json={})) as client:
        with pytest.raises(ProviderRateLimited) as info:
            await client.get("/x")
    assert info.value.retry_after == 7.0

    headers = {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}  # in the past: retry now
    async with client_for(lambda _: httpx.Response(503, headers=headers)) as client:
        with pytest.raises(ProviderUnavailable) as unavailable:
            await client.get("/x")
    assert unavailable.value.retry_after == 0.0


async def test_an_unreadable_error_body_still_gives_a_clear_message() -> None:
    async with client_for(lambda _: httpx.Response(502, text="<html>bad gateway</html>")) as c:
        with pytest.raises(ProviderUnavailable) as info:
            await c.get("/things")
    assert info.value.message == "GET /things answered 502"


async def test_a_success_that_is_not_json_is_a_bad_response() -> None:
    async with client_for(lambda _: httpx.Response(200, text="not json")) as client:
        with pytest.raises(ProviderBadResponse):
            await client.get("/things")


async def test_no_content_is_none() -> None:
    async with client_for(lambda _: httpx.Response(204)) as client:
        assert await client.get("/things") is None


def raising(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(_: httpx.Request) -> httpx.Response:
        raise exc

    return handler


async def test_a_read_timeout_may_have_reached_the_provider() -> None:
    async with client_for(raising(httpx.ReadTimeout("slow"))) as client:
        with pytest.raises(ProviderTimeout) as info:
            await client.get("/orders")
    assert info.value.maybe_sent is True
    assert info.value.code == "PROVIDER_TIMEOUT"
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)


async def test_a_connect_timeout_never_reached_the_provider() -> None:
    async with client_for(raising(httpx.ConnectTimeout("no route"))) as client:
        with pytest.raises(ProviderTimeout) as info:
            await client.get("/orders")
    assert info.value.maybe_sent is False


async def test_a_refused_connection_is_unavailable() -> None:
    async with client_for(raising(httpx.ConnectError("refused"))) as client:
        with pytest.raises(ProviderUnavailable) as info:
            await client.get("/orders")
    assert type(info.value) is ProviderUnavailable


async def test_errors_never_carry_the_credential() -> None:
    def handler(_: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"message": "bad key"})

    async with client_for(handler) as client:
        with pytest.raises(ProviderAuthError) as info:
            await client.get("/orders")
    err = info.value
    for text in (str(err), repr(err), str(err.__cause__), client.credential_scope):
        assert SECRET not in text


async def test_none_query_parameters_are_left_out() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json=[])

    async with client_for(handler) as client:
        await client._send("GET", "/loans", params={"page": 2, "state": None})
    assert seen == ["http://127.0.0.1:9/api/loans?page=2"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/stocks/" + "A" * MAX_URL_BYTES, {}),  # a long path segment
        ("/search", {"q": "é" * (MAX_URL_BYTES // 6 + 1)}),  # short, but long once encoded
        ("/stocks/" + "A" * 70_000, {}),  # over httpx's own limit ("URL too long")
    ],
    ids=["path", "encoded-query", "over-httpx-limit"],
)
async def test_a_url_over_the_limit_is_a_user_error_and_never_sent(
    path: str, params: dict[str, str]
) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    async with client_for(handler) as client:
        with pytest.raises(RequestTooLong) as info:
            await client.get(path, **params)
    assert sent == []
    assert (info.value.code, info.value.provider, info.value.status) == (
        "BAD_USER_INPUT",
        "demo",
        None,
    )
    assert "shorten the argument" in info.value.message
    assert "A" * 100 not in info.value.message  # the value itself is not echoed


async def test_a_url_just_within_the_limit_is_sent() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"ok": True})

    # base path /api + /s/ + the segment: exactly MAX_URL_BYTES
    segment = "A" * (MAX_URL_BYTES - len("/api/s/"))
    async with client_for(handler) as client:
        assert await client.get(f"/s/{segment}") == {"ok": True}
    assert len(sent[0].url.raw_path) == MAX_URL_BYTES
