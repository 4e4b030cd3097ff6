"""Borrower.loans: a FinanceIt borrower's loans, from the people index.

The index (people.py) already holds every borrower's loans, so this costs no
call beyond the (cached, single-flight) index; the per-request dataloader
keyed by borrower provider id serves every borrower of one query level in
one batch. Another provider's borrower gets an empty connection, no call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from resolvers.financeit import Loan as LoanRecord
from resolvers.people import normalize_email

from ..authz_owner import caller_email
from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..relay import Connection, Edge, Position, encode_cursor, page_args
from .paging import LoanFilter
from .people import WALK_PAGE, people_index
from .types import Loan, loan_key


def page_of(
    records: Sequence[LoanRecord], *, first: int | None, after: str | None
) -> Connection[Loan]:
    """One page of a newest-first list held in memory; the cursor is the sort key."""
    size, position = page_args(first, after)
    remaining = [r for r in records if position is None or loan_key(r) < position.key]
    edges = [
        Edge(cursor=encode_cursor(Position(loan_key(r))), node=Loan.from_financeit(r))
        for r in remaining[:size]
    ]
    return Connection.build(
        edges, has_next=len(remaining) > size, has_previous=position is not None
    )


async def own_loans(info: Info, flt: LoanFilter) -> list[LoanRecord]:
    """A borrower caller's loans, newest first, filtered at the source: unfiltered, from
    the cached people index (no call while warm); filtered, by walking FinanceIt's
    filtered list (ceil(matching loans / 100) calls) and keeping the caller's."""
    email = caller_email(info)
    if email is None:
        return []
    if flt == LoanFilter():
        return list((await people_index(info)).loans.get(email, []))
    walk = info.context.providers.financeit.iter_loans(
        limit=WALK_PAGE, state=flt.state, partner=flt.partner, start=flt.start, end=flt.end
    )
    return [
        r
        async for r in walk
        if r.borrower is not None and normalize_email(r.borrower.email) == email
    ]


async def loans_of_borrower(
    info: Info, borrower: Borrower, *, first: int | None, after: str | None
) -> Connection[Loan]:
    if borrower.provider is not Provider.FINANCEIT:
        return page_of([], first=first, after=after)  # still checks the arguments

    async def batch(emails: list[str]) -> list[list[LoanRecord]]:
        index = await people_index(info)
        return [index.loans.get(e, []) for e in emails]

    def make() -> Any:
        return batch

    loader = info.context.loaders.get("loans.by_borrower", make)
    records: list[LoanRecord] = await loader.load(str(borrower.provider_id))
    return page_of(records, first=first, after=after)
