"""The data layer: provider clients, their auth flows, caches and errors."""

from __future__ import annotations

from .cache import RefCache
from .config import (
    CacheConfig,
    FinanceItConfig,
    FinmoConfig,
    FinosConfig,
    HttpConfig,
    MoloConfig,
)
from .errors import (
    ConnectionPoolBusy,
    FieldError,
    ProviderAuthError,
    ProviderBadResponse,
    ProviderConflict,
    ProviderError,
    ProviderNotFound,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
    ProviderValidationError,
    RequestTooLong,
)
from .providers import PROVIDER_NAMES, ProviderEndpoints, Providers, make_ref_cache, open_providers
from .tokens import FileTokenStore, MemoryTokenStore, TokenStore

__all__ = [
    "PROVIDER_NAMES",
    "CacheConfig",
    "ConnectionPoolBusy",
    "FieldError",
    "FileTokenStore",
    "FinanceItConfig",
    "FinmoConfig",
    "FinosConfig",
    "HttpConfig",
    "MemoryTokenStore",
    "MoloConfig",
    "ProviderAuthError",
    "ProviderBadResponse",
    "ProviderConflict",
    "ProviderEndpoints",
    "ProviderError",
    "ProviderNotFound",
    "ProviderRateLimited",
    "ProviderTimeout",
    "ProviderUnavailable",
    "ProviderValidationError",
    "RequestTooLong",
    "Providers",
    "RefCache",
    "TokenStore",
    "make_ref_cache",
    "open_providers",
]
