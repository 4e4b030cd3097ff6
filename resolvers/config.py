"""Provider configuration: base URLs, credentials, HTTP pool and cache settings.

Plain models, filled in by the gateway's settings and passed in; nothing here
reads the environment.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)  # a misspelt setting is an error


class HttpConfig(_Config):
    """Timeouts (seconds) and pool sizes of each provider's pooled httpx client.

    `transport`: what carries the bytes under httpx: "aiohttp" (resolvers/transport.py,
    a quarter of the CPU per call) or "httpx" (httpx's own httpcore pool)."""

    connect_timeout: float = Field(2.0, gt=0)
    read_timeout: float = Field(10.0, gt=0)
    write_timeout: float = Field(10.0, gt=0)
    pool_timeout: float = Field(2.0, gt=0)
    max_connections: int = Field(100, ge=1)
    max_keepalive_connections: int = Field(20, ge=0)
    keepalive_expiry: float = Field(30.0, ge=0)
    transport: Literal["aiohttp", "httpx"] = "aiohttp"


class CacheConfig(_Config):
    """TTL in seconds of each kind of reference data."""

    promo_programs: float = 300
    subverticals: float = 3600
    teams: float = 300
    brokers: float = 300
    partners: float = 300
    asset_classes: float = 3600
    portfolios: float = 3600
    # Email -> people indexes for providers with no search by email (Molo applicants,
    # FinanceIt loan borrowers): rebuilt at most this often.
    people_index: float = 300
    quotes: float = 5  # Finos market quotes: short-lived
    maxsize: int = 1024


class FinmoConfig(_Config):
    base_url: str | None = None  # None: the embedded sandbox
    token: SecretStr = SecretStr("sandbox-finmo-brokerage")
    http: HttpConfig = HttpConfig()


class FinanceItConfig(_Config):
    base_url: str | None = None
    app_id: str = "sandbox-app"
    app_secret: SecretStr = SecretStr("sandbox-secret")
    login: str | None = "sandbox-partner"
    password: SecretStr | None = SecretStr("sandbox-password")
    anonymous: bool = False  # anonymous_user tokens: calculator and promo programs only
    http: HttpConfig = HttpConfig()


class FinosConfig(_Config):
    base_url: str | None = None
    api_key: SecretStr = SecretStr("sk_sandbox_finos")
    auth_scheme: Literal["basic", "bearer"] = "basic"
    http: HttpConfig = HttpConfig()


class MoloConfig(_Config):
    base_url: str | None = None
    client_id: str = "sandbox-molo-client"
    client_secret: SecretStr = SecretStr("sandbox-molo-secret")
    authorization_code: SecretStr | None = SecretStr("sandbox-molo-code")
    # a refresh token to start from when the token store has none (rotated ones are stored)
    refresh_token: SecretStr | None = None
    redirect_uri: str = "http://127.0.0.1:8000/oauth/molo/callback"
    refresh_skew: float = Field(60.0, ge=0)  # refresh this many seconds before expiry
    http: HttpConfig = HttpConfig()


class RateLimits(_Config):
    """Outbound requests per hour per provider credential; None: no pacing.

    Finos documents 10,000 an hour per API key; the others publish no figure."""

    finmo: int | None = Field(None, ge=1)
    financeit: int | None = Field(None, ge=1)
    finos: int | None = Field(10_000, ge=1)
    molo: int | None = Field(None, ge=1)


class ResilienceConfig(_Config):
    """Retries, circuit breakers, outbound rate limits, deadlines (FINGATE_RESILIENCE__...).

    Seconds throughout. Per-call timeouts are each provider's `http` settings."""

    enabled: bool = True  # False: one attempt, no breaker, no pacing, no dedup
    max_attempts: int = Field(4, ge=1, le=10)  # per call, the first one included
    backoff_initial: float = Field(0.1, ge=0)  # first retry waits this (doubling after)
    backoff_max: float = Field(2.0, ge=0)  # backoff cap (a Retry-After may ask for longer)
    backoff_jitter: float = Field(0.1, ge=0)  # up to this much random extra per wait
    retry_after_max: float = Field(30.0, ge=0)  # a longer Retry-After fails at once
    retry_budget_ratio: float = Field(0.2, ge=0, le=1)  # retries per request, sliding window
    retry_budget_floor: int = Field(10, ge=0)  # retries always allowed per window
    retry_budget_window: float = Field(10.0, gt=0)
    # providers that honour an Idempotency-Key: their writes carrying one may be retried
    idempotent_providers: frozenset[str] = frozenset({"finos"})
    breaker_threshold: int = Field(5, ge=1)  # consecutive failures that open the circuit
    breaker_cooldown: float = Field(30.0, gt=0)  # open this long, then one trial call
    rate_limits: RateLimits = RateLimits()
    # the fraction of each provider's hourly quota (rate_limits) one caller may use;
    # 0: no per-caller share (resilience.quota)
    caller_share: float = Field(0.1, ge=0, le=1)
    rate_limit_max_wait: float = Field(2.0, ge=0)  # longest wait for a slot, then RATE_LIMITED
    dedup: bool = True  # share one upstream call among identical concurrent reads
    request_deadline: float = Field(15.0, gt=0)  # per GraphQL request, all calls included
    shutdown_grace: float = Field(10.0, ge=0)  # in-flight requests get this long on SIGTERM
