"""The FinanceIt sandbox: its app under /en/api/v3, its data, tokens and error shape."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from ..config import SandboxConfig
from ..people import Person, people_at
from ..provider import Clock, ErrorKind, SandboxProvider
from .errors import install_error_handlers
from .routes_accounts import accounts_router
from .routes_links import links_router
from .routes_loans import loans_router
from .routes_quotes import quotes_router
from .sessions import Sessions
from .store import Store


class FinanceItSandbox(SandboxProvider):
    """FinanceIt as its v3 reference describes it (see the route docstrings for silences)."""

    name = "financeit"

    def __init__(self, config: SandboxConfig, clock: Clock) -> None:
        self.sessions = Sessions(clock, config.financeit_token_ttl, config.seed)
        self.store = Store(seed=config.seed)
        super().__init__(config, clock)

    def build_app(self) -> FastAPI:
        app = FastAPI(title="FinanceIt sandbox", docs_url=None, redoc_url=None, openapi_url=None)
        install_error_handlers(app)
        for router in (accounts_router, quotes_router, loans_router, links_router):
            app.include_router(router(self))
        return app

    def reset(self, people: list[Person]) -> None:
        self.store = Store.seeded(self.config.seed, self.config.scale, people_at(self.name, people))
        self.sessions.reset(self.config.seed)

    def error_body(self, status: int, kind: ErrorKind, message: str) -> Any:
        return {"errors": [message]}

    def expire_tokens(self) -> int:
        return self.sessions.expire_all()
