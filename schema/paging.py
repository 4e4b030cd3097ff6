"""Relay connections over plain lists (Finmo, Molo, the people indexes), merged newest first.

The sorting and paging are the data layer's (resolvers.people_paging);
`connect` makes the page a `Connection`, keeping the healthy providers' records
when one of several fails (schema.errors.partial_sources).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, TypeVar

from resolvers.people_paging import Listed, merged_page

from .errors import partial_sources
from .relay import Connection

T = TypeVar("T", bound=Listed)

__all__ = ["connect", "empty"]


async def connect(
    sources: Sequence[AsyncIterator[T]],
    *,
    first: int | None,
    after: str | None,
    info: Any = None,
) -> Connection[T]:
    """With `info`, a list over several providers keeps the healthy ones' records when
    one fails, and reports that one's error (schema.errors.partial_sources)."""
    if info is not None:
        sources = partial_sources(info, sources)
    page = await merged_page(sources, first=first, after=after)
    return Connection.of(page, lambda item: item)


def empty() -> Connection[Any]:
    return Connection.build([], has_next=False, has_previous=False)
