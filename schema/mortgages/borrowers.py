"""Borrower objects from Finmo borrowers and applicants and from Molo applicants.

Finmo: a borrower's provider id is its `userId`, the same whether it comes
from GET /teams/{teamId}/borrowers or embedded in an application (the
embedded applicant carries no `createdAt`). Molo: an applicant's provider id
is its `id`; Molo gives applicants no creation time, so `createdAt` is that
of the application the applicant belongs to.
"""

from __future__ import annotations

from datetime import datetime

from resolvers.finmo import Address as FinmoAddress
from resolvers.finmo import Applicant as FinmoApplicant
from resolvers.finmo import Borrower as FinmoBorrower
from resolvers.molo import Address as MoloAddressRecord
from resolvers.molo import Applicant as MoloApplicant

from ..borrower import Borrower
from ..common import Address, Provider


def finmo_address(address: FinmoAddress) -> Address:
    return Address(
        line1=address.street,
        city=address.city,
        region=address.province,
        postal_code=address.postal_code,
        country="CA",
    )


def molo_address(address: MoloAddressRecord | None) -> Address | None:
    if address is None:
        return None
    line1 = " ".join(p for p in (address.building_number, address.street) if p) or None
    line2 = ", ".join(p for p in (address.sub_building_name, address.building_name) if p) or None
    return Address(
        line1=line1, line2=line2, city=address.town, postal_code=address.postal, country="GB"
    )


def from_finmo_borrower(record: FinmoBorrower) -> Borrower:
    return Borrower.build(
        Provider.FINMO,
        record.user_id,
        first_name=record.first_name,
        last_name=record.last_name,
        email=record.email,
        phone=record.phone,
        created_at=record.created_at,
        provider_kind="borrower",
    )


def from_finmo_applicant(record: FinmoApplicant) -> Borrower:
    return Borrower.build(
        Provider.FINMO,
        record.user_id,
        first_name=record.first_name,
        last_name=record.last_name,
        email=record.email,
        phone=record.phone_number,
        provider_kind="borrower",
    )


def from_molo_applicant(record: MoloApplicant, created_at: datetime | None) -> Borrower:
    return Borrower.build(
        Provider.MOLO,
        str(record.id),
        first_name=record.first_name,
        last_name=record.last_name,
        email=record.email,
        phone=record.mobile,
        date_of_birth=record.date_of_birth,
        address=molo_address(record.address),
        created_at=created_at,
        provider_kind="applicant",
    )
