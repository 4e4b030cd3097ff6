"""Request bodies Finmo accepts, with the validation the sandbox enforces.

Field names are Finmo's (camelCase). Unknown fields are ignored, as a JSON API
usually does. Amounts are CAD as JSON numbers and must be positive (at most a
billion). The reference names only `goal: "purchase"`; the other enum values
below (goals, asset/income/liability/property types, income periods,
occupancies, provinces, rate types) are the sandbox's plain choice for a
Canadian mortgage platform.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Goal = Literal["purchase", "pre_approval", "refinance", "renewal", "switch"]
AssetType = Literal[
    "cash_savings", "chequing", "rrsp", "tfsa", "investments", "vehicle", "gift", "other"
]
IncomeType = Literal["employed", "self_employed", "pension", "rental", "investment", "other"]
IncomePeriod = Literal["annually", "monthly", "semi_monthly", "biweekly", "weekly"]
LiabilityType = Literal[
    "credit_card", "line_of_credit", "auto_loan", "student_loan", "personal_loan", "other"
]
PropertyType = Literal["detached", "semi_detached", "townhouse", "condo", "duplex", "other"]
Occupancy = Literal["owner_occupied", "rental", "second_home", "owner_occupied_and_rental"]
Province = Literal["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
RateType = Literal["fixed", "variable", "adjustable"]

GOALS: tuple[str, ...] = get_args(Goal)
ASSET_TYPES: tuple[str, ...] = get_args(AssetType)
INCOME_TYPES: tuple[str, ...] = get_args(IncomeType)
INCOME_PERIODS: tuple[str, ...] = get_args(IncomePeriod)
LIABILITY_TYPES: tuple[str, ...] = get_args(LiabilityType)
PROPERTY_TYPES: tuple[str, ...] = get_args(PropertyType)
OCCUPANCIES: tuple[str, ...] = get_args(Occupancy)
RATE_TYPES: tuple[str, ...] = get_args(RateType)

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
# CAD amounts: positive, finite, at most a billion.
Amount = Annotated[float, Field(gt=0, le=1_000_000_000, allow_inf_nan=False)]

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
POSTAL_CODE = re.compile(r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$")


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class NewApplicant(Body):
    firstName: Name
    lastName: Name
    email: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)]
    phoneNumber: Annotated[str, StringConstraints(strip_whitespace=True)]

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not EMAIL.match(value):
            raise ValueError("must be a valid email address")
        return value

    @field_validator("phoneNumber")
    @classmethod
    def _phone(cls, value: str) -> str:
        digits = re.sub(r"[\s().+-]", "", value)
        if digits.startswith("1") and len(digits) == 11:
            digits = digits[1:]
        if not (digits.isdigit() and len(digits) == 10):
            raise ValueError("must be a ten-digit North American phone number")
        return digits


class CreateApplication(Body):
    teamId: Id
    teamMembers: list[Id] = Field(min_length=1, max_length=10)
    applicant: NewApplicant | None = None
    applicantId: Id | None = None
    sendInvite: bool = False
    sendSMS: bool = False
    goal: Goal


class NewAsset(Body):
    applicantId: Id | None = None
    type: AssetType
    description: Text | None = None
    value: Amount


class NewIncome(Body):
    applicantId: Id | None = None
    type: IncomeType
    employerName: Text | None = None
    amount: Amount
    period: IncomePeriod


class NewLiability(Body):
    applicantId: Id | None = None
    type: LiabilityType
    lender: Text | None = None
    balance: Amount
    monthlyPayment: Amount
    creditLimit: Amount | None = None


class Address(Body):
    street: Name
    city: Name
    province: Province
    postalCode: str

    @field_validator("postalCode")
    @classmethod
    def _postal_code(cls, value: str) -> str:
        value = value.strip().upper()
        if not POSTAL_CODE.match(value):
            raise ValueError("must be a Canadian postal code like K1A 0B1")
        return f"{value[:3]} {value[-3:]}"


class NewProperty(Body):
    address: Address
    propertyType: PropertyType
    occupancy: Occupancy
    value: Amount
    isSubjectProperty: bool = False


class MortgageInformation(Body):
    purchasePrice: Amount | None = None
    downPayment: Amount | None = None
    loanAmount: Amount
    amortizationYears: int = Field(ge=1, le=35)
    termMonths: int = Field(ge=6, le=120)
    rateType: RateType
    interestRate: float | None = Field(None, gt=0, le=30, allow_inf_nan=False)
    closingDate: date | None = None
