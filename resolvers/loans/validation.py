"""The FinanceIt reference's rules, checked before any upstream call (on a Checks).

Each rule adds Problems whose paths are GraphQL input paths
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

from ..checks import Checks
from ..ids import InvalidId, from_global_id
from .requests import (
    EMAIL,
    SMS,
    CustomizedLinkRequest,
    CustomParams,
    DirectInviteRequest,
    SingleAccessLinkRequest,
)

EMAIL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
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


def check_id(checks: Checks, value: str | None, type_name: str, path: str) -> None:
    if value is not None and financeit_id(value, type_name) is None:
        checks.add(path, f"{path} is not the id of a FinanceIt {type_name}.", "NOT_FOUND")


def check_email(checks: Checks, value: str | None, path: str) -> None:
    if value is not None and not EMAIL_ADDRESS.match(value):
        checks.add(path, f"{path} must be a valid email address.")


def check_object(checks: Checks, value: Any, path: str) -> None:
    if value is not None and not isinstance(value, dict):
        checks.add(path, f"{path} must be a JSON object.")


def check_custom_params(checks: Checks, params: CustomParams | None) -> None:
    if params is None:
        return
    check_object(checks, params.extra, "customParams.extra")
    url = params.redirect_url
    if url is not None and len(url) > MAX_REDIRECT_URL:
        message = "customParams.redirectUrl must be shorter than 255 characters."
        checks.add("customParams.redirectUrl", message, "OUT_OF_RANGE")
    if isinstance(params.extra, dict):
        for key, path in RESERVED_PARAMS.items():
            if key in params.extra:
                checks.add("customParams.extra", f"Send {key} as {path}, not in extra.")


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def check_amount(checks: Checks, amount: Decimal | None) -> None:
    if amount is None:
        return
    path = "requestedAmount"
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        message = f"requestedAmount must be above 0 and at most {MAX_AMOUNT} CAD."
        checks.add(path, message, "OUT_OF_RANGE")
    elif amount != amount.quantize(CENTS):
        checks.add(path, "requestedAmount must be in whole cents.")


def check_invite(checks: Checks, given: DirectInviteRequest) -> None:
    check_id(checks, given.promo_program_id, "PromoProgram", "promoProgramId")
    check_id(checks, given.partner_id, "Partner", "partnerId")
    if given.send_via == EMAIL and _blank(given.email):
        checks.add("email", "email is required when sendVia is EMAIL.", "REQUIRED")
    elif given.email is not None:
        check_email(checks, given.email, "email")
    if given.send_via == SMS and _blank(given.mobile_number):
        checks.add("mobileNumber", "mobileNumber is required when sendVia is SMS.", "REQUIRED")
    elif given.mobile_number is not None and not PHONE.match(given.mobile_number):
        checks.add("mobileNumber", "mobileNumber must be in the format 123-456-7890.")
    if given.message is not None and len(given.message) > MAX_MESSAGE:
        message = f"message must be at most {MAX_MESSAGE} characters."
        checks.add("message", message, "OUT_OF_RANGE")
    check_amount(checks, given.requested_amount)
    if given.amortization is not None and given.amortization <= 0:
        message = "amortization must be a positive number of months."
        checks.add("amortization", message, "OUT_OF_RANGE")
    if given.use_max_amortization is False and given.amortization is None:
        message = "amortization is required when useMaxAmortization is false."
        checks.add("amortization", message, "REQUIRED")
    check_custom_params(checks, given.custom_params)


def check_single_access_link(checks: Checks, given: SingleAccessLinkRequest) -> None:
    check_id(checks, given.loan_id, "Loan", "loanId")
    check_email(checks, given.email, "email")


def check_customized_link(checks: Checks, given: CustomizedLinkRequest) -> None:
    check_id(checks, given.partner_id, "Partner", "partnerId")
    check_email(checks, given.email, "email")
    check_custom_params(checks, given.custom_params)
    if given.borrower is not None:
        check_email(checks, given.borrower.email, "borrower.email")
        check_object(checks, given.borrower.extra, "borrower.extra")
    for index, contact in enumerate(given.contacts or ()):
        path = f"contacts.{index}"
        if _blank(contact.email):
            checks.add(f"{path}.email", f"{path}.email is required.", "REQUIRED")
        else:
            check_email(checks, contact.email, f"{path}.email")
        check_object(checks, contact.extra, f"{path}.extra")
