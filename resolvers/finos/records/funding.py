"""Funding records: linked bank accounts, ACH deposits and withdrawals."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from .common import FinosRecord


class BankAccount(FinosRecord):
    id: str
    user_id: str | None = None
    bank_account_number: str | None = None
    bank_routing_number: str | None = None
    default: bool | None = None
    bank_account_nickname: str | None = None
    created_at: datetime | None = None


class Transfer(FinosRecord):
    """An ACH transfer; create answers id, account_id and status only."""

    id: str
    account_id: str | None = None
    bank_account_id: str | None = None
    amount: Decimal | None = None
    status: str | None = None
    created_at: datetime | None = None
    completed_at: datetime | None = None


class Deposit(Transfer):
    """`/v1/deposits`."""


class Withdrawal(Transfer):
    """`/v1/withdrawal`."""
