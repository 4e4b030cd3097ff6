"""Finos pages as windows: cursors carry the resume id, a held list pages the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from resolvers.brokerage.paging import page_args, sort_key, window, window_in_memory
from resolvers.cursors import Position, decode_cursor, encode_cursor
from resolvers.finos import Page
from resolvers.merge import SortKey
from resolvers.refusals import BadInput


@dataclass(frozen=True)
class Row:
    id: str
    day: int


ROWS = [Row(f"r{d}", d) for d in range(1, 6)]


def key(r: Row) -> SortKey:
    return sort_key(datetime(2026, 1, r.day, tzinfo=UTC), r.id)


def test_a_cursor_carries_the_finos_id_to_resume_after() -> None:
    page = Page(items=(ROWS[0],), next_cursor="r1")
    rows = window(page, page_args(1, None), key, lambda r: r.id)
    cursor, _ = rows.rows[0]
    assert decode_cursor(cursor).hints == {"finos": "r1"}
    assert page_args(1, cursor).starting_after == "r1"
    assert rows.has_next and not rows.has_previous


def test_a_list_held_whole_pages_newest_first_after_the_cursor() -> None:
    first = window_in_memory(ROWS, page_args(2, None), key, lambda r: r.id)
    assert [r.id for _, r in first.rows] == ["r5", "r4"] and first.has_next
    after = page_args(2, first.rows[-1][0])
    second = window_in_memory(ROWS, after, key, lambda r: r.id)
    assert [r.id for _, r in second.rows] == ["r3", "r2"] and second.has_previous


def test_a_cursor_without_a_finos_id_is_refused_on_after() -> None:
    foreign = encode_cursor(Position(SortKey(datetime(2026, 1, 1, tzinfo=UTC), "molo", "1")))
    with pytest.raises(BadInput) as caught:
        page_args(1, foreign)
    assert caught.value.extensions == {"field": "after"}
