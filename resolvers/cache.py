"""Reference data cache: a TTL per kind, keys scoped by credential, single-flight fills.

cachetools caches values, not coroutines; the fill runs once per key however
many callers miss at the same moment (they wait on the same task). A
failed fill is not cached: the next caller tries again. The fill is a task of
its own that every caller, the first included, awaits through
`asyncio.shield`: a caller that is cancelled (graphql-core cancels a failed
field's siblings) leaves the fill running for the others.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar, cast

from cachetools import TTLCache

from .resilience.quota import uncharged

T = TypeVar("T")

_MISS = object()  # sentinel: cache miss (a cached value may be None)


class RefCache:
    def __init__(
        self,
        ttls: dict[str, float],
        *,
        maxsize: int = 1024,
        timer: Callable[[], float] = time.monotonic,
        enabled: bool = True,
    ) -> None:
        self._caches: dict[str, TTLCache[Hashable, Any]] = {
            kind: TTLCache(maxsize=maxsize, ttl=ttl, timer=timer) for kind, ttl in ttls.items()
        }
        self._inflight: dict[tuple[str, Hashable], asyncio.Future[Any]] = {}  # fills running
        self.enabled = enabled
        self.loads = 0  # fills performed, for tests and metrics

    async def get_or_load(
        self, kind: str, scope: str, key: Hashable, load: Callable[[], Awaitable[T]]
    ) -> T:
        """The cached value for (scope, key) of `kind`, loading it once on a miss."""
        if not self.enabled:
            return await load()
        cache = self._caches[kind]
        full_key = (scope, key)
        value = cache.get(full_key, _MISS)
        if value is not _MISS:
            return cast(T, value)
        inflight = (kind, full_key)
        pending = self._inflight.get(inflight)
        if pending is None:
            pending = asyncio.ensure_future(self._fill(cache, full_key, load))
            self._inflight[inflight] = pending
            pending.add_done_callback(lambda done: self._forget(inflight, done))
        return cast(T, await asyncio.shield(pending))

    async def _fill(
        self, cache: TTLCache[Hashable, Any], full_key: Hashable, load: Callable[[], Awaitable[T]]
    ) -> T:
        with uncharged():  # shared by every caller: charged to none (resilience.quota)
            value = await load()
        cache[full_key] = value
        self.loads += 1
        return value

    def _forget(self, inflight: tuple[str, Hashable], done: asyncio.Future[Any]) -> None:
        if self._inflight.get(inflight) is done:
            del self._inflight[inflight]
        if not done.cancelled():
            done.exception()  # retrieved: a failure nobody awaits is not "never retrieved"

    def invalidate(self, kind: str | None = None) -> None:
        for name, cache in self._caches.items():
            if kind is None or name == kind:
                cache.clear()
