"""Pages of FinanceIt's page/limit loan list as windows of (cursor, record).

GET /loans answers a bare array, newest first, `limit` (at most 100) per
`page`. An edge's cursor carries its absolute position in the filtered list
(Position.hints["financeit"]: how many loans come before the next one), so
any page is served from that offset directly, whatever its depth:

- one call when some limit in size+1..100 puts [offset, offset+size] on a
  single page (always true of the first page: limit = size+1, and the extra
  row says whether there is a next page);
- else one call of `size` when offset is a multiple of it (hasNextPage is
  then "the page was full": at the very end a client may see one empty page);
- else two pages of 100.

Rows whose sort key is not older than the cursor's are dropped, so a list
that grew at the top between two pages gives a short page, never a repeat.
A cursor without the hint (not from this list) is resumed by walking
(resolvers.loans.lists makes the calls). Lists held whole (a borrower's loans,
cached reference data) are paged here too: by sort key, or by offset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar

from ..cursors import Position, Window, encode_cursor
from ..cursors import page_args as cursor_page_args
from ..financeit import Loan
from ..merge import SortKey
from ..refusals import BadInput

T = TypeVar("T")

MAX_LIMIT = 100
HINT = "financeit"
REFERENCE_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class LoanFilter:
    """The filters of GET /loans (FinanceIt's `state`, `partner`, `start`, `end`)."""

    state: str = "all"
    partner: int | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class LoanPageArgs:
    """`first`/`after` checked: the page size, the cursor's position and its offset
    (None: a cursor without the offset hint, resumed by walking)."""

    size: int
    position: Position | None
    offset: int | None


def loan_key(record: Loan) -> SortKey:
    """Where a loan sorts in a newest-first list (FinanceIt's own order)."""
    return SortKey(record.created_at, HINT, str(record.id))


def plan(offset: int, size: int) -> tuple[list[tuple[int, int]], bool]:
    """(page, limit) pairs covering [offset, offset+size], and whether they show the end exactly."""
    want = size + 1
    for limit in range(want, MAX_LIMIT + 1):
        if offset // limit == (offset + want - 1) // limit:
            return [(offset // limit + 1, limit)], True
    if size and offset % size == 0:
        return [(offset // size + 1, size)], False
    first, last = offset // MAX_LIMIT, (offset + want - 1) // MAX_LIMIT
    return [(page + 1, MAX_LIMIT) for page in range(first, last + 1)], True


def _not_ours(after: str | None) -> BadInput:
    return BadInput(f"{after!r} is not a cursor from this list", field="after")


def page_args(first: int | None, after: str | None) -> LoanPageArgs:
    """BadInput for a page size out of range or a cursor this list did not issue."""
    size, _ = cursor_page_args(first, None)
    if not after:
        return LoanPageArgs(size, None, 0)
    _, position = cursor_page_args(None, after)
    assert position is not None
    try:
        hint = position.hints.get(HINT)
        offset = int(hint) if hint is not None else None
    except ValueError as exc:
        raise _not_ours(after) from exc
    if offset is not None and offset < 0:
        raise _not_ours(after)
    return LoanPageArgs(size, position, offset)


def window(rows: Sequence[tuple[int, Loan]], args: LoanPageArgs, *, has_next: bool) -> Window[Loan]:
    """A page of (absolute index, loan) rows; each cursor holds the offset after its row."""
    held = [
        (encode_cursor(Position(loan_key(r), {HINT: str(index + 1)})), r)
        for index, r in rows[: args.size]
    ]
    return Window(held, has_next=has_next, has_previous=args.position is not None)


def window_in_memory(records: Sequence[Loan], first: int | None, after: str | None) -> Window[Loan]:
    """One page of a newest-first list held in memory; the cursor is the sort key."""
    size, position = cursor_page_args(first, after)
    remaining = [r for r in records if position is None or loan_key(r) < position.key]
    rows = [(encode_cursor(Position(loan_key(r))), r) for r in remaining[:size]]
    return Window(rows, has_next=len(remaining) > size, has_previous=position is not None)


def offset_window(
    items: Sequence[T], key_of: Callable[[T], str], first: int | None, after: str | None
) -> Window[T]:
    """A page of a list held whole (cached reference data), resumed at the cursor's offset."""
    size, position = cursor_page_args(first, after)
    try:
        offset = int(position.hints[HINT]) if position else 0
    except (ValueError, KeyError) as exc:
        raise _not_ours(after) from exc
    if offset < 0:
        raise _not_ours(after)
    rows = [
        (
            encode_cursor(
                Position(SortKey(REFERENCE_EPOCH, HINT, key_of(item)), {HINT: str(offset + i + 1)})
            ),
            item,
        )
        for i, item in enumerate(items[offset : offset + size])
    ]
    return Window(rows, has_next=offset + size < len(items), has_previous=position is not None)
