"""Inputs of the FinanceIt mutations, in GraphQL terms (camelCase of these names).

Ids are the schema's global ids (Partner, PromoProgram, Loan). The shapes of a
customized link's `borrower` and `contacts` are elided by the reference ("Hash
containing details for borrower", "Array of Hashes"): the typed fields below are
the borrower fields FinanceIt itself uses on a loan, and a contact's email (the
address that receives the emails); anything else goes in `extra`, passed as is.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Annotated

import strawberry

from ..refs import EmailRef, LoanRef, NotRef, OpaqueJSON, PartnerRef, PromoProgramRef
from .enums import LoanVertical, PaymentFrequency
from .refs import LeadRef

Phone = Annotated[str, NotRef("a phone number the invite goes to, no record")]

KEY = "Idempotency key: a retry with the same key and input never writes twice."


@strawberry.enum(description="How FinanceIt delivers a direct invite (its `send_via`).")
class LoanInviteChannel(enum.Enum):
    EMAIL = "email"
    SMS = "sms"
    NONE = "none"
    CENTAH = "centah"


@strawberry.enum(description="The customer's language for a FinanceIt invite.")
class LoanLanguage(enum.Enum):
    EN = "en"
    FR = "fr"


@strawberry.input(description="FinanceIt's custom_params: key-value pairs kept with the loan.")
class LoanCustomParamsInput:
    lead_id: LeadRef | None = strawberry.field(
        default=None, description="Your lead id (an integer; negative numbers are allowed)."
    )
    redirect_url: str | None = strawberry.field(
        default=None, description="Where the customer goes afterwards: under 255 characters."
    )
    extra: OpaqueJSON | None = strawberry.field(
        default=None, description="Any other key-value pairs (a JSON object), passed as is."
    )


@strawberry.input(description="Send a Financeit Direct application link to a customer.")
class SendDirectInviteInput:
    send_via: LoanInviteChannel = strawberry.field(description="EMAIL, SMS, NONE or CENTAH.")
    promo_program_id: PromoProgramRef | None = strawberry.field(
        default=None, description="A PromoProgram id; null: the standard (free) program."
    )
    partner_id: PartnerRef | None = strawberry.field(
        default=None,
        description="A Partner id: required when logged in as a broker or multi-location user.",
    )
    vertical_name: LoanVertical | None = strawberry.field(
        default=None, description="Required when the partner has several verticals."
    )
    mobile_number: Phone | None = strawberry.field(
        default=None, description="Required with SMS; format 123-456-7890."
    )
    email: EmailRef | None = strawberry.field(default=None, description="Required with EMAIL.")
    first_name: str | None = None
    last_name: str | None = None
    language: LoanLanguage | None = strawberry.field(default=None, description="Default: EN.")
    requested_amount: Decimal | None = strawberry.field(
        default=None, description="Purchase amount in CAD: above 0, at most 100000, in cents."
    )
    amortization: int | None = strawberry.field(
        default=None, description="In months; required when useMaxAmortization is false."
    )
    use_max_amortization: bool | None = None
    payment_frequency: PaymentFrequency | None = None
    message: str | None = strawberry.field(
        default=None, description="Included in the email (EMAIL only): at most 255 characters."
    )
    custom_params: LoanCustomParamsInput | None = None
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="A link giving one partner employee access to one loan.")
class CreateSingleAccessLinkInput:
    loan_id: LoanRef = strawberry.field(description="A Loan id.")
    email: EmailRef | None = strawberry.field(
        default=None, description="The employee's email address."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="The borrower who will apply through a customized link.")
class CustomizedLinkBorrowerInput:
    first_name: str | None = None
    last_name: str | None = None
    email: EmailRef | None = None
    phone: str | None = None
    extra: OpaqueJSON | None = strawberry.field(
        default=None, description="Any other borrower details (a JSON object), passed as is."
    )


@strawberry.input(description="Someone who gets an email about loans made through the link.")
class CustomizedLinkContactInput:
    email: EmailRef
    first_name: str | None = None
    last_name: str | None = None
    extra: OpaqueJSON | None = strawberry.field(
        default=None, description="Any other contact details (a JSON object), passed as is."
    )


@strawberry.input(description="A link giving a partner employee loan-creation access for a lead.")
class CreateCustomizedLinkInput:
    lead_id: LeadRef = strawberry.field(description="Your lead id (negative numbers are allowed).")
    partner_id: PartnerRef | None = strawberry.field(
        default=None,
        description="A Partner id: required when logged in as a broker or multi-location user.",
    )
    email: EmailRef | None = strawberry.field(
        default=None, description="The partner employee the link is for."
    )
    custom_params: LoanCustomParamsInput | None = None
    borrower: CustomizedLinkBorrowerInput | None = None
    contacts: list[CustomizedLinkContactInput] | None = None
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)
