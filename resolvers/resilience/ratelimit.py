"""Outbound pacing: a token bucket per provider credential.

The bucket holds up to `per_hour` requests and refills evenly, like the
provider's own limit (Finos: 10,000 an hour per API key). A call takes a slot;
when none is free it waits for the next one up to `max_wait` (and never past
the request's deadline), else fails at once with `OutboundRateLimited` rather
than drawing a 429 from the provider.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from .errors import OutboundRateLimited

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
    ) -> None:
        self.provider = provider
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
        self._refill()
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return
        wait = (1.0 - self._tokens) / self._rate
        allowed = self._max_wait if limit is None else min(self._max_wait, limit)
        if wait > allowed:
            raise OutboundRateLimited(self.provider, wait)
        self._tokens -= 1.0  # reserved: later callers queue behind this one
        await self._sleep(wait)
