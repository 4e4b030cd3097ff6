"""API-key authentication: the key as HTTP Basic username, or as a Bearer token.

The sandbox accepts one fixed key, `sk_sandbox_finos`. The Basic password is
ignored (the reference: "You do not need to provide a password"). Anything
else, including the reference's odd `Bearer: <key>` header, is a 401.
"""

from __future__ import annotations

import base64
import binascii

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import AUTHENTICATION_ERROR, response

API_KEY = "sk_sandbox_finos"
API_KEYS = frozenset({API_KEY})


def signing_key(api_key: str) -> bytes:
    """The webhook HMAC key: the API key without its `sk_`/`pk_` prefix."""
    for prefix in ("sk_", "pk_"):
        if api_key.startswith(prefix):
            return api_key[len(prefix) :].encode()
    return api_key.encode()


def key_of(authorization: str) -> str | None:
    """The API key an Authorization header carries (Basic username or Bearer), if any."""
    scheme, _, value = authorization.strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer":
        return value or None
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        username, _, _password = decoded.partition(":")
        return username or None
    return None


def header(scope: Scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value).decode("latin-1")
    return ""


class AuthMiddleware:
    """Refuses every request without a valid key with Finos's 401."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authorization = header(scope, b"authorization")
        if not authorization:
            message = "No API key provided: send it as the Basic username or a Bearer token"
        elif key_of(authorization) not in API_KEYS:
            message = "Invalid API key provided"
        else:
            await self.app(scope, receive, send)
            return
        answer = response(401, AUTHENTICATION_ERROR, message)
        answer.headers["WWW-Authenticate"] = 'Basic realm="finos"'
        await answer(scope, receive, send)
