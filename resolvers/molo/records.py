"""Molo's payloads as pydantic records (answers) and inputs (request bodies).

Answers keep unknown fields (`extra="allow"`) and type the documented ones.
Enumerated values (status, mortgage and borrower type) are plain strings in
answers, since the reference's own sample shows a status its enum does not
list ("pending_product_selection"); inputs use the documented choices.
Amounts are GBP Decimals.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

CURRENCY = "GBP"

MortgageType = Literal["new_purchase", "remortgage_current", "remortgage_and_borrow"]
BorrowerType = Literal["individual_borrower", "ltd_company"]
Title = Literal["mr", "mx", "mrs", "miss", "ms", "sir", "dr", "lady", "lord", "other"]
ApplicationStatus = Literal["stored", "pending_decision", "valid", "denied_dip", "denied_dip_kyc"]
Decision = Literal["valid", "denied_dip", "denied_dip_kyc"]


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class Created(Record):
    """The answer to a create: `{"id": 1000002346}`."""

    id: int


class ApplicationSummary(Record):
    """One row of GET /api/v1/applications/."""

    id: int
    status: str
    mortgage_type: str | None = None
    borrower_type: str | None = None
    created_by: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


class Application(ApplicationSummary):
    """GET /api/v1/applications/{pk}/: `dip_pdf` is a base64 PDF when the DIP is valid."""

    desired_loan_amount: Decimal | None = None
    property_value: Decimal | None = None
    monthly_rent: Decimal | None = None
    loan_term: int | None = None
    reference_id: str | None = None
    dip_pdf: str = Field("", repr=False)
    applicants: list[int] = Field(default_factory=list)


class DecisionInPrinciple(Record):
    decision: str


class MaxLoan(Record):
    max_loan: Decimal


class Address(Record):
    building_number: str | None = None
    street: str | None = None
    building_name: str | None = None
    sub_building_name: str | None = None
    postal: str | None = None
    town: str | None = None


class Applicant(Record):
    id: int
    application: int
    is_lead: bool
    taxable_income: Decimal | None = None
    email: str | None = None
    title: str | None = None
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    date_of_birth: date | None = None
    mobile: str | None = None
    address: Address | None = None


class TokenGrant(Record):
    """The token endpoint's answer; the secrets never show in a repr."""

    access_token: SecretStr
    token_type: str = "Bearer"
    expires_in: float | None = None
    refresh_token: SecretStr | None = None
    scope: str | None = None


# Inputs: only the fields set are sent (model_dump(exclude_unset=True)). They
# check types, not Molo's rules: Molo's own 400s say what is wrong, by field.


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ApplicationInput(Input):
    mortgage_type: MortgageType
    borrower_type: BorrowerType
    desired_loan_amount: Decimal
    loan_term: int
    property_value: Decimal | None = None
    monthly_rent: Decimal | None = None
    reference_id: str | None = None


class ApplicationPatch(Input):
    mortgage_type: MortgageType | None = None
    borrower_type: BorrowerType | None = None
    desired_loan_amount: Decimal | None = None
    loan_term: int | None = None
    property_value: Decimal | None = None
    monthly_rent: Decimal | None = None
    reference_id: str | None = None


class MaxLoanInput(Input):
    mortgage_type: MortgageType
    borrower_type: BorrowerType
    property_value: Decimal
    estimated_rent_per_month: Decimal
    taxable_income: Decimal | None = None
    is_new_property: bool | None = None
    is_hmo: bool | None = None
    is_ex_local: bool | None = None


class AddressInput(Input):
    street: str | None = None
    postal: str | None = None
    town: str | None = None
    building_number: str | None = None
    building_name: str | None = None
    sub_building_name: str | None = None


class ApplicantUpdate(Input):
    """PUT /api/v1/applicants/{pk}/: every field but the names."""

    is_lead: bool
    taxable_income: Decimal
    email: str
    title: Title
    date_of_birth: date
    mobile: str
    address: AddressInput
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None


class ApplicantInput(ApplicantUpdate):
    """POST /api/v1/applicants/"""

    application: int
    is_privacy_policy_accepted: bool


class ApplicantPatch(Input):
    is_lead: bool | None = None
    taxable_income: Decimal | None = None
    email: str | None = None
    title: Title | None = None
    date_of_birth: date | None = None
    mobile: str | None = None
    address: AddressInput | None = None
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
