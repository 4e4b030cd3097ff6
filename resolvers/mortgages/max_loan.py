"""Molo's max-loan calculation: the body of its inputs, a quote's id, the call.

The documented ranges are checked before any call, so a bad input costs no
upstream request and the error (BadInput) names the input field. A quote's
provider id is the canonical form of its inputs (`encode_inputs`), so
`node(id)` recalculates the same quote (`decode_inputs`; the calculation is a
read: Molo stores nothing).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from .. import molo
from ..refusals import BadInput
from ..request import Scope
from .choices import MOLO_BORROWER_TYPES, MOLO_MORTGAGE_TYPES, Named

PLACES = 2  # "Up to 11 digits long, including 2 decimal places"
RANGES = {
    "propertyValue": (Decimal(1), Decimal(4_000_000)),
    "estimatedRentPerMonth": (Decimal(1), Decimal(999_999_999)),
    "taxableIncome": (Decimal(30_000), Decimal(999_999_999)),
}
FLAGS = ("is_new_property", "is_hmo", "is_ex_local")


class MaxLoanFields(Protocol):
    """The calculation's inputs as the client gave them."""

    @property
    def mortgage_type(self) -> Named: ...
    @property
    def borrower_type(self) -> Named: ...
    @property
    def property_value(self) -> Decimal: ...
    @property
    def estimated_rent_per_month(self) -> Decimal: ...
    @property
    def taxable_income(self) -> Decimal | None: ...
    @property
    def is_new_property(self) -> bool | None: ...
    @property
    def is_hmo(self) -> bool | None: ...
    @property
    def is_ex_local(self) -> bool | None: ...


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


def _body(
    mortgage_type: str,
    borrower_type: str,
    property_value: Decimal,
    rent: Decimal,
    income: Decimal | None,
    flags: dict[str, bool | None],
) -> molo.MaxLoanInput:
    fields: dict[str, object] = {
        "mortgage_type": mortgage_type,
        "borrower_type": borrower_type,
        "property_value": _amount("propertyValue", property_value),
        "estimated_rent_per_month": _amount("estimatedRentPerMonth", rent),
    }
    if income is not None:
        fields["taxable_income"] = _amount("taxableIncome", income)
    fields.update({flag: value for flag, value in flags.items() if value is not None})
    return molo.MaxLoanInput.model_validate(fields)


def body(data: MaxLoanFields) -> molo.MaxLoanInput:
    """Molo's body for these inputs, or BadInput naming the first field that is wrong."""
    mortgage_type = MOLO_MORTGAGE_TYPES.get(data.mortgage_type.name)
    if mortgage_type is None:
        allowed = ", ".join(MOLO_MORTGAGE_TYPES)
        raise BadInput(f"mortgageType must be one of {allowed}.", field="mortgageType")
    borrower_type = MOLO_BORROWER_TYPES.get(data.borrower_type.name)
    if borrower_type is None:
        allowed = ", ".join(MOLO_BORROWER_TYPES)
        raise BadInput(f"borrowerType must be one of {allowed}.", field="borrowerType")
    flags = {flag: getattr(data, flag) for flag in FLAGS}
    return _body(
        mortgage_type,
        borrower_type,
        data.property_value,
        data.estimated_rent_per_month,
        data.taxable_income,
        flags,
    )


def _text(value: Decimal | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    return format(value.normalize(), "f")


def encode_inputs(body: molo.MaxLoanInput) -> str:
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


def decode_inputs(provider_id: str) -> molo.MaxLoanInput | None:
    """The inputs a quote id holds, validated again; None when it is not one of ours."""
    parts = provider_id.split("|")
    if len(parts) != 8:
        return None
    mortgage, borrower, value, rent, income, new, hmo, ex_local = parts
    if mortgage not in MOLO_MORTGAGE_TYPES.values() or borrower not in MOLO_BORROWER_TYPES.values():
        return None
    flags = {"": None, "1": True, "0": False}
    try:
        given = dict(zip(FLAGS, (flags[new], flags[hmo], flags[ex_local]), strict=True))
        return _body(
            mortgage,
            borrower,
            Decimal(value),
            Decimal(rent),
            Decimal(income) if income else None,
            given,
        )
    except (KeyError, ArithmeticError, ValueError, BadInput):
        return None


async def max_loan(scope: Scope, body: molo.MaxLoanInput) -> Decimal:
    """One POST .../calculate_max_loan/ (a calculation: nothing is written)."""
    answer = await scope.providers.molo.calculate_max_loan(body)
    return answer.max_loan
