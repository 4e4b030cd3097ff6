"""Rollovers (`/v1/rollovers`, ACATS transfers into an IRA) and account statements
(`/v1/statements`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

from ..base import seg
from .base import MAX_LIMIT, FinosBase
from .inputs import RolloverRequest
from .records.common import Page
from .records.managed import Rollover, Statement


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    return value.isoformat()


class RolloversMixin(FinosBase):
    async def create_rollover(
        self, request: RolloverRequest, *, idempotency_key: str | None = None
    ) -> Rollover:
        """`POST /v1/rollovers`."""
        payload = await self._post("/v1/rollovers", request.to_json(), idempotency_key)
        return self._parse(Rollover, payload)

    async def get_rollover(self, rollover_id: str) -> Rollover:
        """`GET /v1/rollovers/{id}`."""
        return await self._get_one(Rollover, f"/v1/rollovers/{seg(rollover_id)}")

    async def get_statement(self, statement_id: str) -> Statement:
        """`GET /v1/statements/{id}`."""
        return await self._get_one(Statement, f"/v1/statements/{seg(statement_id)}")

    async def list_statements(
        self,
        account_id: str,
        *,
        start_date: dt.date | dt.datetime | None = None,
        end_date: dt.date | dt.datetime | None = None,
        limit: int | None = None,
        starting_after: str | None = None,
    ) -> Page[Statement]:
        """`GET /v1/statements?account_id=...`: one page (the provider defaults the dates)."""
        return await self._page(
            Statement,
            "/v1/statements",
            limit=limit,
            starting_after=starting_after,
            account_id=account_id,
            start_date=_iso(start_date),
            end_date=_iso(end_date),
        )

    def iter_statements(
        self,
        account_id: str,
        *,
        start_date: dt.date | dt.datetime | None = None,
        end_date: dt.date | dt.datetime | None = None,
        cap: int | None = None,
        limit: int = MAX_LIMIT,
    ) -> AsyncIterator[Statement]:
        return self._walk(
            self.list_statements,
            cap,
            account_id,
            start_date=start_date,
            end_date=end_date,
            limit=limit,
        )
