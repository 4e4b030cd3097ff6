"""Input objects of the brokerage (Finos) mutations.

Names follow the schema's own types (`email`, `phone`, `dateOfBirth`, `address
{ line1 ... region }`) rather than the provider's (`email_address`, `address_state`);
validation.py checks them and each mutation module maps them onto the provider's
fields (and the provider's field names back, for its errors). Ids are the schema's
global ids. Every input takes `idempotencyKey` (the Idempotency-Key header works too).
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from ..refs import (
    AccountRef,
    BankAccountRef,
    BorrowerRef,
    EmailRef,
    NotRef,
    OrderRef,
    PortfolioRef,
    WebhookRef,
)
from .refs import KycTokenRef

KycChoice = Annotated[int, NotRef("a question or answer of the check the kycToken names")]
BankNumber = Annotated[str, NotRef("the external bank's own number, no record here")]

KEY_HELP = "One key per intent: a retry with the same key never writes twice."


def idempotency_field() -> Any:  # a strawberry field default, typed as its value
    return strawberry.field(default=None, description=KEY_HELP)


@strawberry.enum(description="Who holds a new brokerage account.")
class BrokerageOwnership(enum.Enum):
    INDIVIDUAL = "individual"
    JOINT = "joint"


@strawberry.enum(description="A cash account, or an investment account (six profile fields).")
class BrokerageAccountKind(enum.Enum):
    CASH = "cash"
    INVESTMENT = "investment"


@strawberry.enum(description="The side of a trade order.")
class PlaceOrderSide(enum.Enum):
    BUY = "buy"
    SELL = "sell"


@strawberry.enum(description="A trade order's type: which prices it needs.")
class PlaceOrderType(enum.Enum):
    MARKET = "market"
    LIMIT = "limit"
    STOP = "stop"
    STOP_LIMIT = "stop_limit"


@strawberry.enum(description="The kind of a KYC document, as the KYC check asks for it.")
class KycDocumentType(enum.Enum):
    SSN_CARD = "ssn card"
    LICENSE = "license"
    PASSPORT = "passport"
    UTILITY = "utility"


@strawberry.input(description="A US postal address (region: the 2 letter state code).")
class BrokerageAddressInput:
    line1: str
    city: str
    region: str = strawberry.field(description="2 letter state code, e.g. VA.")
    postal_code: str
    country: str = strawberry.field(description="2 letter country code, e.g. US.")
    line2: str | None = None


@strawberry.input(description="Address fields to change; those left out stay as they are.")
class BrokerageAddressPatchInput:
    line1: str | None = None
    line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


@strawberry.input(description="A person as Finos identifies them (user, KYC check, joint member).")
class BrokeragePersonInput:
    first_name: str
    last_name: str
    email: EmailRef
    date_of_birth: date
    ssn: str = strawberry.field(description="9 digits (dashes and spaces are ignored).")
    address: BrokerageAddressInput
    phone: str | None = strawberry.field(default=None, description="10 to 15 digits.")


@strawberry.input(description="A new Finos user; KYC runs at once (see the payload's status).")
class CreateUserInput(BrokeragePersonInput):
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="Changes to a Finos user; fields left out stay as they are.")
class UpdateUserInput:
    user_id: BorrowerRef = strawberry.field(description="The Borrower id of a Finos user.")
    first_name: str | None = None
    last_name: str | None = None
    email: EmailRef | None = None
    phone: str | None = None
    date_of_birth: date | None = None
    ssn: str | None = None
    address: BrokerageAddressPatchInput | None = None
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="A stand-alone KYC check of a person.")
class PerformKycInput(BrokeragePersonInput):
    idempotency_key: str | None = idempotency_field()


@strawberry.input
class KycAnswerInput:
    question_id: KycChoice
    answer_id: KycChoice


@strawberry.input(description="Answers to the out-of-wallet questions of a KYC check.")
class AnswerKycQuestionsInput:
    kyc_token: KycTokenRef
    answers: list[KycAnswerInput]
    first_name: str | None = None
    last_name: str | None = None
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="A document for a KYC check under manual review.")
class UploadKycDocumentInput:
    kyc_token: KycTokenRef
    name: str = strawberry.field(description="At most 64 characters.")
    type: KycDocumentType
    content_base64: str = strawberry.field(
        description="The file, base64 encoded: PDF, PNG or JPEG, at most 10 MB decoded."
    )
    extension: str | None = strawberry.field(default=None, description="pdf, png, jpg or jpeg.")
    notes: str | None = None
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="The profile of a brokerage account (used to open or update one).")
class OpenAccountInput:
    user_id: BorrowerRef = strawberry.field(description="The Borrower id of a Finos user.")
    ownership: BrokerageOwnership
    account_type: BrokerageAccountKind
    marital_status: str = strawberry.field(description="single, divorced, married or widowed.")
    country_of_citizenship: str = strawberry.field(description="3 letter code, e.g. USA.")
    employment_status: str = strawberry.field(
        description="Employed / Self-Employed, Retired, Student or Not Employed."
    )
    employment_position: str
    employer_name: str
    annual_income: str | None = None
    investment_objective: str | None = None
    investment_experience: str | None = None
    net_liquid_worth: str | None = None
    net_total_worth: str | None = None
    risk_tolerance: str | None = None
    is_director: bool | None = None
    director_of: str | None = None
    joint_member: BrokeragePersonInput | None = strawberry.field(
        default=None, description="Required for JOINT accounts, refused for INDIVIDUAL ones."
    )
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="Changes to an account; a jointMember makes it joint.")
class UpdateAccountInput:
    account_id: AccountRef
    account_type: BrokerageAccountKind | None = None
    marital_status: str | None = None
    country_of_citizenship: str | None = None
    employment_status: str | None = None
    employment_position: str | None = None
    employer_name: str | None = None
    annual_income: str | None = None
    investment_objective: str | None = None
    investment_experience: str | None = None
    net_liquid_worth: str | None = None
    net_total_worth: str | None = None
    risk_tolerance: str | None = None
    is_director: bool | None = None
    director_of: str | None = None
    joint_member: BrokeragePersonInput | None = None
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="Investment management settings of an account.")
class UpdateAccountSettingsInput:
    account_id: AccountRef
    managed: bool | None = None
    portfolio_id: PortfolioRef | None = None
    min_cash_percent: Decimal | None = strawberry.field(default=None, description="0 to 100.")
    max_cash_percent: Decimal | None = strawberry.field(default=None, description="0 to 100.")
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="An external (checking) bank account to link to a Finos user.")
class LinkBankAccountInput:
    user_id: BorrowerRef = strawberry.field(description="The Borrower id of a Finos user.")
    bank_account_number: BankNumber = strawberry.field(description="4 to 17 digits.")
    bank_routing_number: BankNumber = strawberry.field(description="9 digit ABA routing number.")
    bank_account_nickname: str
    idempotency_key: str | None = idempotency_field()


@strawberry.input
class UpdateBankAccountInput:
    bank_account_id: BankAccountRef
    default: bool | None = None
    bank_account_nickname: str | None = None
    idempotency_key: str | None = idempotency_field()


@strawberry.input
class RemoveBankAccountInput:
    bank_account_id: BankAccountRef
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="A one-time ACH transfer between an account and a linked bank.")
class TransferInput:
    account_id: AccountRef
    bank_account_id: BankAccountRef
    amount: Decimal = strawberry.field(description="USD, more than 0, at most 2 decimals.")
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="A one-time ACH deposit into an account from a linked bank.")
class DepositInput(TransferInput):
    pass


@strawberry.input(description="A one-time ACH withdrawal from an account to a linked bank.")
class WithdrawInput(TransferInput):
    pass


@strawberry.input(description="A trade order for one account.")
class PlaceOrderInput:
    account_id: AccountRef
    symbol: str = strawberry.field(description="An upper-case ticker, e.g. AAPL or BRK.B.")
    quantity: Decimal = strawberry.field(description="Shares, more than 0, at most 4 decimals.")
    side: PlaceOrderSide
    type: PlaceOrderType
    limit_price: Decimal | None = strawberry.field(
        default=None, description="Required for LIMIT and STOP_LIMIT, refused otherwise."
    )
    stop_price: Decimal | None = strawberry.field(
        default=None, description="Required for STOP and STOP_LIMIT, refused otherwise."
    )
    idempotency_key: str | None = idempotency_field()


@strawberry.input
class CancelOrderInput:
    order_id: OrderRef
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="Where and which event notifications Finos sends.")
class CreateWebhookInput:
    name: str = strawberry.field(description="At most 64 characters.")
    url: str = strawberry.field(description="An http(s) URL.")
    events: list[str] = strawberry.field(
        default_factory=lambda: ["*"],
        description='Patterns such as "*" or "ordertransition.*" (default: every event).',
    )
    basic_auth_username: str | None = None
    basic_auth_password: str | None = None
    idempotency_key: str | None = idempotency_field()


@strawberry.input(description="Changes to a webhook; a new url replaces its whole endpoint config.")
class UpdateWebhookInput:
    webhook_id: WebhookRef
    name: str | None = None
    active: bool | None = None
    url: str | None = None
    basic_auth_username: str | None = None
    basic_auth_password: str | None = None
    events: list[str] | None = None
    idempotency_key: str | None = idempotency_field()
