"""What every Finos mixin shares: error parsing, POST with idempotency, cursor pages."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import httpx
from pydantic import BaseModel

from ..base import ProviderClient
from ..cache import RefCache
from ..errors import FieldError
from ..pagination import iter_cursor
from .records.common import Page

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

MAX_LIMIT = 100  # the provider accepts limit 0..100 (default 25)
# "quantity must be greater than 0", "joint_member.ssn_number is required"
_LEADING_FIELD = re.compile(
    r"^([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*) (?:is|are|must|should|cannot|can't|does|has|may)\b"
)


def money(value: Decimal | int | str) -> str:
    """Amounts, prices and quantities go out as decimal strings, as in the reference."""
    return str(Decimal(str(value)))


def _cursor(uri: Any, *names: str) -> str | None:
    """The first of `names` found in the query of a `next_page`-style link."""
    if not isinstance(uri, str) or not uri:
        return None
    query = parse_qs(urlsplit(uri).query)
    for name in names:
        values = query.get(name)
        if values and values[0]:
            return values[0]
    return None


class FinosBase(ProviderClient):
    """The Finos client's state and helpers; the domain mixins build on these."""

    provider = "finos"

    def __init__(self, http: httpx.AsyncClient, *, cache: RefCache, scope: str) -> None:
        super().__init__(http)
        self._cache = cache
        self._scope = scope

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={str(self._http.base_url)!r})"

    @property
    def credential_scope(self) -> str:
        return self._scope

    def parse_error(self, body: Any) -> tuple[str | None, tuple[FieldError, ...]]:
        """`{"error": {"type", "message"}}`, or the list form `{"error": [{...}]}` of a 429.

        The reference names no field in an error body, but its messages lead with
        the field ("name is required"), several joined with "; ". Each part becomes
        a FieldError whose field is that leading name when the part reads
        "<field> is/must/...", else None; a `param` or `field` key wins when present.
        """
        error = body["error"]
        entries = error if isinstance(error, list) else [error]
        fields: list[FieldError] = []
        messages: list[str] = []
        for entry in entries:
            if isinstance(entry, str):
                entry = {"message": entry}
            message = str(entry.get("message") or entry.get("type") or "error")
            messages.append(message)
            named = entry.get("param") or entry.get("field")
            for part in filter(None, (p.strip() for p in message.split("; "))):
                match = _LEADING_FIELD.match(part)
                field = str(named) if named else (match.group(1) if match else None)
                fields.append(FieldError(field, part))
        return ("; ".join(messages) or None, tuple(fields))

    async def _post(self, path: str, body: Any, idempotency_key: str | None) -> Any:
        """A POST, with `Idempotency-Key` when the caller gave one."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return await self._send("POST", path, json=body, headers=headers)

    async def _get_one(self, model: type[M], path: str, **params: Any) -> M:
        return self._parse(model, await self._send("GET", path, params=params or None))

    async def _page(
        self,
        model: type[M],
        path: str,
        *,
        limit: int | None,
        starting_after: str | None,
        ending_before: str | None = None,
        order: str | None = None,
        cursor_field: str = "id",
        **filters: Any,
    ) -> Page[M]:
        """One page of a cursor list: `{"pagination": {...}, "data": [...]}`."""
        params = {
            "limit": limit,
            "starting_after": starting_after,
            "ending_before": ending_before,
            "order": order,
            **filters,
        }
        payload = await self._send("GET", path, params=params)
        if not isinstance(payload, dict):
            payload = {"data": payload}
        items = tuple(self._parse_list(model, payload.get("data") or []))
        pagination = payload.get("pagination") or {}
        next_link = pagination.get("next_page") or pagination.get("next_uri")
        next_cursor = _cursor(next_link, "starting_after")
        if next_link and next_cursor is None and items:
            # a next link without a readable cursor: the documented rule is "the id
            # of the last resource in the list"
            next_cursor = getattr(items[-1], cursor_field, None)
        previous = pagination.get("previous_page") or pagination.get("previous_uri")
        return Page(
            items=items,
            next_cursor=next_cursor,
            previous_cursor=_cursor(previous, "ending_before", "starting_after"),
            limit=pagination.get("limit"),
            order=pagination.get("order"),
        )

    @staticmethod
    def _walk(
        list_page: Callable[..., Awaitable[Page[T]]], cap: int | None, *args: Any, **kwargs: Any
    ) -> AsyncIterator[T]:
        """Every item of a cursor list: `list_page(*args, starting_after=cursor, **kwargs)`
        page by page, stopping after `cap` items."""

        async def fetch(cursor: str | None) -> tuple[tuple[T, ...], str | None]:
            result = await list_page(*args, starting_after=cursor, **kwargs)
            return result.items, result.next_cursor

        return iter_cursor(fetch, cap=cap)
