"""Batch functions for per-request dataloaders (aiodataloader), GraphQL-free.

Results are matched by key, never by position: providers skip, reorder and
repeat rows. A key the provider does not have is None for that key alone; any
other failure is that key's exception (the loader hands it to the one field).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Hashable
from typing import Any, TypeVar

from .errors import ProviderNotFound

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def batch_by_key(
    fetch_one: Callable[[K], Awaitable[V]],
    *,
    concurrency: int,
) -> Callable[[list[K]], Coroutine[Any, Any, list[V | None | Exception]]]:
    """One call per distinct key, at most `concurrency` at a time."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")

    async def load(keys: list[K]) -> list[V | None | Exception]:
        limit = asyncio.Semaphore(concurrency)

        async def one(key: K) -> V | None | Exception:
            async with limit:
                try:
                    return await fetch_one(key)
                except ProviderNotFound:
                    return None
                except Exception as exc:  # handed to that key's field alone
                    return exc

        distinct = list(dict.fromkeys(keys))
        results = await asyncio.gather(*(one(k) for k in distinct))
        by_key = dict(zip(distinct, results, strict=True))
        return [by_key[k] for k in keys]

    return load
