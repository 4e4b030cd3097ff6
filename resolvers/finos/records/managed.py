"""Managed-account reference data and the rest: asset classes, portfolios, rollovers,
statements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from .common import FinosRecord


class AssetClass(FinosRecord):
    id: str
    name: str | None = None
    primary: str | None = None
    secondary: list[str] = []


class Allocation(FinosRecord):
    asset_class_id: str
    weight: Decimal


class Portfolio(FinosRecord):
    id: str
    name: str | None = None
    allocations: list[Allocation] = []


class Rollover(FinosRecord):
    """`POST /v1/rollovers` and `GET /v1/rollovers/{id}` answer at least id and status."""

    id: str
    status: str | None = None
    ira_account_id: str | None = None
    direction: str | None = None
    extent: str | None = None
    cash_amount: Decimal | None = None
    tax_year: int | None = None
    created_at: datetime | None = None


class Statement(FinosRecord):
    """`GET /v1/statements/{id}`: a signed download URL."""

    id: str
    url: str | None = None
    account_id: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    created_at: datetime | None = None
