"""All four provider clients, opened together for the life of the app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields

import httpx

from .cache import RefCache
from .config import CacheConfig, FinanceItConfig, FinmoConfig, FinosConfig, MoloConfig
from .financeit import FinanceItClient
from .finmo import FinmoClient
from .finos import FinosClient
from .molo import MoloClient
from .tokens import TokenStore


@dataclass(frozen=True)
class ProviderEndpoints:
    """Resolved base URLs (the config's, or the embedded sandbox's)."""

    finmo: str
    financeit: str
    finos: str
    molo: str


PROVIDER_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ProviderEndpoints))
"""The four providers, in the order settings, health and logs list them."""


@dataclass
class Providers:
    finmo: FinmoClient
    financeit: FinanceItClient
    finos: FinosClient
    molo: MoloClient
    cache: RefCache  # reference data and people indexes, shared by the clients

    async def aclose(self) -> None:
        for client in (self.finmo, self.financeit, self.finos, self.molo):
            await client.aclose()


def make_ref_cache(config: CacheConfig, *, enabled: bool = True) -> RefCache:
    ttls = config.model_dump(exclude={"maxsize"})
    return RefCache(ttls, maxsize=config.maxsize, enabled=enabled)


@asynccontextmanager
async def open_providers(
    *,
    finmo: FinmoConfig,
    financeit: FinanceItConfig,
    finos: FinosConfig,
    molo: MoloConfig,
    endpoints: ProviderEndpoints,
    token_store: TokenStore,
    cache: RefCache,
    transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[Providers]:
    """One pooled client per provider, closed when the block ends."""
    providers = Providers(
        finmo=FinmoClient.create(finmo, endpoints.finmo, cache=cache, transport=transport),
        financeit=FinanceItClient.create(
            financeit,
            endpoints.financeit,
            cache=cache,
            transport=transport,
            token_store=token_store,
        ),
        finos=FinosClient.create(finos, endpoints.finos, cache=cache, transport=transport),
        molo=MoloClient.create(molo, endpoints.molo, token_store=token_store, transport=transport),
        cache=cache,
    )
    try:
        yield providers
    finally:
        await providers.aclose()
