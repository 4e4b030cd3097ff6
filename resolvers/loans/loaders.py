"""Per-request dataloaders for FinanceIt records that need a call per key.

FinanceIt has no "many loans by id" route (GET /loans filters by date,
state and partner only) and commission totals are per partner, so both are
one call per distinct key with bounded concurrency (resolvers.loaders.batch_by_key):
a key asked at several places of one query is fetched once. A loan FinanceIt
does not have is None for that key alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ..errors import ProviderNotFound
from ..financeit import CommissionTotals, Loan
from ..loaders import batch_by_key
from ..request import Scope

CommissionKey = tuple[int, date | None, date | None]  # (partner id, earned from, earned to)


async def loans_by_id(scope: Scope, loan_ids: Sequence[int]) -> list[Loan | None]:
    """The loans with these ids, in the order asked; None for a loan FinanceIt does not have."""
    client = scope.providers.financeit
    concurrency = scope.options.per_key_concurrency

    def make() -> Any:
        return batch_by_key(client.loan, concurrency=concurrency)

    loader = scope.loaders.get("loans.loan_by_id", make)
    found: list[Loan | None] = await loader.load_many(list(loan_ids))
    return found


async def loan(scope: Scope, loan_id: int) -> Loan | None:
    (found,) = await loans_by_id(scope, [loan_id])
    return found


async def commission_totals(
    scope: Scope, partner_id: int, start: date | None, end: date | None
) -> CommissionTotals | None:
    """A partner's commission earned in [start, end] and outstanding (one call per key)."""
    client = scope.providers.financeit
    concurrency = scope.options.per_key_concurrency

    async def fetch(key: CommissionKey) -> CommissionTotals:
        pid, first, last = key
        return await client.commission_totals(pid, earned_start_date=first, earned_end_date=last)

    def make() -> Any:
        return batch_by_key(fetch, concurrency=concurrency)

    loader = scope.loaders.get("loans.commission_totals", make)
    record: CommissionTotals | None = await loader.load((partner_id, start, end))
    return record


async def loan_id_by_lead_id(scope: Scope, lead_id: int, partner_id: int | None) -> int | None:
    """GET /loans/id_by_lead_id: the id of the loan made from a lead (None: no such loan)."""
    try:
        return await scope.providers.financeit.loan_id_by_lead_id(lead_id, partner_id=partner_id)
    except ProviderNotFound:
        return None
