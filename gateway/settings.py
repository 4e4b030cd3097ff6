"""fingate's settings: environment variables with the FINGATE_ prefix.

Nested values use a double underscore: FINGATE_FINOS__API_KEY,
FINGATE_MOLO__HTTP__READ_TIMEOUT. Built once by the CLI (or by a test from a
dict) and passed in; nothing reads them at import time.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import UnionType
from typing import Literal, Union, get_args, get_origin

from pydantic import BaseModel, Field
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

__all__ = [  # PROVIDER_NAMES: the providers' names, the data layer's own list
    "PROVIDER_NAMES",
    "Settings",
    "setting_variables",
    "unknown_variables",
    "unparsable_json",
]
PREFIX = "FINGATE_"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FINGATE_", env_nested_delimiter="__", extra="forbid"
    )

    environment: Literal["development", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    data_dir: Path = Path(".fingate")
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # processes `fingate serve` runs (gateway/workers.py); 0: one per usable core, or one
    # while the embedded sandboxes serve (their data lives in one process)
    workers: int = Field(0, ge=0, le=64)

    graphiql: bool = True  # the GraphiQL explorer at GET /graphql in a browser
    # gzip responses of at least this many bytes to clients that accept it; 0: never
    compress_min_bytes: int = Field(1024, ge=0)
    dataloaders: bool = True  # False: no batching or per-request caching (the naive baseline)
    reference_cache: bool = True  # False: reference data is fetched on every use
    max_batch_size: int = Field(100, ge=1, le=1000)  # keys per dataloader batch
    # calls at once where a batch needs one per key (32: bench/results/2026-11-21.md, levers)
    per_key_concurrency: int = Field(32, ge=1, le=100)
    # allocations before a young garbage collection in the served process, and freezing what
    # start-up built (gateway/runtime.py); 0: Python's defaults (700, no freeze)
    gc_threshold: int = Field(50_000, ge=0, le=10_000_000)
    # seconds between young collections, each only when gc_threshold allocations are due
    # (gateway/runtime.py); 0: Python's own trigger on allocation counts
    gc_interval: float = Field(5.0, ge=0, le=3600)

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


def _variables(model: type[BaseModel], prefix: str) -> Iterator[str]:
    """The environment variable of every field of `model`, nested ones by `__`; a field
    holding a mapping accepts any key below it (its name ends in `__*`)."""
    for name, field in model.model_fields.items():
        variable = prefix + name.upper()
        yield variable
        annotation = field.annotation
        optional = get_origin(annotation) in (Union, UnionType)  # `X | None`: X itself
        for kind in get_args(annotation) if optional else (annotation,):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                yield from _variables(kind, variable + "__")
            elif get_origin(kind) in (dict, Mapping) or kind is dict:
                yield variable + "__*"


def _json_variables(model: type[BaseModel], prefix: str) -> Iterator[str]:
    """The variables of `model`'s fields that take JSON (lists, tuples, sets, mappings)."""
    for name, field in model.model_fields.items():
        variable = prefix + name.upper()
        annotation = field.annotation
        optional = get_origin(annotation) in (Union, UnionType)
        for kind in get_args(annotation) if optional else (annotation,):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                yield from _json_variables(kind, variable + "__")
            elif get_origin(kind) in (list, tuple, set, frozenset, dict, Mapping):
                yield variable


def unparsable_json(environ: Mapping[str, str]) -> list[str]:
    """A sentence per setting in `environ` that takes JSON and is not valid JSON
    (pydantic-settings reports only the top-level field it failed on)."""
    found = []
    takes_json = set(_json_variables(Settings, PREFIX))
    for variable in sorted(environ):
        if variable.upper() in takes_json:
            try:
                json.loads(environ[variable])
            except ValueError:
                found.append(
                    f"{variable}: not valid JSON (got {environ[variable][:60]!r}); "
                    "it takes a JSON list or object, e.g. '[\"http://localhost:3000\"]'"
                )
    return found


def setting_variables() -> frozenset[str]:
    """Every FINGATE_ variable the settings read (README, Settings)."""
    return frozenset(_variables(Settings, PREFIX))


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """A sentence per FINGATE_ variable in `environ` that is no setting (a typo would
    otherwise be ignored: `FINGATE_SECURTY__MODE=jwt` would leave authentication off),
    with the closest setting's name when there is one."""
    known = setting_variables()
    open_prefixes = tuple(v.removesuffix("*") for v in known if v.endswith("__*"))
    found = []
    for variable in sorted(environ):
        name = variable.upper()
        if not name.startswith(PREFIX) or name in known or name.startswith(open_prefixes):
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]}?)" if close else ""
        found.append(f"{variable} is not a fingate setting{hint}")
    return found
