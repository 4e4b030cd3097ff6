"""maxLoanQuote: Molo's max-loan calculation as a Quote.

The documented ranges are checked before any call (resolvers.mortgages.max_loan),
so a bad input costs no upstream request and the error names the input field.
The quote's provider id is the canonical form of its inputs, so `node(id)`
recalculates the same quote (the calculation is a read: Molo stores nothing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

import strawberry

from resolvers.molo import MaxLoanInput
from resolvers.mortgages import max_loan as calculation

from ..common import PROVIDER_CURRENCY, Money, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each
from ..quote import Quote
from . import enums

GBP = PROVIDER_CURRENCY[Provider.MOLO]


@strawberry.input(description="Molo's max-loan calculation inputs (amounts in GBP).")
class MaxLoanQuoteInput:
    mortgage_type: enums.MortgagePurpose = strawberry.field(
        description="PURCHASE, REMORTGAGE or REMORTGAGE_AND_BORROW."
    )
    borrower_type: enums.MortgageBorrowerType = strawberry.field(
        description="INDIVIDUAL or LIMITED_COMPANY."
    )
    property_value: Decimal = strawberry.field(description="£1 to £4,000,000.")
    estimated_rent_per_month: Decimal = strawberry.field(description="£1 to £999,999,999.")
    taxable_income: Decimal | None = strawberry.field(
        default=None, description="£30,000 to £999,999,999."
    )
    is_new_property: bool | None = None
    is_hmo: bool | None = None
    is_ex_local: bool | None = None


@strawberry.type(description="The most Molo would lend on these figures (GBP).")
class MaxLoanQuote(Quote):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"molo": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """The quote again, from the inputs its id holds."""

        async def one(provider_id: str) -> Any:
            body = calculation.decode_inputs(provider_id)
            return None if body is None else await quote_max_loan(info, body)

        return await each(ids, one)

    max_loan: Money | None
    mortgage_type: enums.MortgagePurpose
    provider_mortgage_type: str
    borrower_type: enums.MortgageBorrowerType
    provider_borrower_type: str
    property_value: Money | None
    estimated_rent_per_month: Money | None
    taxable_income: Money | None
    is_new_property: bool | None
    is_hmo: bool | None
    is_ex_local: bool | None

    @classmethod
    def of(cls, body: MaxLoanInput, max_loan: Decimal, quoted_at: datetime) -> MaxLoanQuote:
        provider_id = calculation.encode_inputs(body)
        return cls(
            id=strawberry.ID(to_global_id("MaxLoanQuote", "molo", provider_id)),
            provider=Provider.MOLO,
            provider_id=strawberry.ID(provider_id),
            quoted_at=quoted_at,
            max_loan=Money.of(max_loan, GBP),
            mortgage_type=enums.molo_purpose(body.mortgage_type),
            provider_mortgage_type=body.mortgage_type,
            borrower_type=enums.MOLO_BORROWER_TYPE[body.borrower_type],
            provider_borrower_type=body.borrower_type,
            property_value=Money.of(body.property_value, GBP),
            estimated_rent_per_month=Money.of(body.estimated_rent_per_month, GBP),
            taxable_income=Money.of(body.taxable_income, GBP),
            is_new_property=body.is_new_property,
            is_hmo=body.is_hmo,
            is_ex_local=body.is_ex_local,
        )


async def quote_max_loan(info: Info, body: MaxLoanInput) -> MaxLoanQuote:
    """One calculation (resolvers.mortgages.max_loan: a read, nothing is written)."""
    answer = await calculation.max_loan(info.context, body)
    return MaxLoanQuote.of(body, answer, datetime.now(UTC))
