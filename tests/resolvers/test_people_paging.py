"""Pages of plain lists merged newest first: every record once, whatever the page size."""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from resolvers.people_paging import lazy_source, merged_page, sort_key
from resolvers.refusals import BadInput


class Where(enum.Enum):
    A = "a"
    B = "b"


@dataclass(frozen=True)
class Row:
    provider: Where
    provider_id: int
    created_at: datetime | None


def rows(where: Where, days: Sequence[int | None]) -> list[Row]:
    return [
        Row(where, i, None if d is None else datetime(2024, 1, d, tzinfo=UTC))
        for i, d in enumerate(days)
    ]


def sources() -> list[AsyncIterator[Row]]:
    a, b = rows(Where.A, [1, 5, None]), rows(Where.B, [3, 5, 2])

    async def load_a() -> list[Row]:
        return a

    async def load_b() -> list[Row]:
        return b

    return [lazy_source(load_a), lazy_source(load_b)]


async def test_a_walk_in_small_pages_yields_every_record_once_newest_first() -> None:
    seen: list[Row] = []
    after: str | None = None
    while True:
        page = await merged_page(sources(), first=2, after=after)
        seen.extend(row for _, row in page.rows)
        assert page.has_previous == (after is not None)
        if not page.has_next:
            break
        after = page.rows[-1][0]
    assert len(seen) == 6 and len(set(seen)) == 6
    assert seen == sorted(seen, key=sort_key, reverse=True)
    assert seen[-1].created_at is None  # a record with no date sorts oldest


async def test_a_cursor_from_elsewhere_is_bad_input_on_after() -> None:
    with pytest.raises(BadInput) as caught:
        await merged_page(sources(), first=2, after="nonsense")
    assert caught.value.extensions.get("field") == "after"
