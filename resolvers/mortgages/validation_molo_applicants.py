"""The rules a Molo applicant write's input meets before any call, over `Checks`.

From Molo's reference: `taxable_income` is £30,000 to £999,999,999 (the range
the max-loan calculation documents, which the sandbox applies to applicants
too); a mobile is "in the form +441615676878"; a title is one of Molo's
choices; `is_privacy_policy_accepted` must be true. The gateway's own choices
where the reference is silent (the sandbox's too): an address needs street,
postal (at most 10 characters) and town; a birth date is in the past.
"One and only one lead applicant" needs the application's applicants: it is
checked with reads just before the write (resolvers.mortgages.molo_applicants).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Protocol

from ..checks import Checks
from .molo_fields import ADDRESS_FIELDS, APPLICANT_FIELDS, AddressFields, PersonFields
from .validation import amount, email, global_id, past_date, text, uk_mobile

INCOME_FLOOR = Decimal(30_000)
INCOME_CEILING = Decimal(999_999_999)
MOLO = "molo"


class NewApplicant(PersonFields, Protocol):
    @property
    def application_id(self) -> str: ...
    @property
    def is_privacy_policy_accepted(self) -> bool: ...


class OnApplicant(Protocol):
    @property
    def applicant_id(self) -> str: ...


class ApplicantChange(PersonFields, OnApplicant, Protocol):
    """updateApplicant or replaceApplicant: the applicant and its fields."""


def applicant_id(checks: Checks, value: str) -> None:
    global_id(checks, "applicantId", value, "Borrower", MOLO)


def address(checks: Checks, path: str, a: AddressFields, *, partial: bool) -> None:
    for name in ("street", "town"):
        text(checks, f"{path}.{name}", getattr(a, name), required=not partial)
    text(checks, f"{path}.postal", a.postal, required=not partial, max_length=10)
    for name, graphql in ADDRESS_FIELDS.items():
        if name not in ("street", "town", "postal"):
            text(checks, f"{path}.{graphql}", getattr(a, name), required=False)


def person(checks: Checks, data: PersonFields, *, partial: bool) -> None:
    """The applicant fields; `partial`: only those given are checked (PATCH)."""
    income = data.taxable_income
    if income is not None or not partial:
        amount(checks, "taxableIncome", income, low=INCOME_FLOOR, high=INCOME_CEILING)
    email(checks, "email", data.email, required=not partial)
    uk_mobile(checks, "mobile", data.mobile, required=not partial)
    for name in ("first_name", "middle_name", "last_name"):
        graphql = name.split("_")[0] + "Name"
        text(checks, graphql, getattr(data, name), required=False)
    past_date(checks, "dateOfBirth", data.date_of_birth, today=datetime.now(UTC).date())
    for name in ("title", "date_of_birth", "is_lead", "address"):
        if getattr(data, name) is None and not partial:
            checks.add(APPLICANT_FIELDS[name], f"{APPLICANT_FIELDS[name]} is required.", "REQUIRED")
    if data.address is not None:
        address(checks, "address", data.address, partial=partial)


def new_applicant(checks: Checks, data: NewApplicant) -> None:
    global_id(checks, "applicationId", data.application_id, "Application", MOLO)
    person(checks, data, partial=False)
    if not data.is_privacy_policy_accepted:
        checks.add(
            "isPrivacyPolicyAccepted",
            "isPrivacyPolicyAccepted must be true to add an applicant.",
            "REQUIRED",
        )


def applicant_change(checks: Checks, data: ApplicantChange) -> None:
    """updateApplicant: at least one field (the fields given are checked)."""
    applicant_id(checks, data.applicant_id)
    person(checks, data, partial=True)
    names = [n for n in APPLICANT_FIELDS if "." not in n and n != "application"]
    if all(getattr(data, n, None) is None for n in names):
        checks.add(None, "Give at least one field to change.", "REQUIRED")


def applicant_replacement(checks: Checks, data: ApplicantChange) -> None:
    """replaceApplicant: every field but the names."""
    applicant_id(checks, data.applicant_id)
    person(checks, data, partial=False)


def applicant_removal(checks: Checks, data: OnApplicant) -> None:
    applicant_id(checks, data.applicant_id)
