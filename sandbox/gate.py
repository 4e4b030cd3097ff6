"""The ASGI wrapper in front of each provider sandbox.

In order, for every HTTP request: find the route template, count the request,
apply the rate limit, apply injected latency and errors, then hand over to the
provider's own app. Refusals use the provider's own error body.
"""

from __future__ import annotations

import asyncio
import math
from typing import Any

from starlette.routing import Match
from starlette.types import Receive, Scope, Send

from .control import Faults, RateLimiter, Stats
from .provider import ErrorKind, SandboxProvider


class ProviderGate:
    def __init__(
        self, provider: SandboxProvider, stats: Stats, faults: Faults, limiter: RateLimiter
    ) -> None:
        self.provider = provider
        self.stats = stats
        self.faults = faults
        self.limiter = limiter
        self._flat: list[Any] | None = None

    def _routes(self) -> list[Any]:
        """Every route of the provider app, with routers included by FastAPI flattened.

        FastAPI (0.16x) keeps an included router as one nested entry whose
        `effective_candidates()` are routes with their full path; older versions
        copy the routes up. Both are handled; anything else is matched as is.
        """
        if self._flat is None:
            flat: list[Any] = []
            pending = list(self.provider.app.router.routes)
            while pending:
                route = pending.pop(0)
                nested = getattr(route, "effective_candidates", None)
                if callable(nested):
                    pending[0:0] = list(nested())
                else:
                    flat.append(route)
            self._flat = flat
        return self._flat

    def _template(self, scope: Scope) -> str:
        partial: str | None = None
        for route in self._routes():
            match, _ = route.matches(scope)
            if match == Match.FULL:
                return str(getattr(route, "path", scope["path"]))
            if match == Match.PARTIAL and partial is None:  # right path, other method
                partial = str(getattr(route, "path", scope["path"]))
        if partial is not None:
            return partial
        return str(scope["path"])[len(scope.get("root_path", "")) :] or "/"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.provider.app(scope, receive, send)
            return
        name = self.provider.name
        method = scope["method"]
        template = self._template(scope)
        self.stats.record(name, f"{method} {template}")

        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        wait = self.limiter.acquire(name, self.provider.credential_of(headers))
        if wait is not None:
            retry_after = str(max(1, math.ceil(wait)))
            response = self.provider.error_response(
                429, ErrorKind.RATE_LIMITED, "Too many requests", {"Retry-After": retry_after}
            )
            await response(scope, receive, send)
            return

        for fault in self.faults.matching(name, method, template):
            if fault.latency_ms:
                await asyncio.sleep(fault.latency_ms / 1000)
            if fault.error_rate and self.faults.roll() < fault.error_rate:
                extra = {}
                if fault.retry_after is not None:
                    extra["Retry-After"] = str(fault.retry_after)
                response = self.provider.error_response(
                    fault.status, ErrorKind.INJECTED, "Injected fault", extra
                )
                await response(scope, receive, send)
                return
        await self.provider.app(scope, receive, send)
