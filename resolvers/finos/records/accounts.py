"""Brokerage account records: accounts, holders, positions, transactions, settings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from .common import FinosRecord


class AccountHolder(FinosRecord):
    """`owner` / `joint_member` of an account: the user's fields (the reference elides
    the object, so every field is optional; a joint member may have no user id)."""

    id: str | None = None
    status: str | None = None
    kyc_token: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email_address: str | None = None
    phone_number: str | None = None
    address_line_1: str | None = None
    address_line_2: str | None = None
    address_city: str | None = None
    address_state: str | None = None
    address_postal_code: str | None = None
    address_country_code: str | None = None
    created_at: datetime | None = None


class Account(FinosRecord):
    """`GET /v1/accounts/{id}`; create and update answer a subset of these."""

    id: str
    user_id: str | None = None
    account_number: str | None = None
    ownership: str | None = None
    account_type: str | None = None
    martial_status: str | None = None  # sic: the provider's spelling
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
    owner: AccountHolder | None = None
    joint_member: AccountHolder | None = None
    available_cash: Decimal | None = None
    portfolio_market_value: Decimal | None = None
    managed: bool | None = None
    portfolio_id: str | None = None
    created_at: datetime | None = None


class Position(FinosRecord):
    """`GET /v1/accounts/{id}/positions`: one open position; `asset_id` is its cursor."""

    asset_id: str
    symbol: str
    exchange: str | None = None
    average_purchase_price: Decimal | None = None
    quantity: Decimal
    side: str | None = None
    market_value: Decimal | None = None
    cost_basis: Decimal | None = None
    current_price: Decimal | None = None
    lastday_price: Decimal | None = None
    change_today: Decimal | None = None


class Transaction(FinosRecord):
    """`GET /v1/accounts/{id}/transactions`: the id of a deposit, withdrawal or order."""

    id: str
    type: str
    amount: Decimal | None = None
    status: str | None = None
    created_at: datetime | None = None


class AccountSettings(FinosRecord):
    """`PUT /v1/accounts/{id}/settings`."""

    id: str
    portfolio_id: str | None = None
    managed: bool | None = None
    min_cash_percent: Decimal | None = None
    max_cash_percent: Decimal | None = None
