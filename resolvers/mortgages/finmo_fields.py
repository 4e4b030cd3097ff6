"""What a Finmo write reads of its input, and where Finmo's field names point in it.

Each Protocol is the shape of one mutation's input as the data layer reads it
(the schema's inputs are such objects); ids are global ids, checked by the
rules (validation_finmo) before any body is built (finmo_writes). The field
maps turn Finmo's names in a refusal into input paths, so a refusal of a field
becomes a userError on that input field.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol

from .choices import Named

MAX_TEAM_MEMBERS = 10
APPLICANT_FIELDS = ("firstName", "lastName", "email", "phoneNumber")
MORTGAGE_FIELDS = (
    "loanAmount", "amortizationYears", "termMonths", "rateType", "purchasePrice",
    "downPayment", "interestRate", "closingDate",
)  # fmt: skip

CREATE_FIELDS = {
    name: name
    for name in ("teamId", "teamMembers", "applicant", "applicantId", "sendInvite", "sendSMS")
}
CREATE_FIELDS |= {f"applicant.{n}": f"applicant.{n}" for n in APPLICANT_FIELDS}
CREATE_FIELDS |= {f"teamMembers[{i}]": f"teamMembers.{i}" for i in range(MAX_TEAM_MEMBERS)}
CREATE_FIELDS["goal"] = "goal"

ASSET_FIELDS = ("type", "value", "applicantId", "description")
INCOME_FIELDS = ("type", "amount", "period", "applicantId", "employerName")
LIABILITY_FIELDS = ("type", "balance", "monthlyPayment", "applicantId", "lender", "creditLimit")
PROPERTY_FIELDS = (
    "propertyType", "occupancy", "value", "isSubjectProperty", "address",
    "address.street", "address.city", "address.province", "address.postalCode",
)  # fmt: skip


class NewApplicant(Protocol):
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def phone_number(self) -> str: ...


class NewApplication(Protocol):
    """createApplication: a team, its brokers, a new applicant or an existing one."""

    @property
    def team_id(self) -> str: ...
    @property
    def team_members(self) -> Sequence[str]: ...
    @property
    def applicant(self) -> NewApplicant | None: ...
    @property
    def applicant_id(self) -> str | None: ...
    @property
    def send_invite(self) -> bool: ...
    @property
    def send_sms(self) -> bool: ...
    @property
    def goal(self) -> Named: ...


class OnApplication(Protocol):
    """A write on one application (and, for an applicant's record, on one applicant)."""

    @property
    def application_id(self) -> str: ...


class AssetFields(OnApplication, Protocol):
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def applicant_id(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...


class IncomeFields(OnApplication, Protocol):
    @property
    def type(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def period(self) -> str: ...
    @property
    def applicant_id(self) -> str | None: ...
    @property
    def employer_name(self) -> str | None: ...


class LiabilityFields(OnApplication, Protocol):
    @property
    def type(self) -> str: ...
    @property
    def balance(self) -> Decimal: ...
    @property
    def monthly_payment(self) -> Decimal: ...
    @property
    def applicant_id(self) -> str | None: ...
    @property
    def lender(self) -> str | None: ...
    @property
    def credit_limit(self) -> Decimal | None: ...


class AddressFields(Protocol):
    @property
    def street(self) -> str: ...
    @property
    def city(self) -> str: ...
    @property
    def province(self) -> str: ...
    @property
    def postal_code(self) -> str: ...


class PropertyFields(OnApplication, Protocol):
    @property
    def address(self) -> AddressFields: ...
    @property
    def property_type(self) -> str: ...
    @property
    def occupancy(self) -> str: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def is_subject_property(self) -> bool: ...


class MortgageFields(OnApplication, Protocol):
    @property
    def loan_amount(self) -> Decimal: ...
    @property
    def amortization_years(self) -> int: ...
    @property
    def term_months(self) -> int: ...
    @property
    def rate_type(self) -> str: ...
    @property
    def purchase_price(self) -> Decimal | None: ...
    @property
    def down_payment(self) -> Decimal | None: ...
    @property
    def interest_rate(self) -> Decimal | None: ...
    @property
    def closing_date(self) -> date | None: ...
