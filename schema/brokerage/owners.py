"""Whose Finos record is it: the owner rules that need a read (schema.authz_owner)."""

from __future__ import annotations

from typing import Any

from resolvers.brokerage import loaders, people

from ..authz_owner import caller_email, owns
from ..context import Info


def account_record_visible(info: Info, record: Any) -> bool:
    """A Finos account record: the caller is its owner or its joint member."""
    owner, joint = record.owner, record.joint_member
    return owns(
        info, owner.email_address if owner else None, joint.email_address if joint else None
    )


async def account_visible(info: Info, account_id: str | None) -> bool:
    """The account (read through the request's loader) is the caller's."""
    if not account_id:
        return False
    record = await loaders.account(info.context, str(account_id))
    return record is not None and account_record_visible(info, record)


async def user_visible(info: Info, user_id: str | None) -> bool:
    if not user_id:
        return False
    user = await loaders.user(info.context, user_id)
    return user is not None and owns(info, user.email_address)


async def kyc_token_owned(info: Info, token: object) -> bool:
    """A Finos KYC token the borrower caller may use: one of their own Finos users'.

    Finos says nothing of whose a check is (GET /v1/kyc/{token} has no person), so
    the caller's users are searched by email (fresh: a user created a moment ago
    counts) and their tokens compared. A stand-alone check's token (performKyc)
    belongs to no user: it is the staff's to follow up."""
    email, wanted = caller_email(info), str(token).strip()
    if email is None or not wanted:
        return False
    return wanted in await people.kyc_tokens_of(info.context, email)
