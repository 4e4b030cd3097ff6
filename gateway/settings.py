"""fingate's settings: environment variables with the FINGATE_ prefix.

Nested values use a double underscore: FINGATE_FINOS__API_KEY,
FINGATE_MOLO__HTTP__READ_TIMEOUT. Built once by the CLI (or by a test from a
dict) and passed in; nothing reads them at import time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from resolvers import (
    PROVIDER_NAMES,
    CacheConfig,
    FinanceItConfig,
    FinmoConfig,
    FinosConfig,
    MoloConfig,
)
from resolvers.config import ResilienceConfig

from .security.config import SecurityConfig

__all__ = ["PROVIDER_NAMES", "Settings"]  # the providers' names: the data layer's own list


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FINGATE_", env_nested_delimiter="__", extra="forbid"
    )

    environment: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    data_dir: Path = Path(".fingate")
    log_level: Literal["debug", "info", "warning", "error"] = "info"

    graphiql: bool = True  # the GraphiQL explorer at GET /graphql in a browser
    dataloaders: bool = True  # False: no batching or per-request caching (the naive baseline)
    reference_cache: bool = True  # False: reference data is fetched on every use
    max_batch_size: int = Field(100, ge=1, le=1000)  # keys per dataloader batch
    # calls at once where a batch needs one per key (32: bench/results/2026-11-21.md, levers)
    per_key_concurrency: int = Field(32, ge=1, le=100)

    sandbox_enabled: bool = True  # mount the embedded sandboxes under /sandbox
    sandbox_seed: int = 42
    sandbox_scale: int = Field(1, ge=1, le=100)
    sandbox_rate_limit_per_hour: int = Field(10_000, ge=0)  # per credential; 0: off
    sandbox_molo_token_ttl: int = Field(3600, ge=1)
    sandbox_financeit_token_ttl: int = Field(7200, ge=1)

    finmo: FinmoConfig = FinmoConfig()
    financeit: FinanceItConfig = FinanceItConfig()
    finos: FinosConfig = FinosConfig()
    molo: MoloConfig = MoloConfig()
    cache: CacheConfig = CacheConfig()
    resilience: ResilienceConfig = ResilienceConfig()
    security: SecurityConfig = SecurityConfig()

    def sandbox_url(self) -> str:
        """Where the gateway reaches its own embedded sandboxes, over loopback HTTP."""
        host = self.host
        if host in ("0.0.0.0", "", "::"):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/sandbox"

    def base_url(self, provider: str) -> str:
        configured: str | None = getattr(self, provider).base_url
        return configured or f"{self.sandbox_url()}/{provider}"

    def uses_sandbox(self, provider: str) -> bool:
        return getattr(self, provider).base_url is None
