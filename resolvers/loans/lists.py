"""The FinanceIt loan lists a root field or a borrower's view reads.

`loans` is one page of GET /loans at the offset the cursor holds (one or two
calls, resolvers.loans.paging.plan), or a walk from the top for a cursor
without that hint. `own_loans` is a borrower caller's loans, filtered at the
source: from the cached people index when unfiltered, else a walk of the
filtered list (ceil(matching loans / 100) calls) keeping the borrower's.
"""

from __future__ import annotations

from ..cursors import Window
from ..financeit import Loan
from ..request import Scope
from .paging import MAX_LIMIT, LoanFilter, LoanPageArgs, loan_key, page_args, plan, window
from .people import WALK_PAGE, borrower_email, people_index

Rows = list[tuple[int, Loan]]  # (absolute index in the filtered list, loan)


async def _walked(scope: Scope, flt: LoanFilter, args: LoanPageArgs) -> tuple[Rows, bool]:
    """No offset hint: walk from the top to the cursor's key; up to size+1 rows after it."""
    position = args.position
    rows: Rows = []
    index = 0
    async for record in scope.providers.financeit.iter_loans(
        limit=MAX_LIMIT, state=flt.state, partner=flt.partner, start=flt.start, end=flt.end
    ):
        if position is None or loan_key(record) < position.key:
            rows.append((index, record))
            if len(rows) > args.size:
                break
        index += 1
    return rows, len(rows) > args.size


async def _at_offset(
    scope: Scope, flt: LoanFilter, args: LoanPageArgs, offset: int
) -> tuple[Rows, bool]:
    """The pages `plan` picks for [offset, offset+size]; "there may be more" as they show it."""
    client = scope.providers.financeit
    size = args.size
    pages, exact = plan(offset, size)
    rows: Rows = []
    full = False
    for page, limit in pages:
        result = await client.loans_page(
            page=page,
            limit=limit,
            state=flt.state,
            partner=flt.partner,
            start=flt.start,
            end=flt.end,
        )
        base = (page - 1) * limit
        rows.extend((base + i, r) for i, r in enumerate(result.loans) if base + i >= offset)
        full = result.maybe_more
    rows = [(i, r) for i, r in rows if i <= offset + size]
    if args.position is not None:
        key = args.position.key
        rows = [(i, r) for i, r in rows if loan_key(r) < key]
    return rows, len(rows) > size or (not exact and full)


async def loans(
    scope: Scope, flt: LoanFilter, first: int | None, after: str | None
) -> Window[Loan]:
    """One page of GET /loans, newest first, resumed where the cursor says."""
    args = page_args(first, after)
    if args.offset is None:
        rows, more = await _walked(scope, flt, args)
    else:
        rows, more = await _at_offset(scope, flt, args, args.offset)
    return window(rows, args, has_next=more)


async def own_loans(scope: Scope, email: str | None, flt: LoanFilter) -> list[Loan]:
    """The loans of the borrower with this normalized email, newest first (none: no email)."""
    if email is None:
        return []
    if flt == LoanFilter():
        return list((await people_index(scope)).loans.get(email, []))
    walk = scope.providers.financeit.iter_loans(
        limit=WALK_PAGE, state=flt.state, partner=flt.partner, start=flt.start, end=flt.end
    )
    return [r async for r in walk if borrower_email(r) == email]
