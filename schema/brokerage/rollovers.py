"""ACATS rollovers into a Finos IRA account (GET /v1/rollovers/{id}).

Finos lists no rollovers: one is reached by its id (`node`, `rollover`). The
retrieve answer documents only id and status; the request's fields, which the
provider echoes back, are read when present. The source account number at
the other custodian is masked like a bank account number.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar

import strawberry
from pydantic import ValidationError

from resolvers import finos
from resolvers.brokerage import loaders

from ..common import PROVIDER_CURRENCY, Address, Money, Node, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each_by_id
from .funding import mask
from .orders import AccountRef, account_by_id
from .owners import account_visible

USD = PROVIDER_CURRENCY[Provider.FINOS]


@strawberry.enum(description="Where an ACATS rollover is.")
class RolloverStatus(enum.Enum):
    INITIATED = "initiated"
    PENDING = "pending"
    COMPLETE = "complete"
    REJECTED = "rejected"
    OTHER = "other"


def rollover_status(value: str | None) -> RolloverStatus:
    raw = (value or "").strip().lower()
    if raw == "completed":
        return RolloverStatus.COMPLETE
    try:
        found = RolloverStatus(raw)
    except ValueError:
        return RolloverStatus.OTHER
    return found


@strawberry.type
class CustodianPhone:
    phone_type: str | None
    phone: str | None


@strawberry.type(description="The firm the account is rolled over from.")
class Custodian:
    name: str | None
    address: Address | None
    phone_numbers: list[CustodianPhone]

    @classmethod
    def from_finos(cls, c: finos.Custodian) -> Custodian:
        a = c.address
        return cls(
            name=c.name,
            address=Address(
                line1=a.street_address_1,
                line2=a.street_address_2,
                city=a.city,
                region=a.state,
                postal_code=a.zip_code,
                country=a.country,
            ),
            phone_numbers=[
                CustodianPhone(phone_type=p.phone_type, phone=p.phone) for p in c.phone_numbers
            ],
        )


@strawberry.type
class RolloverAsset:
    asset_code: str
    cash_amount: Money | None


def _parsed(model: type[Any], value: Any) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


@strawberry.type(description="An ACATS transfer of an outside account into a Finos IRA.")
class Rollover(Node):
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finos": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One Finos read per distinct id, through the request's loader (shared with fields)."""
        return await each_by_id(ids, lambda i: loaders.rollover(info.context, i), cls.from_finos)

    async def visible_to(self, info: Info) -> bool:
        return await account_visible(info, self.ira_account_id)  # its IRA is the caller's

    provider: Provider
    provider_id: strawberry.ID
    status: RolloverStatus
    provider_status: str | None
    ira_account_id: strawberry.Private[str | None]
    direction: str | None
    extent: str | None = strawberry.field(description="full or partial.")
    indirect: bool | None
    processing_method: str | None
    custodian: Custodian | None
    source_account_number: str | None = strawberry.field(description="Masked: last four only.")
    source_account_type: str | None = strawberry.field(description="TIA, RIA, SEP, EST...")
    source_account_inherited: bool | None
    cash_amount: Money | None
    tax_year: int | None
    description: str | None
    assets: list[RolloverAsset]
    created_at: datetime | None

    @classmethod
    def from_finos(cls, r: finos.Rollover) -> Rollover:
        extra = r.model_extra or {}
        custodian = _parsed(finos.Custodian, extra.get("custodian"))
        assets = [_parsed(finos.RolloverAsset, a) for a in extra.get("assets") or []]
        return cls(
            id=strawberry.ID(to_global_id("Rollover", Provider.FINOS.value, r.id)),
            provider=Provider.FINOS,
            provider_id=strawberry.ID(r.id),
            status=rollover_status(r.status),
            provider_status=r.status,
            ira_account_id=r.ira_account_id,
            direction=r.direction,
            extent=r.extent,
            indirect=extra.get("indirect"),
            processing_method=extra.get("processing_method"),
            custodian=Custodian.from_finos(custodian) if custodian else None,
            source_account_number=mask(extra.get("source_account_number")),
            source_account_type=extra.get("source_account_type"),
            source_account_inherited=extra.get("source_account_inherited"),
            cash_amount=Money.of(r.cash_amount, USD),
            tax_year=r.tax_year,
            description=extra.get("description"),
            assets=[
                RolloverAsset(asset_code=a.asset_code, cash_amount=Money.of(a.cash_amount, USD))
                for a in assets
                if a is not None
            ],
            created_at=r.created_at,
        )

    @strawberry.field(description="The Finos IRA account rolled into (when named by its id).")
    async def ira_account(self, info: Info) -> AccountRef | None:
        return await account_by_id(info, self.ira_account_id)
