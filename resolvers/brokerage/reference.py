"""Finos reference data by id: asset classes and model portfolios.

Both are read as whole collections through the client's RefCache (one call
each per TTL, then none: resolvers.finos.reference) and looked up by id there.
"""

from __future__ import annotations

from .. import finos
from ..request import Scope


async def asset_class(scope: Scope, asset_class_id: str) -> finos.AssetClass | None:
    for found in await scope.providers.finos.all_asset_classes():
        if found.id == asset_class_id:
            return found
    return None


async def portfolio(scope: Scope, portfolio_id: str | None) -> finos.Portfolio | None:
    if not portfolio_id:
        return None
    for found in await scope.providers.finos.all_portfolios():
        if found.id == portfolio_id:
            return found
    return None
