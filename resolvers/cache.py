"""Reference data cache: a TTL per kind, keys scoped by credential, single-flight fills.

cachetools caches values, not coroutines; the fill runs once per key however
many callers miss at the same moment (they wait on the same future). A
failed fill is not cached: the next caller tries again.
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
        self._inflight: dict[tuple[str, Hashable], asyncio.Future[Any]] = {}
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
        pending = self._inflight.get((kind, full_key))
        if pending is not None:
            return cast(T, await asyncio.shield(pending))
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._inflight[(kind, full_key)] = future
        try:
            with uncharged():  # shared by every caller: charged to none (resilience.quota)
                value = await load()
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: waiters may be none
            raise
        else:
            cache[full_key] = value
            self.loads += 1
            future.set_result(value)
            return value
        finally:
            del self._inflight[(kind, full_key)]

    def invalidate(self, kind: str | None = None) -> None:
        for name, cache in self._caches.items():
            if kind is None or name == kind:
                cache.clear()
