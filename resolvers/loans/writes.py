"""FinanceIt's writes: the request bodies (its field names), the calls, what is kept.

Bodies are plain JSON (amounts as decimal strings) because a direct invite's
body is also what the idempotency record keeps (FinanceIt answers it with `{}`).
Each send answers a record (`InviteSent`, `AccessLinkOutcome`, `CustomizedLinkMade`):
its JSON is what the store keeps and a replay reads back, in the same shape as
before these were records ({"request", "response"}, {"link"} or
{"loan_not_found": true}). `*_FIELDS` map FinanceIt's field names in its error
messages ("mobile_number must be ...") to GraphQL input paths.

FinanceIt honours no idempotency key and has no route that reads an invite or a
link back, so none of these writes can be reconciled.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from ..base import given as without_none
from ..checks import camel
from ..errors import ProviderNotFound
from ..financeit import CustomizedLink, SingleAccessLink
from ..request import Scope
from .requests import (
    CustomizedLinkRequest,
    CustomParams,
    DirectInviteRequest,
    LinkBorrower,
    LinkContact,
    SingleAccessLinkRequest,
)
from .validation import financeit_id

STANDARD_PROGRAM = 0  # FinanceIt's "free program"

CUSTOM_PARAMS_FIELDS = {
    "custom_params": "customParams",
    "custom_params.lead_id": "customParams.leadId",
    "custom_params.redirect_url": "customParams.redirectUrl",
}
INVITE_FIELDS = {
    "promo_program_id": "promoProgramId",
    "send_via": "sendVia",
    "partner_id": "partnerId",
    "vertical_name": "verticalName",
    "mobile_number": "mobileNumber",
    "email": "email",
    "first_name": "firstName",
    "last_name": "lastName",
    "language": "language",
    "requested_amount": "requestedAmount",
    "amortization": "amortization",
    "use_max_amortization": "useMaxAmortization",
    "payment_frequency": "paymentFrequency",
    "message": "message",
    **CUSTOM_PARAMS_FIELDS,
}
SINGLE_ACCESS_LINK_FIELDS = {"loan_id": "loanId", "email": "email"}
BORROWER_FIELDS = ("first_name", "last_name", "email", "phone")


class InviteSent(BaseModel):
    """A direct invite FinanceIt accepted: the body as sent, and its (empty) answer."""

    request: dict[str, Any]
    response: dict[str, Any]


class AccessLinkOutcome(BaseModel):
    """The single access link made, or "not one of the user's loans" (nothing written)."""

    link: SingleAccessLink | None = None
    loan_not_found: bool = False


class CustomizedLinkMade(BaseModel):
    link: CustomizedLink


def _id(value: str | None, type_name: str) -> int | None:
    return financeit_id(value, type_name) if value is not None else None


def _object(value: Any) -> dict[str, Any]:
    """A JSON `extra` input (validated as an object), or nothing."""
    return dict(value) if isinstance(value, dict) else {}


def custom_params(params: CustomParams | None) -> dict[str, Any] | None:
    if params is None:
        return None
    extra = _object(params.extra)
    fixed = {"lead_id": params.lead_id, "redirect_url": params.redirect_url}
    return {**extra, **without_none(**fixed)}


def invite_body(given: DirectInviteRequest) -> dict[str, Any]:
    program = _id(given.promo_program_id, "PromoProgram")
    amount = given.requested_amount
    return without_none(
        promo_program_id=STANDARD_PROGRAM if program is None else program,
        send_via=given.send_via,
        partner_id=_id(given.partner_id, "Partner"),
        vertical_name=given.vertical_name,
        mobile_number=given.mobile_number,
        email=given.email,
        first_name=given.first_name,
        last_name=given.last_name,
        language=given.language,
        requested_amount=None if amount is None else str(amount),
        amortization=given.amortization,
        use_max_amortization=given.use_max_amortization,
        payment_frequency=given.payment_frequency,
        message=given.message,
        custom_params=custom_params(given.custom_params),
    )


def single_access_link_body(given: SingleAccessLinkRequest) -> dict[str, Any]:
    return without_none(loan_id=_id(given.loan_id, "Loan"), email=given.email)


def _borrower(borrower: LinkBorrower | None) -> dict[str, Any] | None:
    if borrower is None:
        return None
    extra = _object(borrower.extra)
    return {**extra, **without_none(**{f: getattr(borrower, f) for f in BORROWER_FIELDS})}


def _contact(contact: LinkContact) -> dict[str, Any]:
    extra = _object(contact.extra)
    named = {"email": contact.email, "first_name": contact.first_name}
    return {**extra, **without_none(**{**named, "last_name": contact.last_name})}


def customized_link_body(given: CustomizedLinkRequest) -> dict[str, Any]:
    contacts = None if given.contacts is None else [_contact(c) for c in given.contacts]
    return without_none(
        lead_id=given.lead_id,
        partner_id=_id(given.partner_id, "Partner"),
        email=given.email,
        custom_params=custom_params(given.custom_params),
        borrower=_borrower(given.borrower),
        contacts=contacts,
    )


def customized_link_fields(given: CustomizedLinkRequest) -> dict[str, str]:
    fields = {"lead_id": "leadId", "partner_id": "partnerId", "email": "email"}
    fields.update(CUSTOM_PARAMS_FIELDS)
    fields["borrower"] = "borrower"
    fields.update({f"borrower.{f}": f"borrower.{camel(f)}" for f in BORROWER_FIELDS})
    for index in range(len(given.contacts or ())):
        fields[f"contacts.{index}.email"] = f"contacts.{index}.email"
    return fields


async def send_invite(scope: Scope, given: DirectInviteRequest) -> InviteSent:
    """POST /direct_invites once."""
    body = invite_body(given)
    arguments = dict(body)
    if "requested_amount" in arguments:
        arguments["requested_amount"] = Decimal(arguments["requested_amount"])
    answer = await scope.providers.financeit.send_direct_invite(**arguments)
    return InviteSent(request=body, response=answer.model_dump(mode="json"))


async def send_single_access_link(
    scope: Scope, given: SingleAccessLinkRequest
) -> AccessLinkOutcome:
    """POST /single_access_links once; a 404 (not the user's loan) wrote nothing."""
    body = single_access_link_body(given)
    try:
        record = await scope.providers.financeit.create_single_access_link(
            body["loan_id"], email=body.get("email")
        )
    except ProviderNotFound:
        return AccessLinkOutcome(loan_not_found=True)
    return AccessLinkOutcome(link=record)


async def send_customized_link(scope: Scope, given: CustomizedLinkRequest) -> CustomizedLinkMade:
    """POST /customized_links once."""
    record = await scope.providers.financeit.create_customized_link(**customized_link_body(given))
    return CustomizedLinkMade(link=record)
