"""The application factory: `create_app(settings)`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from resolvers import FileTokenStore, ProviderEndpoints, make_ref_cache, open_providers
from schema import build_schema

from .graphql import ASSETS_PATH, GRAPHIQL_ASSETS, graphql_router
from .sandbox import Sandbox, SandboxConfig, create_sandbox_app
from .settings import PROVIDER_NAMES, Settings

log = logging.getLogger("fingate")


def sandbox_config(settings: Settings) -> SandboxConfig:
    return SandboxConfig(
        seed=settings.sandbox_seed,
        scale=settings.sandbox_scale,
        rate_limits={name: settings.sandbox_rate_limit_per_hour for name in PROVIDER_NAMES},
        financeit_token_ttl=settings.sandbox_financeit_token_ttl,
        molo_access_token_ttl=settings.sandbox_molo_token_ttl,
    )


def create_app(settings: Settings) -> FastAPI:
    sandbox = Sandbox(sandbox_config(settings)) if settings.sandbox_enabled else None
    endpoints = ProviderEndpoints(**{p: settings.base_url(p) for p in PROVIDER_NAMES})

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        cache = make_ref_cache(settings.cache, enabled=settings.reference_cache)
        token_store = FileTokenStore(settings.data_dir / "tokens.json")
        try:
            async with open_providers(
                finmo=settings.finmo,
                financeit=settings.financeit,
                finos=settings.finos,
                molo=settings.molo,
                endpoints=endpoints,
                token_store=token_store,
                cache=cache,
            ) as providers:
                app.state.providers = providers
                app.state.ref_cache = cache
                log.info("fingate ready; providers at %s", _describe(endpoints))
                yield
        finally:
            if sandbox is not None:
                await sandbox.aclose()

    app = FastAPI(title="fingate", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.sandbox = sandbox

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz() -> JSONResponse:
        """Ready to serve: every provider configured, the sandboxes mounted if used."""
        providers: dict[str, Any] = {}
        ready = getattr(app.state, "providers", None) is not None
        for name in PROVIDER_NAMES:
            embedded = settings.uses_sandbox(name)
            mounted = not embedded or sandbox is not None
            providers[name] = {"configured": True, "embedded_sandbox": embedded, "ok": mounted}
            ready = ready and mounted
        body = {"status": "ready" if ready else "not ready", "providers": providers}
        return JSONResponse(body, status_code=200 if ready else 503)

    app.include_router(graphql_router(build_schema(), settings))
    if settings.graphiql:
        app.mount(ASSETS_PATH, StaticFiles(directory=GRAPHIQL_ASSETS), name="graphiql-assets")
    if sandbox is not None:
        app.mount("/sandbox", create_sandbox_app(sandbox, own_lifespan=False))
    return app


def _describe(endpoints: ProviderEndpoints) -> str:
    return ", ".join(f"{name}={getattr(endpoints, name)}" for name in PROVIDER_NAMES)
