"""Liveness and readiness: /healthz and /readyz."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from resolvers.resilience import Resilience

from .settings import PROVIDER_NAMES, Settings


def health_router(
    settings: Settings, resilience: Resilience, *, sandbox_mounted: bool
) -> APIRouter:
    router = APIRouter()

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        """Ready to serve: the provider clients open, the sandboxes mounted if used.

        Each provider's circuit breaker state is shown (closed, open, half_open);
        an open circuit does not make the gateway unready: it still answers, with
        that provider's fields failing fast and the others' data complete."""
        providers: dict[str, Any] = {}
        ready = getattr(request.app.state, "providers", None) is not None
        for name in PROVIDER_NAMES:
            embedded = settings.uses_sandbox(name)
            mounted = not embedded or sandbox_mounted
            providers[name] = {"embedded_sandbox": embedded, "ok": mounted}
            ready = ready and mounted
        body = {
            "status": "ready" if ready else "not ready",
            "providers": providers,
            "breakers": {n: resilience[n].breaker.state.value for n in PROVIDER_NAMES},
        }
        return JSONResponse(body, status_code=200 if ready else 503)

    return router
