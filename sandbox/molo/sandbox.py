"""MoloSandbox: UK buy-to-let mortgages behind OAuth 2.0, in Django REST Framework's shapes.

Mounted at /molo: /molo/oauth/token/, /molo/oauth/revoke_token/ and
/molo/api/v1/... with the reference's trailing slashes. A path without its
trailing slash is a 404 (no redirect: Django cannot redirect a POST or DELETE).

Fixed credentials: client_id `sandbox-molo-client`, client_secret
`sandbox-molo-secret`, authorization code `sandbox-molo-code`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import FastAPI

from ..config import SandboxConfig
from ..people import EPOCH, Person
from ..provider import Clock, ErrorKind, SandboxProvider
from .applicants import add_applicants_routes
from .applications import add_applications_routes
from .errors import install_error_handlers
from .oauth import CLIENT_ID, OAuthServer, add_oauth_routes, basic_client_id
from .seed import seed_store
from .store import MoloStore


class MoloSandbox(SandboxProvider):
    name = "molo"

    def __init__(self, config: SandboxConfig, clock: Clock) -> None:
        self._generation = 0
        self._reset_at = clock.now()
        self.store = MoloStore(account_id=0, next_application_id=1, next_applicant_id=1)
        self.oauth = OAuthServer(
            seed=config.seed, generation=0, clock=clock, ttl=config.molo_access_token_ttl
        )
        super().__init__(config, clock)

    @property
    def seed(self) -> int:
        return self.config.seed

    def now(self) -> datetime:
        """EPOCH plus the sandbox-clock seconds since the last reset: deterministic
        under a ManualClock, and after every seeded timestamp."""
        return EPOCH + timedelta(seconds=max(0.0, self.clock.now() - self._reset_at))

    def build_app(self) -> FastAPI:
        app = FastAPI(
            title="Molo sandbox",
            docs_url=None,
            redoc_url=None,
            openapi_url=None,
            redirect_slashes=False,
        )
        install_error_handlers(app)
        add_oauth_routes(app, lambda: self.oauth)
        add_applications_routes(app, self)
        add_applicants_routes(app, self)
        return app

    def reset(self, people: list[Person]) -> None:
        self._generation += 1
        self._reset_at = self.clock.now()
        self.store = seed_store(self.config.seed, people)
        self.oauth = OAuthServer(
            seed=self.config.seed,
            generation=self._generation,
            clock=self.clock,
            ttl=self.config.molo_access_token_ttl,
        )

    def error_body(self, status: int, kind: ErrorKind, message: str) -> Any:
        """DRF's {"detail": ...} for the gate's 429s and injected faults."""
        return {"detail": message}

    def credential_of(self, headers: dict[str, str]) -> str:
        """The rate limit counts per OAuth client, so a refresh does not renew the budget.

        Bearer tokens count against the client they were issued to; the token
        endpoints' Basic header against its client id; anything else as sent.
        """
        header = headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and value.strip() in self.oauth.access:
            return f"client:{CLIENT_ID}"
        client_id = basic_client_id(header)
        return f"client:{client_id}" if client_id is not None else header

    def expire_tokens(self) -> int:
        """Invalidate every issued access token; refresh tokens keep working."""
        return self.oauth.expire_all()
