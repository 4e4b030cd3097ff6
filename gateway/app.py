"""The application factory: `create_app(settings)`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from resolvers import FileTokenStore, ProviderEndpoints, make_ref_cache, open_providers
from resolvers.idempotency import SqliteIdempotencyStore
from schema import build_schema

from .graphql import ASSETS_PATH, GRAPHIQL_ASSETS, graphql_router
from .health import health_router
from .resilience import install as install_resilience
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
        idempotency = SqliteIdempotencyStore(settings.data_dir / "idempotency.sqlite3")
        app.state.idempotency = idempotency
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
            await idempotency.aclose()
            if sandbox is not None:
                await sandbox.aclose()

    app = FastAPI(title="fingate", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.sandbox = sandbox

    app.include_router(health_router(settings, sandbox_mounted=sandbox is not None))
    install_resilience(app, settings)
    app.include_router(graphql_router(build_schema(), settings))
    if settings.graphiql:
        app.mount(ASSETS_PATH, StaticFiles(directory=GRAPHIQL_ASSETS), name="graphiql-assets")
    if sandbox is not None:
        app.mount("/sandbox", create_sandbox_app(sandbox, own_lifespan=False))
    return app


def _describe(endpoints: ProviderEndpoints) -> str:
    return ", ".join(f"{name}={getattr(endpoints, name)}" for name in PROVIDER_NAMES)
