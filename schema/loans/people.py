"""FinanceIt borrowers as the schema's Borrower, from the data layer's people index.

FinanceIt has no borrower search and gives borrowers no id: resolvers.loans.people
walks every loan once into an index by normalized email (cached), and every lookup
here reads it (no call while warm). A borrower's provider id is their normalized
email; their created_at is their earliest loan's; their names and phone are those
of their newest loan.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

from resolvers.loans.people import PeopleIndex, people_index
from resolvers.people import normalize_email

from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from .types import borrower_of


def indexed(index: PeopleIndex, email: str) -> Borrower | None:
    """The borrower with this normalized email (None: no loan of theirs)."""
    loans = index.loans.get(email)
    if not loans:
        return None
    return borrower_of(loans[0], created_at=index.first_loan_at[email])


class FinanceItPeople:
    provider = Provider.FINANCEIT

    async def by_ids(self, info: Info, ids: Sequence[str]) -> Sequence[Borrower | None]:
        index = await people_index(info.context)
        return [indexed(index, i) for i in ids]

    async def by_emails(self, info: Info, emails: Sequence[str]) -> dict[str, list[Borrower]]:
        index = await people_index(info.context)
        found: dict[str, list[Borrower]] = {}
        for email in emails:
            key = normalize_email(email)
            borrower = indexed(index, key) if key else None
            if borrower is not None:
                found[email] = [borrower]
        return found

    async def newest_first(self, info: Info) -> AsyncIterator[Borrower]:
        index = await people_index(info.context)
        for email in index.newest_first:
            borrower = indexed(index, email)
            if borrower is not None:
                yield borrower
