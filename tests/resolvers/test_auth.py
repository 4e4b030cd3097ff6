"""TokenSource and TokenAuth: one fetch for many waiters, one refresh per 401."""

from __future__ import annotations

import asyncio
import base64

import httpx

from resolvers.auth import BasicUsernameAuth, StaticBearerAuth, Token, TokenAuth, TokenSource


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class CountingSource(TokenSource):
    def __init__(self, clock: Clock, ttl: float | None = 60.0) -> None:
        super().__init__(skew=10.0, clock=clock)
        self.ttl = ttl
        self.issued = 0

    async def fetch(self, current: Token | None) -> Token:
        await asyncio.sleep(0)  # let other waiters pile up behind the lock
        self.issued += 1
        return Token(f"tok-{self.issued}", expires_at=self.expires_in(self.ttl))


async def test_token_is_fetched_once_for_concurrent_requests() -> None:
    source = CountingSource(Clock())
    tokens = await asyncio.gather(*(source.token() for _ in range(50)))
    assert set(tokens) == {"tok-1"}
    assert source.fetches == 1


async def test_token_is_refreshed_before_it_expires() -> None:
    clock = Clock()
    source = CountingSource(clock)
    assert await source.token() == "tok-1"
    clock.now += 49  # 11 s left, more than the 10 s skew
    assert await source.token() == "tok-1"
    clock.now += 2  # 9 s left: refresh early
    assert await source.token() == "tok-2"


async def test_a_rejected_token_is_replaced_once_for_all_who_saw_it() -> None:
    source = CountingSource(Clock())
    first = await source.token()
    replacements = await asyncio.gather(*(source.refresh(first) for _ in range(10)))
    assert set(replacements) == {"tok-2"}
    assert source.fetches == 2


async def test_a_401_refreshes_once_and_resends_once() -> None:
    source = CountingSource(Clock())
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        ok = request.headers["Authorization"] == "Bearer tok-2"
        return httpx.Response(200 if ok else 401, json={})

    transport = httpx.MockTransport(handler)
    async with httpx.AsyncClient(transport=transport, auth=TokenAuth(source)) as http:
        response = await http.get("http://127.0.0.1/x")
    assert response.status_code == 200
    assert seen == ["Bearer tok-1", "Bearer tok-2"]


async def test_a_token_that_keeps_failing_is_not_retried_forever() -> None:
    source = CountingSource(Clock())
    calls = 0

    def handler(_: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(401, json={})

    transport = httpx.MockTransport(handler)
    async with httpx.AsyncClient(transport=transport, auth=TokenAuth(source)) as http:
        response = await http.get("http://127.0.0.1/x")
    assert response.status_code == 401
    assert calls == 2
    assert source.fetches == 2


async def test_static_schemes_set_their_headers_and_hide_the_secret() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(200)

    transport = httpx.MockTransport(handler)
    for auth in (StaticBearerAuth("abc"), BasicUsernameAuth("sk_key")):
        async with httpx.AsyncClient(transport=transport, auth=auth) as http:
            await http.get("http://127.0.0.1/x")
    assert seen == ["Bearer abc", "Basic " + base64.b64encode(b"sk_key:").decode()]
    assert "secret" not in repr(Token("secret", refresh_token="secret-too"))
