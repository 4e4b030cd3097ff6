"""Finos webhooks written: the rules and the calls createWebhook and updateWebhook send
(schema.brokerage.mutations_webhooks wires them to the mutations).

createWebhook POSTs with the provider key (reconcile: the same POST, replayed by
Finos). updateWebhook (PUT, no key) reconciles by reading the webhook: applied if
it shows every change; a password cannot be read back, so then the PUT is re-sent.
The record keeps a password as a SecretStr, stored masked (resolvers.brokerage.writes.dump).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import finos
from ..checks import Checks
from ..request import Scope
from .validation import MAX_NAME, url, webhook_events
from .writes import naming_ids

# Finos webhook field -> createWebhook / updateWebhook input path
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


@dataclass(frozen=True)
class NewWebhook:
    """A webhook to create, as the client gave it."""

    name: str
    url: str
    events: list[str]
    basic_auth_username: str | None = None
    basic_auth_password: str | None = None


@dataclass(frozen=True)
class WebhookChange:
    """Changes to a webhook (None: left as it is); a url replaces the whole config."""

    name: str | None = None
    active: bool | None = None
    url: str | None = None
    events: list[str] | None = None
    basic_auth_username: str | None = None
    basic_auth_password: str | None = None


def check_basic_auth(checks: Checks, username: str | None, password: str | None) -> None:
    if (username is None) != (password is None):
        missing = "basicAuthPassword" if password is None else "basicAuthUsername"
        message = "basicAuthUsername and basicAuthPassword go together: give both or neither"
        checks.add(missing, message, "REQUIRED")
    checks.text("basicAuthUsername", username, required=False, limit=256)


def check_new_webhook(checks: Checks, new: NewWebhook) -> None:
    checks.text("name", new.name, required=True, limit=MAX_NAME)
    url(checks, new.url)
    webhook_events(checks, new.events)
    check_basic_auth(checks, new.basic_auth_username, new.basic_auth_password)


async def send_new_webhook(scope: Scope, new: NewWebhook, key: str | None) -> finos.Webhook:
    """`POST /v1/webhooks` under the provider key."""
    return await scope.providers.finos.create_webhook(
        name=new.name.strip(),
        url=new.url.strip(),
        events=new.events,
        basic_auth_username=new.basic_auth_username,
        basic_auth_password=new.basic_auth_password,
        idempotency_key=key,
    )


def check_webhook_change(checks: Checks, change: WebhookChange) -> None:
    """The given fields' rules; credentials only with a url; at least one change."""
    checks.text("name", change.name, required=False, limit=MAX_NAME)
    url(checks, change.url)
    webhook_events(checks, change.events)
    check_basic_auth(checks, change.basic_auth_username, change.basic_auth_password)
    if change.basic_auth_username is not None and change.url is None:
        message = "url is required with basic auth credentials: they replace the whole config"
        checks.add("url", message, "REQUIRED")
    checks.changes(
        [change.name, change.active, change.url, change.events, change.basic_auth_username]
    )


def _name(change: WebhookChange) -> str | None:
    return change.name.strip() if change.name is not None else None


def _url(change: WebhookChange) -> str | None:
    return change.url.strip() if change.url is not None else None


async def send_webhook_change(
    scope: Scope, webhook_id: str, change: WebhookChange
) -> finos.Webhook:
    """`PUT /v1/webhooks/{id}` (Finos takes no key); a 404 is a refusal of webhookId."""
    client = scope.providers.finos
    return await naming_ids(
        lambda: client.update_webhook(
            webhook_id,
            name=_name(change),
            active=change.active,
            url=_url(change),
            basic_auth_username=change.basic_auth_username,
            basic_auth_password=change.basic_auth_password,
            events=change.events,
        ),
        {webhook_id: "webhook_id"},
        "webhook_id",
    )


async def webhook_change_reconciled(
    scope: Scope, webhook_id: str, change: WebhookChange
) -> finos.Webhook | None:
    """The webhook, if it shows every change (a new password cannot be seen: re-send)."""
    webhook = await scope.providers.finos.get_webhook(webhook_id)
    config = webhook.config or finos.WebhookConfig()
    name, address = _name(change), _url(change)
    applied = (
        change.basic_auth_password is None
        and (name is None or webhook.name == name)
        and (change.active is None or webhook.active == change.active)
        and (address is None or config.url == address)
        and (change.events is None or webhook.events == change.events)
    )
    return webhook if applied else None
