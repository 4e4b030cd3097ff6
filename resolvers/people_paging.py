"""Pages of plain lists (Finmo, Molo, the people indexes), merged newest first.

Each list arrives whole, is sorted here by (createdAt, provider, provider id)
descending, and the page starts after the cursor's position, so a walk yields
every record once whatever the page sizes, over one provider or several. A page
is a `Window` of (cursor, record), which schema.relay.Connection turns into edges.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

from .cursors import OLDEST, Position, Window, encode_cursor, page_args
from .merge import SortKey, merge_newest_first, sorted_source


class Named(Protocol):
    """A provider as a listed record names it (an enum member whose value is its name)."""

    @property
    def value(self) -> str: ...


class Listed(Protocol):
    """A record of a merged list: whose it is, its id there, when it was made."""

    @property
    def provider(self) -> Named: ...

    @property
    def provider_id(self) -> Any: ...

    @property
    def created_at(self) -> datetime | None: ...


T = TypeVar("T", bound=Listed)


def within_provider(created_at: datetime | None, provider_id: object) -> tuple[datetime, str]:
    """A record's place among one provider's records in the merge's order: `sort_key`
    without the provider (the same for all of them). A source that sorts its raw
    records on this yields them in the order the merge expects."""
    return (created_at or OLDEST, str(provider_id))


def sort_key(item: Listed) -> SortKey:
    created_at, provider_id = within_provider(item.created_at, item.provider_id)
    return SortKey(created_at, item.provider.value, provider_id)


async def lazy_source(load: Callable[[], Awaitable[Sequence[T]]]) -> AsyncIterator[T]:
    """A list read only when the merge first asks it for a record, newest first."""
    async for item in sorted_source(await load(), sort_key):
        yield item


async def merged_page(
    sources: Sequence[AsyncIterator[T]], *, first: int | None, after: str | None
) -> Window[T]:
    """The page after `after` (BadInput for a wrong `first` or `after`) of the sources,
    each newest first, merged newest first."""
    size, position = page_args(first, after)
    resume = position.key if position else None
    merged = await merge_newest_first(sources, sort_key, first=size, after=resume)
    rows = [(encode_cursor(Position(key)), item) for key, item in merged.items]
    return Window(rows, has_next=merged.has_more, has_previous=after is not None)
