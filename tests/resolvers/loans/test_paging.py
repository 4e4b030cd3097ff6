"""FinanceIt pages as windows: any page from the cursor's offset in one or two calls, and
lists held whole paged by sort key or by offset."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resolvers.cursors import Position, decode_cursor, encode_cursor
from resolvers.financeit import Loan
from resolvers.loans.paging import (
    HINT,
    LoanPageArgs,
    loan_key,
    offset_window,
    page_args,
    plan,
    window,
    window_in_memory,
)
from resolvers.merge import SortKey
from resolvers.refusals import BadInput


def loan(ident: int, day: int) -> Loan:
    return Loan.model_validate(
        {
            "id": ident,
            "created_at": datetime(2026, 1, day, tzinfo=UTC),
            "state": "pending",
            "partner_id": 1,
        }
    )


LOANS = [loan(i, 10 - i) for i in range(1, 6)]  # newest first


def test_every_page_plan_covers_the_page_in_at_most_two_calls() -> None:
    for size in range(101):
        for offset in range(420):
            pages, exact = plan(offset, size)
            assert 1 <= len(pages) <= 2 and all(1 <= limit <= 100 for _, limit in pages)
            rows = [r for page, limit in pages for r in range((page - 1) * limit, page * limit)]
            assert rows == sorted(set(rows)), (offset, size)  # contiguous, no repeats
            want = range(offset, offset + size + (1 if exact else 0))
            assert set(want) <= set(rows), (offset, size)
            if offset == 0 and size < 100:
                assert pages == [(1, size + 1)] and exact  # a first page is one exact call


def test_a_cursor_carries_the_offset_of_the_next_loan() -> None:
    args = page_args(2, None)
    assert args == LoanPageArgs(2, None, 0)
    page = window(list(enumerate(LOANS)), args, has_next=True)
    assert [r.id for _, r in page.rows] == [1, 2]
    last = decode_cursor(page.rows[-1][0])
    assert last.hints == {HINT: "2"} and last.key == loan_key(LOANS[1])
    resumed = page_args(2, page.rows[-1][0])
    assert resumed.offset == 2 and resumed.position == last


def test_a_cursor_without_the_hint_is_resumed_by_walking_and_a_bad_hint_is_refused() -> None:
    plain = encode_cursor(Position(loan_key(LOANS[0])))
    assert page_args(None, plain).offset is None
    for hint in ("-1", "x"):
        bad = encode_cursor(Position(loan_key(LOANS[0]), {HINT: hint}))
        with pytest.raises(BadInput):
            page_args(None, bad)


def test_a_held_list_resumes_after_the_cursors_sort_key() -> None:
    first = window_in_memory(LOANS, 2, None)
    assert [r.id for _, r in first.rows] == [1, 2] and first.has_next
    second = window_in_memory(LOANS, 2, first.rows[-1][0])
    assert [r.id for _, r in second.rows] == [3, 4] and second.has_previous


def test_reference_data_pages_by_offset() -> None:
    items = ["a", "b", "c"]
    first = offset_window(items, str, 2, None)
    assert [i for _, i in first.rows] == ["a", "b"] and first.has_next
    key = decode_cursor(first.rows[0][0]).key
    assert key == SortKey(datetime(1970, 1, 1, tzinfo=UTC), HINT, "a")
    rest = offset_window(items, str, 2, first.rows[-1][0])
    assert [i for _, i in rest.rows] == ["c"] and not rest.has_next
    with pytest.raises(BadInput):
        offset_window(items, str, 2, encode_cursor(Position(key)))
