"""The Molo applicant mutations' inputs: their fields only.

The rules each input passes before any call are
resolvers.mortgages.validation_molo_applicants; "one and only one lead
applicant" is checked with reads just before the write
(resolvers.mortgages.molo_applicants).
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from ..refs import ApplicationRef, BorrowerRef, CoApplicantEmailRef, NotRef


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


@strawberry.input(description="A UK address (Molo). street, postal and town are required.")
class MoloAddressInput:
    street: str | None = None
    postal: str | None = None
    town: str | None = None
    building_number: Annotated[str, NotRef("part of a postal address")] | None = None
    building_name: str | None = None
    sub_building_name: str | None = None


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


@strawberry.input(description="Molo: remove an applicant (not the lead while others remain).")
class RemoveApplicantInput:
    applicant_id: BorrowerRef = strawberry.field(description="A Molo Borrower id.")
    idempotency_key: str | None = None
