"""Funding at Finos written: the rules and the calls linkBankAccount,
updateBankAccount, removeBankAccount, deposit and withdraw send
(schema.brokerage.mutations_funding wires them to the mutations).

The POSTs (link, deposit, withdraw) send the provider key, so reconcile re-sends
the same request and Finos replays its first answer: one bank account, one
transfer. updateBankAccount (PUT, no key) reconciles by reading the bank
account; removeBankAccount (DELETE, no key) by reading it too: gone means removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .. import finos
from ..checks import Checks, aba_checksum_ok, digits
from ..errors import ProviderNotFound
from ..request import Scope
from .validation import MAX_NAME
from .writes import dump, merged, naming_ids, parse

# Finos bank account field -> linkBankAccount / updateBankAccount input path
BANK_FIELDS = {
    "user_id": "userId",
    "bank_account_id": "bankAccountId",
    "bank_account_number": "bankAccountNumber",
    "bank_routing_number": "bankRoutingNumber",
    "bank_account_nickname": "bankAccountNickname",
    "default": "default",
}
# Finos transfer field -> deposit / withdraw input path
TRANSFER_FIELDS = {
    "account_id": "accountId",
    "bank_account_id": "bankAccountId",
    "amount": "amount",
}


@dataclass(frozen=True)
class BankLink:
    """An external bank account to link, as the client typed it."""

    bank_account_number: str
    bank_routing_number: str
    bank_account_nickname: str


def check_link(checks: Checks, link: BankLink) -> None:
    """4 to 17 account digits, a 9 digit ABA routing number, a nickname."""
    routing = digits(link.bank_routing_number)
    checks.digits("bankAccountNumber", link.bank_account_number, 4, 17)
    checks.digits("bankRoutingNumber", link.bank_routing_number, 9, 9)
    if routing.isdigit() and len(routing) == 9 and not aba_checksum_ok(routing):
        checks.add("bankRoutingNumber", "bankRoutingNumber is not a valid ABA routing number")
    checks.text("bankAccountNickname", link.bank_account_nickname, required=True, limit=MAX_NAME)


async def send_link(
    scope: Scope, user_id: str, link: BankLink, key: str | None
) -> finos.BankAccount:
    """`POST /v1/users/{id}/bank_accounts` under the provider key."""
    client = scope.providers.finos
    return await naming_ids(
        lambda: client.create_bank_account(
            user_id,
            bank_account_number=digits(link.bank_account_number),
            bank_routing_number=digits(link.bank_routing_number),
            bank_account_nickname=link.bank_account_nickname.strip(),
            idempotency_key=key,
        ),
        {user_id: "user_id"},
        "user_id",
    )


@dataclass(frozen=True)
class BankChange:
    """Changes to a linked bank account (None: left as it is)."""

    default: bool | None = None
    bank_account_nickname: str | None = None

    @property
    def nickname(self) -> str | None:
        return self.bank_account_nickname.strip() if self.bank_account_nickname else None


def check_bank_change(checks: Checks, change: BankChange) -> None:
    nickname = change.bank_account_nickname
    checks.text("bankAccountNickname", nickname, required=False, limit=MAX_NAME)
    checks.changes([change.default, nickname])


async def send_bank_change(scope: Scope, bank_id: str, change: BankChange) -> finos.BankAccount:
    """`PUT /v1/bank_accounts/{id}` (Finos takes no key), then the whole record (the PUT
    answers without the account number)."""
    client = scope.providers.finos
    await naming_ids(
        lambda: client.update_bank_account(
            bank_id, default=change.default, bank_account_nickname=change.nickname
        ),
        {bank_id: "bank_account_id"},
        "bank_account_id",
    )
    return await client.get_bank_account(bank_id)


async def bank_change_reconciled(
    scope: Scope, bank_id: str, change: BankChange
) -> finos.BankAccount | None:
    bank = await scope.providers.finos.get_bank_account(bank_id)
    applied = (change.default is None or bank.default == change.default) and (
        change.nickname is None or bank.bank_account_nickname == change.nickname
    )
    return bank if applied else None


async def send_removal(scope: Scope, bank_id: str) -> finos.Deleted:
    """`DELETE /v1/bank_accounts/{id}` (Finos takes no key)."""
    client = scope.providers.finos
    return await naming_ids(
        lambda: client.delete_bank_account(bank_id),
        {bank_id: "bank_account_id"},
        "bank_account_id",
    )


async def removal_reconciled(scope: Scope, bank_id: str) -> finos.Deleted | None:
    """Removed if the bank account is gone; still there: not removed yet."""
    try:
        await scope.providers.finos.get_bank_account(bank_id)
    except ProviderNotFound:
        return finos.Deleted(id=bank_id, object="bank_account", deleted=True)
    return None


Direction = Literal["deposit", "withdraw"]


def check_transfer(checks: Checks, amount: Decimal) -> None:
    checks.amount("amount", amount, decimals=2, what="cents")


async def send_transfer(
    scope: Scope,
    direction: Direction,
    account_id: str,
    bank_id: str,
    amount: Decimal,
    key: str | None,
) -> finos.Transfer:
    """`POST /v1/deposits` or `/v1/withdrawal` under the provider key; the short answer
    (id, account_id, status) completed with what was sent."""
    client = scope.providers.finos
    create = client.create_deposit if direction == "deposit" else client.create_withdrawal
    transfer = await naming_ids(
        lambda: create(
            account_id=account_id, bank_account_id=bank_id, amount=amount, idempotency_key=key
        ),
        {bank_id: "bank_account_id", account_id: "account_id"},
        "account_id",
    )
    sent = {"account_id": account_id, "bank_account_id": bank_id, "amount": str(amount)}
    return parse(finos.Transfer, merged(sent, dump(transfer)))
