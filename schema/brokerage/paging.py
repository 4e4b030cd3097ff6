"""Relay connections over Finos cursor lists: one provider call per page.

Every Finos list is newest first and resumes with `starting_after=<id of the
last row seen>`. An edge's cursor carries that id as its Position's
`hints["finos"]`, so the next page is exactly one call (never a walk from the
start); the SortKey beside it keeps the cursor in the shape every list uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from resolvers.finos import Page
from resolvers.merge import SortKey

from ..common import Provider
from ..errors import BadInput
from ..relay import OLDEST, Connection, Edge, Position, encode_cursor
from ..relay import page_args as relay_page_args

R = TypeVar("R")
T = TypeVar("T")

FINOS = Provider.FINOS.value


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
    size, position = relay_page_args(first, after or None)
    if position is None:
        return PageArgs(size, None, resumed=False)
    hint = position.hints.get(FINOS)
    if not hint:
        raise BadInput(f"{after!r} is not a cursor from this list", field="after")
    return PageArgs(size, hint, resumed=True)


def sort_key(created_at: datetime | None, ident: str) -> SortKey:
    return SortKey(created_at or OLDEST, FINOS, ident)


def connection(
    page: Page[R] | None,
    args: PageArgs,
    node: Callable[[R], T],
    key: Callable[[R], SortKey],
    resume_id: Callable[[R], str],
) -> Connection[T]:
    """The edges of one provider page (None: the parent is gone, so no rows)."""
    if page is None:
        return Connection.build([], has_next=False, has_previous=args.resumed)
    edges = [
        Edge(
            cursor=encode_cursor(Position(key(row), {FINOS: resume_id(row)})),
            node=node(row),
        )
        for row in page.items
    ]
    return Connection.build(edges, has_next=page.has_more, has_previous=args.resumed)


def empty() -> Connection[T]:
    return Connection.build([], has_next=False, has_previous=False)
