"""A Finmo application's sub-resources: assets, incomes, liabilities, properties and
mortgage information, all read with the application's detail (GET /applications/{id}).

Each is a Node whose global id holds the application id and its own id, so
`node` finds it again through the same detail read.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

import strawberry

from resolvers.finmo import Application as FinmoApplication
from resolvers.finmo import Asset as FinmoAsset
from resolvers.finmo import Income as FinmoIncome
from resolvers.finmo import Liability as FinmoLiability
from resolvers.finmo import MortgageInformation as FinmoMortgageInformation
from resolvers.finmo import Property as FinmoProperty
from resolvers.mortgages.loaders import finmo_detail

from ..common import PROVIDER_CURRENCY, Address, Currency, Money, Node, Provider
from ..context import Info
from ..ids import to_global_id
from .borrowers import finmo_address
from .owners import finmo_application_visible


def currency_of(code: str | None) -> Currency:
    try:
        return Currency(code)
    except ValueError:
        return PROVIDER_CURRENCY[Provider.FINMO]


def detail_id(type_name: str, application_id: str, own_id: str) -> strawberry.ID:
    return strawberry.ID(to_global_id(type_name, "finmo", f"{application_id}:{own_id}"))


async def detail_nodes(
    info: Info, ids: Sequence[str], pick: Callable[[FinmoApplication, str], Any]
) -> list[Any]:
    """Sub-resources by "<application id>:<own id>", read through the detail loader."""

    async def one(provider_id: str) -> Any:
        application_id, _, own_id = provider_id.partition(":")
        detail = await finmo_detail(info.context, application_id) if application_id else None
        return None if detail is None else pick(detail, own_id)

    return list(await asyncio.gather(*(one(i) for i in ids)))


class FinmoDetail:
    """What an application's assets, incomes, liabilities, properties and mortgage asked
    for share: ids "<application id>:<own id>" read through the application's one detail
    read, and visible to whoever may see their application. `DETAIL` names the list of
    the Finmo application record a type's records are in."""

    NODE_CALLS: ClassVar[Mapping[str, int]] = {"finmo": 1}
    DETAIL: ClassVar[str]
    provider_id: strawberry.ID

    @classmethod
    def from_finmo(cls, record: Any) -> Any:
        raise NotImplementedError

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        def pick(detail: FinmoApplication, own: str) -> Any:
            found = (r for r in getattr(detail, cls.DETAIL) or () if r.id == own)
            return next((cls.from_finmo(r) for r in found), None)

        return await detail_nodes(info, ids, pick)

    async def visible_to(self, info: Info) -> bool:
        return await finmo_application_visible(info, str(self.provider_id).partition(":")[0])


@strawberry.type(description="An asset a Finmo applicant declared (CAD).")
class MortgageAsset(FinmoDetail, Node):
    DETAIL: ClassVar[str] = "assets"

    provider: Provider
    provider_id: strawberry.ID
    application_id: strawberry.ID
    applicant_id: strawberry.ID | None
    type: str
    description: str | None
    value: Money | None
    created_at: datetime

    @classmethod
    def from_finmo(cls, r: FinmoAsset) -> MortgageAsset:
        return cls(
            id=detail_id("MortgageAsset", r.application_id, r.id),
            provider=Provider.FINMO,
            provider_id=strawberry.ID(r.id),
            application_id=strawberry.ID(r.application_id),
            applicant_id=strawberry.ID(r.applicant_id) if r.applicant_id else None,
            type=r.type,
            description=r.description,
            value=Money.of(r.value, currency_of(r.currency)),
            created_at=r.created_at,
        )


@strawberry.type(description="An income of a Finmo applicant, per `period` (CAD).")
class MortgageIncome(FinmoDetail, Node):
    DETAIL: ClassVar[str] = "incomes"

    provider: Provider
    provider_id: strawberry.ID
    application_id: strawberry.ID
    applicant_id: strawberry.ID | None
    type: str
    employer_name: str | None
    amount: Money | None
    period: str = strawberry.field(description="annually, monthly, semi_monthly, biweekly...")
    created_at: datetime

    @classmethod
    def from_finmo(cls, r: FinmoIncome) -> MortgageIncome:
        return cls(
            id=detail_id("MortgageIncome", r.application_id, r.id),
            provider=Provider.FINMO,
            provider_id=strawberry.ID(r.id),
            application_id=strawberry.ID(r.application_id),
            applicant_id=strawberry.ID(r.applicant_id) if r.applicant_id else None,
            type=r.type,
            employer_name=r.employer_name,
            amount=Money.of(r.amount, currency_of(r.currency)),
            period=r.period,
            created_at=r.created_at,
        )


@strawberry.type(description="A debt of a Finmo applicant (CAD).")
class MortgageLiability(FinmoDetail, Node):
    DETAIL: ClassVar[str] = "liabilities"

    provider: Provider
    provider_id: strawberry.ID
    application_id: strawberry.ID
    applicant_id: strawberry.ID | None
    type: str
    lender: str | None
    balance: Money | None
    monthly_payment: Money | None
    credit_limit: Money | None
    created_at: datetime

    @classmethod
    def from_finmo(cls, r: FinmoLiability) -> MortgageLiability:
        currency = currency_of(r.currency)
        return cls(
            id=detail_id("MortgageLiability", r.application_id, r.id),
            provider=Provider.FINMO,
            provider_id=strawberry.ID(r.id),
            application_id=strawberry.ID(r.application_id),
            applicant_id=strawberry.ID(r.applicant_id) if r.applicant_id else None,
            type=r.type,
            lender=r.lender,
            balance=Money.of(r.balance, currency),
            monthly_payment=Money.of(r.monthly_payment, currency),
            credit_limit=Money.of(r.credit_limit, currency),
            created_at=r.created_at,
        )


@strawberry.type(description="A property on a Finmo application (CAD).")
class MortgageProperty(FinmoDetail, Node):
    DETAIL: ClassVar[str] = "properties"

    provider: Provider
    provider_id: strawberry.ID
    application_id: strawberry.ID
    address: Address
    property_type: str
    occupancy: str
    value: Money | None
    is_subject_property: bool
    created_at: datetime

    @classmethod
    def from_finmo(cls, r: FinmoProperty) -> MortgageProperty:
        return cls(
            id=detail_id("MortgageProperty", r.application_id, r.id),
            provider=Provider.FINMO,
            provider_id=strawberry.ID(r.id),
            application_id=strawberry.ID(r.application_id),
            address=finmo_address(r.address),
            property_type=r.property_type,
            occupancy=r.occupancy,
            value=Money.of(r.value, currency_of(r.currency)),
            is_subject_property=r.is_subject_property,
            created_at=r.created_at,
        )


@strawberry.type(description="The mortgage asked for on a Finmo application (CAD).")
class MortgageInformation(FinmoDetail, Node):
    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """Its id is its application's: through the application's detail read."""

        def pick(detail: FinmoApplication, _own: str) -> MortgageInformation | None:
            found = detail.mortgage_information
            return None if found is None else cls.from_finmo(found)

        return await detail_nodes(info, [f"{i}:" for i in ids], pick)

    provider: Provider
    provider_id: strawberry.ID = strawberry.field(description="The application's Finmo id.")
    application_id: strawberry.ID
    purchase_price: Money | None
    down_payment: Money | None
    loan_amount: Money | None
    amortization_years: int | None
    term_months: int | None
    rate_type: str | None = strawberry.field(description="fixed, variable or adjustable.")
    interest_rate: Decimal | None = strawberry.field(description="Percent a year, e.g. 4.79.")
    closing_date: date | None
    updated_at: datetime | None

    @classmethod
    def from_finmo(cls, r: FinmoMortgageInformation) -> MortgageInformation:
        currency = currency_of(r.currency)
        return cls(
            id=strawberry.ID(to_global_id("MortgageInformation", "finmo", r.application_id)),
            provider=Provider.FINMO,
            provider_id=strawberry.ID(r.application_id),
            application_id=strawberry.ID(r.application_id),
            purchase_price=Money.of(r.purchase_price, currency),
            down_payment=Money.of(r.down_payment, currency),
            loan_amount=Money.of(r.loan_amount, currency),
            amortization_years=r.amortization_years,
            term_months=r.term_months,
            rate_type=r.rate_type,
            interest_rate=r.interest_rate,
            closing_date=r.closing_date,
            updated_at=r.updated_at,
        )
