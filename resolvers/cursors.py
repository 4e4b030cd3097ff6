"""Opaque cursors and page arguments, the same for every list whatever the provider pages with.

A cursor is the merge position (resolvers.merge.SortKey) of an edge plus, per
provider, the provider's own resume hint (a Finos `starting_after` id, a
FinanceIt page...), so a list over one or several providers resumes exactly
after the last edge seen. `page_args` checks `first`/`after` (BadInput naming the
wrong argument); a `Window` is one page of (cursor, record) pairs, which
schema.relay.Connection turns into edges.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Generic, TypeVar

from .merge import SortKey
from .refusals import BadInput

R = TypeVar("R")

MAX_PAGE = 100
DEFAULT_PAGE = 20


class InvalidCursor(ValueError):
    """Not a cursor this gateway issued."""


@dataclass(frozen=True)
class Position:
    key: SortKey
    hints: dict[str, str] = field(default_factory=dict)


def encode_cursor(position: Position) -> str:
    k = position.key
    raw = json.dumps(
        {"k": [k.created_at.isoformat(), k.provider, k.id], "h": position.hints},
        separators=(",", ":"),
    )
    return base64.urlsafe_b64encode(raw.encode()).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> Position:
    try:
        raw = base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii"))
        data = json.loads(raw)
        created, provider, ident = data["k"]
        hints = data.get("h", {})
        if not isinstance(hints, dict):
            raise TypeError("hints")
        return Position(
            SortKey(datetime.fromisoformat(created), str(provider), str(ident)),
            {str(p): str(h) for p, h in hints.items()},
        )
    except (binascii.Error, UnicodeError, ValueError, TypeError, KeyError) as exc:
        raise InvalidCursor(f"{cursor!r} is not a cursor from this list") from exc


@dataclass(frozen=True)
class Window(Generic[R]):
    """One page of a list: its records with their cursors, newest first."""

    rows: list[tuple[str, R]]
    has_next: bool
    has_previous: bool


OLDEST = datetime.min.replace(tzinfo=UTC)  # the sort position of a record with no date


def page_args(first: int | None, after: str | None) -> tuple[int, Position | None]:
    """`first` and `after` checked: the page size and the resume position, or BadInput
    naming the argument that is wrong."""
    try:
        size = page_size(first)
    except ValueError as exc:
        raise BadInput(str(exc), field="first") from exc
    if after is None:
        return size, None
    try:
        return size, decode_cursor(after)
    except InvalidCursor as exc:
        raise BadInput(str(exc), field="after") from exc


def page_size(first: int | None) -> int:
    """`first` checked against the limits (default 20, at most 100)."""
    if first is None:
        return DEFAULT_PAGE
    if first < 0 or first > MAX_PAGE:
        raise ValueError(f"first must be between 0 and {MAX_PAGE}")
    return first
