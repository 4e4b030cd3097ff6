"""Helpers for the security tests: a gateway on loopback with given security
settings, RSA keys, tokens and a JWKS server. (No tests here.)"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway import Settings, create_app
from gateway.cli import uvicorn_options
from tests.support import SandboxControl, bind_loopback, serve_on_loopback

PROVIDERS = ("finmo", "financeit", "finos", "molo")
ISSUER = "https://issuer.test"
AUDIENCE = "fingate"


@dataclass
class Gateway:
    http: httpx.Client
    app: FastAPI
    url: str

    def gql(self, query: str, headers: dict[str, str] | None = None, **body: Any) -> httpx.Response:
        return self.http.post("/graphql", json={"query": query, **body}, headers=headers)


@contextmanager
def running_gateway(
    data_dir: Path,
    sandbox: SandboxControl | None = None,
    *,
    environment: str = "development",
    resilience: dict[str, Any] | None = None,
    **security: Any,
) -> Iterator[Gateway]:
    """The real app on a loopback port. With `sandbox`, the providers are the test
    sandbox (so the gateway counts them as real providers) and its stats count calls."""
    if environment == "production" and sandbox is None:
        # production with the embedded sandboxes is refused unless explicitly allowed
        security.setdefault("allow_insecure", True)
    sock = bind_loopback()
    settings: dict[str, Any] = {
        "port": sock.getsockname()[1],
        "data_dir": data_dir,
        "environment": environment,
        "security": security,
    }
    if resilience is not None:
        settings["resilience"] = resilience
    if sandbox is not None:
        settings["sandbox_enabled"] = False
        for name in PROVIDERS:
            settings[name] = {"base_url": sandbox.url(name)}
    built = Settings(**settings)
    app = create_app(built)
    with (
        serve_on_loopback(app, sock, **uvicorn_options(built)) as url,
        httpx.Client(base_url=url, timeout=30, trust_env=False) as http,
    ):
        yield Gateway(http, app, url)


@dataclass
class Keys:
    """An RSA key pair, its PEM public key and its JWKS entry."""

    kid: str
    private: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    @property
    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def jwk(self) -> dict[str, Any]:
        entry: dict[str, Any] = jwt.algorithms.RSAAlgorithm.to_jwk(
            self.private.public_key(), as_dict=True
        )
        return {**entry, "kid": self.kid, "use": "sig", "alg": "RS256"}

    def token(self, headers: dict[str, Any] | None = None, **overrides: Any) -> str:
        return self.sign(claims(**overrides), headers)

    def sign(self, payload: dict[str, Any], headers: dict[str, Any] | None = None) -> str:
        """A token with exactly these claims (a None stays a JSON null)."""
        return jwt.encode(
            payload, self.private, algorithm="RS256", headers={"kid": self.kid, **(headers or {})}
        )


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "staff-1",
        "iat": now,
        "exp": now + 300,
        "roles": ["staff"],
        "scope": "applications:read loans:read",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256_token_signed_with(secret: bytes, kid: str, **overrides: Any) -> str:
    """The alg-confusion attack: an HS256 token whose HMAC key is the RS256 public key's
    bytes (PyJWT refuses to make one, so it is made by hand)."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
    payload = _b64(json.dumps(claims(**overrides)).encode())
    signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


def unsigned_token(**overrides: Any) -> str:
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{_b64(json.dumps(claims(**overrides)).encode())}."


class JwksServer:
    """A JWKS endpoint on loopback that counts how often it is fetched."""

    def __init__(self, *keys: Keys) -> None:
        self.keys = list(keys)
        self.fetches = 0

        async def jwks(request: Request) -> JSONResponse:  # noqa: ARG001
            self.fetches += 1
            return JSONResponse({"keys": [k.jwk() for k in self.keys]})

        self.app = Starlette(routes=[Route("/.well-known/jwks.json", jwks)])

    @contextmanager
    def serve(self) -> Iterator[str]:
        with serve_on_loopback(self.app) as url:
            yield f"{url}/.well-known/jwks.json"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
