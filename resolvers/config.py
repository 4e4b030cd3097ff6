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
    """Timeouts (seconds) and pool sizes of each provider's pooled httpx client."""

    connect_timeout: float = Field(2.0, gt=0)
    read_timeout: float = Field(10.0, gt=0)
    write_timeout: float = Field(10.0, gt=0)
    pool_timeout: float = Field(2.0, gt=0)
    max_connections: int = Field(100, ge=1)
    max_keepalive_connections: int = Field(20, ge=0)
    keepalive_expiry: float = Field(30.0, ge=0)


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


class ResilienceConfig(_Config):
    """Retries, circuit breakers, outbound rate limits, deadlines (FINGATE_RESILIENCE__...)."""
