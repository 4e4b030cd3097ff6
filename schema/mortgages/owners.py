"""Whose mortgage application is it: the owner rules that need a read (schema.authz_owner)."""

from __future__ import annotations

import asyncio

from resolvers.mortgages.loaders import finmo_detail, molo_applicant, molo_detail

from ..authz_owner import owns
from ..context import Info


async def finmo_application_visible(info: Info, application_id: str) -> bool:
    """One of the Finmo application's applicants is the caller (one detail read, shared)."""
    detail = await finmo_detail(info.context, application_id) if application_id else None
    if detail is None:
        return False
    return owns(info, *(a.email for a in detail.applicants))


async def molo_application_visible(info: Info, application_id: str) -> bool:
    """One of the Molo application's applicants is the caller (detail + applicant reads)."""
    if not application_id.isdigit():
        return False
    detail = await molo_detail(info.context, int(application_id))
    if detail is None:
        return False
    applicants = await asyncio.gather(
        *(molo_applicant(info.context, pk) for pk in detail.applicants)
    )
    return owns(info, *(a.email for a in applicants if a is not None))
