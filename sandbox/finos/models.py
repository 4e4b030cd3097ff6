"""Request bodies, field for field as the reference's ARGUMENTS tables give them.

Unknown fields are ignored. Where the reference lists options, they are
checked case-insensitively and stored as sent ("Employed / Self-Employed").
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .fields import (
    BankNumber,
    Base64,
    BirthDate,
    Country3,
    Email,
    Money,
    Name,
    Percent,
    Phone,
    Price,
    Quantity,
    RoutingNumber,
    Ssn,
    State2,
    Text,
    Ticker,
    one_of,
)

MARTIAL_STATUS = ("single", "divorced", "married", "widowed")
EMPLOYMENT_STATUS = ("employed / self-employed", "retired", "student", "not employed")
INCOME = ("$0 - $24,999", "$25,000 - $99,999", "$100,000 - $199,999", "$200,000+")
LIQUID_WORTH = ("$0 - $4,999", "$5,000 - $99,999", "$25,000 - $99,999", "$100,000 - $199,999")
OBJECTIVES = ("capital preservation", "growth", "income", "speculation")
EXPERIENCE = ("none", "limited", "good", "extensive")
RISK = ("conservative", "moderate", "aggressive")
DOCUMENT_TYPES = ("ssn card", "ssn_card", "license", "passport", "utility")
INVESTMENT_FIELDS = (
    "annual_income",
    "investment_objective",
    "investment_experience",
    "net_liquid_worth",
    "net_total_worth",
    "risk_tolerance",
)
SOURCE_ACCOUNT_TYPES = (
    "TIA RIA SEP SIM ROI STI SRI CTI CRI ITI IRI CES SAR PSP ESO KEO EST ESR TSA DRT GVB DRB "
    "SKT SKR SKP STK SRK RMA IMA PFC PTA"
).split()


def _choice(options: tuple[str, ...]) -> Any:
    return AfterValidator(one_of(options))


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class PersonIn(Body):
    """Users, KYC checks and joint members share these fields."""

    phone_number: Phone | None = None
    first_name: Name
    last_name: Name
    email_address: Email
    birth_date: BirthDate
    ssn_number: Ssn
    address_line_1: Text
    address_line_2: str | None = None
    address_city: Text
    address_state: State2
    address_postal_code: Text
    address_country_code: State2


class UserUpdate(Body):
    phone_number: Phone | None = None
    first_name: Name | None = None
    last_name: Name | None = None
    email_address: Email | None = None
    birth_date: BirthDate | None = None
    ssn_number: Ssn | None = None
    address_line_1: Text | None = None
    address_line_2: str | None = None
    address_city: Text | None = None
    address_state: State2 | None = None
    address_postal_code: Text | None = None
    address_country_code: State2 | None = None


class Answer(Body):
    question_id: int
    answer_id: int


class KycAnswers(Body):
    answers: list[Answer]
    name_first: str | None = None
    name_last: str | None = None


class DocumentIn(Body):
    name: Name
    type: Annotated[str, _choice(DOCUMENT_TYPES)]
    extension: str | None = None
    notes: str | None = None
    data: Base64


class AccountFields(Body):
    annual_income: Annotated[str, _choice(INCOME)] | None = None
    investment_objective: Annotated[str, _choice(OBJECTIVES)] | None = None
    investment_experience: Annotated[str, _choice(EXPERIENCE)] | None = None
    net_liquid_worth: Annotated[str, _choice(LIQUID_WORTH + INCOME[2:])] | None = None
    net_total_worth: Annotated[str, _choice(INCOME)] | None = None
    risk_tolerance: Annotated[str, _choice(RISK)] | None = None
    is_director: bool | None = None
    director_of: str | None = None
    joint_member: PersonIn | None = None


class AccountIn(AccountFields):
    ownership: Literal["individual", "joint"]
    account_type: Literal["cash", "investment"]
    martial_status: Annotated[str, _choice(MARTIAL_STATUS)]
    country_of_citizenship: Country3
    employment_status: Annotated[str, _choice(EMPLOYMENT_STATUS)]
    employment_position: Text
    employer_name: Text


class AccountUpdate(AccountFields):
    ownership: Literal["individual", "joint"] | None = None
    account_type: Literal["cash", "investment"] | None = None
    martial_status: Annotated[str, _choice(MARTIAL_STATUS)] | None = None
    country_of_citizenship: Country3 | None = None
    employment_status: Annotated[str, _choice(EMPLOYMENT_STATUS)] | None = None
    employment_position: Text | None = None
    employer_name: Text | None = None


class SettingsIn(Body):
    managed: bool | None = None
    min_cash_percent: Percent | None = None
    max_cash_percent: Percent | None = None
    portfolio_id: str | None = None


class BankAccountIn(Body):
    bank_account_number: BankNumber
    bank_routing_number: RoutingNumber
    bank_account_nickname: Name


class BankAccountUpdate(Body):
    default: bool | None = None
    bank_account_nickname: Name | None = None


class TransferIn(Body):
    account_id: Text
    bank_account_id: Text
    amount: Money


class OrderIn(Body):
    symbol: Text
    quantity: Quantity
    side: Literal["buy", "sell"]
    type: Literal["market", "limit", "stop", "stop_limit"]
    limit_price: Price | None = None
    stop_price: Price | None = None
    account_id: str | None = None


def _url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or len(value) < 10:
        raise ValueError("must be an http or https URL")
    return value


class WebhookConfig(Body):
    url: Annotated[str, AfterValidator(_url)]
    basic_auth_username: str | None = None
    basic_auth_password: str | None = None


Events = Annotated[list[Text], Field(min_length=1)]


class WebhookIn(Body):
    name: Name
    config: WebhookConfig
    events: Events = ["*"]


class WebhookUpdate(Body):
    name: Name | None = None
    active: bool | None = None
    config: WebhookConfig | None = None
    events: Events | None = None


class AssetClassIn(Body):
    name: Name
    primary: Ticker
    secondary: list[Ticker] = []


class AssetClassUpdate(Body):
    name: Name | None = None
    primary: Ticker | None = None
    secondary: list[Ticker] | None = None


class Allocation(Body):
    asset_class_id: Text
    weight: Percent


class PortfolioIn(Body):
    name: Name
    allocations: Annotated[list[Allocation], Field(min_length=1)]


class PortfolioUpdate(Body):
    id: str | None = None
    name: Name | None = None
    allocations: Annotated[list[Allocation], Field(min_length=1)] | None = None


class Custodian(Body):
    name: Text
    address: dict[str, Any] | None = None
    phone_numbers: list[dict[str, Any]] | None = None


class RolloverIn(Body):
    ira_account_id: Text
    direction: Annotated[str, _choice(("in", "out"))] = "in"
    extent: Literal["full", "partial"]
    indirect: bool = False
    processing_method: str | None = None
    custodian: Custodian
    source_account_number: Text
    source_account_type: Annotated[str, _choice(tuple(SOURCE_ACCOUNT_TYPES))]
    source_account_inherited: bool
    cash_amount: Money | None = None
    tax_year: int | str
    description: Text
    assets: list[dict[str, Any]]
