"""What the client sends to Finmo: snake_case in Python, camelCase JSON on the wire.

Amounts are `Decimal` here and JSON numbers on the wire. The client does not
second-guess Finmo's validation: Finmo answers 400 with field errors, which
reach the caller as ProviderValidationError.field_errors.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainSerializer
from pydantic.alias_generators import to_camel

Amount = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


class FinmoInput(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, frozen=True)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class NewApplicant(FinmoInput):
    """A borrower to invite to a new application."""

    first_name: str
    last_name: str
    email: str
    phone_number: str


class AssetInput(FinmoInput):
    type: str  # cash_savings, chequing, rrsp, tfsa, investments, vehicle, gift, other
    value: Amount
    applicant_id: str | None = None  # None: the primary applicant
    description: str | None = None


class IncomeInput(FinmoInput):
    type: str  # employed, self_employed, pension, rental, investment, other
    amount: Amount
    period: str  # annually, monthly, semi_monthly, biweekly, weekly
    applicant_id: str | None = None
    employer_name: str | None = None


class LiabilityInput(FinmoInput):
    type: str  # credit_card, line_of_credit, auto_loan, student_loan, personal_loan, other
    balance: Amount
    monthly_payment: Amount
    applicant_id: str | None = None
    lender: str | None = None
    credit_limit: Amount | None = None


class AddressInput(FinmoInput):
    street: str
    city: str
    province: str  # two-letter code: ON, QC, BC...
    postal_code: str


class PropertyInput(FinmoInput):
    address: AddressInput
    property_type: str  # detached, semi_detached, townhouse, condo, duplex, other
    occupancy: str  # owner_occupied, rental, second_home, owner_occupied_and_rental
    value: Amount
    is_subject_property: bool = False


class MortgageInformationInput(FinmoInput):
    loan_amount: Amount
    amortization_years: int
    term_months: int
    rate_type: str  # fixed, variable, adjustable
    purchase_price: Amount | None = None
    down_payment: Amount | None = None
    interest_rate: Amount | None = None  # percent a year, e.g. 4.79
    closing_date: date | None = None
