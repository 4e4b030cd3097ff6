"""A per-caller share of each provider's quota, charged on actual upstream calls.

A provider's quota (Finos: 10,000 requests an hour per API key, for every caller of
the gateway together) is shared; one caller may use `share` of it per hour. The
caller is the one the gateway serves (token subject, API key id, or client address),
set for the request with `caller_scope`; calls made outside one (start-up, a shared
cache fill: `uncharged`) are charged to nobody. A caller whose share is spent gets
`CallerQuotaExceeded` (QUOTA_EXCEEDED, with retryAfter) for that provider only;
other callers are not affected.

`CallerQuota` is the small interface (shared state: CONVENTIONS); `MemoryCallerQuota`
is the in-process implementation, a token bucket per (provider, caller), kept in the
workers' `SharedBuckets` (shared.py) when several processes serve together.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from .errors import OutboundRateLimited
from .shared import SharedBuckets

_CALLER: ContextVar[str | None] = ContextVar("fingate_quota_caller", default=None)


@contextmanager
def caller_scope(caller: str | None) -> Iterator[None]:
    """Charge the upstream calls made in this block (and its tasks) to `caller`."""
    token = _CALLER.set(caller)
    try:
        yield
    finally:
        _CALLER.reset(token)


@contextmanager
def uncharged() -> Iterator[None]:
    """A block whose calls are charged to no caller (a fill shared by every caller)."""
    with caller_scope(None):
        yield


def current_caller() -> str | None:
    return _CALLER.get()


class CallerQuotaExceeded(OutboundRateLimited):
    code = "QUOTA_EXCEEDED"

    def __init__(self, provider: str, wait: float) -> None:
        super().__init__(provider, wait)
        self.message = (
            f"your share of {provider}'s request quota is used up; retry after {wait:.0f} s"
        )
        self.args = (f"{provider}: {self.message}",)


class CallerQuota(Protocol):
    def take(self, provider: str, caller: str) -> float | None:
        """Charge one call; None when it fits, else the seconds until it would."""


class MemoryCallerQuota:
    """Per (provider, caller): `per_hour[provider] * share` calls, refilled evenly over
    an hour; a provider with no figure is not limited. The most recent `max_callers`
    buckets are kept."""

    def __init__(
        self,
        per_hour: Mapping[str, int | None],
        share: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_callers: int = 100_000,
        shared: SharedBuckets | None = None,
    ) -> None:
        self._shared = shared
        self._capacity = {
            p: max(1.0, n * share) for p, n in per_hour.items() if n is not None and share > 0
        }
        self._clock = clock
        self._max_callers = max_callers
        self._buckets: OrderedDict[tuple[str, str], tuple[float, float]] = OrderedDict()

    def capacity(self, provider: str) -> float | None:
        return self._capacity.get(provider)

    def take(self, provider: str, caller: str) -> float | None:
        capacity = self._capacity.get(provider)
        if capacity is None:
            return None
        rate = capacity / 3600.0
        if self._shared is not None:
            draw = self._shared.take(f"quota:{provider}:{caller}", capacity, rate)
            return None if draw.granted else float(max(1, math.ceil(draw.wait)))
        now = self._clock()
        level, since = self._buckets.pop((provider, caller), (capacity, now))
        level = min(capacity, level + (now - since) * rate)
        wait: float | None = None
        if level >= 1.0:
            level -= 1.0
        else:
            wait = float(max(1, math.ceil((1.0 - level) / rate)))
        self._buckets[(provider, caller)] = (level, now)
        while len(self._buckets) > self._max_callers:
            self._buckets.popitem(last=False)
        return wait
