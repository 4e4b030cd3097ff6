"""Webhooks: `/v1/webhooks`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from ..base import seg
from .base import MAX_LIMIT, FinosBase
from .records.common import Deleted, Page
from .records.webhooks import Webhook


def _config(url: str | None, username: str | None, password: str | None) -> dict[str, Any] | None:
    config = {"url": url, "basic_auth_username": username, "basic_auth_password": password}
    config = {k: v for k, v in config.items() if v is not None}
    return config or None


class WebhooksMixin(FinosBase):
    async def create_webhook(
        self,
        *,
        name: str,
        url: str,
        events: Sequence[str] = ("*",),
        basic_auth_username: str | None = None,
        basic_auth_password: str | None = None,
        idempotency_key: str | None = None,
    ) -> Webhook:
        """`POST /v1/webhooks`."""
        body = {
            "name": name,
            "config": _config(url, basic_auth_username, basic_auth_password),
            "events": list(events),
        }
        return self._parse(Webhook, await self._post("/v1/webhooks", body, idempotency_key))

    async def get_webhook(self, webhook_id: str) -> Webhook:
        """`GET /v1/webhooks/{id}`."""
        return await self._get_one(Webhook, f"/v1/webhooks/{seg(webhook_id)}")

    async def update_webhook(
        self,
        webhook_id: str,
        *,
        name: str | None = None,
        active: bool | None = None,
        url: str | None = None,
        basic_auth_username: str | None = None,
        basic_auth_password: str | None = None,
        events: Sequence[str] | None = None,
    ) -> Webhook:
        """`PUT /v1/webhooks/{id}`: only the arguments given are sent."""
        body: dict[str, Any] = {"name": name, "active": active}
        body["config"] = _config(url, basic_auth_username, basic_auth_password)
        body["events"] = list(events) if events is not None else None
        body = {k: v for k, v in body.items() if v is not None}
        payload = await self._send("PUT", f"/v1/webhooks/{seg(webhook_id)}", json=body)
        return self._parse(Webhook, payload)

    async def delete_webhook(self, webhook_id: str) -> Deleted:
        """`DELETE /v1/webhooks/{id}` (not in the reference; answered like bank accounts)."""
        return self._parse(Deleted, await self._send("DELETE", f"/v1/webhooks/{seg(webhook_id)}"))

    async def list_webhooks(
        self,
        *,
        limit: int | None = None,
        starting_after: str | None = None,
        ending_before: str | None = None,
        order: str | None = None,
    ) -> Page[Webhook]:
        """`GET /v1/webhooks`: one page."""
        return await self._page(
            Webhook,
            "/v1/webhooks",
            limit=limit,
            starting_after=starting_after,
            ending_before=ending_before,
            order=order,
        )

    def iter_webhooks(
        self, *, cap: int | None = None, limit: int = MAX_LIMIT, order: str | None = None
    ) -> AsyncIterator[Webhook]:
        """Every webhook, following `next_page`, at most `cap`."""

        return self._walk(self.list_webhooks, cap, limit=limit, order=order)
