"""The FinanceIt writes' inputs in plain terms: what validation checks and the bodies send.

The schema turns each mutation input into one of these (enums as FinanceIt's
values, ids still the schema's global ids, JSON `extra` objects as given), so
the rules (resolvers.loans.validation) and the bodies (resolvers.loans.writes)
never read a GraphQL type.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

EMAIL, SMS = "email", "sms"  # the send_via values that need an address


@dataclass(frozen=True)
class CustomParams:
    """FinanceIt's custom_params: the two it names, and any other pairs (`extra`, as given)."""

    lead_id: int | None = None
    redirect_url: str | None = None
    extra: Any = None


@dataclass(frozen=True)
class DirectInviteRequest:
    send_via: str  # email, sms, none or centah
    promo_program_id: str | None = None  # a PromoProgram global id
    partner_id: str | None = None  # a Partner global id
    vertical_name: str | None = None
    mobile_number: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    language: str | None = None
    requested_amount: Decimal | None = None
    amortization: int | None = None
    use_max_amortization: bool | None = None
    payment_frequency: str | None = None  # m, f or w
    message: str | None = None
    custom_params: CustomParams | None = None


@dataclass(frozen=True)
class SingleAccessLinkRequest:
    loan_id: str  # a Loan global id
    email: str | None = None


@dataclass(frozen=True)
class LinkBorrower:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    extra: Any = None


@dataclass(frozen=True)
class LinkContact:
    email: str
    first_name: str | None = None
    last_name: str | None = None
    extra: Any = None


@dataclass(frozen=True)
class CustomizedLinkRequest:
    lead_id: int
    partner_id: str | None = None  # a Partner global id
    email: str | None = None
    custom_params: CustomParams | None = None
    borrower: LinkBorrower | None = None
    contacts: tuple[LinkContact, ...] | None = None
