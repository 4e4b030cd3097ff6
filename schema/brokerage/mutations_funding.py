"""Funding: linkBankAccount, updateBankAccount, removeBankAccount, deposit, withdraw.

The POSTs (link, deposit, withdraw) send the provider key, so reconcile re-sends
the same request and Finos replays its first answer: one bank account, one
transfer. updateBankAccount reconciles by reading the bank account;
removeBankAccount by reading it too: gone means removed.
"""

from __future__ import annotations

from typing import Any

from resolvers import finos
from resolvers.brokerage.validation import MAX_NAME
from resolvers.brokerage.writes import dump, merged, naming_ids, parse
from resolvers.checks import Checks, aba_checksum_ok, digits
from resolvers.errors import ProviderNotFound

from ..context import Info
from ..writes import UserError, Write, run_write, user_errors
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

BANK_FIELDS = {
    "user_id": "userId",
    "bank_account_id": "bankAccountId",
    "bank_account_number": "bankAccountNumber",
    "bank_routing_number": "bankRoutingNumber",
    "bank_account_nickname": "bankAccountNickname",
    "default": "default",
}
TRANSFER_FIELDS = {
    "account_id": "accountId",
    "bank_account_id": "bankAccountId",
    "amount": "amount",
}


async def link_bank_account(info: Info, data: LinkBankAccountInput) -> LinkBankAccountPayload:
    client = info.context.providers.finos
    checks = Checks()
    user_id = checks.global_id("userId", data.user_id, "Borrower", "a Finos user (Borrower)")
    number, routing = digits(data.bank_account_number), digits(data.bank_routing_number)

    def validate() -> list[UserError]:
        checks.digits("bankAccountNumber", data.bank_account_number, 4, 17)
        checks.digits("bankRoutingNumber", data.bank_routing_number, 9, 9)
        if routing.isdigit() and len(routing) == 9 and not aba_checksum_ok(routing):
            checks.add("bankRoutingNumber", "bankRoutingNumber is not a valid ABA routing number")
        checks.text(
            "bankAccountNickname", data.bank_account_nickname, required=True, limit=MAX_NAME
        )
        return user_errors(checks.problems)

    async def perform(key: str | None) -> dict[str, Any]:
        assert user_id is not None
        bank = await naming_ids(
            lambda: client.create_bank_account(
                user_id,
                bank_account_number=number,
                bank_routing_number=routing,
                bank_account_nickname=data.bank_account_nickname.strip(),
                idempotency_key=key,
            ),
            {user_id: "user_id"},
            "user_id",
        )
        return dump(bank)

    def build(stored: dict[str, Any]) -> LinkBankAccountPayload:
        bank = BankAccount.from_finos(parse(finos.BankAccount, stored))
        return LinkBankAccountPayload(bank_account=bank, user_errors=[])

    def refused(errors: list[UserError]) -> LinkBankAccountPayload:
        return LinkBankAccountPayload(bank_account=None, user_errors=errors)

    write = Write("linkBankAccount", data, validate, perform, build, refused, BANK_FIELDS, perform)
    return await run_write(info, write)


async def update_bank_account(info: Info, data: UpdateBankAccountInput) -> UpdateBankAccountPayload:
    client = info.context.providers.finos
    checks = Checks()
    bank_id = checks.global_id(
        "bankAccountId", data.bank_account_id, "BankAccount", "a BankAccount"
    )
    nickname = data.bank_account_nickname.strip() if data.bank_account_nickname else None

    def validate() -> list[UserError]:
        checks.text(
            "bankAccountNickname", data.bank_account_nickname, required=False, limit=MAX_NAME
        )
        checks.changes([data.default, data.bank_account_nickname])
        return user_errors(checks.problems)

    async def perform(_key: str | None) -> dict[str, Any]:  # a PUT: Finos takes no key
        assert bank_id is not None
        await naming_ids(
            lambda: client.update_bank_account(
                bank_id, default=data.default, bank_account_nickname=nickname
            ),
            {bank_id: "bank_account_id"},
            "bank_account_id",
        )
        # the PUT answers without the account number: read the whole record
        return dump(await client.get_bank_account(bank_id))

    async def reconcile(_key: str) -> dict[str, Any] | None:
        assert bank_id is not None
        bank = await client.get_bank_account(bank_id)
        applied = (data.default is None or bank.default == data.default) and (
            nickname is None or bank.bank_account_nickname == nickname
        )
        return dump(bank) if applied else None

    def build(stored: dict[str, Any]) -> UpdateBankAccountPayload:
        bank = BankAccount.from_finos(parse(finos.BankAccount, stored))
        return UpdateBankAccountPayload(bank_account=bank, user_errors=[])

    def refused(errors: list[UserError]) -> UpdateBankAccountPayload:
        return UpdateBankAccountPayload(bank_account=None, user_errors=errors)

    write = Write(
        "updateBankAccount", data, validate, perform, build, refused, BANK_FIELDS, reconcile
    )
    return await run_write(info, write)


async def remove_bank_account(info: Info, data: RemoveBankAccountInput) -> RemoveBankAccountPayload:
    client = info.context.providers.finos
    checks = Checks()
    bank_id = checks.global_id(
        "bankAccountId", data.bank_account_id, "BankAccount", "a BankAccount"
    )

    def validate() -> list[UserError]:
        return user_errors(checks.problems)

    async def perform(_key: str | None) -> dict[str, Any]:  # a DELETE: Finos takes no key
        assert bank_id is not None
        deleted = await naming_ids(
            lambda: client.delete_bank_account(bank_id),
            {bank_id: "bank_account_id"},
            "bank_account_id",
        )
        return dump(deleted)

    async def reconcile(_key: str) -> dict[str, Any] | None:
        """Removed if the bank account is gone; still there: not removed yet."""
        assert bank_id is not None
        try:
            await client.get_bank_account(bank_id)
        except ProviderNotFound:
            return {"id": bank_id, "object": "bank_account", "deleted": True}
        return None

    def build(_stored: dict[str, Any]) -> RemoveBankAccountPayload:
        return RemoveBankAccountPayload(
            removed_bank_account_id=data.bank_account_id, user_errors=[]
        )

    def refused(errors: list[UserError]) -> RemoveBankAccountPayload:
        return RemoveBankAccountPayload(removed_bank_account_id=None, user_errors=errors)

    write = Write(
        "removeBankAccount", data, validate, perform, build, refused, BANK_FIELDS, reconcile
    )
    return await run_write(info, write)


def _transfer_write(
    info: Info, mutation: str, data: TransferInput, cls: type[Any], field: str
) -> Write[Any]:
    """deposit and withdraw: one POST each, with the provider key."""
    client = info.context.providers.finos
    checks = Checks()
    account_id = checks.global_id("accountId", data.account_id, "Account", "a Finos Account")
    bank_id = checks.global_id(
        "bankAccountId", data.bank_account_id, "BankAccount", "a BankAccount"
    )
    create = client.create_deposit if mutation == "deposit" else client.create_withdrawal

    def validate() -> list[UserError]:
        checks.amount("amount", data.amount, decimals=2, what="cents")
        return user_errors(checks.problems)

    async def perform(key: str | None) -> dict[str, Any]:
        assert account_id is not None and bank_id is not None
        transfer = await naming_ids(
            lambda: create(
                account_id=account_id,
                bank_account_id=bank_id,
                amount=data.amount,
                idempotency_key=key,
            ),
            {bank_id: "bank_account_id", account_id: "account_id"},
            "account_id",
        )
        # the create answer is id, account_id and status: the rest is what was sent
        sent = {"account_id": account_id, "bank_account_id": bank_id, "amount": str(data.amount)}
        return merged(sent, dump(transfer))

    def build(stored: dict[str, Any]) -> Any:
        record = parse(finos.Transfer, stored)
        return cls(**{field: _TYPES[field].from_finos(record), "user_errors": []})

    def refused(errors: list[UserError]) -> Any:
        return cls(**{field: None, "user_errors": errors})

    return Write(mutation, data, validate, perform, build, refused, TRANSFER_FIELDS, perform)


_TYPES: dict[str, Any] = {"deposit": Deposit, "withdrawal": Withdrawal}


async def deposit(info: Info, data: DepositInput) -> DepositPayload:
    result: DepositPayload = await run_write(
        info, _transfer_write(info, "deposit", data, DepositPayload, "deposit")
    )
    return result


async def withdraw(info: Info, data: WithdrawInput) -> WithdrawPayload:
    result: WithdrawPayload = await run_write(
        info, _transfer_write(info, "withdraw", data, WithdrawPayload, "withdrawal")
    )
    return result
