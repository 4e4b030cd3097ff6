"""Pages of Finos cursor lists as windows of (cursor, record): one provider call per page.

Every Finos list is newest first and resumes with `starting_after=<id of the
last row seen>`. An edge's cursor carries that id as its Position's
`hints["finos"]`, so the next page is exactly one call (never a walk from the
start); the SortKey beside it keeps the cursor in the shape every list uses.
A list held whole (a borrower's own records) is paged here the same way, so a
client pages it with the same cursors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from ..cursors import OLDEST, Position, Window, encode_cursor
from ..cursors import page_args as cursor_page_args
from ..finos import Page
from ..merge import SortKey
from ..refusals import BadInput

R = TypeVar("R")

FINOS = "finos"


@dataclass(frozen=True)
class PageArgs:
    """`first`/`after` checked: the Finos `limit` and `starting_after` of one call."""

    size: int
    starting_after: str | None
    resumed: bool

    @property
    def key(self) -> tuple[int, str | None]:
        return (self.size, self.starting_after)


def page_args(first: int | None, after: str | None) -> PageArgs:
    """BadInput for a page size out of range or a cursor this list did not issue."""
    size, position = cursor_page_args(first, after or None)
    if position is None:
        return PageArgs(size, None, resumed=False)
    hint = position.hints.get(FINOS)
    if not hint:
        raise BadInput(f"{after!r} is not a cursor from this list", field="after")
    return PageArgs(size, hint, resumed=True)


def sort_key(created_at: datetime | None, ident: str) -> SortKey:
    return SortKey(created_at or OLDEST, FINOS, ident)


def window(
    page: Page[R] | None,
    args: PageArgs,
    key: Callable[[R], SortKey],
    resume_id: Callable[[R], str],
) -> Window[R]:
    """The rows of one provider page with their cursors (None: the parent is gone, so no rows)."""
    if page is None:
        return Window([], has_next=False, has_previous=args.resumed)
    rows = [(encode_cursor(Position(key(row), {FINOS: resume_id(row)})), row) for row in page.items]
    return Window(rows, has_next=page.has_more, has_previous=args.resumed)


def window_in_memory(
    rows: Sequence[R],
    args: PageArgs,
    key: Callable[[R], SortKey],
    resume_id: Callable[[R], str],
) -> Window[R]:
    """One page of rows held whole, newest first, resumed after the cursor's Finos id."""
    ordered = sorted(rows, key=key, reverse=True)
    start = 0
    if args.starting_after is not None:
        ids = [resume_id(r) for r in ordered]
        start = ids.index(args.starting_after) + 1 if args.starting_after in ids else len(ids)
    held = ordered[start : start + args.size + 1]
    page: Page[R] = Page(
        items=tuple(held[: args.size]),
        next_cursor="more" if len(held) > args.size else None,  # only has_more is read
    )
    return window(page, args, key, resume_id)


def empty() -> Window[R]:
    return Window([], has_next=False, has_previous=False)
