"""Loans: the paginated list, one loan, and the loan id for a lead id."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends

from .access import Caller, caller_dependency, parse_date
from .catalog import API, StateFilter
from .errors import invalid, not_found

if TYPE_CHECKING:
    from .sandbox import FinanceItSandbox

MAX_LIMIT = 100
DEFAULT_START = date(2011, 1, 1)


def loans_router(sandbox: FinanceItSandbox) -> APIRouter:
    router = APIRouter(prefix=API)
    partner_caller = Depends(caller_dependency(sandbox, allow_anonymous=False))

    @router.get("/loans")
    async def list_loans(
        start: str | None = None,
        end: str | None = None,
        state: StateFilter = "active",
        partner: int | None = None,
        limit: int = 20,
        page: int = 1,
        caller: Caller = partner_caller,
    ) -> list[dict[str, Any]]:
        """The user's loans, most recent first, `limit` per `page` (a bare JSON array).

        Reference-silent choices: start and end compare with the loan's
        creation date, both inclusive; no end means no upper bound (no loan is
        dated after today); which states each filter selects is in catalog.py;
        limit must lie in 1..100 and page be at least 1; a page past the end is
        an empty array; a partner that is not the user's is 422.
        """
        first = parse_date("start", start) or DEFAULT_START
        last = parse_date("end", end)
        errors = []
        if not 1 <= limit <= MAX_LIMIT:
            errors.append(f"limit must be between 1 and {MAX_LIMIT}")
        if page < 1:
            errors.append("page must be at least 1")
        if errors:
            raise invalid(*errors)
        if partner is not None and caller.partner(partner) is None:
            raise invalid("partner is not one of your partners")
        home = int(caller.home["id"])
        partner_ids = caller.store.partner_ids_under(partner if partner is not None else home)
        found = caller.store.find_loans(start=first, end=last, state=state, partner_ids=partner_ids)
        offset = (page - 1) * limit
        return found[offset : offset + limit]

    @router.get("/loans/id_by_lead_id")
    async def loan_id_by_lead_id(
        lead_id: int, partner_id: int | None = None, caller: Caller = partner_caller
    ) -> dict[str, int]:
        """The loan id for a lead id. Reference-silent: the path, and 404 for an unknown lead."""
        partner = caller.resolve_partner(partner_id, required=True)
        assert partner is not None  # partner callers only
        loan_id = caller.store.loan_by_lead.get((int(partner["id"]), lead_id))
        if loan_id is None:
            raise not_found("Loan")
        return {"id": loan_id}

    @router.get("/loans/{id}")
    async def get_loan(id: int, caller: Caller = partner_caller) -> dict[str, Any]:
        """One loan of the user's partners; any other id is 404.

        Reference-silent: the sample elides the borrower, so the sandbox adds
        `borrower` {first_name, last_name, email, phone, date_of_birth} (the
        same object is in the list).
        """
        loan = caller.loan(id)
        if loan is None:
            raise not_found("Loan")
        return loan

    return router
