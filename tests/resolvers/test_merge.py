from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

from resolvers.merge import SortKey, merge_newest_first, sorted_source

BASE = datetime(2026, 1, 1, tzinfo=UTC)


def rows(provider: str, count: int, seed: int) -> list[tuple[str, datetime]]:
    rng = random.Random(seed)
    # Some timestamps repeat, within and across providers: ties must still be exact.
    return [(f"{provider}-{i}", BASE + timedelta(minutes=rng.randrange(50))) for i in range(count)]


def key(row: tuple[str, datetime]) -> SortKey:
    ident, created = row
    return SortKey(created, ident.split("-")[0], ident)


class Counting:
    def __init__(self, items: list[tuple[str, datetime]]) -> None:
        self.items = items
        self.pulled = 0

    async def source(self) -> AsyncIterator[tuple[str, datetime]]:
        async for row in sorted_source(self.items, key):
            self.pulled += 1
            yield row


async def test_walking_a_merged_list_yields_every_record_once_newest_first() -> None:
    data = {
        "finmo": rows("finmo", 37, 1),
        "molo": rows("molo", 23, 2),
        "finos": rows("finos", 5, 3),
    }
    everything = sorted((r for rs in data.values() for r in rs), key=key, reverse=True)
    for page in (1, 3, 7, 100):
        seen: list[tuple[str, datetime]] = []
        after: SortKey | None = None
        while True:
            sources = [sorted_source(rs, key) for rs in data.values()]
            merged = await merge_newest_first(sources, key, first=page, after=after)
            seen += [row for _, row in merged.items]
            if not merged.has_more:
                break
            after = merged.items[-1][0]
        assert seen == everything, page


async def test_a_page_reads_at_most_one_record_past_it_per_source() -> None:
    a, b = Counting(rows("finmo", 50, 1)), Counting(rows("molo", 50, 2))
    merged = await merge_newest_first([a.source(), b.source()], key, first=10)
    assert len(merged.items) == 10
    assert merged.has_more
    assert a.pulled + b.pulled <= 12


async def test_an_empty_merge_has_no_more() -> None:
    merged = await merge_newest_first([sorted_source([], key)], key, first=5)
    assert merged.items == []
    assert not merged.has_more


async def test_the_sources_first_records_are_read_at_once_not_one_after_another() -> None:
    """The first source answers only once the second has been asked: read one after the
    other, the page would wait on it forever (the bound turns that into a failure)."""
    second_asked = asyncio.Event()
    first_rows, second_rows = rows("finmo", 3, seed=1), rows("molo", 3, seed=2)

    async def first() -> AsyncIterator[tuple[str, datetime]]:
        await second_asked.wait()
        async for row in sorted_source(first_rows, key):
            yield row

    async def second() -> AsyncIterator[tuple[str, datetime]]:
        second_asked.set()
        async for row in sorted_source(second_rows, key):
            yield row

    merged = await asyncio.wait_for(merge_newest_first([first(), second()], key, first=6), 10)
    expected = sorted(first_rows + second_rows, key=key, reverse=True)
    assert [row for _, row in merged.items] == expected
