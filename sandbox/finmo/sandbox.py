"""FinmoSandbox: the simulated Finmo REST API mounted at /finmo."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from ..people import Person
from ..provider import ErrorKind, SandboxProvider
from .auth import viewer_dependency
from .errors import error_body, install_error_handlers
from .routes_applications import application_routes
from .routes_details import detail_routes
from .routes_directory import directory_routes
from .seed import seed_store
from .store import FinmoStore


class FinmoSandbox(SandboxProvider):
    """Finmo: teams, brokers, borrowers, applications and their details, in CAD.

    Credentials: `Authorization: Bearer sandbox-finmo-brokerage` sees every team;
    `Bearer sandbox-finmo-team-<n>` (n = 1, 2, ... in seed order of the teams)
    sees only team n. Errors everywhere: {"message": ..., "errors": [{field, message}]}.
    """

    name = "finmo"
    store: FinmoStore

    def build_app(self) -> FastAPI:
        app = FastAPI(title="Finmo sandbox", docs_url=None, redoc_url=None, openapi_url=None)
        install_error_handlers(app)
        viewer = viewer_dependency(self._store)
        routers = (
            directory_routes(self._store, viewer),
            application_routes(self._store, viewer, self._now),
            detail_routes(self._store, viewer, self._now),
        )
        for router in routers:
            app.include_router(router)
        return app

    def _store(self) -> FinmoStore:
        return self.store

    def _now(self) -> str:
        return self.store.now(self.clock.now())

    def reset(self, people: list[Person]) -> None:
        self.store = seed_store(people, self.config.seed, self.config.scale, self.clock.now())

    def error_body(self, status: int, kind: ErrorKind, message: str) -> Any:
        return error_body(message)
