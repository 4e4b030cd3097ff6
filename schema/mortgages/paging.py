"""Relay connections over Finmo's and Molo's plain lists, merged newest first.

Neither provider paginates: each list arrives whole, is sorted here by
(createdAt, provider, provider id) descending, and the page starts after the
cursor's position, so a walk yields every record once whatever the page sizes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from resolvers.merge import SortKey, merge_newest_first, sorted_source

from ..common import Provider
from ..errors import BadInput, partial_sources
from ..relay import Connection, Edge, InvalidCursor, Position, decode_cursor, encode_cursor
from ..relay import page_size as checked_page_size

OLDEST = datetime.min.replace(tzinfo=UTC)


class Listed(Protocol):
    @property
    def provider(self) -> Provider: ...

    @property
    def provider_id(self) -> Any: ...

    @property
    def created_at(self) -> datetime | None: ...


T = TypeVar("T", bound=Listed)


def sort_key(item: Listed) -> SortKey:
    return SortKey(item.created_at or OLDEST, item.provider.value, str(item.provider_id))


def page_args(first: int | None, after: str | None) -> tuple[int, SortKey | None]:
    """The page size and resume position, or BadInput naming what is wrong."""
    try:
        size = checked_page_size(first)
    except ValueError as exc:
        raise BadInput(str(exc), field="first") from exc
    if after is None:
        return size, None
    try:
        return size, decode_cursor(after).key
    except InvalidCursor as exc:
        raise BadInput(str(exc), field="after") from exc


async def lazy_source(load: Callable[[], Awaitable[Sequence[T]]]) -> AsyncIterator[T]:
    """A list read only when the merge first asks it for a record, newest first."""
    async for item in sorted_source(await load(), sort_key):
        yield item


async def connect(
    sources: Sequence[AsyncIterator[T]],
    *,
    first: int | None,
    after: str | None,
    info: Any = None,
) -> Connection[T]:
    """With `info`, a list over several providers keeps the healthy ones' records when
    one fails, and reports that one's error (schema.errors.partial_sources)."""
    size, position = page_args(first, after)
    if info is not None:
        sources = partial_sources(info, sources)
    merged = await merge_newest_first(sources, sort_key, first=size, after=position)
    edges = [Edge(cursor=encode_cursor(Position(key)), node=item) for key, item in merged.items]
    return Connection.build(edges, has_next=merged.has_more, has_previous=after is not None)


def empty() -> Connection[Any]:
    return Connection.build([], has_next=False, has_previous=False)
