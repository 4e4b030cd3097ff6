"""The two Finos node types with no endpoint of their own, read by provider id.

- Position: its provider id is "accountId:assetId"; the account's positions are
  walked once per distinct account (cursor pages of 100) and matched by asset.
- Transaction: its id is that of the deposit, withdrawal or order it stands
  for, and the id alone does not say which: deposit, then withdrawal, then
  order are tried (at most three calls, fewer when found early), through the
  request's loaders (the same ones the fields use).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from .. import finos
from ..errors import ProviderNotFound
from ..request import Scope
from .loaders import deposit, order, withdrawal


async def positions(scope: Scope, ids: Sequence[str]) -> list[tuple[str, finos.Position] | None]:
    """(account id, position) for each "accountId:assetId", in the order asked (None:
    no such position, or no such account)."""
    wanted: dict[str, set[str]] = {}
    for ident in ids:
        account_id, _, asset_id = ident.partition(":")
        if account_id and asset_id:
            wanted.setdefault(account_id, set()).add(asset_id)
    client = scope.providers.finos

    async def walk(account_id: str) -> dict[str, finos.Position]:
        try:
            return {p.asset_id: p async for p in client.iter_positions(account_id)}
        except ProviderNotFound:  # no such account: none of its positions exist
            return {}

    accounts = list(wanted)
    walked = await asyncio.gather(*(walk(a) for a in accounts))
    held = dict(zip(accounts, walked, strict=True))
    out: list[tuple[str, finos.Position] | None] = []
    for ident in ids:
        account_id, _, asset_id = ident.partition(":")
        record = held.get(account_id, {}).get(asset_id)
        out.append(None if record is None else (account_id, record))
    return out


def as_transaction(record: finos.Transfer | finos.Order, kind: str) -> finos.Transaction:
    """A deposit, withdrawal or (filled) order as an account's transaction record."""
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
    return finos.Transaction.model_validate(fields)


async def transaction(scope: Scope, ident: str) -> tuple[str | None, finos.Transaction] | None:
    """(account id, transaction) for the deposit, withdrawal or order with this id."""
    paid_in = await deposit(scope, ident)
    if paid_in is not None:
        return paid_in.account_id, as_transaction(paid_in, "deposit")
    paid_out = await withdrawal(scope, ident)
    if paid_out is not None:
        return paid_out.account_id, as_transaction(paid_out, "withdrawal")
    trade = await order(scope, ident)
    return None if trade is None else (trade.account_id, as_transaction(trade, "trade"))
