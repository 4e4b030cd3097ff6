"""Funding: the linkBankAccount, updateBankAccount, removeBankAccount, deposit and
withdraw mutations, wired to the data layer.

The rules and the calls sent are resolvers.brokerage.funding; the records become
`BankAccount`, `Deposit` and `Withdrawal` (schema.brokerage.funding); each
mutation is one write spec (schema.writes.WriteSpec).
"""

from __future__ import annotations

import abc
from typing import ClassVar, TypeVar

from resolvers import finos
from resolvers.brokerage.funding import (
    BANK_FIELDS,
    TRANSFER_FIELDS,
    BankChange,
    BankLink,
    Direction,
    bank_change_reconciled,
    check_bank_change,
    check_link,
    check_transfer,
    removal_reconciled,
    send_bank_change,
    send_link,
    send_removal,
    send_transfer,
)
from resolvers.checks import Checks

from ..context import Info
from ..writes import run_write
from .funding import BankAccount, Deposit, Withdrawal
from .inputs import (
    DepositInput,
    LinkBankAccountInput,
    RemoveBankAccountInput,
    TransferInput,
    UpdateBankAccountInput,
    WithdrawInput,
)
from .payloads import (
    DepositPayload,
    LinkBankAccountPayload,
    RemoveBankAccountPayload,
    UpdateBankAccountPayload,
    WithdrawPayload,
)
from .writes import FinosWrite

P = TypeVar("P")


def _bank_id(checks: Checks, value: str) -> str | None:
    return checks.global_id("bankAccountId", value, "BankAccount", "a BankAccount")


class LinkBankAccount(FinosWrite[LinkBankAccountPayload]):
    """POST /v1/users/{id}/bank_accounts under the provider key; an unanswered one is
    sent again under the same key (Finos replays the first answer)."""

    mutation = "linkBankAccount"
    record = finos.BankAccount
    field_map = BANK_FIELDS
    input: LinkBankAccountInput

    def link(self) -> BankLink:
        data = self.input
        return BankLink(
            data.bank_account_number, data.bank_routing_number, data.bank_account_nickname
        )

    def check(self, checks: Checks) -> None:
        self.user_id = checks.global_id(
            "userId", self.input.user_id, "Borrower", "a Finos user (Borrower)"
        )
        check_link(checks, self.link())

    async def send(self, provider_key: str | None) -> finos.BankAccount:
        assert self.user_id is not None
        return await send_link(self.info.context, self.user_id, self.link(), provider_key)

    async def reconcile(self, provider_key: str) -> finos.BankAccount:
        return await self.send(provider_key)

    def payload(self, record: finos.BankAccount) -> LinkBankAccountPayload:
        return LinkBankAccountPayload(bank_account=BankAccount.from_finos(record), user_errors=[])


class UpdateBankAccount(FinosWrite[UpdateBankAccountPayload]):
    """PUT /v1/bank_accounts/{id} (Finos takes no key); an unanswered one is settled by
    reading the bank account."""

    mutation = "updateBankAccount"
    record = finos.BankAccount
    field_map = BANK_FIELDS
    input: UpdateBankAccountInput

    def change(self) -> BankChange:
        return BankChange(self.input.default, self.input.bank_account_nickname)

    def check(self, checks: Checks) -> None:
        self.bank_id = _bank_id(checks, self.input.bank_account_id)
        check_bank_change(checks, self.change())

    async def send(self, provider_key: str | None) -> finos.BankAccount:
        assert self.bank_id is not None
        return await send_bank_change(self.info.context, self.bank_id, self.change())

    async def reconcile(self, provider_key: str) -> finos.BankAccount | None:
        assert self.bank_id is not None
        return await bank_change_reconciled(self.info.context, self.bank_id, self.change())

    def payload(self, record: finos.BankAccount) -> UpdateBankAccountPayload:
        bank = BankAccount.from_finos(record)
        return UpdateBankAccountPayload(bank_account=bank, user_errors=[])


class RemoveBankAccount(FinosWrite[RemoveBankAccountPayload]):
    """DELETE /v1/bank_accounts/{id} (Finos takes no key); an unanswered one is settled
    by reading the bank account: gone means removed."""

    mutation = "removeBankAccount"
    record = finos.Deleted
    field_map = BANK_FIELDS
    input: RemoveBankAccountInput

    def check(self, checks: Checks) -> None:
        self.bank_id = _bank_id(checks, self.input.bank_account_id)

    async def send(self, provider_key: str | None) -> finos.Deleted:
        assert self.bank_id is not None
        return await send_removal(self.info.context, self.bank_id)

    async def reconcile(self, provider_key: str) -> finos.Deleted | None:
        assert self.bank_id is not None
        return await removal_reconciled(self.info.context, self.bank_id)

    def payload(self, record: finos.Deleted) -> RemoveBankAccountPayload:
        removed = self.input.bank_account_id
        return RemoveBankAccountPayload(removed_bank_account_id=removed, user_errors=[])


class _Transfer(FinosWrite[P]):
    """deposit and withdraw: one POST each under the provider key; an unanswered one is
    sent again under the same key (Finos replays the first answer)."""

    direction: ClassVar[Direction]
    record = finos.Transfer
    field_map = TRANSFER_FIELDS
    input: TransferInput

    def check(self, checks: Checks) -> None:
        data = self.input
        self.account_id = checks.global_id(
            "accountId", data.account_id, "Account", "a Finos Account"
        )
        self.bank_id = _bank_id(checks, data.bank_account_id)
        check_transfer(checks, data.amount)

    async def send(self, provider_key: str | None) -> finos.Transfer:
        assert self.account_id is not None and self.bank_id is not None
        scope, amount = self.info.context, self.input.amount
        return await send_transfer(
            scope, self.direction, self.account_id, self.bank_id, amount, provider_key
        )

    async def reconcile(self, provider_key: str) -> finos.Transfer:
        return await self.send(provider_key)

    @abc.abstractmethod
    def payload(self, record: finos.Transfer) -> P: ...


class MakeDeposit(_Transfer[DepositPayload]):
    mutation = "deposit"
    direction = "deposit"

    def payload(self, record: finos.Transfer) -> DepositPayload:
        return DepositPayload(deposit=Deposit.from_finos(record), user_errors=[])


class MakeWithdrawal(_Transfer[WithdrawPayload]):
    mutation = "withdraw"
    direction = "withdraw"

    def payload(self, record: finos.Transfer) -> WithdrawPayload:
        return WithdrawPayload(withdrawal=Withdrawal.from_finos(record), user_errors=[])


async def link_bank_account(info: Info, data: LinkBankAccountInput) -> LinkBankAccountPayload:
    return await run_write(info, LinkBankAccount(info, data))


async def update_bank_account(info: Info, data: UpdateBankAccountInput) -> UpdateBankAccountPayload:
    return await run_write(info, UpdateBankAccount(info, data))


async def remove_bank_account(info: Info, data: RemoveBankAccountInput) -> RemoveBankAccountPayload:
    return await run_write(info, RemoveBankAccount(info, data))


async def deposit(info: Info, data: DepositInput) -> DepositPayload:
    return await run_write(info, MakeDeposit(info, data))


async def withdraw(info: Info, data: WithdrawInput) -> WithdrawPayload:
    return await run_write(info, MakeWithdrawal(info, data))
