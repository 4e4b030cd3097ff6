"""FinanceIt payloads as typed records (documented fields typed; anything else kept).

Amounts arrive as decimal strings ("1460.78") and stay Decimal; FinanceIt's
currency is always CAD. Loan timestamps arrive as "2012-10-02 17:05:11 UTC".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, SecretStr, field_validator

CURRENCY = "CAD"


class Record(BaseModel):
    model_config = ConfigDict(extra="allow")


class TokenGrant(Record):
    """The answer of create_user_oauth_token; the token never shows in a repr."""

    access_token: SecretStr
    user_id: int | None = None
    user_type: str | None = None


class Partner(Record):
    id: int
    login: str | None = None
    email: str | None = None
    firm_name: str | None = None
    state: str | None = None
    verticals: list[str] = []
    organization_type: str | None = None
    city: str | None = None
    province: str | None = None
    contact_first_name: str | None = None
    contact_last_name: str | None = None


class CommissionTotals(Record):
    earned: Decimal
    outstanding: Decimal
    currency: str = CURRENCY


class LoanOption(Record):
    """One result of the calculator."""

    promo_program_id: int
    promo_program_name: str | None = None
    amortization: int
    term: int | None = None
    rate: Decimal
    payment_frequency: str
    payment_amount: Decimal
    principal_amount: Decimal | None = None
    total_payment_amount: Decimal | None = None
    fee: Decimal | None = None
    currency: str = CURRENCY


class Calculation(Record):
    results: list[LoanOption]
    application_link: str | None = None


class PromoProgram(Record):
    id: int
    name: str
    vertical_name: str | None = None
    rate: Decimal | None = None
    amortization_periods: list[int] = []
    max_amortization: int | None = None


class Subvertical(Record):
    name: str
    vertical_name: str | None = None
    product_types: list[str] = []


class LoanPromoProgram(Record):
    id: int
    name: str | None = None


class Borrower(Record):
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None


class Loan(Record):
    id: int
    partner_id: int
    created_at: datetime
    state: str
    rate: Decimal | None = None
    requested_amount: Decimal | None = None
    fee: Decimal | None = None
    principal_amount: Decimal | None = None
    amortization: int | None = None
    term: int | None = None
    payment_frequency: str | None = None
    vertical: str | None = None
    total_payment_amount: Decimal | None = None
    first_payment_date: date | None = None
    lead_id: int | None = None
    funded: bool | None = None
    promo_program: LoanPromoProgram | None = None
    borrower: Borrower | None = None
    currency: str = CURRENCY

    @field_validator("created_at", mode="before")
    @classmethod
    def _financeit_timestamp(cls, value: Any) -> Any:
        if isinstance(value, str) and value.endswith(" UTC"):
            moment = datetime.strptime(value[:-4], "%Y-%m-%d %H:%M:%S")
            return moment.replace(tzinfo=UTC)
        return value


class LoanRef(Record):
    """The answer of GET /loans/id_by_lead_id."""

    id: int


class DirectInvite(Record):
    """FinanceIt answers a direct invite with `{}`; whatever it adds is kept."""


class SingleAccessLink(Record):
    link: str
    loan_id: int | None = None
    email: str | None = None


class CustomizedLink(Record):
    link: str
    partner_id: int | None = None
    lead_id: int | None = None
    email: str | None = None


@dataclass(frozen=True)
class LoanPage:
    """One page of GET /loans: FinanceIt sends a bare array, so a full page may not be the last."""

    loans: list[Loan]
    page: int
    limit: int

    @property
    def maybe_more(self) -> bool:
        return len(self.loans) >= self.limit
