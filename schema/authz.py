"""Authorization: which scope each root field needs, checked in one place.

    root field asked          caller has                  answer
    Query.x / Mutation.x      "*" or SCOPES[x]            resolved (borrowers: isolated)
    Query.x / Mutation.x      neither                     FORBIDDEN on that field alone
    Query.x / Mutation.x      no entry in SCOPES          FORBIDDEN unless staff with "*"
    Query.x / Mutation.x      entry STAFF_ONLY            FORBIDDEN unless staff with "*"

STAFF_ONLY marks a provider-wide operation (the Finos webhooks, which receive every
customer's events; anything not owned by one person): a borrower is refused it
whatever their scopes, "*" included; "*" never turns a borrower into staff. A root
field with no entry (a new one) is treated the same way: deny by default. "Staff"
here is a staff caller or the anonymous caller of auth mode `none` (the sandbox
default, which is every scope by design).

`Authorization` is the one schema extension that enforces it: a field error
(graphql-core nulls that field, every other root field still answers). For a
borrower caller it also hands each field to `schema.authz_guard`, which keeps
their data isolated (see there). The sandbox default caller (anonymous, "*")
passes through with no extra work and no upstream call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLResolveInfo
from strawberry.extensions import SchemaExtension

from .context import Caller, Context
from .errors import GatewayError

ALL = "*"
STAFF_ONLY = "<staff only>"  # not a scope a token can hold: see check_root_field
OPERATOR_KINDS = frozenset({"staff", "anonymous"})

APPLICATIONS_READ = "applications:read"
APPLICATIONS_WRITE = "applications:write"
LOANS_READ = "loans:read"
LOANS_WRITE = "loans:write"
TRADING_READ = "trading:read"
TRADING_WRITE = "trading:write"
FUNDS_WRITE = "funds:write"
KYC_WRITE = "kyc:write"
PEOPLE_READ = "people:read"
PEOPLE_WRITE = "people:write"
QUOTES_READ = "quotes:read"

KNOWN_SCOPES = frozenset(
    {
        APPLICATIONS_READ,
        APPLICATIONS_WRITE,
        LOANS_READ,
        LOANS_WRITE,
        TRADING_READ,
        TRADING_WRITE,
        FUNDS_WRITE,
        KYC_WRITE,
        PEOPLE_READ,
        PEOPLE_WRITE,
        QUOTES_READ,
    }
)

QUERY_SCOPES: Mapping[str, str] = {
    # any object by id: each object is still subject to isolation; the scope of
    # its own family is not known before it is read, so people:read gates it
    "node": PEOPLE_READ,
    "nodes": PEOPLE_READ,
    "borrowers": PEOPLE_READ,
    "borrower": PEOPLE_READ,
    "applications": APPLICATIONS_READ,
    "application": APPLICATIONS_READ,
    "teams": APPLICATIONS_READ,  # reference data: not personal, allowed with the scope
    "brokers": APPLICATIONS_READ,
    "maxLoanQuote": QUOTES_READ,
    "loans": LOANS_READ,
    "loan": LOANS_READ,
    "loanByLeadId": LOANS_READ,
    "loanQuote": QUOTES_READ,
    "promoPrograms": LOANS_READ,
    "partners": LOANS_READ,
    "subverticals": LOANS_READ,
    "accounts": TRADING_READ,
    "account": TRADING_READ,
    "orders": TRADING_READ,
    "order": TRADING_READ,
    "rollover": TRADING_READ,
    "stockQuote": QUOTES_READ,
    "stockQuotes": QUOTES_READ,
}

MUTATION_SCOPES: Mapping[str, str] = {
    # Finmo, Molo
    "createApplication": APPLICATIONS_WRITE,
    "addAsset": APPLICATIONS_WRITE,
    "addIncome": APPLICATIONS_WRITE,
    "addLiability": APPLICATIONS_WRITE,
    "addProperty": APPLICATIONS_WRITE,
    "setMortgageInformation": APPLICATIONS_WRITE,
    "updateApplicant": APPLICATIONS_WRITE,
    "replaceApplicant": APPLICATIONS_WRITE,
    "createMortgageApplication": APPLICATIONS_WRITE,
    "updateMortgageApplication": APPLICATIONS_WRITE,
    "addApplicant": APPLICATIONS_WRITE,
    "removeApplicant": APPLICATIONS_WRITE,
    "requestDecisionInPrinciple": APPLICATIONS_WRITE,
    # FinanceIt
    "sendDirectInvite": LOANS_WRITE,
    "createSingleAccessLink": LOANS_WRITE,
    "createCustomizedLink": LOANS_WRITE,
    # Finos
    "createUser": PEOPLE_WRITE,
    "updateUser": PEOPLE_WRITE,
    "performKyc": KYC_WRITE,
    "answerKycQuestions": KYC_WRITE,
    "uploadKycDocument": KYC_WRITE,
    "openAccount": TRADING_WRITE,
    "updateAccount": TRADING_WRITE,
    "updateAccountSettings": TRADING_WRITE,
    "linkBankAccount": FUNDS_WRITE,
    "updateBankAccount": FUNDS_WRITE,
    "removeBankAccount": FUNDS_WRITE,
    "deposit": FUNDS_WRITE,
    "withdraw": FUNDS_WRITE,
    "placeOrder": TRADING_WRITE,
    "cancelOrder": TRADING_WRITE,
    # the gateway's own webhook endpoints at Finos: every customer's events, no one's own
    "createWebhook": STAFF_ONLY,
    "updateWebhook": STAFF_ONLY,
}

ROOT_SCOPES: Mapping[str, Mapping[str, str]] = {
    "Query": QUERY_SCOPES,
    "Mutation": MUTATION_SCOPES,
}


class Forbidden(GatewayError):
    code = "FORBIDDEN"


def required_scope(root_type: str, field_name: str) -> str | None:
    """The scope a root field needs; None when it has no entry (staff with "*" only)."""
    return ROOT_SCOPES.get(root_type, {}).get(field_name)


def is_staff_only(scope: str | None) -> bool:
    return scope is None or scope == STAFF_ONLY


def may(caller: Caller, scope: str | None) -> bool:
    if is_staff_only(scope):
        return caller.kind in OPERATOR_KINDS and ALL in caller.scopes
    if ALL in caller.scopes:
        return True
    return scope is not None and scope in caller.scopes


def check_root_field(caller: Caller, root_type: str, field_name: str) -> None:
    """Forbidden unless the caller holds the field's scope (or "*"); a staff-only field
    (STAFF_ONLY, or no entry) also needs a staff caller, whatever a borrower holds."""
    scope = required_scope(root_type, field_name)
    if may(caller, scope):
        return
    if is_staff_only(scope):
        raise Forbidden(
            f"{root_type}.{field_name} is a provider-wide operation: staff only.",
            field=field_name,
        )
    raise Forbidden(
        f"{root_type}.{field_name} needs the scope {scope!r}.", field=field_name, scope=scope
    )


class Authorization(SchemaExtension):
    """Scope per root field for every caller; data isolation for borrower callers."""

    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo[Any],
        *args: str,
        **kwargs: Any,
    ) -> Any:
        context = info.context
        caller: Caller = context.caller if isinstance(context, Context) else Caller()
        at_root = info.path.prev is None
        if at_root and not info.field_name.startswith("__"):
            check_root_field(caller, info.parent_type.name, info.field_name)
        if caller.kind != "borrower":
            return _next(root, info, *args, **kwargs)
        from .authz_guard import guard_field

        return guard_field(_next, root, info, at_root, args, kwargs)
