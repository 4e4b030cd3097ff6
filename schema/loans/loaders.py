"""Per-request dataloaders for FinanceIt records that need a call per key.

FinanceIt has no "many loans by id" route (GET /loans filters by date,
state and partner only) and commission totals are per partner, so both are
one call per distinct key with bounded concurrency (resolvers.loaders.batch_by_key):
a key asked at several places of one query is fetched once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from resolvers.financeit import CommissionTotals as CommissionTotalsRecord
from resolvers.financeit import Loan as LoanRecord
from resolvers.loaders import batch_by_key

from ..context import Info
from .reference import CommissionTotals

CommissionKey = tuple[int, date | None, date | None]


async def loans_by_id(info: Info, loan_ids: Sequence[int]) -> list[LoanRecord | None]:
    """The loans with these ids, in the order asked; None for a loan FinanceIt does not have."""
    client = info.context.providers.financeit
    concurrency = info.context.options.per_key_concurrency

    def make() -> Any:
        return batch_by_key(client.loan, concurrency=concurrency)

    loader = info.context.loaders.get("loans.loan_by_id", make)
    found: list[LoanRecord | None] = await loader.load_many(list(loan_ids))
    return found


async def commission_totals(
    info: Info, partner_id: int, start: date | None, end: date | None
) -> CommissionTotals | None:
    client = info.context.providers.financeit
    concurrency = info.context.options.per_key_concurrency

    async def fetch(key: CommissionKey) -> CommissionTotalsRecord:
        pid, first, last = key
        return await client.commission_totals(pid, earned_start_date=first, earned_end_date=last)

    def make() -> Any:
        return batch_by_key(fetch, concurrency=concurrency)

    loader = info.context.loaders.get("loans.commission_totals", make)
    record: CommissionTotalsRecord | None = await loader.load((partner_id, start, end))
    return CommissionTotals.from_financeit(record, start, end) if record else None
