"""Relay pages over FinanceIt's page/limit loan list.

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
A cursor without the hint (not from this list) is resumed by walking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar

from resolvers.financeit import Loan as LoanRecord
from resolvers.merge import SortKey

from ..context import Info
from ..errors import BadInput
from ..relay import Connection, Edge, Position, encode_cursor, page_args
from .types import Loan, loan_key

T = TypeVar("T")

MAX_LIMIT = 100
HINT = "financeit"


@dataclass(frozen=True)
class LoanFilter:
    state: str = "all"
    partner: int | None = None
    start: date | None = None
    end: date | None = None


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


def _position(after: str | None) -> tuple[Position | None, int | None]:
    if not after:
        return None, 0
    _, position = page_args(None, after)
    assert position is not None
    try:
        hint = position.hints.get(HINT)
        offset = int(hint) if hint is not None else None
    except ValueError as exc:
        raise BadInput(f"{after!r} is not a cursor from this list", field="after") from exc
    if offset is not None and offset < 0:
        raise BadInput(f"{after!r} is not a cursor from this list", field="after")
    return position, offset


async def _rows(
    info: Info, flt: LoanFilter, offset: int | None, size: int, position: Position | None
) -> tuple[list[tuple[int, LoanRecord]], bool]:
    """Up to size+1 (absolute index, loan) after the position; and "there may be more"."""
    client = info.context.providers.financeit
    rows: list[tuple[int, LoanRecord]] = []
    if offset is None:  # no hint: walk from the top to the cursor's key
        index = 0
        async for record in client.iter_loans(
            limit=MAX_LIMIT, state=flt.state, partner=flt.partner, start=flt.start, end=flt.end
        ):
            if position is None or loan_key(record) < position.key:
                rows.append((index, record))
                if len(rows) > size:
                    break
            index += 1
        return rows, len(rows) > size
    pages, exact = plan(offset, size)
    full = False
    for page, limit in pages:
        result = await client.loans_page(
            page=page,
            limit=limit,
            state=flt.state,
            partner=flt.partner,
            start=flt.start,
            end=flt.end,
        )
        base = (page - 1) * limit
        rows.extend((base + i, r) for i, r in enumerate(result.loans) if base + i >= offset)
        full = result.maybe_more
    rows = [(i, r) for i, r in rows if i <= offset + size]
    if position is not None:
        rows = [(i, r) for i, r in rows if loan_key(r) < position.key]
    more = len(rows) > size or (not exact and full)
    return rows, more


def connection_of(
    rows: Sequence[tuple[int, LoanRecord]], size: int, *, has_next: bool, has_previous: bool
) -> Connection[Loan]:
    edges = [
        Edge(
            cursor=encode_cursor(Position(loan_key(r), {HINT: str(index + 1)})),
            node=Loan.from_financeit(r),
        )
        for index, r in rows[:size]
    ]
    return Connection.build(edges, has_next=has_next, has_previous=has_previous)


async def loan_connection(
    info: Info, flt: LoanFilter, *, first: int | None, after: str | None
) -> Connection[Loan]:
    size, _ = page_args(first, None)
    position, offset = _position(after)
    rows, more = await _rows(info, flt, offset, size, position)
    return connection_of(rows, size, has_next=more, has_previous=position is not None)


REFERENCE_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def offset_page(
    items: Sequence[T], key_of: Callable[[T], str], *, first: int | None, after: str | None
) -> Connection[T]:
    """A page of a list held whole (cached reference data), resumed at the cursor's offset."""
    size, position = page_args(first, after)
    try:
        offset = int(position.hints[HINT]) if position else 0
    except (ValueError, KeyError) as exc:
        raise BadInput(f"{after!r} is not a cursor from this list", field="after") from exc
    if offset < 0:
        raise BadInput(f"{after!r} is not a cursor from this list", field="after")
    edges = [
        Edge(
            cursor=encode_cursor(
                Position(SortKey(REFERENCE_EPOCH, HINT, key_of(item)), {HINT: str(offset + i + 1)})
            ),
            node=item,
        )
        for i, item in enumerate(items[offset : offset + size])
    ]
    return Connection.build(
        edges, has_next=offset + size < len(items), has_previous=position is not None
    )
