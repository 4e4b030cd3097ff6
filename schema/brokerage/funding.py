"""Money in and out of Finos accounts: linked bank accounts, ACH deposits and
withdrawals, and the account transactions that list them with trades."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import strawberry

from resolvers import finos
from resolvers.brokerage import loaders, nodes

from ..common import PROVIDER_CURRENCY, Money, Node, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each_by_id
from .enums import (
    OrderSide,
    TransactionStatus,
    TransactionType,
    TransferStatus,
    order_side,
    transaction_status,
    transaction_type,
    transfer_status,
)
from .orders import AccountRef, Order, account_by_id
from .owners import account_visible, user_visible
from .people import borrower_by_user_id

if TYPE_CHECKING:
    from ..borrower import Borrower

USD = PROVIDER_CURRENCY[Provider.FINOS]
FINOS = Provider.FINOS.value
BorrowerRef = Annotated["Borrower", strawberry.lazy("schema.borrower")]


def mask(number: str | None) -> str | None:
    """A bank account number as clients may see it: the last four digits only."""
    if not number:
        return number
    return "*" * max(len(number) - 4, 0) + number[-4:]


@strawberry.type(description="A user's external bank account linked for ACH transfers.")
class BankAccount(Node):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One Finos read per distinct id, through the request's loader (shared with fields)."""
        return await each_by_id(
            ids, lambda i: loaders.bank_account(info.context, i), cls.from_finos
        )

    async def visible_to(self, info: Info) -> bool:
        return await user_visible(info, self.user_id)  # its Finos user is the caller

    provider: Provider
    provider_id: strawberry.ID
    user_id: strawberry.Private[str | None]
    bank_account_number: str | None = strawberry.field(
        description="Masked: only the last four digits are shown."
    )
    bank_account_number_last4: str | None
    bank_routing_number: str | None
    is_default: bool | None = strawberry.field(
        name="default", description="The default account for credits and debits."
    )
    bank_account_nickname: str | None
    created_at: datetime | None

    @classmethod
    def from_finos(cls, b: finos.BankAccount) -> BankAccount:
        number = b.bank_account_number
        return cls(
            id=strawberry.ID(to_global_id("BankAccount", FINOS, b.id)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(b.id),
            user_id=b.user_id,
            bank_account_number=mask(number),
            bank_account_number_last4=number[-4:] if number else None,
            bank_routing_number=b.bank_routing_number,
            is_default=b.default,
            bank_account_nickname=b.bank_account_nickname,
            created_at=b.created_at,
        )

    @strawberry.field(description="The Finos user the bank account belongs to.")
    async def owner(self, info: Info) -> BorrowerRef | None:
        return await borrower_by_user_id(info, self.user_id)


async def bank_account_by_id(info: Info, bank_account_id: str | None) -> BankAccount | None:
    if not bank_account_id:
        return None
    found = await loaders.bank_account(info.context, bank_account_id)
    return None if found is None else BankAccount.from_finos(found)


@strawberry.interface(description="An ACH transfer between a Finos account and a bank account.")
class Transfer(Node):
    async def visible_to(self, info: Info) -> bool:
        return await account_visible(info, self.account_id)  # its account is the caller's

    provider: Provider
    provider_id: strawberry.ID
    account_id: strawberry.Private[str | None]
    bank_account_id: strawberry.Private[str | None]
    amount: Money | None
    status: TransferStatus
    provider_status: str | None
    created_at: datetime | None
    completed_at: datetime | None

    @strawberry.field
    async def account(self, info: Info) -> AccountRef | None:
        return await account_by_id(info, self.account_id)

    @strawberry.field
    async def bank_account(self, info: Info) -> BankAccount | None:
        return await bank_account_by_id(info, self.bank_account_id)


def _transfer_fields(type_name: str, t: finos.Transfer) -> dict[str, object]:
    return {
        "id": strawberry.ID(to_global_id(type_name, FINOS, t.id)),
        "provider": Provider.FINOS,
        "provider_id": strawberry.ID(t.id),
        "account_id": t.account_id,
        "bank_account_id": t.bank_account_id,
        "amount": Money.of(t.amount, USD),
        "status": transfer_status(t.status),
        "provider_status": t.status,
        "created_at": t.created_at,
        "completed_at": t.completed_at,
    }


@strawberry.type(description="A one-time ACH deposit into a Finos account.")
class Deposit(Transfer):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One Finos read per distinct id, through the request's loader (shared with fields)."""
        return await each_by_id(ids, lambda i: loaders.deposit(info.context, i), cls.from_finos)

    @classmethod
    def from_finos(cls, d: finos.Transfer) -> Deposit:
        return cls(**_transfer_fields("Deposit", d))  # type: ignore[arg-type]


@strawberry.type(description="A one-time ACH withdrawal from a Finos account.")
class Withdrawal(Transfer):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One Finos read per distinct id, through the request's loader (shared with fields)."""
        return await each_by_id(ids, lambda i: loaders.withdrawal(info.context, i), cls.from_finos)

    @classmethod
    def from_finos(cls, w: finos.Transfer) -> Withdrawal:
        return cls(**_transfer_fields("Withdrawal", w))  # type: ignore[arg-type]


@strawberry.type(
    description="A line of an account's history: a deposit, a withdrawal or a trade "
    "(its provider id is that record's id)."
)
class Transaction(Node):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 3}  # deposit, withdrawal, order

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """The id alone does not say what it stands for: deposit, then withdrawal, then
        order are tried (at most three calls, fewer when found early)."""
        found = await asyncio.gather(*(nodes.transaction(info.context, i) for i in ids))
        return [None if one is None else cls.from_finos(*one) for one in found]

    async def visible_to(self, info: Info) -> bool:
        return await account_visible(info, self.account_id)  # its account is the caller's

    provider: Provider
    provider_id: strawberry.ID
    account_id: strawberry.Private[str | None]
    type: TransactionType
    provider_type: str
    amount: Money | None
    status: TransactionStatus
    provider_status: str | None
    created_at: datetime | None
    symbol: str | None = strawberry.field(description="Trades only.")
    side: OrderSide | None = strawberry.field(description="Trades only.")

    @classmethod
    def from_finos(cls, account_id: str | None, t: finos.Transaction) -> Transaction:
        extra = t.model_extra or {}
        symbol, side = extra.get("symbol"), extra.get("side")
        return cls(
            id=strawberry.ID(to_global_id("Transaction", FINOS, t.id)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(t.id),
            account_id=account_id,
            type=transaction_type(t.type),
            provider_type=t.type,
            amount=Money.of(t.amount, USD),
            status=transaction_status(t.status),
            provider_status=t.status,
            created_at=t.created_at,
            symbol=symbol if isinstance(symbol, str) else None,
            side=order_side(side) if isinstance(side, str) else None,
        )

    @strawberry.field
    async def account(self, info: Info) -> AccountRef | None:
        return await account_by_id(info, self.account_id)

    @strawberry.field(description="The deposit, when this is one.")
    async def deposit(self, info: Info) -> Deposit | None:
        if self.type is not TransactionType.DEPOSIT:
            return None
        found = await loaders.deposit(info.context, str(self.provider_id))
        return None if found is None else Deposit.from_finos(found)

    @strawberry.field(description="The withdrawal, when this is one.")
    async def withdrawal(self, info: Info) -> Withdrawal | None:
        if self.type is not TransactionType.WITHDRAWAL:
            return None
        found = await loaders.withdrawal(info.context, str(self.provider_id))
        return None if found is None else Withdrawal.from_finos(found)

    @strawberry.field(description="The trade order, when this is a trade.")
    async def order(self, info: Info) -> Order | None:
        if self.type is not TransactionType.TRADE:
            return None
        found = await loaders.order(info.context, str(self.provider_id))
        return None if found is None else Order.from_finos(found)
