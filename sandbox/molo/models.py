"""Request bodies Molo validates, as pydantic models answered in DRF's shape.

Ranges the reference documents: max-loan `property_value` £1 to £4,000,000,
`estimated_rent_per_month` £1 to £999,999,999, `taxable_income` £30,000 to
£999,999,999; amounts "up to 11 digits long, including 2 decimal places";
mobile numbers "in the form +441615676878".

Where it is silent, the sandbox chooses (and says so here):
- applicant `taxable_income` has the same £30,000 to £999,999,999 range as the
  max-loan calculation (the one income range Molo documents);
- application amounts are at least £1 and `loan_term` is 1 to 40 years;
- a mobile is "+44" and ten digits, nothing else (no spaces, no national 07 form);
- of the address, `street`, `postal` and `town` are required; `building_number`,
  `building_name` and `sub_building_name` may be left out (not every address has them);
- unknown fields are ignored, as DRF serializers do.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

MortgageType = Literal["new_purchase", "remortgage_current", "remortgage_and_borrow"]
BorrowerType = Literal["individual_borrower", "ltd_company"]
Title = Literal["mr", "mx", "mrs", "miss", "ms", "sir", "dr", "lady", "lord", "other"]
MORTGAGE_TYPES: tuple[MortgageType, ...] = (
    "new_purchase",
    "remortgage_current",
    "remortgage_and_borrow",
)
BORROWER_TYPES: tuple[BorrowerType, ...] = ("individual_borrower", "ltd_company")
TITLES: tuple[Title, ...] = ("mr", "mx", "mrs", "miss", "ms", "sir", "dr", "lady", "lord", "other")

Amount = Annotated[Decimal, Field(max_digits=11, decimal_places=2, ge=1)]
Income = Annotated[Decimal, Field(max_digits=11, decimal_places=2, ge=30_000, le=999_999_999)]
Text = Annotated[str, Field(min_length=1, max_length=255)]
OptionalText = Annotated[str, Field(max_length=255)] | None

MOBILE = re.compile(r"^\+44\d{10}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ApplicationIn(Body):
    """POST /api/v1/applications/ (PATCH validates the merged record with it)."""

    desired_loan_amount: Amount
    loan_term: Annotated[int, Field(ge=1, le=40)]
    mortgage_type: MortgageType
    borrower_type: BorrowerType
    property_value: Amount | None = None
    monthly_rent: Amount | None = None
    reference_id: OptionalText = None


class MaxLoanIn(Body):
    """POST /api/v1/applications/calculate_max_loan/"""

    mortgage_type: MortgageType
    borrower_type: BorrowerType
    property_value: Annotated[Decimal, Field(max_digits=11, decimal_places=2, ge=1, le=4_000_000)]
    estimated_rent_per_month: Annotated[
        Decimal, Field(max_digits=11, decimal_places=2, ge=1, le=999_999_999)
    ]
    taxable_income: Income | None = None
    is_new_property: bool = False
    is_hmo: bool = False
    is_ex_local: bool = False


class DipIn(Body):
    """POST /api/v1/applications/{pk}/get-dip/"""

    allow_soft_credit_search: bool

    @field_validator("allow_soft_credit_search")
    @classmethod
    def _must_allow(cls, value: bool) -> bool:
        if not value:
            raise PydanticCustomError(
                "drf", "You must allow a soft credit search to get a decision in principle."
            )
        return value


class AddressIn(Body):
    street: Text
    postal: Annotated[str, Field(min_length=1, max_length=10)]
    town: Text
    building_number: OptionalText = None
    building_name: OptionalText = None
    sub_building_name: OptionalText = None


class ApplicantUpdateIn(Body):
    """PUT /api/v1/applicants/{pk}/ (PATCH validates the merged record with it)."""

    is_lead: bool
    taxable_income: Income
    email: Annotated[str, Field(max_length=254)]
    title: Title
    date_of_birth: date
    mobile: str
    address: AddressIn
    first_name: OptionalText = None
    middle_name: OptionalText = None
    last_name: OptionalText = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not EMAIL.match(value):
            raise PydanticCustomError("drf", "Enter a valid email address.")
        return value

    @field_validator("mobile")
    @classmethod
    def _mobile(cls, value: str) -> str:
        if not MOBILE.match(value):
            raise PydanticCustomError(
                "drf", "Enter a valid mobile number in the form +441615676878."
            )
        return value


class ApplicantIn(ApplicantUpdateIn):
    """POST /api/v1/applicants/"""

    application: int
    is_privacy_policy_accepted: bool

    @field_validator("is_privacy_policy_accepted")
    @classmethod
    def _accepted(cls, value: bool) -> bool:
        if not value:
            raise PydanticCustomError("drf", "You must accept the privacy policy.")
        return value
