"""Managed-account settings, model portfolios, asset classes and statements.

Portfolios and asset classes are reference data: they are read as whole
collections through the client's RefCache (one call each per TTL, then none)
and looked up by id there (resolvers.brokerage.reference).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

import strawberry

from resolvers import finos
from resolvers.brokerage import loaders, reference

from ..common import Node, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each_by_id
from .owners import account_visible

FINOS = Provider.FINOS.value


@strawberry.type(description="A Finos asset class: a primary ETF and its tax-loss alternatives.")
class AssetClass:
    id: strawberry.ID
    name: str | None
    primary: str | None
    secondary: list[str]

    @classmethod
    def from_finos(cls, a: finos.AssetClass) -> AssetClass:
        return cls(id=strawberry.ID(a.id), name=a.name, primary=a.primary, secondary=a.secondary)


async def asset_class_by_id(info: Info, asset_class_id: str) -> AssetClass | None:
    found = await reference.asset_class(info.context, asset_class_id)
    return None if found is None else AssetClass.from_finos(found)


async def portfolio_by_id(info: Info, portfolio_id: str | None) -> Portfolio | None:
    found = await reference.portfolio(info.context, portfolio_id)
    return None if found is None else Portfolio.from_finos(found)


@strawberry.type
class Allocation:
    asset_class_id: strawberry.ID
    weight: Decimal = strawberry.field(description="Percent of the portfolio (30.0 = 30%).")

    @strawberry.field
    async def asset_class(self, info: Info) -> AssetClass | None:
        return await asset_class_by_id(info, str(self.asset_class_id))


@strawberry.type(description="A model portfolio: asset class weights.")
class Portfolio:
    id: strawberry.ID
    name: str | None
    allocations: list[Allocation]

    @classmethod
    def from_finos(cls, p: finos.Portfolio) -> Portfolio:
        return cls(
            id=strawberry.ID(p.id),
            name=p.name,
            allocations=[
                Allocation(asset_class_id=strawberry.ID(a.asset_class_id), weight=a.weight)
                for a in p.allocations
            ],
        )


@strawberry.type(description="How Finos manages an account (GET /v1/accounts/{id}/settings).")
class AccountSettings:
    portfolio_id: strawberry.ID | None
    managed: bool | None
    min_cash_percent: Decimal | None
    max_cash_percent: Decimal | None

    @classmethod
    def from_finos(cls, s: finos.AccountSettings) -> AccountSettings:
        return cls(
            portfolio_id=strawberry.ID(s.portfolio_id) if s.portfolio_id else None,
            managed=s.managed,
            min_cash_percent=s.min_cash_percent,
            max_cash_percent=s.max_cash_percent,
        )

    @strawberry.field
    async def portfolio(self, info: Info) -> Portfolio | None:
        return await portfolio_by_id(info, self.portfolio_id)


@strawberry.type(description="An account statement: a signed download URL.")
class Statement(Node):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One Finos read per distinct id, through the request's loader (shared with fields)."""
        return await each_by_id(ids, lambda i: loaders.statement(info.context, i), cls.from_finos)

    async def visible_to(self, info: Info) -> bool:
        return await account_visible(info, self.account_id)  # its account is the caller's

    provider: Provider
    provider_id: strawberry.ID
    url: str | None
    account_id: strawberry.ID | None
    period_start: date | None
    period_end: date | None
    created_at: datetime | None

    @classmethod
    def from_finos(cls, s: finos.Statement) -> Statement:
        return cls(
            id=strawberry.ID(to_global_id("Statement", FINOS, s.id)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(s.id),
            url=s.url,
            account_id=strawberry.ID(s.account_id) if s.account_id else None,
            period_start=s.period_start,
            period_end=s.period_end,
            created_at=s.created_at,
        )
