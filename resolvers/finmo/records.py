"""Finmo's records as pydantic models: snake_case attributes, Finmo's camelCase on the wire.

Every model keeps fields it does not know (`extra="allow"`), so a field Finmo
adds later is carried, not refused. Amounts are `Decimal`, in `currency` (CAD).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from ..records import LazyRecords


class FinmoRecord(BaseModel):
    model_config = ConfigDict(extra="allow", alias_generator=to_camel, populate_by_name=True)


class FinmoKeys(BaseModel):
    """The few fields of a record that a list is sorted, filtered and matched on
    (resolvers.records.LazyRecords): the rest is not read (`extra="ignore"`)."""

    model_config = ConfigDict(extra="ignore", alias_generator=to_camel, populate_by_name=True)


class Team(FinmoRecord):
    id: str
    name: str
    created_at: datetime | None = None


class Broker(FinmoRecord):
    id: str
    team_id: str
    first_name: str
    last_name: str
    email: str
    phone: str | None = None
    role: str | None = None
    created_at: datetime | None = None


class Borrower(FinmoRecord):
    user_id: str
    team_id: str
    first_name: str
    last_name: str
    email: str
    phone: str | None = None
    created_at: datetime


class Applicant(FinmoRecord):
    user_id: str
    first_name: str
    last_name: str
    email: str
    phone_number: str | None = None
    is_primary: bool = False


class TeamRef(FinmoRecord):
    id: str
    name: str


class BrokerRef(FinmoRecord):
    id: str
    first_name: str
    last_name: str
    email: str


class Invitation(FinmoRecord):
    user_id: str
    channel: str  # email | sms
    sent_at: datetime


class Asset(FinmoRecord):
    id: str
    application_id: str
    applicant_id: str | None = None
    type: str
    description: str | None = None
    value: Decimal
    currency: str = "CAD"
    created_at: datetime


class Income(FinmoRecord):
    id: str
    application_id: str
    applicant_id: str | None = None
    type: str
    employer_name: str | None = None
    amount: Decimal
    period: str
    currency: str = "CAD"
    created_at: datetime


class Liability(FinmoRecord):
    id: str
    application_id: str
    applicant_id: str | None = None
    type: str
    lender: str | None = None
    balance: Decimal
    monthly_payment: Decimal
    credit_limit: Decimal | None = None
    currency: str = "CAD"
    created_at: datetime


class Address(FinmoRecord):
    street: str
    city: str
    province: str
    postal_code: str


class Property(FinmoRecord):
    id: str
    application_id: str
    address: Address
    property_type: str
    occupancy: str
    value: Decimal
    is_subject_property: bool = False
    currency: str = "CAD"
    created_at: datetime


class MortgageInformation(FinmoRecord):
    """One per application; fields Finmo has not been told yet are None."""

    application_id: str
    purchase_price: Decimal | None = None
    down_payment: Decimal | None = None
    loan_amount: Decimal | None = None
    amortization_years: int | None = None
    term_months: int | None = None
    rate_type: str | None = None
    interest_rate: Decimal | None = None
    closing_date: date | None = None
    currency: str = "CAD"
    updated_at: datetime | None = None


class Application(FinmoRecord):
    """An application; the detail read (and create) also fills the sub-resources."""

    id: str
    team_id: str
    team: TeamRef | None = None
    team_members: list[str] = []
    brokers: list[BrokerRef] = []
    applicants: list[Applicant] = []
    goal: str
    status: str
    invitations: list[Invitation] = []
    created_at: datetime
    updated_at: datetime
    assets: list[Asset] | None = None
    incomes: list[Income] | None = None
    liabilities: list[Liability] | None = None
    properties: list[Property] | None = None
    mortgage_information: MortgageInformation | None = None


class ApplicantKeys(FinmoKeys):
    user_id: str
    email: str


class ApplicationKeys(FinmoKeys):
    """An application's keys: its id, team, creation time and applicants (customer 360 and
    owner filtering match on these)."""

    id: str
    team_id: str
    created_at: datetime
    applicants: list[ApplicantKeys] = []


# Finmo's whole applications list, each record validated when first read
Applications = LazyRecords[Application, ApplicationKeys]
