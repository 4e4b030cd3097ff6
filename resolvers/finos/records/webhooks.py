"""Webhook records."""

from __future__ import annotations

from pydantic import SecretStr

from .common import FinosRecord


class WebhookConfig(FinosRecord):
    """Where notifications go; the endpoint password never shows in a repr."""

    url: str | None = None
    basic_auth_username: str | None = None
    basic_auth_password: SecretStr | None = None


class Webhook(FinosRecord):
    id: str
    name: str | None = None
    active: bool | None = None
    config: WebhookConfig | None = None
    events: list[str] = []
