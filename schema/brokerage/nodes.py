"""Finos records by provider id, for `node` and `nodes`.

Finos fetches one record per call, so each type asks once per distinct id
through the request's loaders (the same ones the fields use). Two types have
no endpoint of their own:

- Position: its provider id is "accountId:assetId"; the account's positions are
  walked once per distinct account (cursor pages of 100) and matched by asset.
- Transaction: its id is that of the deposit, withdrawal or order it stands
  for, and the id alone does not say which: deposit, then withdrawal, then
  order are tried (at most three calls, fewer when found early).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from resolvers import finos
from resolvers.brokerage import loaders
from resolvers.errors import ProviderNotFound
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
    wanted: dict[str, set[str]] = {}
    for ident in ids:
        account_id, _, asset_id = ident.partition(":")
        if account_id and asset_id:
            wanted.setdefault(account_id, set()).add(asset_id)
    client = loaders.client(info.context)

    async def walk(account_id: str) -> dict[str, finos.Position]:
        try:
            return {p.asset_id: p async for p in client.iter_positions(account_id)}
        except ProviderNotFound:  # no such account: none of its positions exist
            return {}

    accounts = list(wanted)
    walked = await asyncio.gather(*(walk(a) for a in accounts))
    held = dict(zip(accounts, walked, strict=True))
    out: list[Position | None] = []
    for ident in ids:
        account_id, _, asset_id = ident.partition(":")
        record = held.get(account_id, {}).get(asset_id)
        out.append(None if record is None else Position.from_finos(account_id, record))
    return out


def _as_transaction(record: finos.Transfer | finos.Order, kind: str) -> Transaction:
    fields: dict[str, Any] = {"id": record.id, "type": kind, "status": record.status}
    if isinstance(record, finos.Order):
        price = record.filled_average_price
        filled = record.filled_quantity
        fields["amount"] = None if price is None or filled is None else filled * price
        fields["created_at"] = record.submitted_at
        fields["symbol"], fields["side"] = record.symbol, record.side
    else:
        fields["amount"] = record.amount
        fields["created_at"] = record.created_at
    return Transaction.from_finos(record.account_id, finos.Transaction.model_validate(fields))


async def _transaction(info: Info, ident: str) -> Transaction | None:
    deposit = await loaders.deposit(info.context, ident)
    if deposit is not None:
        return _as_transaction(deposit, "deposit")
    withdrawal = await loaders.withdrawal(info.context, ident)
    if withdrawal is not None:
        return _as_transaction(withdrawal, "withdrawal")
    order = await loaders.order(info.context, ident)
    return None if order is None else _as_transaction(order, "trade")


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
