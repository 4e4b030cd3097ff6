"""Resilience wiring for the app: per-request deadlines and the provider policies.

`install(app, settings)` is called once by `create_app`. It

- adds `DeadlineMiddleware`: every HTTP request runs under a deadline of
  `resilience.request_deadline` seconds, which each upstream call it causes
  caps its timeout at (resolvers.resilience.deadline);
- makes one `Resilience` (retries, breakers, pacing, dedup), `app.state.resilience`,
  which the app's lifespan attaches to the provider clients once they are open
  (/readyz reads the breaker states from it).

Graceful shutdown is uvicorn's (`timeout_graceful_shutdown`, see gateway.cli).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from resolvers.resilience import Resilience, SharedBuckets, deadline_scope

from .settings import Settings

Lifespan = Callable[[Any], AbstractAsyncContextManager[Any]]


class DeadlineMiddleware:
    """Runs each HTTP request under a deadline (a ContextVar, inherited by its tasks)."""

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with deadline_scope(self.seconds):
            await self.app(scope, receive, send)


def install(app: FastAPI, settings: Settings, shared: SharedBuckets | None = None) -> Resilience:
    """The deadline middleware, and the policies the lifespan attaches to the clients
    (pacing and caller quotas in `shared` when several workers serve together)."""
    config = settings.resilience
    resilience = Resilience(config, shared=shared)
    app.state.resilience = resilience
    app.add_middleware(DeadlineMiddleware, seconds=config.request_deadline)
    return resilience
