"""The Finos client (US brokerage): users, KYC, accounts, funding, orders, market data,
managed-account reference data, rollovers, statements and webhooks."""

from __future__ import annotations

from .client import FinosClient
from .inputs import (
    AccountProfile,
    Custodian,
    CustodianAddress,
    CustodianPhone,
    PersonDetails,
    RolloverAsset,
    RolloverRequest,
)
from .market import ChartRange
from .records.accounts import Account, AccountHolder, AccountSettings, Position, Transaction
from .records.common import Deleted, FinosRecord, Page
from .records.funding import BankAccount, Deposit, Transfer, Withdrawal
from .records.managed import Allocation, AssetClass, Portfolio, Rollover, Statement
from .records.market import ChartPoint, Quote, StockStats
from .records.orders import Order, OrderCancellation, OrderSide, OrderType
from .records.users import (
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
from .records.webhooks import Webhook, WebhookConfig

__all__ = [
    "Account",
    "AccountHolder",
    "AccountProfile",
    "AccountSettings",
    "Allocation",
    "AssetClass",
    "BankAccount",
    "ChartPoint",
    "ChartRange",
    "Custodian",
    "CustodianAddress",
    "CustodianPhone",
    "Deleted",
    "Deposit",
    "FinosClient",
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
    "PersonDetails",
    "Portfolio",
    "Position",
    "Quote",
    "Rollover",
    "RolloverAsset",
    "RolloverRequest",
    "Statement",
    "StockStats",
    "Transaction",
    "Transfer",
    "User",
    "Webhook",
    "WebhookConfig",
    "Withdrawal",
]
