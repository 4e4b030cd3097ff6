"""Relay connections over plain lists (Finmo, Molo, the people indexes), merged newest first.

Each list arrives whole, is sorted here by (createdAt, provider, provider id)
descending, and the page starts after the cursor's position, so a walk yields
every record once whatever the page sizes, over one provider or several.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from resolvers.merge import SortKey, merge_newest_first, sorted_source

from .common import Provider
from .errors import partial_sources
from .relay import OLDEST, Connection, Edge, Position, encode_cursor, page_args


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
    resume = position.key if position else None
    merged = await merge_newest_first(sources, sort_key, first=size, after=resume)
    edges = [Edge(cursor=encode_cursor(Position(key)), node=item) for key, item in merged.items]
    return Connection.build(edges, has_next=merged.has_more, has_previous=after is not None)


def empty() -> Connection[Any]:
    return Connection.build([], has_next=False, has_previous=False)
