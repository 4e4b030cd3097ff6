"""Brokerage accounts written: the rules and the calls openAccount, updateAccount and
updateAccountSettings send (schema.brokerage.mutations_accounts wires them to the
mutations).

openAccount POSTs with the provider key (reconcile: the same POST again, which
Finos replays) and then reads the account, whose create answer is a short form.
The two PUTs (no key) reconcile by reading the record: applied if it shows every
change, else the PUT (which sets, never adds) is sent again.

The profile is read from any object with the input's attribute names
(`PROFILE_FIELDS`, `marital_status`), as resolvers.brokerage.validation reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import finos
from ..checks import Checks, camel
from ..request import Scope
from .validation import PROFILE_CHOICES, person, profile
from .writes import PersonFields, dump, naming_ids, nested_fields, person_details

PROFILE_FIELDS = (
    "country_of_citizenship",
    "employment_status",
    "employment_position",
    "employer_name",
    *PROFILE_CHOICES,
    "is_director",
    "director_of",
)
# Finos account field -> openAccount / updateAccount input path
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
# PUT /v1/accounts/{id}/settings field -> updateAccountSettings input path
SETTINGS_FIELDS = {
    "account_id": "accountId",
    "portfolio_id": "portfolioId",
    "managed": "managed",
    "min_cash_percent": "minCashPercent",
    "max_cash_percent": "maxCashPercent",
}


def profile_values(p: object) -> dict[str, Any]:
    """The profile fields as Finos takes them (strings trimmed, country upper case)."""
    values: dict[str, Any] = {"martial_status": getattr(p, "marital_status", None)}
    values.update({name: getattr(p, name, None) for name in PROFILE_FIELDS})
    out = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    if out.get("country_of_citizenship"):
        out["country_of_citizenship"] = out["country_of_citizenship"].upper()
    return out


def shows(shown: dict[str, Any], changes: dict[str, Any]) -> bool:
    """Whether a record read back carries every given change (text compared loosely)."""

    def same(a: Any, b: Any) -> bool:
        if isinstance(a, str) and isinstance(b, str):
            return a.strip().lower() == b.strip().lower()
        if a is not None and b is not None and not isinstance(a, bool | str):
            return Decimal(str(a)) == Decimal(str(b))
        return bool(a == b)

    return all(same(shown.get(k), v) for k, v in changes.items() if v is not None)


# openAccount --------------------------------------------------------------------------


def check_new_account(
    checks: Checks, p: object, *, kind: str, joint: bool, member: PersonFields | None
) -> None:
    """The whole profile (an investment account's six choices too) and a joint member
    exactly for a joint account."""
    profile(checks, p, account_type=kind, partial=False)
    if joint and member is None:
        checks.add("jointMember", "jointMember is required for JOINT accounts", "REQUIRED")
    if not joint and member is not None:
        checks.add("jointMember", "jointMember is only allowed for JOINT accounts")
    if member is not None:
        person(checks, "jointMember", member)


async def send_open_account(
    scope: Scope,
    user_id: str,
    p: object,
    *,
    kind: str,
    member: PersonFields | None,
    key: str | None,
) -> finos.Account:
    """`POST /v1/users/{id}/accounts` under the provider key, then the account as Finos
    now shows it (the create answer is a short form)."""
    client = scope.providers.finos
    values = {k: v for k, v in profile_values(p).items() if v is not None}
    account_profile = finos.AccountProfile(account_type=kind, **values)
    details = person_details(member) if member is not None else None

    async def send() -> finos.Account:
        if details is not None:
            return await client.create_joint_account(
                user_id, account_profile, details, idempotency_key=key
            )
        return await client.create_account(user_id, account_profile, idempotency_key=key)

    created = await naming_ids(send, {user_id: "user_id"}, "user_id")
    return await client.get_account(created.id)


# updateAccount ------------------------------------------------------------------------


def account_changes(p: object, account_type: str | None) -> dict[str, Any]:
    """The PUT /v1/accounts/{id} profile arguments given (None: left as it is)."""
    changes = profile_values(p)
    if account_type is not None:
        changes["account_type"] = account_type
    return changes


def check_account_patch(
    checks: Checks, p: object, changes: dict[str, Any], member: PersonFields | None
) -> None:
    profile(checks, p, account_type=None, partial=True)
    if member is not None:
        person(checks, "jointMember", member)
    checks.changes([*changes.values(), member])


async def send_update_account(
    scope: Scope, account_id: str, changes: dict[str, Any], member: PersonFields | None
) -> finos.Account:
    """`PUT /v1/accounts/{id}` (Finos takes no key; a joint member makes it joint), then
    the account as it now stands."""
    client = scope.providers.finos
    joint = person_details(member) if member is not None else None
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
    return await client.get_account(account_id)


async def update_account_reconciled(
    scope: Scope, account_id: str, changes: dict[str, Any], member: PersonFields | None
) -> finos.Account | None:
    """The account, if it shows every change and the joint member asked for."""
    account = await scope.providers.finos.get_account(account_id)
    shown = dump(account)
    if not shows(shown, changes):
        return None
    joint = shown.get("joint_member") or {}
    if member is not None and joint.get("email_address") != member.email.strip():
        return None
    return account


# updateAccountSettings ----------------------------------------------------------------


@dataclass(frozen=True)
class SettingsChange:
    """Investment management settings to change (None: left as it is)."""

    managed: bool | None = None
    portfolio_id: str | None = None
    min_cash_percent: Decimal | None = None
    max_cash_percent: Decimal | None = None

    def changes(self) -> dict[str, Any]:
        """The PUT /v1/accounts/{id}/settings arguments (the portfolio id trimmed)."""
        portfolio = self.portfolio_id.strip() if self.portfolio_id is not None else None
        return {
            "managed": self.managed,
            "portfolio_id": portfolio,
            "min_cash_percent": self.min_cash_percent,
            "max_cash_percent": self.max_cash_percent,
        }


def check_settings(checks: Checks, change: SettingsChange) -> None:
    """Percents from 0 to 100, the minimum not above the maximum, at least one change."""
    checks.text("portfolioId", change.portfolio_id, required=False)
    checks.percent("minCashPercent", change.min_cash_percent)
    checks.percent("maxCashPercent", change.max_cash_percent)
    low, high = change.min_cash_percent, change.max_cash_percent
    if low is not None and high is not None and low.is_finite() and high.is_finite():
        if low > high:
            message = "minCashPercent must not be greater than maxCashPercent"
            checks.add("minCashPercent", message, "OUT_OF_RANGE")
    checks.changes(change.changes().values())


async def send_settings(
    scope: Scope, account_id: str, change: SettingsChange
) -> finos.AccountSettings:
    """`PUT /v1/accounts/{id}/settings` (Finos takes no key); a 404 on the account or
    the portfolio is a refusal of that input field."""
    changes = change.changes()
    portfolio = changes["portfolio_id"]
    return await naming_ids(
        lambda: scope.providers.finos.update_account_settings(account_id, **changes),
        {account_id: "account_id", portfolio or "": "portfolio_id"},
        "account_id",
    )


async def settings_reconciled(
    scope: Scope, account_id: str, change: SettingsChange
) -> finos.AccountSettings | None:
    settings = await scope.providers.finos.get_account_settings(account_id)
    return settings if shows(dump(settings), change.changes()) else None
