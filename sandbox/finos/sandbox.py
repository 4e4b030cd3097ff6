"""FinosSandbox: the provider object the control plane mounts at /finos."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from ..config import SandboxConfig
from ..people import Person
from ..provider import Clock, ErrorKind, SandboxProvider
from . import errors
from .app import create_app
from .auth import key_of
from .backend import Backend


class FinosSandbox(SandboxProvider):
    """Finos (US brokerage) as its reference describes it, with seeded data."""

    name = "finos"

    def __init__(self, config: SandboxConfig, clock: Clock) -> None:
        self.backend = Backend(config, clock)
        super().__init__(config, clock)

    def build_app(self) -> FastAPI:
        return create_app(self.backend)

    def reset(self, people: list[Person]) -> None:
        self.backend.reset(people)

    def error_body(self, status: int, kind: ErrorKind, message: str) -> Any:
        if kind is ErrorKind.RATE_LIMITED or status == 429:
            return errors.body(429, errors.RATE_LIMIT_EXCEEDED, "Too many requests")
        return errors.body(status, errors.type_for_status(status), message)

    def credential_of(self, headers: dict[str, str]) -> str:
        """The API key, whether sent as Basic username or Bearer token."""
        authorization = headers.get("authorization", "")
        return key_of(authorization) or authorization

    async def aclose(self) -> None:
        await self.backend.webhooks.aclose()
