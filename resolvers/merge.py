"""Merge several providers' lists into one, newest first, resumable at any position.

Every record has a sort key (created_at, provider, id); the merged list is in
descending key order. A position is the key of the last record handed out, so
resuming after it yields each record exactly once, whatever page sizes were
used and whichever providers the records came from.
"""

from __future__ import annotations

import asyncio
import heapq
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class SortKey:
    created_at: datetime
    provider: str
    id: str


@dataclass(frozen=True)
class Merged(Generic[T]):
    items: list[tuple[SortKey, T]]
    has_more: bool


class _Desc:
    """Reverses the order of a SortKey for heapq (a min-heap)."""

    __slots__ = ("key",)

    def __init__(self, key: SortKey) -> None:
        self.key = key

    def __lt__(self, other: _Desc) -> bool:
        return self.key > other.key


async def merge_newest_first(
    sources: Sequence[AsyncIterator[T]],
    key: Callable[[T], SortKey],
    *,
    first: int,
    after: SortKey | None = None,
) -> Merged[T]:
    """Up to `first` records older than `after`, newest first, from sources that are
    each already newest first. Reads at most one record past the page per source; the
    sources' first records are read concurrently (ties stay in source order)."""
    heap: list[tuple[_Desc, int, T]] = []

    async def pull(index: int) -> None:
        async for item in sources[index]:
            k = key(item)
            if after is not None and k >= after:
                continue
            heapq.heappush(heap, (_Desc(k), index, item))
            return

    # every source's first record at once: a slow provider delays the page by its own
    # latency, not by the sum, and cannot spend the others' share of the deadline
    try:
        async with asyncio.TaskGroup() as group:
            for index in range(len(sources)):
                group.create_task(pull(index))
    except BaseExceptionGroup as failed:  # a source's own error, not a group of one
        raise failed.exceptions[0] from None
    out: list[tuple[SortKey, T]] = []
    while heap and len(out) < first:
        desc, index, item = heapq.heappop(heap)
        out.append((desc.key, item))
        await pull(index)
    return Merged(out, has_more=bool(heap))


async def sorted_source(items: Sequence[T], key: Callable[[T], SortKey]) -> AsyncIterator[T]:
    """A plain list (Finmo, Molo) as a newest-first source."""
    for item in sorted(items, key=key, reverse=True):
        yield item
