"""Assemble the Finos sandbox app: routers, error handlers and middleware.

Request path, outermost first: AuthMiddleware (401 without a valid key) ->
the clock tick (due order fills, settlements and reviews happen before the
request sees the state) -> IdempotencyMiddleware (POST replays) -> FastAPI's
exception handling (errors in Finos's shape) -> routes.

The reference writes several collection paths with a trailing slash
(`POST /v1/orders/`) and others without; every route answers both ways, and
redirects are off (a client must not be bounced with a 307).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from . import (
    accounts,
    funding,
    kyc,
    managed,
    market_routes,
    orders,
    records,
    users,
    webhooks,
)
from .auth import AuthMiddleware
from .backend import Backend
from .errors import install_handlers
from .idempotency import IdempotencyMiddleware


class TickMiddleware:
    def __init__(self, app: ASGIApp, backend: Backend) -> None:
        self.app = app
        self.backend = backend

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.backend.tick()
        await self.app(scope, receive, send)


def _add_slash_aliases(app: FastAPI) -> None:
    for route in list(app.router.routes):
        if isinstance(route, APIRoute) and not route.path.endswith("/"):
            app.router.add_api_route(
                route.path + "/",
                route.endpoint,
                methods=sorted(route.methods or ()),
                status_code=route.status_code,
                include_in_schema=False,
                name=f"{route.name}_slash",
            )


def create_app(backend: Backend) -> FastAPI:
    app = FastAPI(title="Finos sandbox", docs_url=None, redoc_url=None, openapi_url=None)
    app.router.redirect_slashes = False
    modules = (users, kyc, accounts, funding, orders, market_routes, webhooks, managed, records)
    for module in modules:
        # Routes go straight onto the app's router (not include_router, which nests
        # them in this FastAPI): _add_slash_aliases walks the app's own route list.
        app.router.routes.extend(module.router(backend).routes)
    _add_slash_aliases(app)
    install_handlers(app)
    app.add_middleware(IdempotencyMiddleware, store=backend.idempotency)
    app.add_middleware(TickMiddleware, backend=backend)
    app.add_middleware(AuthMiddleware)
    return app
