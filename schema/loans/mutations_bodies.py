"""Validated inputs as FinanceIt request bodies (its field names), and the way back.

Bodies are plain JSON (amounts as decimal strings) because they are also what
the idempotency record keeps; `*_FIELDS` map FinanceIt's field names in its
error messages ("mobile_number must be ...") to GraphQL input paths.
"""

from __future__ import annotations

from typing import Any

from resolvers.base import given as without_none

from .inputs import (
    CreateCustomizedLinkInput,
    CreateSingleAccessLinkInput,
    CustomizedLinkBorrowerInput,
    CustomizedLinkContactInput,
    LoanCustomParamsInput,
    SendDirectInviteInput,
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


def _id(value: str | None, type_name: str) -> int | None:
    return financeit_id(value, type_name) if value is not None else None


def _object(value: Any) -> dict[str, Any]:
    """A JSON `extra` input (validated as an object), or nothing."""
    return dict(value) if isinstance(value, dict) else {}


def custom_params(params: LoanCustomParamsInput | None) -> dict[str, Any] | None:
    if params is None:
        return None
    extra = _object(params.extra)
    fixed = {"lead_id": params.lead_id, "redirect_url": params.redirect_url}
    return {**extra, **without_none(**fixed)}


def invite_body(given: SendDirectInviteInput) -> dict[str, Any]:
    program = _id(given.promo_program_id, "PromoProgram")
    amount = given.requested_amount
    return without_none(
        promo_program_id=STANDARD_PROGRAM if program is None else program,
        send_via=given.send_via.value,
        partner_id=_id(given.partner_id, "Partner"),
        vertical_name=given.vertical_name.value if given.vertical_name else None,
        mobile_number=given.mobile_number,
        email=given.email,
        first_name=given.first_name,
        last_name=given.last_name,
        language=given.language.value if given.language else None,
        requested_amount=None if amount is None else str(amount),
        amortization=given.amortization,
        use_max_amortization=given.use_max_amortization,
        payment_frequency=given.payment_frequency.value if given.payment_frequency else None,
        message=given.message,
        custom_params=custom_params(given.custom_params),
    )


def single_access_link_body(given: CreateSingleAccessLinkInput) -> dict[str, Any]:
    return without_none(loan_id=_id(given.loan_id, "Loan"), email=given.email)


def _borrower(borrower: CustomizedLinkBorrowerInput | None) -> dict[str, Any] | None:
    if borrower is None:
        return None
    extra = _object(borrower.extra)
    return {**extra, **without_none(**{f: getattr(borrower, f) for f in BORROWER_FIELDS})}


def _contact(contact: CustomizedLinkContactInput) -> dict[str, Any]:
    extra = _object(contact.extra)
    named = {"email": contact.email, "first_name": contact.first_name}
    return {**extra, **without_none(**{**named, "last_name": contact.last_name})}


def customized_link_body(given: CreateCustomizedLinkInput) -> dict[str, Any]:
    contacts = None if given.contacts is None else [_contact(c) for c in given.contacts]
    return without_none(
        lead_id=given.lead_id,
        partner_id=_id(given.partner_id, "Partner"),
        email=given.email,
        custom_params=custom_params(given.custom_params),
        borrower=_borrower(given.borrower),
        contacts=contacts,
    )


def customized_link_fields(given: CreateCustomizedLinkInput) -> dict[str, str]:
    fields = {"lead_id": "leadId", "partner_id": "partnerId", "email": "email"}
    fields.update(CUSTOM_PARAMS_FIELDS)
    fields["borrower"] = "borrower"
    fields.update({f"borrower.{f}": f"borrower.{_camel(f)}" for f in BORROWER_FIELDS})
    for index in range(len(given.contacts or [])):
        fields[f"contacts.{index}.email"] = f"contacts.{index}.email"
    return fields


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
