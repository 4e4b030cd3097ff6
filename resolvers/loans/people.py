"""FinanceIt borrowers: FinanceIt has no borrower search and gives borrowers no id.

The only way to find borrowers is the loans they took, so the index walks every
loan once (GET /loans, state=all, 100 a page) and keeps the loans by normalized
email in the shared RefCache (kind "people_index", TTL from settings): every
lookup of a borrower, and every borrower's loans, read that one index, so a
request costs at most one walk however many places ask, and a warm index costs
nothing. A borrower's key is their normalized email; their first loan's date is
when they appeared (schema.loans.people makes the Borrower type from the newest).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..financeit import Loan
from ..merge import SortKey
from ..request import Scope
from .paging import HINT, loan_key

PEOPLE_INDEX = "people_index"  # RefCache kind, shared with the other providers' indexes
WALK_PAGE = 100


def email_key(email: str | None) -> str | None:
    """Lower case, no surrounding space: how emails are matched across providers (the
    same rule as schema.borrower.normalize_email)."""
    if email is None:
        return None
    cleaned = email.strip().lower()
    return cleaned or None


def borrower_email(record: Loan) -> str | None:
    """The normalized email of the loan's borrower, their only key (None: no borrower)."""
    return email_key(record.borrower.email if record.borrower else None)


@dataclass(frozen=True)
class PeopleIndex:
    loans: dict[str, list[Loan]]  # normalized email -> loans, newest first
    first_loan_at: dict[str, datetime]  # normalized email -> their earliest loan's created_at
    newest_first: list[str]  # normalized emails, by first_loan_at then email, newest first


def build_index(records: Sequence[Loan]) -> PeopleIndex:
    loans: dict[str, list[Loan]] = {}
    for record in records:
        email = borrower_email(record)
        if email is not None:
            loans.setdefault(email, []).append(record)
    first_loan_at: dict[str, datetime] = {}
    for email, held in loans.items():
        held.sort(key=loan_key, reverse=True)
        first_loan_at[email] = min(r.created_at for r in held)

    def appeared(email: str) -> SortKey:
        return SortKey(first_loan_at[email], HINT, email)

    ordered = sorted(loans, key=appeared, reverse=True)
    return PeopleIndex(loans=loans, first_loan_at=first_loan_at, newest_first=ordered)


async def people_index(scope: Scope) -> PeopleIndex:
    """The index, from the shared cache or one walk of every loan (single flight)."""
    client = scope.providers.financeit

    async def load() -> PeopleIndex:
        return build_index([r async for r in client.iter_loans(limit=WALK_PAGE, state="all")])

    cache = scope.providers.cache
    return await cache.get_or_load(PEOPLE_INDEX, client.credential_scope, "financeit", load)


async def loans_of(scope: Scope, email: str) -> list[Loan]:
    """One borrower's loans, newest first, through a per-request loader keyed by email:
    every borrower of one query level in one batch, read from the one index."""

    async def batch(emails: list[str]) -> list[list[Loan]]:
        index = await people_index(scope)
        return [index.loans.get(e, []) for e in emails]

    loader = scope.loaders.get("loans.by_borrower", lambda: batch)
    found: list[Loan] = await loader.load(email)
    return found
