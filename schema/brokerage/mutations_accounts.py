"""Brokerage accounts: the openAccount, updateAccount and updateAccountSettings
mutations, wired to the data layer.

The rules and the calls sent are resolvers.brokerage.accounts_writes; the
records become `Account` (schema.brokerage.types) and `AccountSettings`
(schema.brokerage.managed); each mutation is one write spec (schema.writes.WriteSpec).
"""

from __future__ import annotations

from typing import Any

from resolvers import finos
from resolvers.brokerage.accounts_writes import (
    ACCOUNT_FIELDS,
    SETTINGS_FIELDS,
    SettingsChange,
    account_changes,
    check_account_patch,
    check_new_account,
    check_settings,
    send_open_account,
    send_settings,
    send_update_account,
    settings_reconciled,
    update_account_reconciled,
)
from resolvers.checks import Checks

from ..context import Info
from ..writes import run_write
from .inputs import OpenAccountInput, UpdateAccountInput, UpdateAccountSettingsInput
from .managed import AccountSettings
from .payloads import OpenAccountPayload, UpdateAccountPayload, UpdateAccountSettingsPayload
from .types import Account
from .writes import FinosWrite


class OpenAccount(FinosWrite[OpenAccountPayload]):
    """POST /v1/users/{id}/accounts under the provider key; an unanswered one is sent
    again under the same key (Finos replays the first answer)."""

    mutation = "openAccount"
    record = finos.Account
    field_map = ACCOUNT_FIELDS
    input: OpenAccountInput

    def check(self, checks: Checks) -> None:
        data = self.input
        self.user_id = checks.global_id(
            "userId", data.user_id, "Borrower", "a Finos user (Borrower)"
        )
        joint = data.ownership.value == "joint"
        kind = data.account_type.value
        check_new_account(checks, data, kind=kind, joint=joint, member=data.joint_member)

    async def send(self, provider_key: str | None) -> finos.Account:
        assert self.user_id is not None
        return await send_open_account(
            self.info.context,
            self.user_id,
            self.input,
            kind=self.input.account_type.value,
            member=self.input.joint_member,
            key=provider_key,
        )

    async def reconcile(self, provider_key: str) -> finos.Account:
        return await self.send(provider_key)

    def payload(self, record: finos.Account) -> OpenAccountPayload:
        return OpenAccountPayload(account=Account.from_finos(record), user_errors=[])


class UpdateAccount(FinosWrite[UpdateAccountPayload]):
    """PUT /v1/accounts/{id} (Finos takes no key); an unanswered one is settled by
    reading the account."""

    mutation = "updateAccount"
    record = finos.Account
    field_map = ACCOUNT_FIELDS
    input: UpdateAccountInput

    def check(self, checks: Checks) -> None:
        data = self.input
        self.account_id = checks.global_id(
            "accountId", data.account_id, "Account", "a Finos Account"
        )
        kind = data.account_type.value if data.account_type is not None else None
        self.changes: dict[str, Any] = account_changes(data, kind)
        check_account_patch(checks, data, self.changes, data.joint_member)

    async def send(self, provider_key: str | None) -> finos.Account:
        assert self.account_id is not None
        member = self.input.joint_member
        return await send_update_account(self.info.context, self.account_id, self.changes, member)

    async def reconcile(self, provider_key: str) -> finos.Account | None:
        assert self.account_id is not None
        member = self.input.joint_member
        scope = self.info.context
        return await update_account_reconciled(scope, self.account_id, self.changes, member)

    def payload(self, record: finos.Account) -> UpdateAccountPayload:
        return UpdateAccountPayload(account=Account.from_finos(record), user_errors=[])


def settings_change(data: UpdateAccountSettingsInput) -> SettingsChange:
    """The input in the data layer's plain terms."""
    return SettingsChange(
        managed=data.managed,
        portfolio_id=data.portfolio_id,
        min_cash_percent=data.min_cash_percent,
        max_cash_percent=data.max_cash_percent,
    )


class UpdateAccountSettings(FinosWrite[UpdateAccountSettingsPayload]):
    """PUT /v1/accounts/{id}/settings (Finos takes no key); an unanswered one is settled
    by reading the settings."""

    mutation = "updateAccountSettings"
    record = finos.AccountSettings
    field_map = SETTINGS_FIELDS
    input: UpdateAccountSettingsInput

    def check(self, checks: Checks) -> None:
        self.account_id = checks.global_id(
            "accountId", self.input.account_id, "Account", "a Finos Account"
        )
        check_settings(checks, settings_change(self.input))

    async def send(self, provider_key: str | None) -> finos.AccountSettings:
        assert self.account_id is not None
        change = settings_change(self.input)
        return await send_settings(self.info.context, self.account_id, change)

    async def reconcile(self, provider_key: str) -> finos.AccountSettings | None:
        assert self.account_id is not None
        change = settings_change(self.input)
        return await settings_reconciled(self.info.context, self.account_id, change)

    def payload(self, record: finos.AccountSettings) -> UpdateAccountSettingsPayload:
        settings = AccountSettings.from_finos(record)
        return UpdateAccountSettingsPayload(settings=settings, user_errors=[])


async def open_account(info: Info, data: OpenAccountInput) -> OpenAccountPayload:
    return await run_write(info, OpenAccount(info, data))


async def update_account(info: Info, data: UpdateAccountInput) -> UpdateAccountPayload:
    return await run_write(info, UpdateAccount(info, data))


async def update_account_settings(
    info: Info, data: UpdateAccountSettingsInput
) -> UpdateAccountSettingsPayload:
    return await run_write(info, UpdateAccountSettings(info, data))
