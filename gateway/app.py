"""The application factory: `create_app(settings)`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from resolvers import FileTokenStore, ProviderEndpoints, make_ref_cache, open_providers
from resolvers.idempotency import SqliteIdempotencyStore
from resolvers.resilience import SharedBuckets
from schema import SchemaOptions, build_schema
from schema.build import extra_rules

from . import embedded
from .boundary import ErrorBoundaryMiddleware, http_error_response
from .compression import CompressionMiddleware
from .graphql import (
    ASSETS_PATH,
    GRAPHIQL_ASSETS,
    get_queries_enabled,
    graphiql_enabled,
    graphql_router,
)
from .health import health_router
from .resilience import install as install_resilience
from .security import redaction
from .security.auth import build_authenticator
from .security.bodytimeout import BodyTimeoutMiddleware
from .security.cors import install_cors
from .security.cost import CostBudget
from .security.csrf import CsrfMiddleware
from .security.errors import Unauthenticated, unauthenticated_response
from .security.guard import Guard
from .security.limits import (
    BodySizeLimitMiddleware,
    UrlLengthLimitMiddleware,
    max_directives_rule,
    max_root_fields_rule,
)
from .security.methods import NoOperationsOverGetMiddleware
from .security.persisted import PersistedOperations, load_manifest
from .security.requestid import RequestIdMiddleware
from .security.startup import check_mode, check_sandbox
from .settings import PROVIDER_NAMES, Settings

log = logging.getLogger("fingate")


def schema_options(settings: Settings) -> SchemaOptions:
    """Introspection and suggestions follow the environment unless set; limits from settings."""
    security = settings.security
    development = settings.environment == "development"
    limits = security.limits
    return SchemaOptions(
        introspection=development if security.introspection is None else security.introspection,
        field_suggestions=(
            development if security.field_suggestions is None else security.field_suggestions
        ),
        max_depth=limits.max_depth,
        max_aliases=limits.max_aliases,
        max_tokens=limits.max_tokens,
        max_batch_operations=limits.max_batch_operations,
        validation_rules=(
            max_root_fields_rule(limits.max_root_fields),
            max_directives_rule(limits.max_directives),
        ),
    )


def make_guard(
    settings: Settings, options: SchemaOptions, shared: SharedBuckets | None = None
) -> Guard:
    security = settings.security
    development = settings.environment == "development"
    manifest = load_manifest(security.persisted_manifest) if security.persisted_manifest else None
    enforce = security.enforce_allowlist
    if enforce is None:
        enforce = manifest is not None and not development
    if enforce and manifest is None:
        raise ValueError("FINGATE_SECURITY__ENFORCE_ALLOWLIST needs a PERSISTED_MANIFEST")
    limits = security.limits
    return Guard(
        authenticator=build_authenticator(security),
        persisted=PersistedOperations(
            apq=development if security.apq is None else security.apq,
            apq_cache_size=security.apq_cache_size,
            manifest=manifest,
            enforce=enforce,
        ),
        limits=limits,
        budget=(
            CostBudget(limits.cost_budget, limits.cost_window, shared=shared)
            if limits.cost_budget
            else None
        ),
        rules=extra_rules(options),
    )


def startup_checks(settings: Settings) -> None:
    """Refuse settings that would serve insecurely (gateway/security/startup.py)."""
    production = settings.environment == "production"
    real = [p for p in PROVIDER_NAMES if not settings.uses_sandbox(p)]
    check_mode(settings.security, real, production=production)
    check_sandbox(
        settings.security, production=production, sandbox_enabled=settings.sandbox_enabled
    )


def create_app(
    settings: Settings, *, shared: SharedBuckets | None = None, sandbox_at: str | None = None
) -> FastAPI:
    """The gateway. For a worker of `fingate serve --workers N` (gateway/workers.py):
    `shared`, the buckets every worker draws from (pacing, quotas, cost budgets), and
    `sandbox_at`, where the supervisor's sandbox process serves the embedded sandboxes
    (instead of mounting them in this process)."""
    redaction.install()
    startup_checks(settings)
    options = schema_options(settings)
    guard = make_guard(settings, options, shared)
    # None, and `sandbox` never imported, when disabled or served by another process
    sandbox = embedded.sandboxes(settings) if sandbox_at is None else None
    endpoints = ProviderEndpoints(
        **{
            p: f"{sandbox_at}/{p}"
            if sandbox_at is not None and settings.uses_sandbox(p)
            else settings.base_url(p)
            for p in PROVIDER_NAMES
        }
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        cache = make_ref_cache(settings.cache, enabled=settings.reference_cache)
        token_store = FileTokenStore(settings.data_dir / "tokens.json")
        idempotency = SqliteIdempotencyStore(settings.data_dir / "idempotency.sqlite3")
        app.state.idempotency = idempotency
        redaction.install()  # uvicorn's handlers exist by now
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
                resilience.attach(
                    (providers.finmo, providers.financeit, providers.finos, providers.molo)
                )
                log.info("fingate ready; providers at %s", _describe(endpoints))
                yield
        finally:
            await guard.authenticator.aclose()
            await idempotency.aclose()
            if sandbox is not None:
                await sandbox.aclose()

    app = FastAPI(title="fingate", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.sandbox = sandbox
    resilience = install_resilience(app, settings, shared)

    served = sandbox is not None or sandbox_at is not None
    app.include_router(health_router(settings, resilience, sandbox_mounted=served))
    app.include_router(graphql_router(build_schema(options), settings, guard))
    app.add_exception_handler(Unauthenticated, unauthenticated_response)
    app.add_exception_handler(HTTPException, http_error_response)
    # Outermost last: request id, compression, error boundary, body timeout (slow clients),
    # CORS (answers preflights), URL length, GET policy, body size, CSRF.
    app.add_middleware(CsrfMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.security.limits.max_body_bytes)
    if not get_queries_enabled(settings):
        app.add_middleware(NoOperationsOverGetMiddleware)
    app.add_middleware(UrlLengthLimitMiddleware, max_bytes=settings.security.limits.max_url_bytes)
    install_cors(app, settings.security.cors_origins, settings.security.cors_allowed_headers)
    app.add_middleware(BodyTimeoutMiddleware, timeout=settings.security.limits.body_timeout)
    app.add_middleware(ErrorBoundaryMiddleware)
    if settings.compress_min_bytes:
        app.add_middleware(CompressionMiddleware, minimum_size=settings.compress_min_bytes)
    app.add_middleware(RequestIdMiddleware)
    if graphiql_enabled(settings):
        app.mount(ASSETS_PATH, StaticFiles(directory=GRAPHIQL_ASSETS), name="graphiql-assets")
    if sandbox is not None:
        embedded.mount(app, sandbox)
    return app


def _describe(endpoints: ProviderEndpoints) -> str:
    return ", ".join(f"{name}={getattr(endpoints, name)}" for name in PROVIDER_NAMES)
