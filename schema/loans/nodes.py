"""node(id) for FinanceIt types: (type name, "financeit") -> batch loader.

Loans: one GET /loans/{id} per distinct id (FinanceIt has no many-by-id
route), shared with `loan(id)` through one per-request dataloader. Partners,
promo programs and subverticals: the cached reference lists (zero calls on a
warm cache). Loan quotes: the calculator again, with the inputs the id holds.
A malformed provider id is None (node() then answers NOT_FOUND); any other
failure is that id's error alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from resolvers.loans import catalog, loaders, quotes

from ..context import Info
from ..directory import NodeLoader
from .quotes import LoanQuote
from .reference import Partner, PromoProgram, Subvertical
from .types import Loan
from .values import integer


async def _each(ids: Sequence[str], one: Callable[[str], Awaitable[Any]]) -> list[Any]:
    """One coroutine per id; an exception stays that id's (the node loader rejects it alone)."""
    return list(await asyncio.gather(*(one(i) for i in ids), return_exceptions=True))


async def load_loans(info: Info, ids: Sequence[str]) -> list[Any]:
    async def one(provider_id: str) -> Loan | None:
        loan_id = integer(provider_id)
        if loan_id is None or str(loan_id) != provider_id:
            return None
        record = await loaders.loan(info.context, loan_id)
        return Loan.from_financeit(record) if record else None

    return await _each(ids, one)


async def load_quotes(info: Info, ids: Sequence[str]) -> list[Any]:
    async def one(provider_id: str) -> LoanQuote | None:
        params = quotes.QuoteParams.decode(provider_id)
        if params is None:
            return None
        return LoanQuote.from_financeit(params, await quotes.calculate(info.context, params))

    return await _each(ids, one)


async def load_programs(info: Info, ids: Sequence[str]) -> list[Any]:
    async def one(provider_id: str) -> PromoProgram | None:
        program_id = integer(provider_id)
        found = await catalog.promo_program_by_id(info.context, program_id) if program_id else None
        return PromoProgram.from_financeit(found) if found else None

    return await _each(ids, one)


async def load_partners(info: Info, ids: Sequence[str]) -> list[Any]:
    async def one(provider_id: str) -> Partner | None:
        partner_id = integer(provider_id)
        found = await catalog.partner_by_id(info.context, partner_id) if partner_id else None
        return Partner.from_financeit(found) if found else None

    return await _each(ids, one)


async def load_subverticals(info: Info, ids: Sequence[str]) -> list[Any]:
    async def one(provider_id: str) -> Subvertical | None:
        vertical, _, name = provider_id.partition(":")
        found = await catalog.subvertical(info.context, vertical, name)
        return Subvertical.from_financeit(found) if found else None

    return await _each(ids, one)


NODE_LOADERS: dict[tuple[str, str], NodeLoader] = {
    ("Loan", "financeit"): load_loans,
    ("LoanQuote", "financeit"): load_quotes,
    ("PromoProgram", "financeit"): load_programs,
    ("Partner", "financeit"): load_partners,
    ("Subvertical", "financeit"): load_subverticals,
}
