"""Webhooks: createWebhook and updateWebhook.

createWebhook POSTs with the provider key (reconcile: the same POST, replayed by
Finos). updateWebhook (PUT) reconciles by reading the webhook: applied if it
shows every change; a password cannot be read back, so then the PUT is re-sent.
Passwords are never answered: the payload says only whether one is set.
"""

from __future__ import annotations

from typing import Any

from resolvers import finos
from resolvers.brokerage.validation import MAX_NAME, url, webhook_events
from resolvers.brokerage.writes import dump, naming_ids, parse
from resolvers.checks import Checks

from ..context import Info
from ..writes import UserError, Write, run_write, user_errors
from .inputs import CreateWebhookInput, UpdateWebhookInput
from .payloads import BrokerageWebhook, CreateWebhookPayload, UpdateWebhookPayload

WEBHOOK_FIELDS = {
    "webhook_id": "webhookId",
    "name": "name",
    "active": "active",
    "config": "url",
    "config.url": "url",
    "config.basic_auth_username": "basicAuthUsername",
    "config.basic_auth_password": "basicAuthPassword",
    "events": "events",
}


def check_basic_auth(checks: Checks, username: str | None, password: str | None) -> None:
    if (username is None) != (password is None):
        missing = "basicAuthPassword" if password is None else "basicAuthUsername"
        message = "basicAuthUsername and basicAuthPassword go together: give both or neither"
        checks.add(missing, message, "REQUIRED")
    checks.text("basicAuthUsername", username, required=False, limit=256)


def _payloads(cls: type[Any]) -> tuple[Any, Any]:
    def build(stored: dict[str, Any]) -> Any:
        webhook = BrokerageWebhook.from_finos(parse(finos.Webhook, stored))
        return cls(webhook=webhook, user_errors=[])

    def refused(errors: list[UserError]) -> Any:
        return cls(webhook=None, user_errors=errors)

    return build, refused


async def create_webhook(info: Info, data: CreateWebhookInput) -> CreateWebhookPayload:
    client = info.context.providers.finos

    def validate() -> list[UserError]:
        checks = Checks()
        checks.text("name", data.name, required=True, limit=MAX_NAME)
        url(checks, data.url)
        webhook_events(checks, data.events)
        check_basic_auth(checks, data.basic_auth_username, data.basic_auth_password)
        return user_errors(checks.problems)

    async def perform(key: str | None) -> dict[str, Any]:
        webhook = await client.create_webhook(
            name=data.name.strip(),
            url=data.url.strip(),
            events=data.events,
            basic_auth_username=data.basic_auth_username,
            basic_auth_password=data.basic_auth_password,
            idempotency_key=key,
        )
        return dump(webhook)  # the password comes out masked

    build, refused = _payloads(CreateWebhookPayload)
    write = Write("createWebhook", data, validate, perform, build, refused, WEBHOOK_FIELDS, perform)
    result: CreateWebhookPayload = await run_write(info, write)
    return result


async def update_webhook(info: Info, data: UpdateWebhookInput) -> UpdateWebhookPayload:
    client = info.context.providers.finos
    checks = Checks()
    webhook_id = checks.global_id("webhookId", data.webhook_id, "Webhook", "a Finos webhook")
    name = data.name.strip() if data.name is not None else None
    address = data.url.strip() if data.url is not None else None

    def validate() -> list[UserError]:
        checks.text("name", data.name, required=False, limit=MAX_NAME)
        url(checks, data.url)
        webhook_events(checks, data.events)
        check_basic_auth(checks, data.basic_auth_username, data.basic_auth_password)
        if data.basic_auth_username is not None and data.url is None:
            message = "url is required with basic auth credentials: they replace the whole config"
            checks.add("url", message, "REQUIRED")
        checks.changes([data.name, data.active, data.url, data.events, data.basic_auth_username])
        return user_errors(checks.problems)

    async def perform(_key: str | None) -> dict[str, Any]:  # a PUT: Finos takes no key
        assert webhook_id is not None
        webhook = await naming_ids(
            lambda: client.update_webhook(
                webhook_id,
                name=name,
                active=data.active,
                url=address,
                basic_auth_username=data.basic_auth_username,
                basic_auth_password=data.basic_auth_password,
                events=data.events,
            ),
            {webhook_id: "webhook_id"},
            "webhook_id",
        )
        return dump(webhook)

    async def reconcile(_key: str) -> dict[str, Any] | None:
        assert webhook_id is not None
        webhook = await client.get_webhook(webhook_id)
        config = webhook.config or finos.WebhookConfig()
        applied = (
            data.basic_auth_password is None
            and (name is None or webhook.name == name)
            and (data.active is None or webhook.active == data.active)
            and (address is None or config.url == address)
            and (data.events is None or webhook.events == data.events)
        )
        return dump(webhook) if applied else None

    build, refused = _payloads(UpdateWebhookPayload)
    write = Write(
        "updateWebhook", data, validate, perform, build, refused, WEBHOOK_FIELDS, reconcile
    )
    result: UpdateWebhookPayload = await run_write(info, write)
    return result
