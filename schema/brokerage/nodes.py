"""Finos records by provider id, for `node` and `nodes`.

Finos fetches one record per call, so each type asks once per distinct id
through the request's loaders (the same ones the fields use); Position and
Transaction, which have no endpoint of their own, are read as
resolvers.brokerage.nodes says.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from resolvers.brokerage import loaders, nodes
from resolvers.request import Scope

from ..context import Info
from ..directory import NodeLoader
from .funding import BankAccount, Deposit, Transaction, Withdrawal
from .managed import Statement
from .market import StockQuote
from .orders import Order, Position
from .rollovers import Rollover
from .types import Account

R = TypeVar("R")
T = TypeVar("T")


def by_id(
    fetch: Callable[[Scope, str], Awaitable[R | None]], build: Callable[[R], T]
) -> NodeLoader:
    async def load(info: Info, ids: Sequence[str]) -> list[T | None]:
        found = await asyncio.gather(*(fetch(info.context, i) for i in ids))
        return [None if record is None else build(record) for record in found]

    return load


async def _positions(info: Info, ids: Sequence[str]) -> list[Position | None]:
    found = await nodes.positions(info.context, ids)
    return [None if held is None else Position.from_finos(*held) for held in found]


async def _transaction(info: Info, ident: str) -> Transaction | None:
    found = await nodes.transaction(info.context, ident)
    return None if found is None else Transaction.from_finos(*found)


async def _transactions(info: Info, ids: Sequence[str]) -> list[Transaction | None]:
    return list(await asyncio.gather(*(_transaction(info, i) for i in ids)))


NODE_LOADERS: dict[tuple[str, str], NodeLoader] = {
    ("Account", "finos"): by_id(loaders.account, Account.from_finos),
    ("Order", "finos"): by_id(loaders.order, Order.from_finos),
    ("StockQuote", "finos"): by_id(loaders.quote, StockQuote.from_finos),
    ("BankAccount", "finos"): by_id(loaders.bank_account, BankAccount.from_finos),
    ("Deposit", "finos"): by_id(loaders.deposit, Deposit.from_finos),
    ("Withdrawal", "finos"): by_id(loaders.withdrawal, Withdrawal.from_finos),
    ("Statement", "finos"): by_id(loaders.statement, Statement.from_finos),
    ("Rollover", "finos"): by_id(loaders.rollover, Rollover.from_finos),
    ("Position", "finos"): _positions,
    ("Transaction", "finos"): _transactions,
}
