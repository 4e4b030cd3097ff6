"""One way to walk every provider's lists: lazily, in pages, up to a cap.

iter_cursor  Finos: `limit` + `starting_after`, `pagination.next_page` says where next
iter_pages   FinanceIt: `page` + `limit`, a short page is the last
iter_plain   Finmo and Molo: the whole list in one answer
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


async def iter_cursor(
    fetch: Callable[[str | None], Awaitable[tuple[Sequence[T], str | None]]],
    *,
    cap: int | None = None,
) -> AsyncIterator[T]:
    """`fetch(cursor)` returns a page and the next cursor (None at the end)."""
    seen = 0
    cursor: str | None = None
    while True:
        items, cursor = await fetch(cursor)
        for item in items:
            if cap is not None and seen >= cap:
                return
            seen += 1
            yield item
        if cursor is None or not items or (cap is not None and seen >= cap):
            return


async def iter_pages(
    fetch: Callable[[int, int], Awaitable[Sequence[T]]],
    *,
    limit: int,
    cap: int | None = None,
    first_page: int = 1,
) -> AsyncIterator[T]:
    """`fetch(page, limit)` returns one page; a page shorter than `limit` is the last."""
    seen = 0
    page = first_page
    while True:
        items = await fetch(page, limit)
        for item in items:
            if cap is not None and seen >= cap:
                return
            seen += 1
            yield item
        if len(items) < limit or (cap is not None and seen >= cap):
            return
        page += 1


async def iter_plain(
    fetch: Callable[[], Awaitable[Sequence[T]]], *, cap: int | None = None
) -> AsyncIterator[T]:
    """`fetch()` returns the whole list."""
    items = await fetch()
    for seen, item in enumerate(items):
        if cap is not None and seen >= cap:
            return
        yield item
