"""Auth flows for the provider clients, as httpx.Auth.

Static credentials (Finmo's Bearer token, Finos's key) set a header. Issued
tokens (FinanceIt, Molo) come from a `TokenSource`: it caches the token,
refreshes it before expiry, and fetches it once however many requests wait
for it (one asyncio.Lock, checked again after it is taken). `TokenAuth`
refreshes once on a 401 and re-sends the request once.
"""

from __future__ import annotations

import abc
import asyncio
import base64
import time
from collections.abc import AsyncGenerator, Callable, Generator
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Token:
    access_token: str
    expires_at: float | None = None  # monotonic-clock seconds; None: no known expiry
    refresh_token: str | None = None

    def __repr__(self) -> str:  # never show the secret parts
        return f"Token(expires_at={self.expires_at!r})"


class StaticBearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class BasicUsernameAuth(httpx.Auth):
    """HTTP Basic with the key as user name and an empty password (Finos)."""

    def __init__(self, username: str) -> None:
        raw = base64.b64encode(f"{username}:".encode()).decode("ascii")
        self._header = f"Basic {raw}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class TokenSource(abc.ABC):
    """A cached, single-flight access token.

    Subclasses implement `fetch(current)`: get a new token from the provider
    (`current` is the token being replaced, or None). Everything else is here.
    """

    def __init__(self, *, skew: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._token: Token | None = None
        self._lock = asyncio.Lock()
        self._skew = skew
        self._clock = clock
        self.fetches = 0  # how many times a token was fetched, for tests and metrics

    @abc.abstractmethod
    async def fetch(self, current: Token | None) -> Token:
        """A new token from the provider."""

    def _fresh(self, token: Token | None) -> bool:
        if token is None:
            return False
        return token.expires_at is None or token.expires_at - self._skew > self._clock()

    async def token(self) -> str:
        token = self._token
        if self._fresh(token):
            assert token is not None
            return token.access_token
        async with self._lock:
            if not self._fresh(self._token):
                self._token = await self.fetch(self._token)
                self.fetches += 1
            assert self._token is not None
            return self._token.access_token

    async def refresh(self, rejected: str) -> str:
        """A new token after `rejected` got a 401, unless another request already replaced it."""
        async with self._lock:
            if self._token is None or self._token.access_token == rejected:
                self._token = await self.fetch(self._token)
                self.fetches += 1
            return self._token.access_token

    def expires_in(self, seconds: float | None) -> float | None:
        return None if seconds is None else self._clock() + float(seconds)


class TokenAuth(httpx.Auth):
    """Bearer token from a TokenSource; on 401 one refresh and one re-send."""

    def __init__(self, source: TokenSource) -> None:
        self._source = source

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("provider clients are async only")

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = await self._source.token()
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:
            await response.aread()
            token = await self._source.refresh(token)
            request.headers["Authorization"] = f"Bearer {token}"
            yield request
