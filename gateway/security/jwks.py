"""The issuer's signing keys (JWKS), fetched with httpx and cached.

PyJWT's own PyJWKClient fetches with urllib and would block the event loop;
this cache fetches asynchronously, once for any number of waiting requests
(one lock), keeps the key set for `ttl` seconds, and on an unknown `kid`
(the issuer rotated its keys) refetches at most once per `min_refresh_interval`.
Once it holds keys, an expired set is refreshed in the background: requests go
on with the keys they have instead of waiting for the issuer.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt

from .errors import Unauthenticated

log = logging.getLogger("fingate.security")


class JwksCache:
    def __init__(
        self,
        url: str,
        *,
        ttl: float = 300,
        min_refresh_interval: float = 30,
        timeout: float = 5.0,
        http: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.ttl = ttl
        self.min_refresh_interval = min_refresh_interval
        self._http = http or httpx.AsyncClient(timeout=timeout, trust_env=False)
        self._own_http = http is None
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._lock = asyncio.Lock()
        self._background: asyncio.Task[None] | None = None
        self.fetches = 0  # how many times the key set was requested

    async def key(self, kid: str | None) -> jwt.PyJWK:
        """The signing key named `kid` (or the only key, when the token names none)."""
        if not self._keys:
            await self._refresh(force=False)
        elif self._stale() and (self._background is None or self._background.done()):
            self._background = asyncio.create_task(self._refresh_quietly())
        found = self._find(kid)
        if found is None and self._may_refetch():
            await self._refresh(force=True)
            found = self._find(kid)
        if found is None:
            raise Unauthenticated("Invalid token")
        return found

    async def aclose(self) -> None:
        if self._background is not None:
            self._background.cancel()
        if self._own_http:
            await self._http.aclose()

    def _find(self, kid: str | None) -> jwt.PyJWK | None:
        if kid is None:
            return next(iter(self._keys.values())) if len(self._keys) == 1 else None
        return self._keys.get(kid)

    def _stale(self) -> bool:
        return self._fetched_at is None or self._clock() - self._fetched_at >= self.ttl

    def _may_refetch(self) -> bool:
        return (
            self._fetched_at is None
            or self._clock() - self._fetched_at >= self.min_refresh_interval
        )

    async def _refresh_quietly(self) -> None:
        try:
            await self._refresh(force=False)
        except Unauthenticated:
            pass  # logged by _refresh; the current keys stay in use

    async def _refresh(self, *, force: bool) -> None:
        fetched_before = self._fetched_at
        async with self._lock:
            if self._fetched_at != fetched_before:
                return  # another request refreshed while this one waited
            if not force and not self._stale():
                return
            try:
                answer = await self._http.get(self.url)
                answer.raise_for_status()
                self._keys = _parse(answer.json())
            except (httpx.HTTPError, ValueError, jwt.PyJWKError) as exc:
                log.warning("JWKS fetch from %s failed: %s", self.url, type(exc).__name__)
                if not self._keys:
                    raise Unauthenticated("Token keys unavailable") from exc
            finally:
                self.fetches += 1
                self._fetched_at = self._clock()


def _parse(data: Any) -> dict[str, jwt.PyJWK]:
    keys: dict[str, jwt.PyJWK] = {}
    for index, entry in enumerate(data.get("keys", []) if isinstance(data, dict) else []):
        if entry.get("use", "sig") != "sig":
            continue
        try:
            key = jwt.PyJWK.from_dict(entry)
        except jwt.PyJWKError:
            continue  # a key type this process cannot use: skip it, keep the others
        keys[key.key_id or f"#{index}"] = key
    if not keys:
        raise ValueError("no usable signing key")
    return keys
