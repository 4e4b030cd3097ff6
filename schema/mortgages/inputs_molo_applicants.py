"""The Molo applicant mutations' inputs, each with the checks it passes before any call.

From Molo's reference: `taxable_income` is £30,000 to £999,999,999 (the range
the max-loan calculation documents, which the sandbox applies to applicants
too); a mobile is "in the form +441615676878"; a title is one of Molo's
choices; `is_privacy_policy_accepted` must be true. The gateway's own choices
where the reference is silent (the sandbox's too): an address needs street,
postal (at most 10 characters) and town; a birth date is in the past.
"One and only one lead applicant" needs the application's applicants: it is
checked with reads just before the write (mutations_applicants).
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry

from ..refs import ApplicationRef, BorrowerRef, CoApplicantEmailRef, NotRef
from .validation import Problems

INCOME_FLOOR = Decimal(30_000)
INCOME_CEILING = Decimal(999_999_999)
ADDRESS_FIELDS = {
    n: n.split("_")[0] + "".join(w.title() for w in n.split("_")[1:])
    for n in ("building_number", "street", "building_name", "sub_building_name", "postal", "town")
}
APPLICANT_FIELDS = {
    "application": "applicationId",
    "is_lead": "isLead",
    "taxable_income": "taxableIncome",
    "email": "email",
    "title": "title",
    "first_name": "firstName",
    "middle_name": "middleName",
    "last_name": "lastName",
    "date_of_birth": "dateOfBirth",
    "mobile": "mobile",
    "address": "address",
    "is_privacy_policy_accepted": "isPrivacyPolicyAccepted",
    **{f"address.{k}": f"address.{v}" for k, v in ADDRESS_FIELDS.items()},
}


@strawberry.enum(description="A Molo applicant's title.")
class MoloTitle(enum.Enum):
    MR = "mr"
    MX = "mx"
    MRS = "mrs"
    MISS = "miss"
    MS = "ms"
    SIR = "sir"
    DR = "dr"
    LADY = "lady"
    LORD = "lord"
    OTHER = "other"


def applicant_id(problems: Problems, value: str) -> None:
    problems.global_id("applicantId", value, "Borrower", "molo")


@strawberry.input(description="A UK address (Molo). street, postal and town are required.")
class MoloAddressInput:
    street: str | None = None
    postal: str | None = None
    town: str | None = None
    building_number: Annotated[str, NotRef("part of a postal address")] | None = None
    building_name: str | None = None
    sub_building_name: str | None = None

    def check(self, problems: Problems, path: str, *, partial: bool) -> None:
        for name in ("street", "town"):
            problems.text(f"{path}.{name}", getattr(self, name), required=not partial)
        problems.text(f"{path}.postal", self.postal, required=not partial, max_length=10)
        for name, graphql in ADDRESS_FIELDS.items():
            if name not in ("street", "town", "postal"):
                problems.text(f"{path}.{graphql}", getattr(self, name), required=False)


def check_person(
    problems: Problems,
    data: AddApplicantInput | UpdateApplicantInput | ReplaceApplicantInput,
    *,
    partial: bool,
) -> None:
    """The applicant fields; `partial`: only those given are checked (PATCH)."""
    income = data.taxable_income
    if income is not None or not partial:
        problems.amount("taxableIncome", income, low=INCOME_FLOOR, high=INCOME_CEILING)
    problems.email("email", data.email, required=not partial)
    problems.uk_mobile("mobile", data.mobile, required=not partial)
    for name in ("first_name", "middle_name", "last_name"):
        graphql = name.split("_")[0] + "Name"
        problems.text(graphql, getattr(data, name), required=False)
    born = data.date_of_birth
    problems.past_date("dateOfBirth", born, today=datetime.now(UTC).date())
    for name in ("title", "date_of_birth", "is_lead", "address"):
        if getattr(data, name) is None and not partial:
            problems.add(
                APPLICANT_FIELDS[name], f"{APPLICANT_FIELDS[name]} is required.", "REQUIRED"
            )
    address = data.address
    if address is not None:
        address.check(problems, "address", partial=partial)


@strawberry.input(description="Molo: a new applicant on an application.")
class AddApplicantInput:
    application_id: ApplicationRef
    is_lead: bool = strawberry.field(description="Each application has exactly one lead.")
    taxable_income: Decimal = strawberry.field(description="£30,000 to £999,999,999.")
    email: CoApplicantEmailRef
    title: MoloTitle
    date_of_birth: date
    mobile: str = strawberry.field(description="+44 and ten digits, e.g. +441615676878.")
    address: MoloAddressInput
    is_privacy_policy_accepted: bool = strawberry.field(description="Must be true.")
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        problems.global_id("applicationId", self.application_id, "Application", "molo")
        check_person(problems, self, partial=False)
        if not self.is_privacy_policy_accepted:
            problems.add(
                "isPrivacyPolicyAccepted",
                "isPrivacyPolicyAccepted must be true to add an applicant.",
                "REQUIRED",
            )
        return problems


@strawberry.input(description="Molo: change an applicant (only the fields given; PATCH).")
class UpdateApplicantInput:
    applicant_id: BorrowerRef = strawberry.field(description="A Molo Borrower id.")
    is_lead: bool | None = None
    taxable_income: Decimal | None = None
    email: CoApplicantEmailRef | None = None
    title: MoloTitle | None = None
    date_of_birth: date | None = None
    mobile: str | None = None
    address: MoloAddressInput | None = strawberry.field(
        default=None, description="Merged into the current address."
    )
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        applicant_id(problems, self.applicant_id)
        check_person(problems, self, partial=True)
        names = [n for n in APPLICANT_FIELDS if "." not in n and hasattr(self, n)]
        if all(getattr(self, n) is None for n in names):
            problems.add(None, "Give at least one field to change.", "REQUIRED")
        return problems


@strawberry.input(description="Molo: replace an applicant as a whole (PUT); names kept if null.")
class ReplaceApplicantInput:
    applicant_id: BorrowerRef = strawberry.field(description="A Molo Borrower id.")
    is_lead: bool
    taxable_income: Decimal
    email: CoApplicantEmailRef
    title: MoloTitle
    date_of_birth: date
    mobile: str
    address: MoloAddressInput
    first_name: str | None = None
    middle_name: str | None = None
    last_name: str | None = None
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        applicant_id(problems, self.applicant_id)
        check_person(problems, self, partial=False)
        return problems


@strawberry.input(description="Molo: remove an applicant (not the lead while others remain).")
class RemoveApplicantInput:
    applicant_id: BorrowerRef = strawberry.field(description="A Molo Borrower id.")
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        applicant_id(problems, self.applicant_id)
        return problems
