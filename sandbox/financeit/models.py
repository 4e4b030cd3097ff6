"""Request bodies of the FinanceIt routes, with the reference's field names and enums.

Numbers are lax (the reference's own samples send "partner_id": "1"); unknown
fields are ignored, as a Rails API would.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from .catalog import Frequency, Language, SendVia, Vertical


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    login: str | None = None
    password: str | None = None
    app_id: str
    app_secret: str
    anonymous_user: bool | None = None


class DirectInviteIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    partner_id: int | None = None
    vertical_name: Vertical | None = None
    promo_program_id: int
    send_via: SendVia
    mobile_number: str | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    language: Language | None = None
    requested_amount: float | None = None
    amortization: int | None = None
    use_max_amortization: bool | None = None
    payment_frequency: Frequency | None = None
    message: str | None = None
    custom_params: dict[str, Any] | None = None


class SingleAccessLinkIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    loan_id: int
    email: str | None = None


class CustomizedLinkIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    partner_id: int | None = None
    lead_id: int
    email: str | None = None
    custom_params: dict[str, Any] | None = None
    borrower: dict[str, Any] | None = None
    contacts: list[dict[str, Any]] | None = None
