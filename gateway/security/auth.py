"""Client authentication: who is calling, as a `schema.context.Caller`.

    mode      credential                              caller
    jwt       Authorization: Bearer <JWT>             staff (role claim) or borrower (verified
                                                      email claim); claims checked in claims.py
    api-key   X-API-Key: <key>  or  Bearer <key>      the key's own kind, scopes and email
    none      nothing                                 anonymous with every scope (sandbox only)

Every refusal raises `Unauthenticated`, answered 401 by the app.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from starlette.datastructures import Headers

from schema.context import Caller

from .claims import caller_from_claims
from .config import ApiKey, JwtConfig, SecurityConfig
from .errors import Unauthenticated
from .jwks import JwksCache

ANONYMOUS = Caller()  # mode `none`: the sandbox default, every scope


class Authenticator(Protocol):
    scheme: str  # the WWW-Authenticate challenge of a refusal

    async def authenticate(self, headers: Mapping[str, str]) -> Caller: ...

    async def aclose(self) -> None: ...


class NoAuth:
    scheme = "Bearer"

    async def authenticate(self, headers: Mapping[str, str]) -> Caller:
        return ANONYMOUS

    async def aclose(self) -> None:
        return None


def bearer_token(headers: Mapping[str, str]) -> str | None:
    value = headers.get("authorization")
    if value is None:
        return None
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Expected an Authorization: Bearer token")
    return token.strip()


class JwtAuth:
    scheme = "Bearer"

    def __init__(self, config: JwtConfig, jwks: JwksCache | None = None) -> None:
        if not (config.issuer and config.audience):
            raise ValueError("jwt mode needs FINGATE_SECURITY__JWT__ISSUER and __AUDIENCE")
        if jwks is None and config.jwks_url:
            jwks = JwksCache(
                config.jwks_url,
                ttl=config.jwks_cache_ttl,
                min_refresh_interval=config.jwks_min_refresh_interval,
                timeout=config.jwks_timeout,
            )
        if jwks is None and not config.public_key:
            raise ValueError("jwt mode needs __JWT__JWKS_URL or __JWT__PUBLIC_KEY")
        self.config = config
        self.jwks = jwks
        self._static_key: Any = (
            load_pem_public_key(config.public_key.encode())
            if config.public_key and jwks is None
            else None
        )

    async def authenticate(self, headers: Mapping[str, str]) -> Caller:
        token = bearer_token(headers)
        if token is None:
            raise Unauthenticated()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthenticated("Invalid token") from exc
        if header.get("alg") not in self.config.algorithms:
            raise Unauthenticated("Invalid token")
        key = self._static_key or await self._jwks_key(header.get("kid"))
        return caller_from_claims(self._decode(token, key), self.config)

    async def aclose(self) -> None:
        if self.jwks is not None:
            await self.jwks.aclose()

    async def _jwks_key(self, kid: Any) -> jwt.PyJWK:
        assert self.jwks is not None
        return await self.jwks.key(kid if isinstance(kid, str) else None)

    def _decode(self, token: str, key: Any) -> dict[str, Any]:
        config = self.config
        try:
            return jwt.decode(
                token,
                key,
                algorithms=list(config.algorithms),  # pinned: never the token's own choice
                audience=config.audience,
                issuer=config.issuer,
                leeway=config.leeway,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("Token expired") from exc
        except jwt.PyJWTError as exc:
            raise Unauthenticated("Invalid token") from exc


MAX_API_KEY = 256  # characters; a longer value is refused before it is hashed
CREDENTIAL_HEADERS = ("authorization", "x-api-key")


def single_credential(headers: Headers, scheme: str = "Bearer") -> None:
    """A request names its caller once: a repeated credential header (which one would a
    proxy have checked?) is refused."""
    for name in CREDENTIAL_HEADERS:
        if len(headers.getlist(name)) > 1:
            raise Unauthenticated(f"Send one {name} header", scheme=scheme)


class ApiKeyAuth:
    """Keys compared by their sha256, in constant time, against every configured key:
    the time taken does not depend on which key matched, nor on how much of one did
    (digests all have the same length). A key is only read from `X-API-Key` or
    `Authorization: Bearer` (never a URL, which access logs keep), and is never part
    of an answer or a log line."""

    scheme = "ApiKey"

    def __init__(
        self,
        keys: tuple[ApiKey, ...],
        *,
        compare: Callable[[str, str], bool] = hmac.compare_digest,
    ) -> None:
        for key in keys:
            if key.kind == "borrower" and not key.email:
                raise ValueError(f"API key {key.id!r} is a borrower key without an email")
        self.keys = keys
        self._digests = tuple(key.sha256.lower() for key in keys)
        self._compare = compare

    async def authenticate(self, headers: Mapping[str, str]) -> Caller:
        presented = headers.get("x-api-key")
        if presented is not None and "authorization" in headers:
            raise Unauthenticated("Send the API key in one header", scheme="ApiKey")
        if presented is None:
            try:
                presented = bearer_token(headers)
            except Unauthenticated as exc:
                raise Unauthenticated(exc.message, scheme="ApiKey") from None
        if not presented:
            raise Unauthenticated("An API key is required", scheme="ApiKey")
        if len(presented) > MAX_API_KEY:
            raise Unauthenticated("Invalid API key", scheme="ApiKey")
        digest = hashlib.sha256(presented.encode()).hexdigest()
        match: ApiKey | None = None
        for key, expected in zip(self.keys, self._digests, strict=True):
            if self._compare(digest, expected):  # no early exit
                match = key
        if match is None:
            raise Unauthenticated("Invalid API key", scheme="ApiKey")
        email = match.email.strip().lower() if match.email else None
        return Caller(id=match.id, kind=match.kind, scopes=match.scopes, email=email)

    async def aclose(self) -> None:
        return None


def build_authenticator(config: SecurityConfig) -> Authenticator:
    if config.mode == "jwt":
        return JwtAuth(config.jwt)
    if config.mode == "api-key":
        return ApiKeyAuth(config.api_keys)
    return NoAuth()
