"""The FinanceIt reference's rules, checked before any upstream call.

Each check returns UserErrors whose paths are GraphQL input paths
("customParams.redirectUrl", "contacts.0.email"). Rules enforced:

direct invite   sendVia EMAIL needs email, SMS needs mobileNumber; mobileNumber is
                123-456-7890; emails are addresses; message at most 255 characters;
                requestedAmount above 0, at most 100000, whole cents; amortization
                a positive number of months, required when useMaxAmortization is
                false; customParams.redirectUrl under 255 characters; ids of the
                right type (PromoProgram, Partner) at FinanceIt.
links           loanId a FinanceIt Loan id; leadId any integer (the reference
                allows negatives); partnerId a FinanceIt Partner id; every email
                (the link's, the borrower's, each contact's) an address.

The amount ceiling is FinanceIt's largest loan (the sandbox's MAX_AMOUNT): the
reference gives no range, and a program's own limits need an upstream call, so
the provider checks those (its refusal comes back as a userError too).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..ids import InvalidId, from_global_id
from ..writes import UserError, user_error
from .inputs import (
    CreateCustomizedLinkInput,
    CreateSingleAccessLinkInput,
    LoanCustomParamsInput,
    LoanInviteChannel,
    SendDirectInviteInput,
)

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\d{3}-\d{3}-\d{4}$")
MAX_MESSAGE = 255
MAX_REDIRECT_URL = 254  # "a string less than 255 characters"
MAX_AMOUNT = Decimal(100_000)
CENTS = Decimal("0.01")
RESERVED_PARAMS = {"lead_id": "customParams.leadId", "redirect_url": "customParams.redirectUrl"}


def financeit_id(value: str, type_name: str) -> int | None:
    """The FinanceIt id inside a global id of `type_name`, or None if it is not one."""
    try:
        gid = from_global_id(value)
    except InvalidId:
        return None
    if gid.type_name != type_name or gid.provider != "financeit":
        return None
    if not re.fullmatch(r"\d{1,18}", gid.provider_id):
        return None
    return int(gid.provider_id)


def check_id(value: str | None, type_name: str, path: str) -> list[UserError]:
    if value is None or financeit_id(value, type_name) is not None:
        return []
    return [user_error(path, f"{path} is not the id of a FinanceIt {type_name}.", "NOT_FOUND")]


def check_email(value: str | None, path: str) -> list[UserError]:
    if value is None or EMAIL.match(value):
        return []
    return [user_error(path, f"{path} must be a valid email address.")]


def check_object(value: Any, path: str) -> list[UserError]:
    if value is None or isinstance(value, dict):
        return []
    return [user_error(path, f"{path} must be a JSON object.")]


def check_custom_params(params: LoanCustomParamsInput | None) -> list[UserError]:
    if params is None:
        return []
    errors = check_object(params.extra, "customParams.extra")
    url = params.redirect_url
    if url is not None and len(url) > MAX_REDIRECT_URL:
        errors.append(
            user_error(
                "customParams.redirectUrl",
                "customParams.redirectUrl must be shorter than 255 characters.",
                "OUT_OF_RANGE",
            )
        )
    if isinstance(params.extra, dict):
        for key, path in RESERVED_PARAMS.items():
            if key in params.extra:
                errors.append(
                    user_error("customParams.extra", f"Send {key} as {path}, not in extra.")
                )
    return errors


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def check_amount(amount: Decimal | None) -> list[UserError]:
    if amount is None:
        return []
    path = "requestedAmount"
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        message = f"requestedAmount must be above 0 and at most {MAX_AMOUNT} CAD."
        return [user_error(path, message, "OUT_OF_RANGE")]
    if amount != amount.quantize(CENTS):
        return [user_error(path, "requestedAmount must be in whole cents.")]
    return []


def validate_invite(given: SendDirectInviteInput) -> list[UserError]:
    errors = check_id(given.promo_program_id, "PromoProgram", "promoProgramId")
    errors += check_id(given.partner_id, "Partner", "partnerId")
    if given.send_via is LoanInviteChannel.EMAIL and _blank(given.email):
        errors.append(user_error("email", "email is required when sendVia is EMAIL.", "REQUIRED"))
    elif given.email is not None:
        errors += check_email(given.email, "email")
    if given.send_via is LoanInviteChannel.SMS and _blank(given.mobile_number):
        message = "mobileNumber is required when sendVia is SMS."
        errors.append(user_error("mobileNumber", message, "REQUIRED"))
    elif given.mobile_number is not None and not PHONE.match(given.mobile_number):
        message = "mobileNumber must be in the format 123-456-7890."
        errors.append(user_error("mobileNumber", message))
    if given.message is not None and len(given.message) > MAX_MESSAGE:
        message = f"message must be at most {MAX_MESSAGE} characters."
        errors.append(user_error("message", message, "OUT_OF_RANGE"))
    errors += check_amount(given.requested_amount)
    if given.amortization is not None and given.amortization <= 0:
        message = "amortization must be a positive number of months."
        errors.append(user_error("amortization", message, "OUT_OF_RANGE"))
    if given.use_max_amortization is False and given.amortization is None:
        message = "amortization is required when useMaxAmortization is false."
        errors.append(user_error("amortization", message, "REQUIRED"))
    errors += check_custom_params(given.custom_params)
    return errors


def validate_single_access_link(given: CreateSingleAccessLinkInput) -> list[UserError]:
    return check_id(given.loan_id, "Loan", "loanId") + check_email(given.email, "email")


def validate_customized_link(given: CreateCustomizedLinkInput) -> list[UserError]:
    errors = check_id(given.partner_id, "Partner", "partnerId")
    errors += check_email(given.email, "email")
    errors += check_custom_params(given.custom_params)
    if given.borrower is not None:
        errors += check_email(given.borrower.email, "borrower.email")
        errors += check_object(given.borrower.extra, "borrower.extra")
    for index, contact in enumerate(given.contacts or []):
        path = f"contacts.{index}"
        if _blank(contact.email):
            message = f"{path}.email is required."
            errors.append(user_error(f"{path}.email", message, "REQUIRED"))
        else:
            errors += check_email(contact.email, f"{path}.email")
        errors += check_object(contact.extra, f"{path}.extra")
    return errors
