from __future__ import annotations

from collections.abc import Sequence

from resolvers.pagination import iter_cursor, iter_pages, iter_plain

ITEMS = list(range(23))


async def collect(it) -> list[int]:  # type: ignore[no-untyped-def]
    return [x async for x in it]


async def test_cursor_lists_are_walked_to_the_end_once() -> None:
    requests: list[str | None] = []

    async def fetch(cursor: str | None) -> tuple[Sequence[int], str | None]:
        requests.append(cursor)
        start = int(cursor) if cursor else 0
        page = ITEMS[start : start + 10]
        nxt = str(start + 10) if start + 10 < len(ITEMS) else None
        return page, nxt

    assert await collect(iter_cursor(fetch)) == ITEMS
    assert requests == [None, "10", "20"]


async def test_cursor_walk_stops_at_the_cap_without_fetching_further() -> None:
    requests = 0

    async def fetch(cursor: str | None) -> tuple[Sequence[int], str | None]:
        nonlocal requests
        requests += 1
        start = int(cursor) if cursor else 0
        return ITEMS[start : start + 10], str(start + 10)

    assert await collect(iter_cursor(fetch, cap=10)) == ITEMS[:10]
    assert requests == 1


async def test_page_lists_end_at_a_short_page() -> None:
    pages: list[int] = []

    async def fetch(page: int, limit: int) -> Sequence[int]:
        pages.append(page)
        return ITEMS[(page - 1) * limit : page * limit]

    assert await collect(iter_pages(fetch, limit=10)) == ITEMS
    assert pages == [1, 2, 3]


async def test_page_lists_honour_the_cap() -> None:
    async def fetch(page: int, limit: int) -> Sequence[int]:
        return ITEMS[(page - 1) * limit : page * limit]

    assert await collect(iter_pages(fetch, limit=5, cap=7)) == ITEMS[:7]


async def test_plain_lists_are_one_call_and_honour_the_cap() -> None:
    calls = 0

    async def fetch() -> Sequence[int]:
        nonlocal calls
        calls += 1
        return ITEMS

    assert await collect(iter_plain(fetch, cap=4)) == ITEMS[:4]
    assert calls == 1
