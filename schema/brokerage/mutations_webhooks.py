"""Webhooks: the createWebhook and updateWebhook mutations, wired to the data layer.

The rules and the calls sent are resolvers.brokerage.webhooks; the record becomes
`BrokerageWebhook` (schema.brokerage.payloads), which never answers a password,
only whether one is set; each mutation is one write spec (schema.writes.WriteSpec).
"""

from __future__ import annotations

from resolvers import finos
from resolvers.brokerage.webhooks import (
    WEBHOOK_FIELDS,
    NewWebhook,
    WebhookChange,
    check_new_webhook,
    check_webhook_change,
    send_new_webhook,
    send_webhook_change,
    webhook_change_reconciled,
)
from resolvers.checks import Checks

from ..context import Info
from ..writes import run_write
from .inputs import CreateWebhookInput, UpdateWebhookInput
from .payloads import BrokerageWebhook, CreateWebhookPayload, UpdateWebhookPayload
from .writes import FinosWrite


def new_webhook(data: CreateWebhookInput) -> NewWebhook:
    """The input in the data layer's plain terms."""
    return NewWebhook(
        name=data.name,
        url=data.url,
        events=data.events,
        basic_auth_username=data.basic_auth_username,
        basic_auth_password=data.basic_auth_password,
    )


def webhook_change(data: UpdateWebhookInput) -> WebhookChange:
    """The input in the data layer's plain terms."""
    return WebhookChange(
        name=data.name,
        active=data.active,
        url=data.url,
        events=data.events,
        basic_auth_username=data.basic_auth_username,
        basic_auth_password=data.basic_auth_password,
    )


class CreateWebhook(FinosWrite[CreateWebhookPayload]):
    """POST /v1/webhooks under the provider key; an unanswered one is sent again under
    the same key (Finos replays the first answer)."""

    mutation = "createWebhook"
    record = finos.Webhook
    field_map = WEBHOOK_FIELDS
    input: CreateWebhookInput

    def check(self, checks: Checks) -> None:
        check_new_webhook(checks, new_webhook(self.input))

    async def send(self, provider_key: str | None) -> finos.Webhook:
        return await send_new_webhook(self.info.context, new_webhook(self.input), provider_key)

    async def reconcile(self, provider_key: str) -> finos.Webhook:
        return await self.send(provider_key)

    def payload(self, record: finos.Webhook) -> CreateWebhookPayload:
        return CreateWebhookPayload(webhook=BrokerageWebhook.from_finos(record), user_errors=[])


class UpdateWebhook(FinosWrite[UpdateWebhookPayload]):
    """PUT /v1/webhooks/{id} (Finos takes no key); an unanswered one is settled by
    reading the webhook."""

    mutation = "updateWebhook"
    record = finos.Webhook
    field_map = WEBHOOK_FIELDS
    input: UpdateWebhookInput

    def check(self, checks: Checks) -> None:
        self.webhook_id = checks.global_id(
            "webhookId", self.input.webhook_id, "Webhook", "a Finos webhook"
        )
        check_webhook_change(checks, webhook_change(self.input))

    async def send(self, provider_key: str | None) -> finos.Webhook:
        assert self.webhook_id is not None
        change = webhook_change(self.input)
        return await send_webhook_change(self.info.context, self.webhook_id, change)

    async def reconcile(self, provider_key: str) -> finos.Webhook | None:
        assert self.webhook_id is not None
        change = webhook_change(self.input)
        return await webhook_change_reconciled(self.info.context, self.webhook_id, change)

    def payload(self, record: finos.Webhook) -> UpdateWebhookPayload:
        return UpdateWebhookPayload(webhook=BrokerageWebhook.from_finos(record), user_errors=[])


async def create_webhook(info: Info, data: CreateWebhookInput) -> CreateWebhookPayload:
    return await run_write(info, CreateWebhook(info, data))


async def update_webhook(info: Info, data: UpdateWebhookInput) -> UpdateWebhookPayload:
    return await run_write(info, UpdateWebhook(info, data))
