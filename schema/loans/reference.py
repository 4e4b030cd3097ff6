"""FinanceIt reference data types: PromoProgram, Partner, Subvertical, CommissionTotals.

Each is built from the client's record by a `from_financeit` constructor next
to it; documented fields the record does not type are read from its extras.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

import strawberry

from resolvers.financeit import CommissionTotals as CommissionTotalsRecord
from resolvers.financeit import Partner as PartnerRecord
from resolvers.financeit import PromoProgram as PromoProgramRecord
from resolvers.financeit import Subvertical as SubverticalRecord
from resolvers.loans import catalog, loaders

from ..common import Address, Money, Node, Provider
from ..context import Info
from ..errors import BadInput
from ..ids import to_global_id
from ..node import each
from ..upstream import CATALOG_CALLS, upstream
from .enums import LoanVertical
from .values import cad, decimal, integer, text


@strawberry.type(description="A FinanceIt promo program: a rate and its amortization periods.")
class PromoProgram(Node):
    PUBLIC: ClassVar[bool] = True  # reference data: anyone with the scope sees it
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"financeit": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """From the cached catalogue: no call on a warm cache."""

        async def one(provider_id: str) -> PromoProgram | None:
            program_id = integer(provider_id)
            found = (
                await catalog.promo_program_by_id(info.context, program_id) if program_id else None
            )
            return cls.from_financeit(found) if found else None

        return await each(ids, one)

    provider: Provider
    provider_id: strawberry.ID
    name: str | None
    vertical_name: str | None
    vertical: LoanVertical | None
    rate: Decimal | None = strawberry.field(description="Annual rate in percent.")
    amortization_periods: list[int] = strawberry.field(description="In months.")
    max_amortization: int | None
    deferral_months: int | None
    min_amount: Money | None
    max_amount: Money | None

    @classmethod
    def build(cls, program_id: int, **fields: Any) -> PromoProgram:
        pid = str(program_id)
        defaults: dict[str, Any] = {
            "name": None,
            "vertical_name": None,
            "rate": None,
            "amortization_periods": [],
            "max_amortization": None,
            "deferral_months": None,
            "min_amount": None,
            "max_amount": None,
        }
        defaults.update(fields)
        defaults["vertical"] = LoanVertical.from_financeit(defaults["vertical_name"])
        return cls(
            id=strawberry.ID(to_global_id("PromoProgram", "financeit", pid)),
            provider=Provider.FINANCEIT,
            provider_id=strawberry.ID(pid),
            **defaults,
        )

    @classmethod
    def from_financeit(cls, record: PromoProgramRecord) -> PromoProgram:
        return cls.build(
            record.id,
            name=record.name,
            vertical_name=record.vertical_name,
            rate=record.rate,
            amortization_periods=list(record.amortization_periods),
            max_amortization=record.max_amortization,
            deferral_months=integer(catalog.extra(record, "deferral_months")),
            min_amount=cad(catalog.extra(record, "min_amount")),
            max_amount=cad(catalog.extra(record, "max_amount")),
        )


@strawberry.type(description="A FinanceIt subvertical and its product types.")
class Subvertical(Node):
    PUBLIC: ClassVar[bool] = True  # reference data: anyone with the scope sees it
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"financeit": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """Ids are "<vertical>:<name>", from the cached catalogue."""

        async def one(provider_id: str) -> Subvertical | None:
            vertical, _, name = provider_id.partition(":")
            found = await catalog.subvertical(info.context, vertical, name)
            return cls.from_financeit(found) if found else None

        return await each(ids, one)

    provider: Provider
    provider_id: strawberry.ID = strawberry.field(description='"<vertical>:<name>".')
    name: str
    vertical_name: str | None
    vertical: LoanVertical | None
    product_types: list[str]

    @classmethod
    def from_financeit(cls, record: SubverticalRecord) -> Subvertical:
        pid = catalog.subvertical_id(record)
        return cls(
            id=strawberry.ID(to_global_id("Subvertical", "financeit", pid)),
            provider=Provider.FINANCEIT,
            provider_id=strawberry.ID(pid),
            name=record.name,
            vertical_name=record.vertical_name,
            vertical=LoanVertical.from_financeit(record.vertical_name),
            product_types=list(record.product_types),
        )


@strawberry.type(description="Commission a partner earned in a period and has outstanding.")
class CommissionTotals:
    earned: Money | None
    outstanding: Money | None
    earned_start_date: date | None
    earned_end_date: date | None

    @classmethod
    def from_financeit(
        cls, record: CommissionTotalsRecord, start: date | None, end: date | None
    ) -> CommissionTotals:
        return cls(
            earned=cad(record.earned),
            outstanding=cad(record.outstanding),
            earned_start_date=start,
            earned_end_date=end,
        )


@strawberry.type(description="A phone number in FinanceIt's four parts.")
class PhoneNumber:
    area_code: str | None
    exchange: str | None
    line: str | None
    extension: str | None

    @strawberry.field(description='"416-555-1234", with " x400" when there is an extension.')
    def number(self) -> str | None:
        parts = [p for p in (self.area_code, self.exchange, self.line) if p]
        if not parts:
            return None
        return "-".join(parts) + (f" x{self.extension}" if self.extension else "")

    @classmethod
    def from_parts(cls, record: PartnerRecord, prefix: str) -> PhoneNumber | None:
        parts = [text(catalog.extra(record, f"{prefix}_{i}i")) for i in range(1, 5)]
        if not any(parts):
            return None
        return cls(area_code=parts[0], exchange=parts[1], line=parts[2], extension=parts[3])


@strawberry.type(description="The partner's contact person.")
class PartnerContact:
    first_name: str | None
    last_name: str | None
    position: str | None
    date_of_birth: date | None
    region_id: str | None = strawberry.field(description="FinanceIt's region id (a number).")
    postal_code: str | None


@strawberry.type(description="A FinanceIt partner (merchant, location or broker).")
class Partner(Node):
    PUBLIC: ClassVar[bool] = True  # reference data: anyone with the scope sees it
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"financeit": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """From the cached partners list: no call on a warm cache."""

        async def one(provider_id: str) -> Partner | None:
            partner_id = integer(provider_id)
            found = await catalog.partner_by_id(info.context, partner_id) if partner_id else None
            return cls.from_financeit(found) if found else None

        return await each(ids, one)

    provider: Provider
    provider_id: strawberry.ID
    login: str | None
    email: str | None
    firm_name: str | None
    provider_status: str | None = strawberry.field(description="FinanceIt's `state`.")
    verticals: list[str]
    organization_type: str | None
    firm_address: Address
    firm_number_years_in_business: int | None
    firm_annual_sales_volume: str | None
    firm_current_percent_financed: Decimal | None
    address: Address
    unit_number: str | None
    contact: PartnerContact
    referral_uuid: str | None
    work_phone: PhoneNumber | None
    home_phone: PhoneNumber | None

    @classmethod
    def from_financeit(cls, r: PartnerRecord) -> Partner:
        def x(name: str) -> str | None:
            return text(catalog.extra(r, name))

        year, month, day = (
            integer(x(f"contact_date_of_birth_{p}")) for p in ("year", "month", "day")
        )
        try:
            born = date(year, month, day) if year and month and day else None
        except ValueError:
            born = None
        return cls(
            id=strawberry.ID(to_global_id("Partner", "financeit", str(r.id))),
            provider=Provider.FINANCEIT,
            provider_id=strawberry.ID(str(r.id)),
            login=r.login,
            email=r.email,
            firm_name=r.firm_name,
            provider_status=r.state,
            verticals=list(r.verticals),
            organization_type=r.organization_type,
            firm_address=Address(
                line1=x("firm_address"),
                line2=x("firm_address_2"),
                city=x("firm_city"),
                postal_code=x("firm_postal_code"),
                country="CA",
            ),
            firm_number_years_in_business=integer(x("firm_number_years_in_business")),
            firm_annual_sales_volume=x("firm_annual_sales_volume"),
            firm_current_percent_financed=decimal(x("firm_current_percent_financed")),
            address=Address(
                line1=x("address"),
                line2=x("address_2"),
                city=r.city,
                region=r.province,
                country="CA",
            ),
            unit_number=x("unit_number"),
            contact=PartnerContact(
                first_name=r.contact_first_name,
                last_name=r.contact_last_name,
                position=x("contact_position"),
                date_of_birth=born,
                region_id=x("contact_region_id"),
                postal_code=x("contact_postal_code"),
            ),
            referral_uuid=x("referral_uuid"),
            work_phone=PhoneNumber.from_parts(r, "work_phone"),
            home_phone=PhoneNumber.from_parts(r, "home_phone"),
        )

    @strawberry.field(description="Commission totals (one FinanceIt call per partner and period).")
    async def commission_totals(
        self,
        info: Info,
        earned_start_date: date | None = None,
        earned_end_date: date | None = None,
    ) -> CommissionTotals | None:
        if earned_start_date and earned_end_date and earned_end_date < earned_start_date:
            raise BadInput("earnedEndDate must not be before earnedStartDate.")
        record = await loaders.commission_totals(
            info.context, int(self.provider_id), earned_start_date, earned_end_date
        )
        return (
            CommissionTotals.from_financeit(record, earned_start_date, earned_end_date)
            if record
            else None
        )

    @strawberry.field(
        description="Subverticals of this partner's verticals (cached).",
        metadata=upstream(CATALOG_CALLS),
    )
    async def subverticals(
        self, info: Info, vertical: LoanVertical | None = None
    ) -> list[Subvertical] | None:
        found = await catalog.subverticals(
            info.context,
            vertical=vertical.value if vertical else None,
            partner_id=int(self.provider_id),
        )
        return [Subvertical.from_financeit(s) for s in found]

    @strawberry.field(
        description="Promo programs this partner offers (cached).",
        metadata=upstream(CATALOG_CALLS),
    )
    async def promo_programs(
        self, info: Info, vertical: LoanVertical | None = None
    ) -> list[PromoProgram] | None:
        found = await catalog.promo_programs(
            info.context,
            vertical=vertical.value if vertical else None,
            partner_id=int(self.provider_id),
        )
        return [PromoProgram.from_financeit(p) for p in found]
