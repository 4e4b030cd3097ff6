"""maxLoanQuote: Molo's max-loan calculation as a Quote.

The documented ranges are checked here, before any call, so a bad input costs
no upstream request and the error names the input field. The quote's provider
id is the canonical form of its inputs, so `node(id)` recalculates the same
quote (the calculation is a read: Molo stores nothing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

import strawberry

from resolvers.molo import MaxLoanInput

from ..common import PROVIDER_CURRENCY, Money, Provider
from ..context import Info
from ..errors import BadInput
from ..ids import to_global_id
from ..node import each
from ..quote import Quote
from . import enums

GBP = PROVIDER_CURRENCY[Provider.MOLO]
PLACES = 2  # "Up to 11 digits long, including 2 decimal places"
RANGES = {
    "propertyValue": (Decimal(1), Decimal(4_000_000)),
    "estimatedRentPerMonth": (Decimal(1), Decimal(999_999_999)),
    "taxableIncome": (Decimal(30_000), Decimal(999_999_999)),
}


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


def _amount(name: str, value: Decimal) -> Decimal:
    low, high = RANGES[name]
    if not value.is_finite():
        raise BadInput(f"{name} must be a number.", field=name)
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > PLACES:
        raise BadInput(f"{name} has at most {PLACES} decimal places.", field=name)
    if not low <= value <= high:  # the ranges also keep it within 11 digits
        raise BadInput(f"{name} must be between £{low:,} and £{high:,}.", field=name)
    return value


def validate(data: MaxLoanQuoteInput) -> MaxLoanInput:
    """Molo's body for these inputs, or BadInput naming the first field that is wrong."""
    mortgage_type = enums.MOLO_MORTGAGE_TYPE_OF.get(data.mortgage_type)
    if mortgage_type is None:
        allowed = ", ".join(p.name for p in enums.MOLO_MORTGAGE_TYPE_OF)
        raise BadInput(f"mortgageType must be one of {allowed}.", field="mortgageType")
    borrower_type = enums.MOLO_BORROWER_TYPE_OF.get(data.borrower_type)
    if borrower_type is None:
        allowed = ", ".join(b.name for b in enums.MOLO_BORROWER_TYPE_OF)
        raise BadInput(f"borrowerType must be one of {allowed}.", field="borrowerType")
    fields: dict[str, object] = {
        "mortgage_type": mortgage_type,
        "borrower_type": borrower_type,
        "property_value": _amount("propertyValue", data.property_value),
        "estimated_rent_per_month": _amount("estimatedRentPerMonth", data.estimated_rent_per_month),
    }
    if data.taxable_income is not None:
        fields["taxable_income"] = _amount("taxableIncome", data.taxable_income)
    for flag in ("is_new_property", "is_hmo", "is_ex_local"):
        if getattr(data, flag) is not None:
            fields[flag] = getattr(data, flag)
    return MaxLoanInput.model_validate(fields)


def _text(value: Decimal | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return format(value.normalize(), "f")


def encode_inputs(body: MaxLoanInput) -> str:
    """The canonical provider id of a quote: its inputs, in a fixed order."""
    parts = [
        body.mortgage_type,
        body.borrower_type,
        _text(body.property_value),
        _text(body.estimated_rent_per_month),
        _text(body.taxable_income),
        _text(body.is_new_property),
        _text(body.is_hmo),
        _text(body.is_ex_local),
    ]
    return "|".join(parts)


def decode_inputs(provider_id: str) -> MaxLoanInput | None:
    """The inputs a quote id holds, validated again; None when it is not one of ours."""
    parts = provider_id.split("|")
    if len(parts) != 8:
        return None
    mortgage, borrower, value, rent, income, new, hmo, ex_local = parts
    flags = {"": None, "1": True, "0": False}
    try:
        data = MaxLoanQuoteInput(
            mortgage_type=enums.MOLO_PURPOSE[mortgage],
            borrower_type=enums.MOLO_BORROWER_TYPE[borrower],
            property_value=Decimal(value),
            estimated_rent_per_month=Decimal(rent),
            taxable_income=Decimal(income) if income else None,
            is_new_property=flags[new],
            is_hmo=flags[hmo],
            is_ex_local=flags[ex_local],
        )
        return validate(data)
    except (KeyError, ArithmeticError, ValueError, BadInput):
        return None


@strawberry.type(description="The most Molo would lend on these figures (GBP).")
class MaxLoanQuote(Quote):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"molo": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """The quote again, from the inputs its id holds."""

        async def one(provider_id: str) -> Any:
            body = decode_inputs(provider_id)
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
        provider_id = encode_inputs(body)
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
    """One POST .../calculate_max_loan/ (a calculation: nothing is written)."""
    answer = await info.context.providers.molo.calculate_max_loan(body)
    return MaxLoanQuote.of(body, answer.max_loan, datetime.now(UTC))
