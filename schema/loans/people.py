"""FinanceIt borrowers: FinanceIt has no borrower search and gives borrowers no id.

The only way to find borrowers is the loans they took, so the directory
walks every loan once (GET /loans, state=all, 100 a page) and keeps an
index by normalized email in the shared RefCache (kind "people_index", TTL
from settings): every lookup here, and every borrower's loans, read that one
index, so a request costs at most one walk however many places ask, and a
warm index costs nothing. A borrower's provider id is their normalized
email; their created_at is their earliest loan's; their names and phone are
those of their newest loan.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

from resolvers.financeit import Loan as LoanRecord
from resolvers.merge import SortKey
from resolvers.people import normalize_email

from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from .types import borrower_of, loan_key

WALK_PAGE = 100


@dataclass(frozen=True)
class PeopleIndex:
    loans: dict[str, list[LoanRecord]]  # normalized email -> loans, newest first
    borrowers: dict[str, Borrower]  # normalized email -> borrower
    newest_first: list[Borrower]


def _sort_key(borrower: Borrower) -> SortKey:
    assert borrower.created_at is not None  # every indexed borrower has a loan
    return SortKey(borrower.created_at, Provider.FINANCEIT.value, str(borrower.provider_id))


async def people_index(info: Info) -> PeopleIndex:
    client = info.context.providers.financeit

    async def load() -> PeopleIndex:
        loans: dict[str, list[LoanRecord]] = {}
        async for record in client.iter_loans(limit=WALK_PAGE, state="all"):
            email = normalize_email(record.borrower.email if record.borrower else None)
            if email is not None:
                loans.setdefault(email, []).append(record)
        borrowers: dict[str, Borrower] = {}
        for email, records in loans.items():
            records.sort(key=loan_key, reverse=True)
            earliest = min(r.created_at for r in records)
            borrower = borrower_of(records[0], created_at=earliest)
            if borrower is not None:
                borrowers[email] = borrower
        ordered = sorted(borrowers.values(), key=_sort_key, reverse=True)
        return PeopleIndex(loans=loans, borrowers=borrowers, newest_first=ordered)

    cache = info.context.providers.cache
    return await cache.get_or_load("people_index", client.credential_scope, "financeit", load)


class FinanceItPeople:
    provider = Provider.FINANCEIT

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        index = await people_index(info)
        return [index.borrowers.get(i) for i in ids]

    async def by_emails(self, info: Info, emails: Sequence[str]) -> dict[str, list[Borrower]]:
        index = await people_index(info)
        found: dict[str, list[Borrower]] = {}
        for email in emails:
            key = normalize_email(email)
            borrower = index.borrowers.get(key) if key else None
            if borrower is not None:
                found[email] = [borrower]
        return found

    async def newest_first(self, info: Info) -> AsyncIterator[Borrower]:
        index = await people_index(info)
        for borrower in index.newest_first:
            yield borrower
