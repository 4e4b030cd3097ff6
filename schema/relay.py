"""Relay connections (the GraphQL types) over any provider's pagination, one opaque cursor.

The cursors, page arguments and page windows are the data layer's
(resolvers.cursors, re-exported here); this module holds the types a client
sees and `Connection.of`, which maps a window's records to nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from resolvers.cursors import (
    DEFAULT_PAGE,
    MAX_PAGE,
    OLDEST,
    InvalidCursor,
    Position,
    Window,
    decode_cursor,
    encode_cursor,
    page_args,
    page_size,
)

T = TypeVar("T")
R = TypeVar("R")

__all__ = [
    "DEFAULT_PAGE",
    "MAX_PAGE",
    "OLDEST",
    "Connection",
    "Edge",
    "InvalidCursor",
    "PageInfo",
    "Position",
    "decode_cursor",
    "encode_cursor",
    "page_args",
    "page_size",
]


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo

    @classmethod
    def build(cls, edges: list[Edge[T]], *, has_next: bool, has_previous: bool) -> Connection[T]:
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=has_next,
                has_previous_page=has_previous,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
        )

    @classmethod
    def of(cls, window: Window[R], node: Callable[[R], T]) -> Connection[T]:
        """The edges of a data-layer page, each record mapped by `node`."""
        edges = [Edge(cursor=cursor, node=node(row)) for cursor, row in window.rows]
        return cls.build(edges, has_next=window.has_next, has_previous=window.has_previous)
