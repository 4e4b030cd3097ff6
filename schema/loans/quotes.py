"""LoanQuote: FinanceIt's calculator, one quote per set of inputs.

A quote's provider id is its inputs as a canonical query string
(resolvers.loans.quotes.QuoteParams), so `node(id)` asks the calculator again
with the same inputs: the id is stable, the answer is today's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

import strawberry

from resolvers.financeit import Calculation
from resolvers.financeit import LoanOption as LoanOptionRecord
from resolvers.loans import catalog, quotes
from resolvers.loans.quotes import QuoteParams

from ..common import Currency, Money, Provider
from ..context import Info
from ..errors import BadInput
from ..ids import to_global_id
from ..node import each
from ..quote import Quote
from ..upstream import CATALOG_CALLS, upstream
from .enums import LoanFeePaidBy, LoanRegionCode, LoanVertical, PaymentFrequency
from .reference import PromoProgram
from .values import CAD, decimal, integer, text


@strawberry.input(description="Every parameter of FinanceIt's calculator.")
class LoanQuoteInput:
    requested_amount: Decimal
    vertical_name: LoanVertical | None = strawberry.field(
        default=None, description="Required for anonymous users and multi-vertical partners."
    )
    region_code: LoanRegionCode | None = None
    payment_frequency: PaymentFrequency | None = strawberry.field(
        default=None, description="FinanceIt's default: MONTHLY."
    )
    fee_paid_by: LoanFeePaidBy | None = None
    insurance: bool | None = strawberry.field(default=None, description="Payment protection.")
    promo_program_id: int | None = strawberry.field(
        default=None, description="FinanceIt's promo program id; 0 for the standard program."
    )
    amortization: int | None = strawberry.field(default=None, description="In months.")
    partner_id: int | None = None
    work_site_quebec: bool | None = None


def quote_params(given: LoanQuoteInput) -> QuoteParams:
    """The input as the calculator's parameters; BadInput for an amount, amortization or
    promo program no calculator takes."""
    if not given.requested_amount.is_finite() or given.requested_amount <= 0:
        raise BadInput("requestedAmount must be a positive amount.")
    if given.amortization is not None and given.amortization <= 0:
        raise BadInput("amortization must be a positive number of months.")
    if given.promo_program_id is not None and given.promo_program_id < 0:
        raise BadInput("promoProgramId must not be negative.")
    return QuoteParams(
        requested_amount=given.requested_amount,
        vertical_name=given.vertical_name.value if given.vertical_name else None,
        region_code=given.region_code.value if given.region_code else None,
        payment_frequency=given.payment_frequency.value if given.payment_frequency else None,
        fee_paid_by=given.fee_paid_by.value if given.fee_paid_by else None,
        insurance=given.insurance,
        promo_program_id=given.promo_program_id,
        amortization=given.amortization,
        partner_id=given.partner_id,
        work_site_quebec=given.work_site_quebec,
    )


def _currency(code: str | None) -> Currency:
    try:
        return Currency(code)
    except ValueError:
        return CAD


@strawberry.type(description="One loan option the calculator offers.")
class LoanOption:
    promo_program_id: int
    promo_program_name: str | None
    amortization: int = strawberry.field(description="In months.")
    term: int | None = strawberry.field(description="In months.")
    rate: Decimal = strawberry.field(description="Annual rate in percent.")
    payment_frequency: PaymentFrequency | None
    provider_payment_frequency: str
    payment_amount: Money | None = strawberry.field(description="Per payment.")
    number_of_payments: int | None
    requested_amount: Money | None
    fee: Money | None
    fee_paid_by: LoanFeePaidBy | None
    insurance_premium: Money | None
    principal_amount: Money | None
    total_payment_amount: Money | None = strawberry.field(description="Over all payments.")
    vertical_name: strawberry.Private[str | None]

    @classmethod
    def from_financeit(cls, r: LoanOptionRecord, vertical_name: str | None) -> LoanOption:
        currency = _currency(r.currency)

        def money(value: object) -> Money | None:
            return Money.of(value, currency)

        number = catalog.extra(r, "number_of_payments")
        return cls(
            promo_program_id=r.promo_program_id,
            promo_program_name=r.promo_program_name,
            amortization=r.amortization,
            term=r.term,
            rate=r.rate,
            payment_frequency=PaymentFrequency.from_financeit(r.payment_frequency),
            provider_payment_frequency=r.payment_frequency,
            payment_amount=money(r.payment_amount),
            number_of_payments=integer(number),
            requested_amount=money(catalog.extra(r, "requested_amount")),
            fee=money(r.fee),
            fee_paid_by=LoanFeePaidBy.from_financeit(text(catalog.extra(r, "fee_paid_by"))),
            insurance_premium=money(catalog.extra(r, "insurance_premium")),
            principal_amount=money(r.principal_amount),
            total_payment_amount=money(r.total_payment_amount),
            vertical_name=vertical_name,
        )

    @strawberry.field(
        description="The option's promo program, from the cached catalogue.",
        metadata=upstream(CATALOG_CALLS),
    )
    async def promo_program(self, info: Info) -> PromoProgram | None:
        found = await catalog.promo_program_by_id(info.context, self.promo_program_id)
        if found is not None:
            return PromoProgram.from_financeit(found)
        # The standard program (0) is implied, never listed: what the option says.
        return PromoProgram.build(
            self.promo_program_id,
            name=self.promo_program_name,
            vertical_name=self.vertical_name,
            rate=decimal(self.rate),
        )


@strawberry.type(description="FinanceIt calculator: the loan options for an amount.")
class LoanQuote(Quote):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"financeit": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """The calculator again, with the inputs the id holds."""

        async def one(provider_id: str) -> LoanQuote | None:
            params = QuoteParams.decode(provider_id)
            if params is None:
                return None
            return cls.from_financeit(params, await quotes.calculate(info.context, params))

        return await each(ids, one)

    requested_amount: Money | None
    vertical_name: LoanVertical | None
    options: list[LoanOption]
    application_link: str | None

    @classmethod
    def from_financeit(cls, params: QuoteParams, calculation: Calculation) -> LoanQuote:
        pid = params.encode()
        vertical = params.vertical_name
        return cls(
            id=strawberry.ID(to_global_id("LoanQuote", "financeit", pid)),
            provider=Provider.FINANCEIT,
            provider_id=strawberry.ID(pid),
            quoted_at=datetime.now(UTC),
            requested_amount=Money.of(params.requested_amount, CAD),
            vertical_name=LoanVertical.from_financeit(vertical) if vertical else None,
            options=[LoanOption.from_financeit(r, vertical) for r in calculation.results],
            application_link=calculation.application_link,
        )
