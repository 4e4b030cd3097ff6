"""Outbound pacing: a token bucket per provider credential.

The bucket holds up to `per_hour` requests and refills evenly, like the
provider's own limit (Finos: 10,000 an hour per API key). A call takes a slot;
when none is free it waits for the next one up to `max_wait` (and never past
the request's deadline), else fails at once with `OutboundRateLimited` rather
than drawing a 429 from the provider.

Under `fingate serve --workers N` the bucket's level lives in the supervisor's
`SharedBuckets` (shared.py), so the workers together stay under the provider's limit.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from .errors import OutboundRateLimited
from .shared import SharedBuckets

Sleep = Callable[[float], Awaitable[None]]


class TokenBucket:
    def __init__(
        self,
        provider: str,
        per_hour: int,
        *,
        max_wait: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        shared: SharedBuckets | None = None,
        key: str = "",
    ) -> None:
        self.provider = provider
        self._shared = shared
        self._key = f"pace:{provider}:{key}"
        self._capacity = float(per_hour)
        self._rate = per_hour / 3600.0
        self._max_wait = max_wait
        self._clock = clock
        self._sleep = sleep
        self._tokens = self._capacity
        self._last = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._last) * self._rate)
        self._last = now

    async def acquire(self, *, limit: float | None = None) -> None:
        """Take a slot, waiting up to `max_wait` (or `limit`, if smaller) for one."""
        allowed = self._max_wait if limit is None else min(self._max_wait, limit)
        if self._shared is not None:
            draw = self._shared.take(self._key, self._capacity, self._rate, 1.0, allowed)
            if not draw.granted:
                raise OutboundRateLimited(self.provider, draw.wait)
            if draw.wait > 0:
                await self._sleep(draw.wait)
            return
        self._refill()
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return
        wait = (1.0 - self._tokens) / self._rate
        if wait > allowed:
            raise OutboundRateLimited(self.provider, wait)
        self._tokens -= 1.0  # reserved: later callers queue behind this one
        await self._sleep(wait)
