"""Shapes shared by every Finos resource: the record base, list pages, deletions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class FinosRecord(BaseModel):
    """A Finos payload: documented fields typed, undocumented ones kept as extras."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a cursor list.

    `next_cursor` is the `starting_after` of the next page, read from the
    `pagination` object's `next_page` (or `next_uri`); None on the last page.
    `previous_cursor` likewise from `previous_page`/`previous_uri`.
    """

    items: tuple[T, ...]
    next_cursor: str | None = None
    previous_cursor: str | None = None
    limit: int | None = None
    order: str | None = None

    @property
    def has_more(self) -> bool:
        return self.next_cursor is not None


class Deleted(FinosRecord):
    """`DELETE` answers: `{"id", "object", "deleted": true}`."""

    id: str
    object: str | None = None
    deleted: bool = False
