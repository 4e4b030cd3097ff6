"""What the FinanceIt mutations return: the written thing and userErrors.

FinanceIt answers a direct invite with `{}`, so a DirectInvite is what FinanceIt
accepted (the request as sent, in its names). The link routes answer with the
link; `loan` and `partner` on them are ordinary reads (cached reference data for
partners, the per-request loan loader for loans), not part of the stored result.
Every constructor here reads stored JSON only: a replay costs no upstream call.
"""

from __future__ import annotations

from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from resolvers.financeit import CustomizedLink as CustomizedLinkRecord
from resolvers.financeit import SingleAccessLink as SingleAccessLinkRecord
from resolvers.loans import catalog, loaders

from ..common import Money
from ..context import Info
from ..ids import to_global_id
from ..writes import UserError
from .enums import LoanVertical, PaymentFrequency
from .inputs import LoanInviteChannel, LoanLanguage
from .reference import Partner
from .types import Loan
from .values import cad, integer, text


def _global(type_name: str, provider_id: Any) -> strawberry.ID | None:
    if provider_id is None:
        return None
    return strawberry.ID(to_global_id(type_name, "financeit", str(provider_id)))


async def _partner(info: Info, partner_id: int | None) -> Partner | None:
    found = (
        await catalog.partner_by_id(info.context, partner_id) if partner_id is not None else None
    )
    return Partner.from_financeit(found) if found else None


@strawberry.type(description="A Financeit Direct application link sent to a customer.")
class DirectInvite:
    send_via: LoanInviteChannel
    promo_program_id: strawberry.ID = strawberry.field(
        description="The PromoProgram (provider id 0: the standard program)."
    )
    partner_id: strawberry.ID | None
    vertical_name: LoanVertical | None
    mobile_number: str | None
    email: str | None
    first_name: str | None
    last_name: str | None
    language: LoanLanguage | None
    requested_amount: Money | None
    amortization: int | None = strawberry.field(description="In months.")
    use_max_amortization: bool | None
    payment_frequency: PaymentFrequency | None
    message: str | None
    lead_id: int | None = strawberry.field(description="customParams.leadId as sent.")
    redirect_url: str | None = strawberry.field(description="customParams.redirectUrl as sent.")
    custom_params: JSON | None = strawberry.field(description="Every custom param as sent.")
    provider_partner_id: strawberry.Private[int | None]

    @classmethod
    def from_request(cls, body: dict[str, Any]) -> DirectInvite:
        params = body.get("custom_params") or {}
        vertical = body.get("vertical_name")
        frequency = body.get("payment_frequency")
        language = body.get("language")
        return cls(
            send_via=LoanInviteChannel(body["send_via"]),
            promo_program_id=strawberry.ID(
                to_global_id("PromoProgram", "financeit", str(body["promo_program_id"]))
            ),
            partner_id=_global("Partner", body.get("partner_id")),
            vertical_name=LoanVertical.from_financeit(vertical) if vertical else None,
            mobile_number=text(body.get("mobile_number")),
            email=text(body.get("email")),
            first_name=text(body.get("first_name")),
            last_name=text(body.get("last_name")),
            language=LoanLanguage(language) if language else None,
            requested_amount=cad(body.get("requested_amount")),
            amortization=integer(body["amortization"]) if "amortization" in body else None,
            use_max_amortization=body.get("use_max_amortization"),
            payment_frequency=PaymentFrequency.from_financeit(frequency) if frequency else None,
            message=text(body.get("message")),
            lead_id=integer(params["lead_id"]) if "lead_id" in params else None,
            redirect_url=text(params.get("redirect_url")),
            custom_params=cast(JSON, params) if params else None,
            provider_partner_id=integer(body["partner_id"]) if "partner_id" in body else None,
        )

    @strawberry.field(description="The partner the invite was sent for (cached).")
    async def partner(self, info: Info) -> Partner | None:
        return await _partner(info, self.provider_partner_id)


@strawberry.type(description="A link giving one partner employee access to one loan.")
class SingleAccessLink:
    link: str
    email: str | None
    loan_id: strawberry.ID | None
    provider_loan_id: strawberry.Private[int | None]

    @classmethod
    def from_financeit(cls, record: SingleAccessLinkRecord) -> SingleAccessLink:
        return cls(
            link=record.link,
            email=record.email,
            loan_id=_global("Loan", record.loan_id),
            provider_loan_id=record.loan_id,
        )

    @strawberry.field(description="The loan the link opens (read from FinanceIt).")
    async def loan(self, info: Info) -> Loan | None:
        if self.provider_loan_id is None:
            return None
        record = await loaders.loan(info.context, self.provider_loan_id)
        return Loan.from_financeit(record) if record else None


@strawberry.type(description="A link giving a partner employee loan-creation access for a lead.")
class CustomizedLink:
    link: str
    lead_id: int | None
    email: str | None
    partner_id: strawberry.ID | None
    provider_partner_id: strawberry.Private[int | None]

    @classmethod
    def from_financeit(cls, record: CustomizedLinkRecord) -> CustomizedLink:
        return cls(
            link=record.link,
            lead_id=record.lead_id,
            email=record.email,
            partner_id=_global("Partner", record.partner_id),
            provider_partner_id=record.partner_id,
        )

    @strawberry.field(description="The partner the link belongs to (cached).")
    async def partner(self, info: Info) -> Partner | None:
        return await _partner(info, self.provider_partner_id)


@strawberry.type
class SendDirectInvitePayload:
    direct_invite: DirectInvite | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CreateSingleAccessLinkPayload:
    single_access_link: SingleAccessLink | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CreateCustomizedLinkPayload:
    customized_link: CustomizedLink | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)
