"""Borrower.loans: a FinanceIt borrower's loans, and a borrower caller's own.

The people index (resolvers.loans.people) already holds every borrower's loans,
so Borrower.loans costs no call beyond the (cached, single-flight) index; the
per-request dataloader keyed by email serves every borrower of one query level
in one batch. Another provider's borrower gets an empty connection, no call.
"""

from __future__ import annotations

from collections.abc import Sequence

from resolvers.financeit import Loan as LoanRecord
from resolvers.loans import lists, people
from resolvers.loans.paging import LoanFilter, window_in_memory

from ..authz_owner import caller_email
from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..relay import Connection
from .types import Loan


def page_of(
    records: Sequence[LoanRecord], *, first: int | None, after: str | None
) -> Connection[Loan]:
    """One page of a newest-first list held in memory; the cursor is the sort key."""
    return Connection.of(window_in_memory(records, first, after), Loan.from_financeit)


async def own_loans(info: Info, flt: LoanFilter) -> list[LoanRecord]:
    """A borrower caller's loans, newest first, filtered at the source (resolvers.loans.lists)."""
    return await lists.own_loans(info.context, caller_email(info), flt)


async def loans_of_borrower(
    info: Info, borrower: Borrower, *, first: int | None, after: str | None
) -> Connection[Loan]:
    if borrower.provider is not Provider.FINANCEIT:
        return page_of([], first=first, after=after)  # still checks the arguments
    records = await people.loans_of(info.context, str(borrower.provider_id))
    return page_of(records, first=first, after=after)
