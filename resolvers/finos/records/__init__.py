"""Typed Finos payloads (pydantic, extra fields kept), by domain."""

from __future__ import annotations

from .accounts import Account, AccountHolder, AccountSettings, Position, Transaction
from .common import Deleted, FinosRecord, Page
from .funding import BankAccount, Deposit, Transfer, Withdrawal
from .managed import Allocation, AssetClass, Portfolio, Rollover, Statement
from .market import ChartPoint, Quote, StockStats
from .orders import Order, OrderCancellation, OrderSide, OrderType
from .users import (
    KycAnswerChoice,
    KycDocument,
    KycDocumentNote,
    KycOutcome,
    KycPrompt,
    KycQuestion,
    KycRequirement,
    KycResult,
    User,
)
from .webhooks import Webhook, WebhookConfig

__all__ = [
    "Account",
    "AccountHolder",
    "AccountSettings",
    "Allocation",
    "AssetClass",
    "BankAccount",
    "ChartPoint",
    "Deleted",
    "Deposit",
    "FinosRecord",
    "KycAnswerChoice",
    "KycDocument",
    "KycDocumentNote",
    "KycOutcome",
    "KycPrompt",
    "KycQuestion",
    "KycRequirement",
    "KycResult",
    "Order",
    "OrderCancellation",
    "OrderSide",
    "OrderType",
    "Page",
    "Portfolio",
    "Position",
    "Quote",
    "Rollover",
    "Statement",
    "StockStats",
    "Transaction",
    "Transfer",
    "User",
    "Webhook",
    "WebhookConfig",
    "Withdrawal",
]
