"""Trade orders and open positions of Finos brokerage accounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, cast

import strawberry

from resolvers import finos
from resolvers.brokerage import loaders, nodes

from ..common import PROVIDER_CURRENCY, Money, Node, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each_by_id
from .enums import OrderSide, OrderStatus, OrderType, order_side, order_status, order_type
from .market import StockQuote, stock_quote
from .owners import account_visible

if TYPE_CHECKING:
    from .types import Account

USD = PROVIDER_CURRENCY[Provider.FINOS]
FINOS = Provider.FINOS.value
AccountRef = Annotated["Account", strawberry.lazy("schema.brokerage.types")]


async def account_by_id(info: Info, account_id: str | None) -> Account | None:
    """The account an order, position, transfer or rollover belongs to (one read per
    distinct id, through the request's loader). `Account` is found by its GraphQL name:
    its module imports this one (an account lists its orders)."""
    if not account_id:
        return None
    found = await loaders.account(info.context, account_id)
    if found is None:
        return None
    account = cast("type[Account]", Node.type_named("Account"))
    return account.from_finos(found)


@strawberry.type(description="A Finos trade order.")
class Order(Node):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One Finos read per distinct id, through the request's loader (shared with fields)."""
        return await each_by_id(ids, lambda i: loaders.order(info.context, i), cls.from_finos)

    async def visible_to(self, info: Info) -> bool:
        return await account_visible(info, self.account_id)  # its account is the caller's

    provider: Provider
    provider_id: strawberry.ID
    account_id: strawberry.Private[str | None]
    symbol: str
    asset_id: str | None
    exchange: str | None
    asset_class: str | None
    side: OrderSide
    provider_side: str
    type: OrderType
    provider_type: str
    status: OrderStatus
    provider_status: str
    quantity: Decimal
    filled_quantity: Decimal | None
    limit_price: Money | None
    stop_price: Money | None
    filled_average_price: Money | None
    submitted_at: datetime | None
    filled_at: datetime | None
    expired_at: datetime | None
    canceled_at: datetime | None
    failed_at: datetime | None

    @classmethod
    def from_finos(cls, o: finos.Order) -> Order:
        return cls(
            id=strawberry.ID(to_global_id("Order", FINOS, o.id)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(o.id),
            account_id=o.account_id,
            symbol=o.symbol,
            asset_id=o.asset_id,
            exchange=o.exchange,
            asset_class=o.asset_class,
            side=order_side(o.side),
            provider_side=o.side,
            type=order_type(o.type),
            provider_type=o.type,
            status=order_status(o.status),
            provider_status=o.status,
            quantity=o.quantity,
            filled_quantity=o.filled_quantity,
            limit_price=Money.of(o.limit_price, USD),
            stop_price=Money.of(o.stop_price, USD),
            filled_average_price=Money.of(o.filled_average_price, USD),
            submitted_at=o.submitted_at,
            filled_at=o.filled_at,
            expired_at=o.expired_at,
            canceled_at=o.canceled_at,
            failed_at=o.failed_at,
        )

    @strawberry.field(description="When the order was placed (its submittedAt).")
    def created_at(self) -> datetime | None:
        return self.submitted_at

    @strawberry.field(description="The brokerage account the order belongs to.")
    async def account(self, info: Info) -> AccountRef | None:
        return await account_by_id(info, self.account_id)

    @strawberry.field(description="The symbol's current quote (cached a few seconds).")
    async def quote(self, info: Info) -> StockQuote | None:
        return await stock_quote(info, self.symbol)


def position_id(account_id: str, asset_id: str) -> str:
    """A position's provider id: Finos identifies it by account and asset."""
    return f"{account_id}:{asset_id}"


@strawberry.type(description="An open position of a Finos account.")
class Position(Node):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 2}  # the positions, pages of 100

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """Ids are "accountId:assetId": each account's positions are walked once (cursor
        pages of 100) and matched by asset (resolvers.brokerage.nodes)."""
        found = await nodes.positions(info.context, ids)
        return [None if held is None else cls.from_finos(*held) for held in found]

    async def visible_to(self, info: Info) -> bool:
        return await account_visible(info, self.account_id)  # its account is the caller's

    provider: Provider
    provider_id: strawberry.ID = strawberry.field(description="accountId:assetId")
    account_id: strawberry.Private[str]
    asset_id: str
    symbol: str
    exchange: str | None
    side: OrderSide
    provider_side: str | None
    quantity: Decimal
    average_purchase_price: Money | None
    market_value: Money | None
    cost_basis: Money | None
    current_price: Money | None
    lastday_price: Money | None
    change_today: Decimal | None = strawberry.field(description="A fraction (0.0084 = 0.84%).")

    @classmethod
    def from_finos(cls, account_id: str, p: finos.Position) -> Position:
        ident = position_id(account_id, p.asset_id)
        return cls(
            id=strawberry.ID(to_global_id("Position", FINOS, ident)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(ident),
            account_id=account_id,
            asset_id=p.asset_id,
            symbol=p.symbol,
            exchange=p.exchange,
            side=order_side(p.side),
            provider_side=p.side,
            quantity=p.quantity,
            average_purchase_price=Money.of(p.average_purchase_price, USD),
            market_value=Money.of(p.market_value, USD),
            cost_basis=Money.of(p.cost_basis, USD),
            current_price=Money.of(p.current_price, USD),
            lastday_price=Money.of(p.lastday_price, USD),
            change_today=p.change_today,
        )

    @strawberry.field
    async def account(self, info: Info) -> AccountRef | None:
        return await account_by_id(info, self.account_id)

    @strawberry.field(description="The symbol's current quote (cached a few seconds).")
    async def quote(self, info: Info) -> StockQuote | None:
        return await stock_quote(info, self.symbol)
