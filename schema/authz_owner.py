"""Whose record is it: the visibility rules for a borrower caller.

A borrower caller (kind "borrower", email E) sees the records of the person
whose normalized email is E, at any provider:

    type                          visible when                                   reads
    Borrower                      its email is E                                 none
    Application (Finmo)           an embedded applicant's email is E             none
    Application (Molo)            one of its applicants' email is E              detail + applicants
    Mortgage{Asset,Income,...}    its Finmo application is visible               detail (shared)
    Loan                          its embedded borrower's email is E             none
    Account                       its owner's or joint member's email is E       none
    Order, Position, Transaction,
    Deposit, Withdrawal,
    Statement, Rollover           its account is visible                         account (shared)
    BankAccount                   its user's email is E                          user (shared)
    a kycToken (an input's)       a Finos user with email E has it               user search
    a leadId (an input's)         one of the caller's own loans has it           loans (cached)
    Team, Broker, Partner, PromoProgram, Subvertical, quotes: reference data,
    not personal: visible to anyone holding the scope.
    any other Node type           never (deny by default: a new type needs a rule here)

Every read goes through the request's dataloaders, so a record the field
already read costs nothing more. Staff and anonymous callers see everything.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from resolvers.brokerage import loaders

from .borrower import normalize_email
from .common import Node
from .context import Info

PUBLIC_TYPES = frozenset(
    {
        "Team",
        "Broker",
        "Partner",
        "PromoProgram",
        "Subvertical",
        "LoanQuote",
        "MaxLoanQuote",
        "StockQuote",
    }
)


def is_borrower(info: Info) -> bool:
    return info.context.caller.kind == "borrower"


def caller_email(info: Info) -> str | None:
    """The borrower caller's normalized email (None: they own nothing)."""
    return normalize_email(info.context.caller.email)


def type_name(obj: object) -> str:
    definition = getattr(type(obj), "__strawberry_definition__", None)
    return str(getattr(definition, "name", type(obj).__name__))


def is_personal(obj: object) -> bool:
    """A Node that belongs to someone (everything but reference data and quotes)."""
    return isinstance(obj, Node) and type_name(obj) not in PUBLIC_TYPES


def _mine(email: str | None, *candidates: str | None) -> bool:
    return email is not None and any(normalize_email(c) == email for c in candidates)


async def finmo_application_visible(info: Info, application_id: str) -> bool:
    from .mortgages.loaders import finmo_detail

    detail = await finmo_detail(info, application_id) if application_id else None
    if detail is None:
        return False
    return _mine(caller_email(info), *(a.email for a in detail.applicants))


async def molo_application_visible(info: Info, application_id: str) -> bool:
    from .mortgages.loaders import molo_applicant, molo_detail

    if not application_id.isdigit():
        return False
    detail = await molo_detail(info, int(application_id))
    if detail is None:
        return False
    applicants = await asyncio.gather(*(molo_applicant(info, pk) for pk in detail.applicants))
    return _mine(caller_email(info), *(a.email for a in applicants if a is not None))


async def account_visible(info: Info, account_id: str | None) -> bool:
    if not account_id:
        return False
    record = await loaders.account(info.context, str(account_id))
    return record is not None and account_record_visible(info, record)


def account_record_visible(info: Info, record: Any) -> bool:
    """A Finos account record: the caller is its owner or its joint member."""
    owner, joint = record.owner, record.joint_member
    return _mine(
        caller_email(info),
        owner.email_address if owner else None,
        joint.email_address if joint else None,
    )


async def user_visible(info: Info, user_id: str | None) -> bool:
    if not user_id:
        return False
    user = await loaders.user(info.context, user_id)
    return user is not None and _mine(caller_email(info), user.email_address)


async def kyc_token_owned(info: Info, token: str) -> bool:
    """A Finos KYC token the borrower caller may use: one of their own Finos users'.

    Finos says nothing of whose a check is (GET /v1/kyc/{token} has no person), so
    the caller's users are searched by email (fresh: a user created a moment ago
    counts) and their tokens compared. A stand-alone check's token (performKyc)
    belongs to no user: it is the staff's to follow up."""
    email, wanted = caller_email(info), token.strip()
    if email is None or not wanted:
        return False
    client = info.context.providers.finos
    async for user in client.iter_search_users(email_address=email, cap=20):
        if not _mine(email, user.email_address):
            continue
        found = user.kyc_token
        if found is None:
            record = await loaders.user(info.context, user.id)
            found = record.kyc_token if record is not None else None
        if found == wanted:
            return True
    return False


async def lead_owned(info: Info, lead_id: int) -> bool:
    """A FinanceIt lead the borrower caller may name: the lead of one of their own loans
    (FinanceIt keys leads per partner and says nothing of a lead no loan came from: such
    a lead is no one's the gateway can tell, and is refused)."""
    from resolvers.loans.paging import LoanFilter

    from .loans.links import own_loans

    return any(r.lead_id == lead_id for r in await own_loans(info, LoanFilter()))


async def _application(info: Info, obj: Any) -> bool:
    if obj.finmo is not None:
        return _mine(caller_email(info), *(a.email for a in obj.finmo.applicants))
    return await molo_application_visible(info, str(obj.provider_id))


async def _mortgage_detail(info: Info, obj: Any) -> bool:
    application_id = str(obj.provider_id).partition(":")[0]
    return await finmo_application_visible(info, application_id)


async def _borrower(info: Info, obj: Any) -> bool:
    return _mine(caller_email(info), obj.email)


async def _loan(info: Info, obj: Any) -> bool:
    borrower = obj.borrower
    return borrower is not None and _mine(caller_email(info), borrower.email)


async def _account(info: Info, obj: Any) -> bool:
    return account_record_visible(info, obj.record)


async def _by_account(info: Info, obj: Any) -> bool:
    return await account_visible(info, obj.account_id)


async def _rollover(info: Info, obj: Any) -> bool:
    return await account_visible(info, obj.ira_account_id)


async def _bank_account(info: Info, obj: Any) -> bool:
    return await user_visible(info, obj.user_id)


RULES: dict[str, Callable[[Info, Any], Awaitable[bool]]] = {
    "Borrower": _borrower,
    "Application": _application,
    "MortgageAsset": _mortgage_detail,
    "MortgageIncome": _mortgage_detail,
    "MortgageLiability": _mortgage_detail,
    "MortgageProperty": _mortgage_detail,
    "MortgageInformation": _mortgage_detail,
    "Loan": _loan,
    "Account": _account,
    "Order": _by_account,
    "Position": _by_account,
    "Transaction": _by_account,
    "Deposit": _by_account,
    "Withdrawal": _by_account,
    "Statement": _by_account,
    "Rollover": _rollover,
    "BankAccount": _bank_account,
}


async def visible(info: Info, obj: object) -> bool:
    """May the caller see this object? Always for staff and anonymous callers."""
    if not is_borrower(info) or not is_personal(obj):
        return True
    rule = RULES.get(type_name(obj))
    return rule is not None and await rule(info, obj)


__all__ = [
    "PUBLIC_TYPES",
    "RULES",
    "account_record_visible",
    "account_visible",
    "caller_email",
    "is_borrower",
    "is_personal",
    "kyc_token_owned",
    "lead_owned",
    "visible",
]
