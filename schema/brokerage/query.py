"""Brokerage root fields: accounts, orders and market quotes (Finos)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated, cast

import strawberry

from resolvers import finos
from resolvers.brokerage import lists, loaders
from resolvers.brokerage.paging import page_args, sort_key, window, window_in_memory
from resolvers.merge import SortKey

from ..access import QUOTES_READ, TRADING_READ, access
from ..authz_owner import is_borrower, visible
from ..context import Info
from ..errors import BadInput, NotFound
from ..ids import InvalidId, from_global_id
from ..relay import Connection
from .enums import OrderScope, OrderStatus, order_filter
from .links import own_accounts
from .market import StockQuote, stock_quote
from .orders import Order
from .owners import account_visible
from .rollovers import Rollover
from .types import Account

MAX_SYMBOLS = 50


def finos_id(global_id: str, type_name: str) -> str:
    """The Finos id inside a global id of `type_name`; NotFound for anything else."""
    try:
        gid = from_global_id(global_id)
    except InvalidId as exc:
        raise NotFound(f"No {type_name} has the id {global_id!r}.") from exc
    if gid.type_name != type_name or gid.provider != "finos":
        raise NotFound(f"No {type_name} has the id {global_id!r}.")
    return gid.provider_id


def _filter_id(global_id: str | None, type_name: str, argument: str) -> str | None:
    """A filter argument's Finos id; BadInput when it is not a Finos id of that type."""
    if global_id is None:
        return None
    try:
        return finos_id(global_id, type_name)
    except NotFound as exc:
        raise BadInput(f"{argument} must be the id of a Finos {type_name}.") from exc


def _symbol(symbol: str) -> str:
    cleaned = loaders.normalize_symbol(symbol)
    if not cleaned:
        raise BadInput("symbol must not be empty")
    return cleaned


async def _quote_or_not_found(info: Info, symbol: str) -> StockQuote:
    found = await stock_quote(info, symbol)
    if found is None:
        raise NotFound(f"No quote for the symbol {symbol!r}.")
    return found


def _account_key(a: finos.Account) -> SortKey:
    return sort_key(a.created_at, a.id)


def _order_key(o: finos.Order) -> SortKey:
    return sort_key(o.submitted_at, o.id)


@strawberry.type
class BrokerageQuery:
    @strawberry.field(
        description="Finos brokerage accounts, newest first (one call per page).",
        metadata=access(TRADING_READ, filtered_at_source=True),
    )
    async def accounts(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        owner_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="A Borrower's global id: that Finos user's accounts."),
        ] = None,
    ) -> Connection[Account] | None:
        args = page_args(first, after)
        user_id: str | None = None
        if owner_id is not None:
            try:
                gid = from_global_id(owner_id)
            except InvalidId as exc:
                raise BadInput("ownerId must be the id of a Borrower.") from exc
            if gid.type_name != "Borrower":
                raise BadInput("ownerId must be the id of a Borrower.")
            if gid.provider != "finos":
                return Connection.build(
                    [], has_next=False, has_previous=False
                )  # only Finos users hold brokerage accounts
            user_id = gid.provider_id
        if is_borrower(info):  # the caller's own, filtered at the source
            mine = await own_accounts(info, user_id if owner_id is not None else None)
            rows = window_in_memory(mine, args, _account_key, lambda a: a.id)
            return Connection.of(rows, Account.from_finos)
        page = await lists.accounts(info.context, user_id, args)
        return Connection.of(window(page, args, _account_key, lambda a: a.id), Account.from_finos)

    @strawberry.field(
        description="One Finos account by global id.",
        metadata=access(TRADING_READ, filtered_at_source=True),
    )
    async def account(self, info: Info, id: strawberry.ID) -> Account | None:
        found = await loaders.account(info.context, finos_id(id, "Account"))
        account = None if found is None else Account.from_finos(found)
        if account is None or not await visible(info, account):
            raise NotFound(f"No Account has the id {id!r}.")
        return account

    @strawberry.field(
        description="Finos trade orders, newest first: every status unless `status` or "
        "`scope` narrows it (one call per page).",
        metadata=access(TRADING_READ, filtered_at_source=True),
    )
    async def orders(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: OrderStatus | None = None,
        scope: OrderScope = OrderScope.ALL,
        account_id: strawberry.ID | None = None,
        symbol: str | None = None,
    ) -> Connection[Order] | None:
        args = page_args(first, after)
        account = _filter_id(account_id, "Account", "accountId")
        wanted_symbol = _symbol(symbol) if symbol is not None else None
        if is_borrower(info) and account is not None and not await account_visible(info, account):
            # someone else's account: NOT_FOUND, as for an account that does not exist
            raise NotFound(f"No Account has the id {account_id!r}.")
        if is_borrower(info) and account is None:
            # the caller's own accounts' orders, filtered at the source: every page of
            # each account's orders (ceil(orders / 100) calls per account)
            owned = [a.id for a in await own_accounts(info, None)]
            rows = await lists.every_order_of(
                info.context, owned, status=order_filter(status, scope), symbol=wanted_symbol
            )
            held = window_in_memory(rows, args, _order_key, lambda o: o.id)
            return Connection.of(held, Order.from_finos)
        page = await lists.orders(
            info.context,
            status=order_filter(status, scope),
            account_id=account,
            symbol=wanted_symbol,
            args=args,
        )
        return Connection.of(window(page, args, _order_key, lambda o: o.id), Order.from_finos)

    @strawberry.field(
        description="One Finos trade order by global id.",
        metadata=access(TRADING_READ, filtered_at_source=True),
    )
    async def order(self, info: Info, id: strawberry.ID) -> Order | None:
        found = await loaders.order(info.context, finos_id(id, "Order"))
        order = None if found is None else Order.from_finos(found)
        if order is None or not await visible(info, order):
            raise NotFound(f"No Order has the id {id!r}.")
        return order

    @strawberry.field(
        description="One ACATS rollover by global id (Finos lists none).",
        metadata=access(TRADING_READ, filtered_at_source=True),
    )
    async def rollover(self, info: Info, id: strawberry.ID) -> Rollover | None:
        found = await loaders.rollover(info.context, finos_id(id, "Rollover"))
        rollover = None if found is None else Rollover.from_finos(found)
        if rollover is None or not await visible(info, rollover):
            raise NotFound(f"No Rollover has the id {id!r}.")
        return rollover

    @strawberry.field(
        description="A stock's current quote (Finos market data, cached seconds).",
        metadata=access(QUOTES_READ),
    )
    async def stock_quote(self, info: Info, symbol: str) -> StockQuote | None:
        return await _quote_or_not_found(info, _symbol(symbol))

    @strawberry.field(
        description=f"Quotes in the order asked (at most {MAX_SYMBOLS}); an unknown symbol "
        "is null with a NOT_FOUND error for that entry alone.",
        metadata=access(QUOTES_READ),
    )
    async def stock_quotes(self, info: Info, symbols: list[str]) -> list[StockQuote | None] | None:
        if len(symbols) > MAX_SYMBOLS:
            raise BadInput(f"stockQuotes takes at most {MAX_SYMBOLS} symbols; got {len(symbols)}.")
        cleaned = [_symbol(s) for s in symbols]
        # graphql-core completes each awaitable entry on its own: an error nulls one entry
        entries: list[Awaitable[StockQuote]] = [_quote_or_not_found(info, s) for s in cleaned]
        return cast("list[StockQuote | None] | None", entries)
