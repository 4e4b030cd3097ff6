"""Molo's OAuth 2.0 server: issued tokens and the /oauth/token/ and /oauth/revoke_token/ routes.

Tokens are random strings from random.Random(f"molo:{seed}:oauth:{generation}")
(`generation` counts resets, so tokens from before a reset are never issued
again). Access tokens expire `ttl` seconds after issue on the sandbox clock.
Refresh tokens rotate (django-oauth-toolkit's ROTATE_REFRESH_TOKEN): using one
issues a new access and refresh token and revokes the old pair.
"""

from __future__ import annotations

import base64
import binascii
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse, Response

from ..provider import Clock
from .errors import oauth_error

CLIENT_ID = "sandbox-molo-client"
CLIENT_SECRET = "sandbox-molo-secret"
AUTHORIZATION_CODE = "sandbox-molo-code"
SCOPE = "read write"


@dataclass
class AccessGrant:
    expires_at: float
    refresh_token: str


class OAuthServer:
    def __init__(self, *, seed: int, generation: int, clock: Clock, ttl: int) -> None:
        self._rng = random.Random(f"molo:{seed}:oauth:{generation}")
        self._clock = clock
        self.ttl = ttl
        self.access: dict[str, AccessGrant] = {}
        self.refresh: dict[str, str | None] = {}  # refresh token -> its live access token

    def _new(self) -> str:
        return f"{self._rng.getrandbits(160):040x}"

    def issue(self) -> dict[str, Any]:
        access, refresh = self._new(), self._new()
        self.access[access] = AccessGrant(self._clock.now() + self.ttl, refresh)
        self.refresh[refresh] = access
        return {
            "access_token": access,
            "expires_in": self.ttl,
            "token_type": "Bearer",
            "scope": SCOPE,
            "refresh_token": refresh,
        }

    def rotate(self, refresh: str) -> dict[str, Any] | None:
        """A new pair for a live refresh token (which stops working), else None."""
        if refresh not in self.refresh:
            return None
        self.revoke_refresh(refresh)
        return self.issue()

    def is_valid(self, access: str) -> bool:
        grant = self.access.get(access)
        return grant is not None and self._clock.now() < grant.expires_at

    def revoke_access(self, access: str) -> None:
        grant = self.access.pop(access, None)
        if grant is not None and self.refresh.get(grant.refresh_token) == access:
            self.refresh[grant.refresh_token] = None

    def revoke_refresh(self, refresh: str) -> None:
        access = self.refresh.pop(refresh, None)
        if access is not None:
            self.access.pop(access, None)

    def expire_all(self) -> int:
        count = len(self.access)
        for access in list(self.access):
            self.revoke_access(access)
        return count


async def _form(request: Request) -> dict[str, str]:
    """The posted fields: form-encoded as documented, or JSON as the curl samples send."""
    raw = await request.body()
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            return {}
        return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    return dict(parse_qsl(raw.decode("utf-8", "replace")))


def _basic(header: str) -> tuple[str, str] | None:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, _, secret = decoded.partition(":")
    return client_id, secret


def basic_client_id(header: str) -> str | None:
    """The client id of an HTTP Basic header (checked or not), else None."""
    pair = _basic(header)
    return pair[0] if pair is not None else None


def _client_authenticated(request: Request) -> bool:
    return _basic(request.headers.get("authorization", "")) == (CLIENT_ID, CLIENT_SECRET)


def _no_store(body: dict[str, Any]) -> JSONResponse:
    return JSONResponse(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


def add_oauth_routes(app: FastAPI, server: Callable[[], OAuthServer]) -> None:

    @app.post("/oauth/token/")
    async def token(request: Request) -> Response:
        """Exchange the authorization code, or a refresh token, for a new token pair.

        Client authentication is HTTP Basic only (as documented); a wrong or
        missing client answers 401 invalid_client. Sandbox simplification: the
        fixed code `sandbox-molo-code` is accepted every time (a real code works
        once), so a freshly started gateway can always log in; `redirect_uri`
        is accepted as sent, since the sandbox has no authorize step to compare with.
        """
        if not _client_authenticated(request):
            raise oauth_error(401, "invalid_client")
        form = await _form(request)
        grant_type = form.get("grant_type")
        if not grant_type:
            raise oauth_error(400, "invalid_request", "Missing grant type.")
        if grant_type == "authorization_code":
            code = form.get("code")
            if not code:
                raise oauth_error(400, "invalid_request", "Missing code parameter.")
            if code != AUTHORIZATION_CODE:
                raise oauth_error(400, "invalid_grant", "Invalid or expired authorization code.")
            return _no_store(server().issue())
        if grant_type == "refresh_token":
            refresh = form.get("refresh_token")
            if not refresh:
                raise oauth_error(400, "invalid_request", "Missing refresh token parameter.")
            pair = server().rotate(refresh)
            if pair is None:
                raise oauth_error(400, "invalid_grant", "Invalid or revoked refresh token.")
            return _no_store(pair)
        raise oauth_error(400, "unsupported_grant_type")

    @app.post("/oauth/revoke_token/")
    async def revoke_token(request: Request) -> Response:
        """Revoke an access or refresh token (RFC 7009); revoking a refresh token
        also revokes its access token. As RFC 7009 says, an unknown token is
        answered 200 too; a missing `token` is 400 invalid_request.
        """
        if not _client_authenticated(request):
            raise oauth_error(401, "invalid_client")
        form = await _form(request)
        value = form.get("token")
        if not value:
            raise oauth_error(400, "invalid_request", "Missing token parameter.")
        hint = form.get("token_type_hint")
        if hint not in (None, "access_token", "refresh_token"):
            raise oauth_error(400, "unsupported_token_type")
        # Tokens of both kinds are distinct strings; the hint only speeds the search up.
        server().revoke_refresh(value)
        server().revoke_access(value)
        return Response(status_code=200)
