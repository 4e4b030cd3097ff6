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

from ..borrower import Borrower
from ..common import Provider
from ..context import Info
from ..errors import BadInput
from ..relay import Connection, Edge, Position, decode_cursor, encode_cursor, page_size
from .people import people_index
from .types import Loan, loan_key


def page_of(
    records: Sequence[LoanRecord], *, first: int | None, after: str | None
) -> Connection[Loan]:
    """One page of a newest-first list held in memory; the cursor is the sort key."""
    try:
        size = page_size(first)
        position = decode_cursor(after) if after else None
    except ValueError as exc:
        raise BadInput(str(exc)) from exc
    remaining = [r for r in records if position is None or loan_key(r) < position.key]
    edges = [
        Edge(cursor=encode_cursor(Position(loan_key(r))), node=Loan.from_financeit(r))
        for r in remaining[:size]
    ]
    return Connection.build(
        edges, has_next=len(remaining) > size, has_previous=position is not None
    )


async def loans_of_borrower(
    info: Info, borrower: Borrower, *, first: int | None, after: str | None
) -> Connection[Loan]:
    if borrower.provider is not Provider.FINANCEIT:
        page_of([], first=first, after=after)  # still checks the arguments
        return Connection.build([], has_next=False, has_previous=after is not None)

    async def batch(emails: list[str]) -> list[list[LoanRecord]]:
        index = await people_index(info)
        return [index.loans.get(e, []) for e in emails]

    def make() -> Any:
        return batch

    loader = info.context.loaders.get("loans.by_borrower", make)
    records: list[LoanRecord] = await loader.load(str(borrower.provider_id))
    return page_of(records, first=first, after=after)
