"""Calculator, promo programs and subverticals: the routes anonymous tokens may use."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends

from .access import Caller, caller_dependency
from .catalog import API, MAX_AMOUNT, MIN_AMOUNT, FeePaidBy, Frequency, Region, Vertical, YesNo
from .errors import invalid, not_found
from .quotes import QuoteRequest, quote
from .seed import standard_program

if TYPE_CHECKING:
    from .sandbox import FinanceItSandbox


def _programs(caller: Caller, vertical: str, promo_program_id: int | None) -> list[dict[str, Any]]:
    if promo_program_id is None:
        return [standard_program(vertical), *caller.store.programs_for([vertical])]
    if promo_program_id == 0:
        return [standard_program(vertical)]
    program = caller.store.programs.get(promo_program_id)
    if program is None or program["vertical_name"] != vertical:
        raise invalid("promo_program_id is not a promo program available for this vertical")
    return [program]


def quotes_router(sandbox: FinanceItSandbox) -> APIRouter:
    router = APIRouter(prefix=API)
    any_caller = Depends(caller_dependency(sandbox, allow_anonymous=True))

    @router.get("/calculator")
    async def calculator(
        requested_amount: float,
        vertical_name: Vertical | None = None,
        region_code: Region | None = None,
        payment_frequency: Frequency = "m",
        fee_paid_by: FeePaidBy | None = None,
        insurance: YesNo = "no",
        promo_program_id: int | None = None,
        amortization: int | None = None,
        partner_id: int | None = None,
        work_site_quebec: YesNo = "no",
        caller: Caller = any_caller,
    ) -> dict[str, Any]:
        """Loan options for an amount: one result per promo program (and amortization).

        Reference-silent choices: without promo_program_id every program of the
        vertical is quoted, the standard program (id 0) first; without
        amortization each program's longest; amounts must lie in 500..100000
        (and in a named program's own bounds); the partners' fee setting is
        "borrower"; application_link is null for anonymous users and for a
        broker that names no partner_id. See quotes.py for a result's fields.
        """
        if not math.isfinite(requested_amount):
            raise invalid("requested_amount must be a number")
        amount = Decimal(str(requested_amount))
        if not MIN_AMOUNT <= amount <= MAX_AMOUNT:
            raise invalid(f"requested_amount must be between {MIN_AMOUNT} and {MAX_AMOUNT}")
        if caller.anonymous and insurance == "yes" and region_code is None:
            raise invalid("region_code is required when insurance is yes for anonymous users")
        partner = caller.resolve_partner(partner_id, required=False)
        vertical = caller.resolve_vertical(partner, vertical_name)
        programs = _programs(caller, vertical, promo_program_id)
        if promo_program_id:
            program = programs[0]
            if not program["min_amount"] <= amount <= program["max_amount"]:
                raise invalid(
                    f"requested_amount must be between {program['min_amount']} and"
                    f" {program['max_amount']} for this promo program"
                )
        else:
            programs = [p for p in programs if p["min_amount"] <= amount <= p["max_amount"]]
        if amortization is not None:
            programs = [p for p in programs if amortization in p["amortization_periods"]]
            if not programs:
                raise invalid("amortization is not offered by the promo program")
        request = QuoteRequest(
            requested_amount=amount,
            payment_frequency=payment_frequency,
            fee_paid_by=fee_paid_by or "borrower",
            insurance=insurance == "yes",
            work_site_quebec=work_site_quebec == "yes",
        )
        results = [quote(p, amortization or p["max_amortization"], request) for p in programs]
        link = None
        if partner is not None and int(partner["id"]) != caller.store.broker_id:
            link = caller.store.short_link(f"calculator:{partner['id']}")
        return {"results": results, "application_link": link}

    @router.get("/promo_programs")
    async def promo_programs(
        vertical_name: Vertical | None = None,
        partner_id: int | None = None,
        loan_id: int | None = None,
        caller: Caller = any_caller,
    ) -> dict[str, Any]:
        """Promo programs and their amortization periods for a vertical.

        Reference-silent choices: a program's fields are id, name,
        vertical_name, rate, amortization_periods, max_amortization,
        deferral_months, min_amount and max_amount; the standard program (id 0)
        is implied and not listed; with loan_id the loan's vertical is used
        (a loan that is not the user's, or any loan_id from an anonymous user,
        is 404).
        """
        if loan_id is not None:
            loan = caller.loan(loan_id)
            if loan is None:
                raise not_found("Loan")
            return {"promo_programs": caller.store.programs_for([loan["vertical"]])}
        partner = caller.resolve_partner(partner_id, required=True)
        vertical = caller.resolve_vertical(partner, vertical_name)
        return {"promo_programs": caller.store.programs_for([vertical])}

    @router.get("/subverticals")
    async def subverticals(
        vertical_name: Vertical | None = None,
        partner_id: int | None = None,
        caller: Caller = any_caller,
    ) -> dict[str, Any]:
        """Subverticals of a vertical and their product types.

        Reference-silent: a subvertical is {name, vertical_name, product_types}.
        """
        partner = caller.resolve_partner(partner_id, required=True)
        vertical = caller.resolve_vertical(partner, vertical_name)
        return {"subverticals": caller.store.subverticals_for(vertical)}

    return router
