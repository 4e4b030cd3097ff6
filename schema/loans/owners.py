"""Whose FinanceIt lead is it: the owner rule of a `LeadRef` (schema.refs)."""

from __future__ import annotations

from resolvers.loans.paging import LoanFilter

from ..context import Info
from .links import own_loans


async def lead_owned(info: Info, lead_id: object) -> bool:
    """A FinanceIt lead the borrower caller may name: the lead of one of their own loans
    (FinanceIt keys leads per partner and says nothing of a lead no loan came from: such
    a lead is no one's the gateway can tell, and is refused)."""
    if not isinstance(lead_id, int):
        return False
    return any(r.lead_id == lead_id for r in await own_loans(info, LoanFilter()))
