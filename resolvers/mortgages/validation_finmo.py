"""The rules a Finmo write's input meets before any call, as functions over `Checks`.

Finmo's reference documents the create-application body (teamId, teamMembers,
applicant {firstName, lastName, email, phoneNumber} or applicantId, sendInvite,
sendSMS, goal) and says assets, incomes, liabilities, properties and mortgage
information can be added, without payloads: their fields and choices are the
sandbox's (resolvers/finmo/inputs.py), and so are the rules checked here
(amounts positive up to CAD 1,000,000,000 in cents, ten-digit North American
phone numbers, Canadian postal codes, amortization 1-35 years, term 6-120 months).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..checks import Checks
from .choices import (
    ASSET_TYPES,
    FINMO_GOALS,
    INCOME_PERIODS,
    INCOME_TYPES,
    LIABILITY_TYPES,
    OCCUPANCIES,
    PROPERTY_TYPES,
    PROVINCES,
    RATE_TYPES,
)
from .finmo_fields import (
    MAX_TEAM_MEMBERS,
    AddressFields,
    AssetFields,
    IncomeFields,
    LiabilityFields,
    MortgageFields,
    NewApplicant,
    NewApplication,
    OnApplication,
    PropertyFields,
)
from .validation import amount, choice, email, global_id, integer, na_phone_digits, text

POSTAL_CODE = re.compile(r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$")
CAD_MAX = Decimal(1_000_000_000)
CENT = Decimal("0.01")
FINMO = "finmo"


def cad(checks: Checks, path: str, value: Decimal | None, *, required: bool = True) -> None:
    amount(checks, path, value, low=CENT, high=CAD_MAX, currency="CAD ", required=required)


def _on_application(checks: Checks, data: OnApplication) -> None:
    global_id(checks, "applicationId", data.application_id, "Application", FINMO)


def _applicant_id(checks: Checks, value: str | None) -> None:
    """An applicant of the application: a Finmo Borrower id (None: the primary one)."""
    if value is not None:
        global_id(checks, "applicantId", value, "Borrower", FINMO)


def new_applicant(checks: Checks, path: str, p: NewApplicant) -> None:
    text(checks, f"{path}.firstName", p.first_name, max_length=100)
    text(checks, f"{path}.lastName", p.last_name, max_length=100)
    email(checks, f"{path}.email", p.email)
    if na_phone_digits(p.phone_number) is None:
        checks.add(
            f"{path}.phoneNumber",
            "phoneNumber must be a ten-digit North American phone number, e.g. 6135550117.",
        )


def new_application(checks: Checks, data: NewApplication) -> None:
    global_id(checks, "teamId", data.team_id, "Team", FINMO)
    members = data.team_members
    if not 1 <= len(members) <= MAX_TEAM_MEMBERS:
        checks.add(
            "teamMembers",
            f"teamMembers needs 1 to {MAX_TEAM_MEMBERS} broker ids.",
            "REQUIRED" if not members else "OUT_OF_RANGE",
        )
    for index, member in enumerate(members):
        global_id(checks, f"teamMembers.{index}", member, "Broker", FINMO)
    if data.applicant is not None and data.applicant_id is not None:
        checks.add("applicantId", "Give either applicant or applicantId, not both.")
    elif data.applicant is None and data.applicant_id is None:
        checks.add("applicant", "applicant or applicantId is required.", "REQUIRED")
    elif data.applicant is not None:
        new_applicant(checks, "applicant", data.applicant)
    else:
        assert data.applicant_id is not None
        global_id(checks, "applicantId", data.applicant_id, "Borrower", FINMO)
    if data.send_sms and not data.send_invite:
        checks.add("sendSMS", "sendSMS needs sendInvite to be true.")
    if data.goal.name not in FINMO_GOALS:
        checks.add("goal", f"goal must be one of {', '.join(FINMO_GOALS)}.")


def asset(checks: Checks, data: AssetFields) -> None:
    _on_application(checks, data)
    _applicant_id(checks, data.applicant_id)
    choice(checks, "type", data.type, ASSET_TYPES)
    cad(checks, "value", data.value)
    text(checks, "description", data.description, required=False, max_length=200)


def income(checks: Checks, data: IncomeFields) -> None:
    _on_application(checks, data)
    _applicant_id(checks, data.applicant_id)
    choice(checks, "type", data.type, INCOME_TYPES)
    choice(checks, "period", data.period, INCOME_PERIODS)
    cad(checks, "amount", data.amount)
    text(checks, "employerName", data.employer_name, required=False, max_length=200)


def liability(checks: Checks, data: LiabilityFields) -> None:
    _on_application(checks, data)
    _applicant_id(checks, data.applicant_id)
    choice(checks, "type", data.type, LIABILITY_TYPES)
    cad(checks, "balance", data.balance)
    cad(checks, "monthlyPayment", data.monthly_payment)
    cad(checks, "creditLimit", data.credit_limit, required=False)
    text(checks, "lender", data.lender, required=False, max_length=200)


def address(checks: Checks, path: str, a: AddressFields) -> None:
    text(checks, f"{path}.street", a.street, max_length=100)
    text(checks, f"{path}.city", a.city, max_length=100)
    choice(checks, f"{path}.province", a.province, PROVINCES)
    if not POSTAL_CODE.match(a.postal_code.strip()):
        checks.add(f"{path}.postalCode", "postalCode must be a Canadian postal code like K1A 0B1.")


def property_(checks: Checks, data: PropertyFields) -> None:
    _on_application(checks, data)
    address(checks, "address", data.address)
    choice(checks, "propertyType", data.property_type, PROPERTY_TYPES)
    choice(checks, "occupancy", data.occupancy, OCCUPANCIES)
    cad(checks, "value", data.value)


def mortgage_information(checks: Checks, data: MortgageFields) -> None:
    _on_application(checks, data)
    cad(checks, "loanAmount", data.loan_amount)
    cad(checks, "purchasePrice", data.purchase_price, required=False)
    cad(checks, "downPayment", data.down_payment, required=False)
    integer(checks, "amortizationYears", data.amortization_years, low=1, high=35, unit="years")
    integer(checks, "termMonths", data.term_months, low=6, high=120, unit="months")
    choice(checks, "rateType", data.rate_type, RATE_TYPES)
    rate = data.interest_rate
    if rate is not None and (not rate.is_finite() or not Decimal(0) < rate <= 30):
        checks.add(
            "interestRate", "interestRate must be above 0 and at most 30 (percent).", "OUT_OF_RANGE"
        )
    price, down = data.purchase_price, data.down_payment
    if price is not None and down is not None and down >= price:
        checks.add("downPayment", "downPayment must be less than purchasePrice.")
