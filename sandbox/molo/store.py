"""Molo's records, indexed by id, and how they read as JSON.

Field formats follow the reference's samples exactly: `desired_loan_amount`
and `taxable_income` are decimal strings ("66000.00"), `property_value`,
`monthly_rent` and `max_loan` are numbers (110000.0), times are ISO 8601 with
microseconds and "Z".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

ADDRESS_FIELDS = (
    "building_number",
    "street",
    "building_name",
    "sub_building_name",
    "postal",
    "town",
)


def timestamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def money_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def money_number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


@dataclass
class Application:
    id: int
    status: str
    mortgage_type: str
    borrower_type: str
    created_by: int
    created_at: datetime
    updated_at: datetime
    desired_loan_amount: Decimal
    loan_term: int
    property_value: Decimal | None = None
    monthly_rent: Decimal | None = None
    reference_id: str | None = None
    dip_pdf: str = ""
    applicants: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "mortgage_type": self.mortgage_type,
            "borrower_type": self.borrower_type,
            "created_by": self.created_by,
            "created_at": timestamp(self.created_at),
            "updated_at": timestamp(self.updated_at),
        }

    def detail(self) -> dict[str, Any]:
        return {
            **self.summary(),
            "desired_loan_amount": money_text(self.desired_loan_amount),
            "property_value": money_number(self.property_value),
            "monthly_rent": money_number(self.monthly_rent),
            "loan_term": self.loan_term,
            "reference_id": self.reference_id,
            "dip_pdf": self.dip_pdf,
            "applicants": list(self.applicants),
        }


@dataclass
class Applicant:
    id: int
    application: int
    is_lead: bool
    taxable_income: Decimal
    email: str
    title: str
    date_of_birth: date
    mobile: str
    address: dict[str, str | None]
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None

    def detail(self) -> dict[str, Any]:
        # The reference's sample swaps the values of `street` and `building_number`;
        # the sandbox keeps each value under its own name.
        return {
            "id": self.id,
            "application": self.application,
            "is_lead": self.is_lead,
            "taxable_income": money_text(self.taxable_income),
            "email": self.email,
            "title": self.title,
            "first_name": self.first_name,
            "middle_name": self.middle_name,
            "last_name": self.last_name,
            "date_of_birth": self.date_of_birth.isoformat(),
            "mobile": self.mobile,
            "address": {name: self.address.get(name) for name in ADDRESS_FIELDS},
        }


class MoloStore:
    """All applications and applicants, by id; the list order kept as ids are made."""

    def __init__(self, *, account_id: int, next_application_id: int, next_applicant_id: int):
        self.account_id = account_id  # the sandbox OAuth client's Molo account
        self.applications: dict[int, Application] = {}
        self.applicants: dict[int, Applicant] = {}
        self._order: list[int] = []  # oldest first
        self._next_application_id = next_application_id
        self._next_applicant_id = next_applicant_id

    def add_application(self, application: Application) -> None:
        self.applications[application.id] = application
        self._order.append(application.id)
        self._next_application_id = max(self._next_application_id, application.id + 1)

    def add_applicant(self, applicant: Applicant) -> None:
        self.applicants[applicant.id] = applicant
        self.applications[applicant.application].applicants.append(applicant.id)
        self._next_applicant_id = max(self._next_applicant_id, applicant.id + 1)

    def remove_applicant(self, applicant: Applicant) -> None:
        del self.applicants[applicant.id]
        self.applications[applicant.application].applicants.remove(applicant.id)

    def new_application_id(self) -> int:
        return self._next_application_id

    def new_applicant_id(self) -> int:
        return self._next_applicant_id

    def newest_first(self) -> list[Application]:
        return [self.applications[pk] for pk in reversed(self._order)]

    def applicants_of(self, application: Application) -> list[Applicant]:
        return [self.applicants[pk] for pk in application.applicants]

    def lead_of(self, application: Application) -> Applicant | None:
        for applicant in self.applicants_of(application):
            if applicant.is_lead:
                return applicant
        return None
