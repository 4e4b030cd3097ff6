"""Brokerage accounts: openAccount, updateAccount, updateAccountSettings.

openAccount POSTs with the provider key (reconcile: the same POST again, which
Finos replays) and then reads the account, whose create answer is a short form.
The two PUTs reconcile by reading the record: applied if it shows every change,
else the PUT (which sets, never adds) is sent again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from resolvers import finos
from resolvers.brokerage.validation import PROFILE_CHOICES, person, profile
from resolvers.brokerage.writes import dump, naming_ids, nested_fields, parse, person_details
from resolvers.checks import Checks, camel

from ..context import Info
from ..writes import UserError, Write, run_write, user_errors
from .inputs import OpenAccountInput, UpdateAccountInput, UpdateAccountSettingsInput
from .payloads import OpenAccountPayload, UpdateAccountPayload, UpdateAccountSettingsPayload
from .types import Account

PROFILE_FIELDS = (
    "country_of_citizenship",
    "employment_status",
    "employment_position",
    "employer_name",
    *PROFILE_CHOICES,
    "is_director",
    "director_of",
)
ACCOUNT_FIELDS: dict[str, str] = {
    "user_id": "userId",
    "account_id": "accountId",
    "ownership": "ownership",
    "account_type": "accountType",
    "martial_status": "maritalStatus",  # sic: the provider's spelling
    **{name: camel(name) for name in PROFILE_FIELDS},
    "joint_member": "jointMember",
    **nested_fields("joint_member", "jointMember"),
}


def _profile_values(data: OpenAccountInput | UpdateAccountInput) -> dict[str, Any]:
    """The profile fields as Finos takes them (strings trimmed, country upper case)."""
    values: dict[str, Any] = {"martial_status": data.marital_status}
    values.update({name: getattr(data, name) for name in PROFILE_FIELDS})
    out = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    if out.get("country_of_citizenship"):
        out["country_of_citizenship"] = out["country_of_citizenship"].upper()
    return out


def _account_payloads(cls: type[Any]) -> tuple[Any, Any]:
    def build(stored: dict[str, Any]) -> Any:
        return cls(account=Account.from_finos(parse(finos.Account, stored)), user_errors=[])

    def refused(errors: list[UserError]) -> Any:
        return cls(account=None, user_errors=errors)

    return build, refused


async def open_account(info: Info, data: OpenAccountInput) -> OpenAccountPayload:
    client = info.context.providers.finos
    checks = Checks()
    user_id = checks.global_id("userId", data.user_id, "Borrower", "a Finos user (Borrower)")
    kind = data.account_type.value

    def validate() -> list[UserError]:
        profile(checks, data, account_type=kind, partial=False)
        joint = data.ownership.value == "joint"
        if joint and data.joint_member is None:
            checks.add("jointMember", "jointMember is required for JOINT accounts", "REQUIRED")
        if not joint and data.joint_member is not None:
            checks.add("jointMember", "jointMember is only allowed for JOINT accounts")
        if data.joint_member is not None:
            person(checks, "jointMember", data.joint_member)
        return user_errors(checks.problems)

    async def perform(key: str | None) -> dict[str, Any]:
        assert user_id is not None
        values = {k: v for k, v in _profile_values(data).items() if v is not None}
        account_profile = finos.AccountProfile(account_type=kind, **values)
        member = person_details(data.joint_member) if data.joint_member else None

        async def send() -> finos.Account:
            if member is not None:
                return await client.create_joint_account(
                    user_id, account_profile, member, idempotency_key=key
                )
            return await client.create_account(user_id, account_profile, idempotency_key=key)

        created = await naming_ids(send, {user_id: "user_id"}, "user_id")
        # the create answer is a short form: the account as Finos now shows it
        return dump(await client.get_account(created.id))

    build, refused = _account_payloads(OpenAccountPayload)
    write = Write("openAccount", data, validate, perform, build, refused, ACCOUNT_FIELDS, perform)
    result: OpenAccountPayload = await run_write(info, write)
    return result


async def update_account(info: Info, data: UpdateAccountInput) -> UpdateAccountPayload:
    client = info.context.providers.finos
    checks = Checks()
    account_id = checks.global_id("accountId", data.account_id, "Account", "a Finos Account")
    changes = _profile_values(data)
    if data.account_type is not None:
        changes["account_type"] = data.account_type.value

    def validate() -> list[UserError]:
        profile(checks, data, account_type=None, partial=True)
        if data.joint_member is not None:
            person(checks, "jointMember", data.joint_member)
        checks.changes([*changes.values(), data.joint_member])
        return user_errors(checks.problems)

    async def perform(_key: str | None) -> dict[str, Any]:  # a PUT: Finos takes no key
        assert account_id is not None
        joint = person_details(data.joint_member) if data.joint_member else None
        await naming_ids(
            lambda: client.update_account(
                account_id,
                ownership="joint" if joint else None,
                joint_member=joint,
                **changes,
            ),
            {account_id: "account_id"},
            "account_id",
        )
        return dump(await client.get_account(account_id))

    async def reconcile(_key: str) -> dict[str, Any] | None:
        assert account_id is not None
        shown = dump(await client.get_account(account_id))
        if not _shows(shown, changes):
            return None
        member = shown.get("joint_member") or {}
        if data.joint_member and member.get("email_address") != data.joint_member.email.strip():
            return None
        return shown

    build, refused = _account_payloads(UpdateAccountPayload)
    write = Write(
        "updateAccount", data, validate, perform, build, refused, ACCOUNT_FIELDS, reconcile
    )
    result: UpdateAccountPayload = await run_write(info, write)
    return result


def _shows(shown: dict[str, Any], changes: dict[str, Any]) -> bool:
    """Whether a record read back carries every given change (text compared loosely)."""

    def same(a: Any, b: Any) -> bool:
        if isinstance(a, str) and isinstance(b, str):
            return a.strip().lower() == b.strip().lower()
        if a is not None and b is not None and not isinstance(a, bool | str):
            return Decimal(str(a)) == Decimal(str(b))
        return bool(a == b)

    return all(same(shown.get(k), v) for k, v in changes.items() if v is not None)


async def update_account_settings(
    info: Info, data: UpdateAccountSettingsInput
) -> UpdateAccountSettingsPayload:
    client = info.context.providers.finos
    checks = Checks()
    account_id = checks.global_id("accountId", data.account_id, "Account", "a Finos Account")
    portfolio = data.portfolio_id.strip() if data.portfolio_id is not None else None
    changes: dict[str, Any] = {
        "managed": data.managed,
        "portfolio_id": portfolio,
        "min_cash_percent": data.min_cash_percent,
        "max_cash_percent": data.max_cash_percent,
    }

    def validate() -> list[UserError]:
        checks.text("portfolioId", data.portfolio_id, required=False)
        checks.percent("minCashPercent", data.min_cash_percent)
        checks.percent("maxCashPercent", data.max_cash_percent)
        low, high = data.min_cash_percent, data.max_cash_percent
        if low is not None and high is not None and low.is_finite() and high.is_finite():
            if low > high:
                message = "minCashPercent must not be greater than maxCashPercent"
                checks.add("minCashPercent", message, "OUT_OF_RANGE")
        checks.changes(changes.values())
        return user_errors(checks.problems)

    async def perform(_key: str | None) -> dict[str, Any]:  # a PUT: Finos takes no key
        assert account_id is not None
        settings = await naming_ids(
            lambda: client.update_account_settings(account_id, **changes),
            {account_id: "account_id", portfolio or "": "portfolio_id"},
            "account_id",
        )
        return dump(settings)

    async def reconcile(_key: str) -> dict[str, Any] | None:
        assert account_id is not None
        shown = dump(await client.get_account_settings(account_id))
        return shown if _shows(shown, changes) else None

    def build(stored: dict[str, Any]) -> UpdateAccountSettingsPayload:
        from .managed import AccountSettings

        settings = AccountSettings.from_finos(parse(finos.AccountSettings, stored))
        return UpdateAccountSettingsPayload(settings=settings, user_errors=[])

    def refused(errors: list[UserError]) -> UpdateAccountSettingsPayload:
        return UpdateAccountSettingsPayload(settings=None, user_errors=errors)

    fields = {
        "account_id": "accountId",
        "portfolio_id": "portfolioId",
        "managed": "managed",
        "min_cash_percent": "minCashPercent",
        "max_cash_percent": "maxCashPercent",
    }
    write = Write(
        "updateAccountSettings", data, validate, perform, build, refused, fields, reconcile
    )
    return await run_write(info, write)
