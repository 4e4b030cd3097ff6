"""Whose record is it: the generic half of the visibility rules for a borrower caller.

A borrower caller (kind "borrower", email E) sees the records of the person whose
normalized email is E, at any provider. Each Node type states its own rule next to
its fields (`Node.visible_to`, `Node.PUBLIC`; the rules that need reads are in each
domain's `owners` module):

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
    Team, Broker, Partner, PromoProgram, Subvertical, quotes: reference data
    (PUBLIC), not personal: visible to anyone holding the root field's scope.
    any other Node type           never (deny by default: Node.visible_to)

Every read goes through the request's dataloaders, so a record the field already
read costs nothing more. Staff and anonymous callers see everything.
"""

from __future__ import annotations

from resolvers.people import normalize_email

from .common import Node
from .context import Info


def is_borrower(info: Info) -> bool:
    return info.context.caller.kind == "borrower"


def caller_email(info: Info) -> str | None:
    """The borrower caller's normalized email (None: they own nothing)."""
    return normalize_email(info.context.caller.email)


def owns(info: Info, *emails: str | None) -> bool:
    """Is one of these emails the borrower caller's own?"""
    mine = caller_email(info)
    return mine is not None and any(normalize_email(e) == mine for e in emails)


def type_name(obj: object) -> str:
    definition = getattr(type(obj), "__strawberry_definition__", None)
    return str(getattr(definition, "name", type(obj).__name__))


def is_personal(obj: object) -> bool:
    """A Node that belongs to someone (everything but reference data and quotes)."""
    return isinstance(obj, Node) and not obj.PUBLIC


async def visible(info: Info, obj: object) -> bool:
    """May the caller see this object? Always for staff and anonymous callers."""
    if not is_borrower(info) or not isinstance(obj, Node) or obj.PUBLIC:
        return True
    return await obj.visible_to(info)


__all__ = ["caller_email", "is_borrower", "is_personal", "owns", "type_name", "visible"]
