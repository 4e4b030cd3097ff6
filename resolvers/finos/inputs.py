"""What the client sends: request models for the larger Finos payloads.

Small payloads are keyword arguments of the client methods; these are the
ones with a dozen fields or nesting. `to_json()` gives the provider's body
(documented names, unset fields left out). The SSN is a SecretStr so that
no repr or log of an input shows it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class FinosInput(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    def to_json(self) -> dict[str, Any]:
        body = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                body[field.alias or name] = value.get_secret_value()
        return body


class PersonDetails(FinosInput):
    """The identity fields of `POST /v1/users`, `POST /v1/kyc` and `joint_member`."""

    first_name: str
    last_name: str
    email_address: str
    birth_date: dt.date
    ssn_number: SecretStr
    address_line_1: str
    address_city: str
    address_state: str
    address_postal_code: str
    address_country_code: str
    address_line_2: str | None = None
    phone_number: str | None = None


class AccountProfile(FinosInput):
    """`POST /v1/users/{user_id}/accounts` (ownership is set by the client method)."""

    account_type: Literal["cash", "investment"]
    martial_status: str  # sic: the provider's spelling
    country_of_citizenship: str
    employment_status: str
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


class CustodianAddress(FinosInput):
    street_address_1: str
    street_address_2: str | None = None
    city: str
    zip_code: str
    state: str
    country: str


class CustodianPhone(FinosInput):
    phone_type: str
    phone: str


class Custodian(FinosInput):
    name: str
    address: CustodianAddress
    phone_numbers: list[CustodianPhone] = []


class RolloverAsset(FinosInput):
    asset_code: str
    cash_amount: Decimal | None = Field(None, alias="CashAmount")  # sic: the provider's casing


class RolloverRequest(FinosInput):
    """`POST /v1/rollovers`."""

    ira_account_id: str
    direction: Literal["in", "out"] = "in"
    extent: Literal["full", "partial"]
    indirect: bool = False
    processing_method: str = "ACATS"
    custodian: Custodian
    source_account_number: str
    source_account_type: str
    source_account_inherited: bool = False
    cash_amount: Decimal | None = None
    tax_year: int
    description: str
    assets: list[RolloverAsset] = []
