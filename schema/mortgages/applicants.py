"""What an application says of its people and its decision: applicants (Finmo and
Molo, with the facts Borrower has no field for), Finmo invitations, Molo's
address and decision in principle."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

import strawberry

from resolvers.finmo import Applicant as FinmoApplicant
from resolvers.molo import Applicant as MoloApplicantRecord

from ..borrower import Borrower
from ..common import PROVIDER_CURRENCY, Money, Provider
from . import enums
from .borrowers import from_finmo_applicant, from_molo_applicant

GBP = PROVIDER_CURRENCY[Provider.MOLO]


@strawberry.type(description="A Molo address, as Molo keeps it.")
class MoloAddress:
    building_number: str | None
    street: str | None
    building_name: str | None
    sub_building_name: str | None
    postal: str | None
    town: str | None


@strawberry.type(description="A Finmo invitation sent to a borrower.")
class ApplicationInvitation:
    user_id: strawberry.ID
    channel: str = strawberry.field(description="email or sms")
    sent_at: datetime


@strawberry.type(description="A person on an application, with what the provider says of them.")
class MortgageApplicant:
    CO_PARTY_PARENT: ClassVar[bool] = True  # its borrower is a co-applicant

    provider: Provider
    provider_id: strawberry.ID = strawberry.field(description="Finmo userId, Molo applicant id.")
    application_id: strawberry.ID = strawberry.field(description="The application's provider id.")
    is_lead: bool = strawberry.field(description="Finmo isPrimary, Molo is_lead.")
    title: str | None
    first_name: str | None
    middle_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None = strawberry.field(description="Finmo phoneNumber, Molo mobile.")
    date_of_birth: date | None
    taxable_income: Money | None
    address: MoloAddress | None
    borrower: Borrower

    @classmethod
    def from_finmo(cls, r: FinmoApplicant, application_id: str) -> MortgageApplicant:
        return cls(
            provider=Provider.FINMO,
            provider_id=strawberry.ID(r.user_id),
            application_id=strawberry.ID(application_id),
            is_lead=r.is_primary,
            title=None,
            first_name=r.first_name,
            middle_name=None,
            last_name=r.last_name,
            email=r.email,
            phone=r.phone_number,
            date_of_birth=None,
            taxable_income=None,
            address=None,
            borrower=from_finmo_applicant(r),
        )

    @classmethod
    def from_molo(cls, r: MoloApplicantRecord, created_at: datetime | None) -> MortgageApplicant:
        a = r.address
        return cls(
            provider=Provider.MOLO,
            provider_id=strawberry.ID(str(r.id)),
            application_id=strawberry.ID(str(r.application)),
            is_lead=r.is_lead,
            title=r.title,
            first_name=r.first_name,
            middle_name=r.middle_name,
            last_name=r.last_name,
            email=r.email,
            phone=r.mobile,
            date_of_birth=r.date_of_birth,
            taxable_income=Money.of(r.taxable_income, GBP),
            address=None
            if a is None
            else MoloAddress(
                building_number=a.building_number,
                street=a.street,
                building_name=a.building_name,
                sub_building_name=a.sub_building_name,
                postal=a.postal,
                town=a.town,
            ),
            borrower=from_molo_applicant(r, created_at),
        )


@strawberry.type(description="Molo's decision in principle, read from the application.")
class DecisionInPrinciple:
    status: enums.DecisionStatus
    provider_status: str = strawberry.field(description="The application's raw Molo status.")
    pdf_base64: str | None = strawberry.field(description="The DIP PDF (base64) when valid.")

    @strawberry.field
    def has_pdf(self) -> bool:
        return bool(self.pdf_base64)
