"""What every provider sandbox implements, and the clock it tells time with."""

from __future__ import annotations

import abc
import enum
import time
from typing import Any, ClassVar

from fastapi import FastAPI
from starlette.responses import JSONResponse

from .config import SandboxConfig
from .people import Person


class ErrorKind(enum.Enum):
    """Why the sandbox itself (not a route) refuses a request."""

    RATE_LIMITED = "rate_limited"  # the per-credential budget is spent (429)
    INJECTED = "injected"  # a fault set through /sandbox/_faults


class Clock:
    """Monotonic seconds; tests move a ManualClock instead of sleeping."""

    def now(self) -> float:
        return time.monotonic()


class ManualClock(Clock):
    def __init__(self, start: float = 1_000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds


class SandboxProvider(abc.ABC):
    """One simulated provider: its FastAPI app, its data and its error shape.

    `app` serves the provider's documented paths relative to its mount
    (`/api/v1/...` for Finmo). The control plane wraps it to count requests,
    inject faults and apply the rate limit, and calls `reset` to reseed.
    """

    name: ClassVar[str]

    def __init__(self, config: SandboxConfig, clock: Clock) -> None:
        self.config = config
        self.clock = clock
        self.app: FastAPI = self.build_app()

    @abc.abstractmethod
    def build_app(self) -> FastAPI:
        """The provider's routes. Called once; state lives on `self`."""

    @abc.abstractmethod
    def reset(self, people: list[Person]) -> None:
        """Drop all state and reseed from `people` and `self.config.seed`."""

    @abc.abstractmethod
    def error_body(self, status: int, kind: ErrorKind, message: str) -> Any:
        """The JSON body this provider answers an error of `status` with."""

    def error_response(
        self, status: int, kind: ErrorKind, message: str, headers: dict[str, str] | None = None
    ) -> JSONResponse:
        return JSONResponse(self.error_body(status, kind, message), status, headers=headers)

    def credential_of(self, headers: dict[str, str]) -> str:
        """The key the rate limit counts against (default: the Authorization header)."""
        return headers.get("authorization", "")

    def expire_tokens(self) -> int:
        """Invalidate every access token issued so far; returns how many.

        Providers without issued tokens (static keys) have nothing to expire.
        """
        return 0

    async def aclose(self) -> None:
        """Release resources the provider opened (webhook senders...)."""
        return None
