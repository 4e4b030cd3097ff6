"""Liveness and readiness: /healthz and /readyz."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from .settings import PROVIDER_NAMES, Settings


def health_router(settings: Settings, *, sandbox_mounted: bool) -> APIRouter:
    router = APIRouter()

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        """Ready to serve: every provider configured, the sandboxes mounted if used."""
        providers: dict[str, Any] = {}
        ready = getattr(request.app.state, "providers", None) is not None
        for name in PROVIDER_NAMES:
            embedded = settings.uses_sandbox(name)
            mounted = not embedded or sandbox_mounted
            providers[name] = {"configured": True, "embedded_sandbox": embedded, "ok": mounted}
            ready = ready and mounted
        body = {"status": "ready" if ready else "not ready", "providers": providers}
        return JSONResponse(body, status_code=200 if ready else 503)

    return router
