"""Loan: a FinanceIt consumer loan, every field of GET /loans/{id} reachable.

Amounts are Money in CAD. `status` is normalized from FinanceIt's `state`
(raw value: `providerStatus`), `paymentFrequency` from m/f/w. `promoProgram`
and `partner` come from the client's cached reference lists (no call per
loan on a warm cache); `borrower` is built from the loan's own embedded
borrower, whose provider id is their normalized email (FinanceIt gives
borrowers no id). The reference elides the shapes of `vehicle`, `vehicles`,
`file_attachments`, `approval_conditions` and `api_notices`: they are JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, cast

import strawberry
from strawberry.scalars import JSON

from resolvers.financeit import Loan as LoanRecord
from resolvers.financeit import LoanPromoProgram as LoanPromoProgramRecord
from resolvers.loans import catalog, loaders
from resolvers.people import normalize_email

from ..authz_owner import owns
from ..borrower import Borrower
from ..common import Money, Node, Provider
from ..context import Info
from ..ids import to_global_id
from ..node import each
from ..upstream import CATALOG_CALLS, upstream
from .enums import LoanStatus, PaymentFrequency
from .reference import Partner, PromoProgram
from .values import cad, decimal, integer, loose_date, text


def borrower_of(record: LoanRecord, created_at: datetime | None = None) -> Borrower | None:
    """The loan's borrower; None when FinanceIt gives no usable email (their only key).

    A borrower's created_at is their earliest loan's, which one loan cannot tell:
    the people index passes it; a loan's own borrower leaves it null.
    """
    person = record.borrower
    email = normalize_email(person.email if person else None)
    if person is None or email is None:
        return None
    return Borrower.build(
        Provider.FINANCEIT,
        email,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        phone=person.phone,
        date_of_birth=loose_date(catalog.extra(person, "date_of_birth")),
        created_at=created_at,
        provider_kind="borrower",
    )


@strawberry.type(description="Payment protection on a loan.")
class LoanInsurancePremium:
    amount: Money | None
    insurance: bool | None = strawberry.field(description="FinanceIt's yes/no.")
    provider_insurance: str | None = strawberry.field(description="The raw yes/no value.")

    @classmethod
    def from_financeit(cls, payload: Any) -> LoanInsurancePremium | None:
        if not isinstance(payload, dict) or not payload:
            return None
        raw = text(payload.get("insurance"))
        flag = {"yes": True, "no": False}.get((raw or "").lower())
        return cls(amount=cad(payload.get("amount")), insurance=flag, provider_insurance=raw)


def _json_list(value: Any) -> list[JSON]:
    return list(value) if isinstance(value, list) else []


def _json_object(value: Any) -> JSON | None:
    """An object of undocumented shape; {} (FinanceIt's "none") is null."""
    return cast(JSON, value) if isinstance(value, dict) and value else None


@strawberry.type(description="A FinanceIt consumer loan (CAD).")
class Loan(Node):
    CO_PARTY_PARENT: ClassVar[bool] = True  # its borrower is the loan's person
    NODE_CALLS: ClassVar[Mapping[str, int]] = {"financeit": 1}

    @classmethod
    async def resolve_nodes(cls, info: Info, provider: str, ids: Sequence[str]) -> list[Any]:
        """One GET /loans/{id} per distinct id (FinanceIt has no many-by-id route), shared
        with `loan(id)` through one per-request dataloader; a malformed id is None."""

        async def one(provider_id: str) -> Loan | None:
            loan_id = integer(provider_id)
            if loan_id is None or str(loan_id) != provider_id:
                return None
            record = await loaders.loan(info.context, loan_id)
            return cls.from_financeit(record) if record else None

        return await each(ids, one)

    async def visible_to(self, info: Info) -> bool:
        return self.borrower is not None and owns(info, self.borrower.email)

    provider: Provider
    provider_id: strawberry.ID
    created_at: datetime
    status: LoanStatus
    provider_status: str = strawberry.field(description="FinanceIt's raw `state`.")
    description: str | None
    partner_id: int
    rate: Decimal | None = strawberry.field(description="Annual rate in percent.")
    requested_amount: Money | None
    fee: Money | None
    principal_amount: Money | None
    amortization: int | None = strawberry.field(description="In months.")
    term: int | None = strawberry.field(description="In months.")
    payment_frequency: PaymentFrequency | None
    provider_payment_frequency: str | None = strawberry.field(description="Raw m/f/w.")
    vertical: str | None
    total_payment_amount: Money | None = strawberry.field(
        description="FinanceIt's total_payment_amount: the payment per period."
    )
    first_payment_date: date | None
    downpayment_amount: Money | None
    downpayment_source: str | None
    intended_use: str | None
    vehicle_type: str | None
    coborrower_relation: str | None
    coborrower_relation_other: str | None
    max_amount: Money | None
    min_amount: Money | None
    credit_limit: Money | None
    max_amortization: int | None = strawberry.field(description="FinanceIt's max_amort, months.")
    api_notices: list[JSON]
    lead_id: int | None
    expiry_date: date | None
    commission_insurance_amount: Money | None
    insurance_premium: LoanInsurancePremium | None
    vehicle: JSON | None
    vehicles: list[JSON]
    file_attachments: list[JSON]
    approval_conditions: list[JSON]
    funded: bool | None
    next_step_in_application: str | None
    borrower: Borrower | None = strawberry.field(
        description="The loan's borrower (their provider id is their normalized email)."
    )
    embedded_program: strawberry.Private[LoanPromoProgramRecord | None]

    @classmethod
    def from_financeit(cls, r: LoanRecord) -> Loan:
        def x(name: str) -> Any:
            return catalog.extra(r, name)

        return cls(
            id=strawberry.ID(to_global_id("Loan", "financeit", str(r.id))),
            provider=Provider.FINANCEIT,
            provider_id=strawberry.ID(str(r.id)),
            created_at=r.created_at,
            status=LoanStatus.from_financeit(r.state),
            provider_status=r.state,
            description=text(x("description")),
            partner_id=r.partner_id,
            rate=r.rate,
            requested_amount=cad(r.requested_amount),
            fee=cad(r.fee),
            principal_amount=cad(r.principal_amount),
            amortization=r.amortization,
            term=r.term,
            payment_frequency=PaymentFrequency.from_financeit(r.payment_frequency),
            provider_payment_frequency=r.payment_frequency,
            vertical=r.vertical,
            total_payment_amount=cad(r.total_payment_amount),
            first_payment_date=r.first_payment_date,
            downpayment_amount=cad(x("downpayment_amount")),
            downpayment_source=text(x("downpayment_source")),
            intended_use=text(x("intended_use")),
            vehicle_type=text(x("vehicle_type")),
            coborrower_relation=text(x("coborrower_relation")),
            coborrower_relation_other=text(x("coborrower_relation_other")),
            max_amount=cad(x("max_amount")),
            min_amount=cad(x("min_amount")),
            credit_limit=cad(x("credit_limit")),
            max_amortization=integer(x("max_amort")),
            api_notices=_json_list(x("api_notices")),
            lead_id=r.lead_id,
            expiry_date=loose_date(x("expiry_date")),
            commission_insurance_amount=cad(x("commission_insurance_amount")),
            insurance_premium=LoanInsurancePremium.from_financeit(x("insurance_premium")),
            vehicle=_json_object(x("vehicle")),
            vehicles=_json_list(x("vehicles")),
            file_attachments=_json_list(x("file_attachments")),
            approval_conditions=_json_list(x("approval_conditions")),
            funded=r.funded,
            next_step_in_application=text(x("next_step_in_application")),
            borrower=borrower_of(r),
            embedded_program=r.promo_program,
        )

    @strawberry.field(
        description="The loan's promo program, from the cached catalogue.",
        metadata=upstream(CATALOG_CALLS),
    )
    async def promo_program(self, info: Info) -> PromoProgram | None:
        embedded = self.embedded_program
        if embedded is None:
            return None
        found = await catalog.promo_program_by_id(info.context, embedded.id)
        if found is not None:
            return PromoProgram.from_financeit(found)
        # Not in the catalogue (the standard program 0, or one no longer offered):
        # what the loan itself says about it.
        return PromoProgram.build(
            embedded.id,
            name=embedded.name,
            vertical_name=self.vertical,
            rate=decimal(catalog.extra(embedded, "rate")),
            deferral_months=integer(catalog.extra(embedded, "deferral_months")),
        )

    @strawberry.field(description="The partner (merchant) the loan was written by (cached).")
    async def partner(self, info: Info) -> Partner | None:
        found = await catalog.partner_by_id(info.context, self.partner_id)
        return Partner.from_financeit(found) if found else None
