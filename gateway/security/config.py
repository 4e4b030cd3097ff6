"""Security settings (FINGATE_SECURITY__...).

Nested like every other setting: FINGATE_SECURITY__MODE=jwt,
FINGATE_SECURITY__JWT__ISSUER=https://issuer.example, FINGATE_SECURITY__LIMITS__MAX_DEPTH=8.
Switches left as `None` follow the environment: on in development, off in production.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .cors import ALLOWED_HEADERS, normalise_headers, normalise_origin

CallerKind = Literal["staff", "borrower"]


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class JwtConfig(_Config):
    """Bearer tokens verified with PyJWT. The algorithms are pinned here, never read
    from a token's header."""

    jwks_url: str | None = None  # where the issuer publishes its signing keys
    public_key: str | None = None  # a static PEM public key, instead of a JWKS URL
    algorithms: tuple[str, ...] = ("RS256",)
    issuer: str | None = None  # required `iss`
    audience: str | None = None  # required `aud`
    leeway: int = Field(30, ge=0, le=300)  # seconds of clock skew allowed on exp/nbf/iat
    email_claim: str = "email"  # a borrower token's email
    # a borrower token must hold `true` here; None only when the issuer verifies every email
    email_verified_claim: str | None = "email_verified"
    role_claim: str = "roles"  # a claim (string or list) naming the caller's roles
    staff_role: str = "staff"  # a token whose role claim holds this is staff
    jwks_cache_ttl: int = Field(300, ge=1)  # seconds before the key set is fetched again
    jwks_min_refresh_interval: int = Field(30, ge=0)  # least seconds between fetches on a miss
    jwks_timeout: float = Field(5.0, gt=0)  # seconds for one JWKS fetch


class ApiKey(_Config):
    """One client key: only its sha256 (hex) is kept."""

    id: str  # who the caller is, in logs and budgets
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$")
    kind: CallerKind = "staff"
    scopes: frozenset[str] = frozenset()
    email: str | None = None  # required for a borrower key


class LimitsConfig(_Config):
    """Operation limits: refused before any provider is called."""

    max_body_bytes: int = Field(100_000, ge=1)  # request body, refused before parsing (413)
    body_timeout: float = Field(10.0, gt=0)  # seconds for a request's whole body to arrive (408)
    max_url_bytes: int = Field(8192, ge=256)  # path and query string of a /graphql request (414)
    max_depth: int = Field(12, ge=1)
    max_aliases: int = Field(30, ge=0)
    max_root_fields: int = Field(20, ge=1)
    max_directives: int = Field(50, ge=0)  # directive uses per document (directive overloading)
    max_tokens: int = Field(3000, ge=1)
    max_batch_operations: int = Field(0, ge=0)  # operations in a JSON array; 0: batching off
    max_cost: int = Field(5000, ge=1)  # estimated cost of one operation
    # upstream calls one operation can cause, estimated before it runs (schema.upstream)
    max_upstream_calls: int = Field(500, ge=1)
    default_list_size: int = Field(20, ge=1)  # a list field's size when no first/limit is given
    cost_budget: int = Field(50_000, ge=0)  # cost one caller may spend per window; 0: no budget
    cost_window: int = Field(60, ge=1)  # seconds in which the budget refills


class SecurityConfig(_Config):
    mode: Literal["jwt", "api-key", "none"] = "none"
    allow_insecure: bool = False  # allow mode `none` with a real provider configured
    jwt: JwtConfig = JwtConfig()
    api_keys: tuple[ApiKey, ...] = ()
    limits: LimitsConfig = LimitsConfig()
    introspection: bool | None = None  # None: on in development, off in production
    field_suggestions: bool | None = None  # None: on in development, off in production
    get_queries: bool | None = None  # queries over GET; None: on in development, off in production
    cors_origins: tuple[str, ...] = ()  # browser origins allowed to call the gateway
    # request headers those pages may send (security/cors.py: fingate's, Apollo's, tracing)
    cors_allowed_headers: tuple[str, ...] = ALLOWED_HEADERS
    apq: bool | None = None  # automatic persisted queries; None: on in development
    apq_cache_size: int = Field(1000, ge=1)
    persisted_manifest: Path | None = None  # JSON: operation id -> document
    enforce_allowlist: bool | None = None  # None: on in production when a manifest is given
    # addresses or networks of reverse proxies whose X-Forwarded-For/-Proto are believed;
    # none: the client address is the connection's own, whatever the headers say
    trusted_proxies: tuple[str, ...] = ()

    @field_validator("cors_origins")
    @classmethod
    def _origins_are_exact(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(normalise_origin(origin) for origin in value)

    @field_validator("cors_allowed_headers")
    @classmethod
    def _headers_are_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return normalise_headers(value)

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(
                    f"trusted_proxies: {entry!r} is not an IP address or network "
                    "(a wildcard would let any client choose its own address)"
                ) from None
        return value
