"""FinanceIt reference data as the schema needs it, read through the client's RefCache.

Partners, promo programs and subverticals are cached by the client with a
TTL, so on a warm cache every lookup here costs zero upstream calls; a cold
fill runs once however many fields ask at the same moment (single flight).

FinanceIt lists promo programs and subverticals per vertical, and a broker
must name a partner: the whole catalogue is read as one list per vertical,
asked for on behalf of the first of the user's partners that offers it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from resolvers.errors import ProviderNotFound
from resolvers.financeit import Partner as PartnerRecord
from resolvers.financeit import PromoProgram as PromoProgramRecord
from resolvers.financeit import Subvertical as SubverticalRecord

from ..context import Info
from .enums import LoanVertical

KNOWN_VERTICALS = frozenset(v.value for v in LoanVertical)


def extra(record: Any, name: str) -> Any:
    """A documented field the client's record does not type (kept in `model_extra`)."""
    return (record.model_extra or {}).get(name)


async def partners(info: Info) -> list[PartnerRecord]:
    return await info.context.providers.financeit.partners()


async def partner_by_id(info: Info, partner_id: int) -> PartnerRecord | None:
    """From the cached list; a partner missing there is asked for once (cached), 404: None."""
    for partner in await partners(info):
        if partner.id == partner_id:
            return partner
    try:
        return await info.context.providers.financeit.partner(partner_id)
    except ProviderNotFound:
        return None


async def vertical_owners(info: Info, partner_id: int | None = None) -> dict[str, int]:
    """Vertical -> the partner to ask for it (the given partner's verticals only, if any)."""
    owners: dict[str, int] = {}
    for partner in await partners(info):
        if partner_id is not None and partner.id != partner_id:
            continue
        for vertical in partner.verticals:
            if vertical in KNOWN_VERTICALS:
                owners.setdefault(vertical, partner.id)
    return owners


async def promo_programs(
    info: Info, *, vertical: str | None = None, partner_id: int | None = None
) -> list[PromoProgramRecord]:
    """Every promo program (of one vertical, of one partner), each once, in FinanceIt's order."""
    if partner_id is not None and await partner_by_id(info, partner_id) is None:
        return []
    owners = await vertical_owners(info, partner_id)
    if vertical is not None:
        owners = {v: p for v, p in owners.items() if v == vertical}
    client = info.context.providers.financeit
    lists = await asyncio.gather(
        *(client.promo_programs(vertical_name=v, partner_id=p) for v, p in owners.items())
    )
    seen: dict[int, PromoProgramRecord] = {}
    for programs in lists:
        for program in programs:
            seen.setdefault(program.id, program)
    return list(seen.values())


async def promo_program_by_id(info: Info, program_id: int) -> PromoProgramRecord | None:
    for program in await promo_programs(info):
        if program.id == program_id:
            return program
    return None


async def programs_for_loan(info: Info, loan_id: int) -> list[PromoProgramRecord]:
    """The programs FinanceIt offers for one loan (cached per loan); unknown loan: none."""
    try:
        return await info.context.providers.financeit.promo_programs(loan_id=loan_id)
    except ProviderNotFound:
        return []


async def subverticals(
    info: Info, *, vertical: str | None = None, partner_id: int | None = None
) -> list[SubverticalRecord]:
    owners = await vertical_owners(info, partner_id)
    if vertical is not None:
        owners = {v: p for v, p in owners.items() if v == vertical}
    client = info.context.providers.financeit
    lists = await asyncio.gather(
        *(client.subverticals(vertical_name=v, partner_id=p) for v, p in owners.items())
    )
    found: list[SubverticalRecord] = []
    for vertical_name, items in zip(owners, lists, strict=True):
        for item in items:
            if item.vertical_name is None:
                item = item.model_copy(update={"vertical_name": vertical_name})
            found.append(item)
    return found
