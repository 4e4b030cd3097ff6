"""Loan arithmetic shared by the calculator and the seeded loans.

The reference shows the calculator's `results` only as an elided list, so the
fields of one result are the sandbox's choice: the promo program, the
amortization and term, the rate, and the payment, fee, insurance, principal and
total amounts, all as decimal strings like the loan payload's amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .catalog import BORROWER_FEE, INSURANCE_RATE, PERIODS_PER_YEAR, QUEBEC_SURCHARGE

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def payment_amount(
    principal: Decimal, rate_percent: Decimal, months: int, frequency: str
) -> Decimal:
    """The level payment that repays `principal` over `months` at an annual `rate_percent`."""
    per_year = PERIODS_PER_YEAR[frequency]
    periods = max(1, round(months * per_year / 12))
    if rate_percent == 0:
        return (principal / periods).quantize(CENT, rounding=ROUND_HALF_UP)
    r = rate_percent / Decimal(100) / per_year
    payment = principal * r / (1 - (1 + r) ** -periods)
    return payment.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuoteRequest:
    requested_amount: Decimal
    payment_frequency: str
    fee_paid_by: str
    insurance: bool
    work_site_quebec: bool


def quote(program: dict[str, Any], amortization: int, request: QuoteRequest) -> dict[str, Any]:
    """One calculator result for one promo program and amortization."""
    rate = Decimal(program["rate"])
    if request.work_site_quebec:
        rate += Decimal(QUEBEC_SURCHARGE)
    amount = request.requested_amount
    fee = Decimal(BORROWER_FEE) if request.fee_paid_by == "borrower" else Decimal(0)
    premium = (amount * Decimal(INSURANCE_RATE)) if request.insurance else Decimal(0)
    principal = amount + fee + premium
    payment = payment_amount(principal, rate, amortization, request.payment_frequency)
    periods = max(1, round(amortization * PERIODS_PER_YEAR[request.payment_frequency] / 12))
    return {
        "promo_program_id": program["id"],
        "promo_program_name": program["name"],
        "amortization": amortization,
        "term": min(amortization, 60),
        "rate": money(rate),
        "payment_frequency": request.payment_frequency,
        "payment_amount": money(payment),
        "number_of_payments": periods,
        "requested_amount": money(amount),
        "fee": money(fee),
        "fee_paid_by": request.fee_paid_by,
        "insurance_premium": money(premium),
        "principal_amount": money(principal),
        "total_payment_amount": money(payment * periods),
        "currency": "CAD",
    }
