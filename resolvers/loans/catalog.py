"""FinanceIt reference data (partners, promo programs, subverticals) through the client's RefCache.

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

from ..errors import ProviderNotFound
from ..financeit import Partner, PromoProgram, Subvertical
from ..request import Scope

# FinanceIt's verticals (schema.loans.enums.LoanVertical has the same values)
VERTICALS = ("Home Improvement", "Retail", "Power", "Marine", "Recreational Vehicle")
KNOWN_VERTICALS = frozenset(VERTICALS)


def extra(record: Any, name: str) -> Any:
    """A documented field the client's record does not type (kept in `model_extra`)."""
    return (record.model_extra or {}).get(name)


def subvertical_id(record: Subvertical) -> str:
    """A subvertical's provider id: "<vertical>:<name>" (FinanceIt gives it none)."""
    return f"{record.vertical_name or ''}:{record.name}"


async def partners(scope: Scope) -> list[Partner]:
    return await scope.providers.financeit.partners()


async def partner_by_id(scope: Scope, partner_id: int) -> Partner | None:
    """From the cached list; a partner missing there is asked for once (cached), 404: None."""
    for partner in await partners(scope):
        if partner.id == partner_id:
            return partner
    try:
        return await scope.providers.financeit.partner(partner_id)
    except ProviderNotFound:
        return None


async def vertical_owners(scope: Scope, partner_id: int | None = None) -> dict[str, int]:
    """Vertical -> the partner to ask for it (the given partner's verticals only, if any)."""
    owners: dict[str, int] = {}
    for partner in await partners(scope):
        if partner_id is not None and partner.id != partner_id:
            continue
        for vertical in partner.verticals:
            if vertical in KNOWN_VERTICALS:
                owners.setdefault(vertical, partner.id)
    return owners


async def promo_programs(
    scope: Scope, *, vertical: str | None = None, partner_id: int | None = None
) -> list[PromoProgram]:
    """Every promo program (of one vertical, of one partner), each once, in FinanceIt's order."""
    if partner_id is not None and await partner_by_id(scope, partner_id) is None:
        return []
    owners = await vertical_owners(scope, partner_id)
    if vertical is not None:
        owners = {v: p for v, p in owners.items() if v == vertical}
    client = scope.providers.financeit
    lists = await asyncio.gather(
        *(client.promo_programs(vertical_name=v, partner_id=p) for v, p in owners.items())
    )
    seen: dict[int, PromoProgram] = {}
    for programs in lists:
        for program in programs:
            seen.setdefault(program.id, program)
    return list(seen.values())


async def promo_program_by_id(scope: Scope, program_id: int) -> PromoProgram | None:
    for program in await promo_programs(scope):
        if program.id == program_id:
            return program
    return None


async def programs_for_loan(scope: Scope, loan_id: int) -> list[PromoProgram]:
    """The programs FinanceIt offers for one loan (cached per loan); unknown loan: none."""
    try:
        return await scope.providers.financeit.promo_programs(loan_id=loan_id)
    except ProviderNotFound:
        return []


async def subverticals(
    scope: Scope, *, vertical: str | None = None, partner_id: int | None = None
) -> list[Subvertical]:
    """Every subvertical (of one vertical, of one partner's), each naming its vertical."""
    owners = await vertical_owners(scope, partner_id)
    if vertical is not None:
        owners = {v: p for v, p in owners.items() if v == vertical}
    client = scope.providers.financeit
    lists = await asyncio.gather(
        *(client.subverticals(vertical_name=v, partner_id=p) for v, p in owners.items())
    )
    found: list[Subvertical] = []
    for vertical_name, items in zip(owners, lists, strict=True):
        for item in items:
            if item.vertical_name is None:
                item = item.model_copy(update={"vertical_name": vertical_name})
            found.append(item)
    return found


async def subvertical(scope: Scope, vertical: str, name: str) -> Subvertical | None:
    """One subvertical by its vertical and name (None: not offered)."""
    if vertical not in KNOWN_VERTICALS or not name:
        return None
    for item in await subverticals(scope, vertical=vertical):
        if item.name == name:
            return item
    return None
