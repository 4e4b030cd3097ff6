"""The Finmo mutations' inputs, each with the checks it passes before any call.

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
from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from ..refs import ApplicationRef, BorrowerRef, BrokerRef, EmailRef, NotRef, TeamRef
from . import enums
from .validation import Problems, na_phone_digits

GOALS = {purpose: raw for raw, purpose in enums.FINMO_PURPOSE.items()}
ASSET_TYPES = (
    "cash_savings",
    "chequing",
    "rrsp",
    "tfsa",
    "investments",
    "vehicle",
    "gift",
    "other",
)
INCOME_TYPES = ("employed", "self_employed", "pension", "rental", "investment", "other")
INCOME_PERIODS = ("annually", "monthly", "semi_monthly", "biweekly", "weekly")
LIABILITY_TYPES = (
    "credit_card", "line_of_credit", "auto_loan", "student_loan", "personal_loan", "other",
)  # fmt: skip
PROPERTY_TYPES = ("detached", "semi_detached", "townhouse", "condo", "duplex", "other")
OCCUPANCIES = ("owner_occupied", "rental", "second_home", "owner_occupied_and_rental")
PROVINCES = (
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
)  # fmt: skip
RATE_TYPES = ("fixed", "variable", "adjustable")
POSTAL_CODE = re.compile(r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$")
MAX_TEAM_MEMBERS = 10
CAD_MAX = Decimal(1_000_000_000)
CENT = Decimal("0.01")
APPLICANT_FIELDS = ("firstName", "lastName", "email", "phoneNumber")
MORTGAGE_FIELDS = (
    "loanAmount", "amortizationYears", "termMonths", "rateType", "purchasePrice",
    "downPayment", "interestRate", "closingDate",
)  # fmt: skip


def cad(problems: Problems, path: str, value: Decimal | None, *, required: bool = True) -> None:
    problems.amount(path, value, low=CENT, high=CAD_MAX, currency="CAD ", required=required)


def application_id(problems: Problems, value: str) -> str | None:
    return problems.global_id("applicationId", value, "Application", "finmo")


def applicant_id(problems: Problems, value: str | None) -> str | None:
    """An applicant of the application: a Finmo Borrower id (None: the primary one)."""
    return None if value is None else problems.global_id("applicantId", value, "Borrower", "finmo")


@strawberry.input(description="A new borrower to invite (Finmo `applicant`).")
class FinmoNewApplicantInput:
    first_name: str
    last_name: str
    email: EmailRef
    phone_number: Annotated[str, NotRef("a phone number, no record")] = strawberry.field(
        description="Ten digits, North American."
    )

    def check(self, problems: Problems, path: str) -> None:
        problems.text(f"{path}.firstName", self.first_name, max_length=100)
        problems.text(f"{path}.lastName", self.last_name, max_length=100)
        problems.email(f"{path}.email", self.email)
        if na_phone_digits(self.phone_number) is None:
            problems.add(
                f"{path}.phoneNumber",
                "phoneNumber must be a ten-digit North American phone number, e.g. 6135550117.",
            )


@strawberry.input(description="Finmo: a new application, inviting a new or an existing borrower.")
class CreateApplicationInput:
    team_id: TeamRef = strawberry.field(description="A Finmo Team id.")
    team_members: list[BrokerRef] = strawberry.field(description="Broker ids (1 to 10).")
    applicant: FinmoNewApplicantInput | None = strawberry.field(
        default=None, description="A new borrower to invite; or give applicantId."
    )
    applicant_id: BorrowerRef | None = strawberry.field(
        default=None, description="A Finmo Borrower id of that team; or give applicant."
    )
    send_invite: bool = False
    send_sms: bool = strawberry.field(
        default=False, name="sendSMS", description="Also invite by SMS (needs sendInvite)."
    )
    goal: enums.MortgagePurpose = strawberry.field(
        default=enums.MortgagePurpose.PURCHASE,
        description="PURCHASE, PRE_APPROVAL, REFINANCE, RENEWAL or SWITCH.",
    )
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        problems.global_id("teamId", self.team_id, "Team", "finmo")
        if not 1 <= len(self.team_members) <= MAX_TEAM_MEMBERS:
            problems.add(
                "teamMembers",
                f"teamMembers needs 1 to {MAX_TEAM_MEMBERS} broker ids.",
                "REQUIRED" if not self.team_members else "OUT_OF_RANGE",
            )
        for index, member in enumerate(self.team_members):
            problems.global_id(f"teamMembers.{index}", member, "Broker", "finmo")
        if self.applicant is not None and self.applicant_id is not None:
            problems.add("applicantId", "Give either applicant or applicantId, not both.")
        elif self.applicant is None and self.applicant_id is None:
            problems.add("applicant", "applicant or applicantId is required.", "REQUIRED")
        elif self.applicant is not None:
            self.applicant.check(problems, "applicant")
        else:
            assert self.applicant_id is not None
            problems.global_id("applicantId", self.applicant_id, "Borrower", "finmo")
        if self.send_sms and not self.send_invite:
            problems.add("sendSMS", "sendSMS needs sendInvite to be true.")
        if self.goal not in GOALS:
            problems.add("goal", f"goal must be one of {', '.join(g.name for g in GOALS)}.")
        return problems


@strawberry.input(description="Finmo: an asset of an applicant (CAD).")
class AddAssetInput:
    application_id: ApplicationRef
    type: str = strawberry.field(description=", ".join(ASSET_TYPES))
    value: Decimal
    applicant_id: BorrowerRef | None = strawberry.field(
        default=None, description="A Borrower id on the application; null: the primary applicant."
    )
    description: str | None = None
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        application_id(problems, self.application_id)
        applicant_id(problems, self.applicant_id)
        problems.choice("type", self.type, ASSET_TYPES)
        cad(problems, "value", self.value)
        problems.text("description", self.description, required=False, max_length=200)
        return problems


@strawberry.input(description="Finmo: an income of an applicant, per period (CAD).")
class AddIncomeInput:
    application_id: ApplicationRef
    type: str = strawberry.field(description=", ".join(INCOME_TYPES))
    amount: Decimal
    period: str = strawberry.field(description=", ".join(INCOME_PERIODS))
    applicant_id: BorrowerRef | None = None
    employer_name: str | None = None
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        application_id(problems, self.application_id)
        applicant_id(problems, self.applicant_id)
        problems.choice("type", self.type, INCOME_TYPES)
        problems.choice("period", self.period, INCOME_PERIODS)
        cad(problems, "amount", self.amount)
        problems.text("employerName", self.employer_name, required=False, max_length=200)
        return problems


@strawberry.input(description="Finmo: a debt of an applicant (CAD).")
class AddLiabilityInput:
    application_id: ApplicationRef
    type: str = strawberry.field(description=", ".join(LIABILITY_TYPES))
    balance: Decimal
    monthly_payment: Decimal
    applicant_id: BorrowerRef | None = None
    lender: str | None = None
    credit_limit: Decimal | None = None
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        application_id(problems, self.application_id)
        applicant_id(problems, self.applicant_id)
        problems.choice("type", self.type, LIABILITY_TYPES)
        cad(problems, "balance", self.balance)
        cad(problems, "monthlyPayment", self.monthly_payment)
        cad(problems, "creditLimit", self.credit_limit, required=False)
        problems.text("lender", self.lender, required=False, max_length=200)
        return problems


@strawberry.input(description="A Canadian address (Finmo).")
class FinmoAddressInput:
    street: str
    city: str
    province: str = strawberry.field(description="Two letters: ON, QC, BC...")
    postal_code: str = strawberry.field(description="Like K1A 0B1.")

    def check(self, problems: Problems, path: str) -> None:
        problems.text(f"{path}.street", self.street, max_length=100)
        problems.text(f"{path}.city", self.city, max_length=100)
        problems.choice(f"{path}.province", self.province, PROVINCES)
        if not POSTAL_CODE.match(self.postal_code.strip()):
            problems.add(
                f"{path}.postalCode", "postalCode must be a Canadian postal code like K1A 0B1."
            )


@strawberry.input(description="Finmo: a property on the application (CAD).")
class AddPropertyInput:
    application_id: ApplicationRef
    address: FinmoAddressInput
    property_type: str = strawberry.field(description=", ".join(PROPERTY_TYPES))
    occupancy: str = strawberry.field(description=", ".join(OCCUPANCIES))
    value: Decimal
    is_subject_property: bool = False
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        application_id(problems, self.application_id)
        self.address.check(problems, "address")
        problems.choice("propertyType", self.property_type, PROPERTY_TYPES)
        problems.choice("occupancy", self.occupancy, OCCUPANCIES)
        cad(problems, "value", self.value)
        return problems


@strawberry.input(description="Finmo: the mortgage asked for; replaces what the application had.")
class SetMortgageInformationInput:
    application_id: ApplicationRef
    loan_amount: Decimal
    amortization_years: int = strawberry.field(description="1 to 35.")
    term_months: int = strawberry.field(description="6 to 120.")
    rate_type: str = strawberry.field(description=", ".join(RATE_TYPES))
    purchase_price: Decimal | None = None
    down_payment: Decimal | None = strawberry.field(
        default=None, description="Less than purchasePrice."
    )
    interest_rate: Decimal | None = strawberry.field(
        default=None, description="Percent a year, above 0 and at most 30."
    )
    closing_date: date | None = None
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        application_id(problems, self.application_id)
        cad(problems, "loanAmount", self.loan_amount)
        cad(problems, "purchasePrice", self.purchase_price, required=False)
        cad(problems, "downPayment", self.down_payment, required=False)
        problems.integer("amortizationYears", self.amortization_years, low=1, high=35, unit="years")
        problems.integer("termMonths", self.term_months, low=6, high=120, unit="months")
        problems.choice("rateType", self.rate_type, RATE_TYPES)
        rate = self.interest_rate
        if rate is not None and (not rate.is_finite() or not Decimal(0) < rate <= 30):
            problems.add("interestRate", "interestRate must be above 0 and at most 30 (percent).",
                         "OUT_OF_RANGE")  # fmt: skip
        price, down = self.purchase_price, self.down_payment
        if price is not None and down is not None and down >= price:
            problems.add("downPayment", "downPayment must be less than purchasePrice.")
        return problems
