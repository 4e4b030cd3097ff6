"""Normalized Finos enums, each with a mapping from the provider's raw value.

Raw values stay readable beside them (`providerStatus`, `providerType`); a value
the mapping does not know becomes OTHER, never an error.
"""

from __future__ import annotations

import enum

import strawberry

from ..errors import BadInput


@strawberry.enum(description="Where a Finos trade order is in its lifecycle.")
class OrderStatus(enum.Enum):
    ACCEPTED = "accepted"
    NEW = "new"
    PARTIALLY_FILLED = "partially_filled"
    FILLED = "filled"
    CANCELLED = "canceled"
    REJECTED = "rejected"
    EXPIRED = "expired"
    OTHER = "other"


@strawberry.enum(description="Which orders a list shows when no single status is asked.")
class OrderScope(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"
    ALL = "all"


@strawberry.enum
class OrderSide(enum.Enum):
    BUY = "buy"
    SELL = "sell"
    OTHER = "other"


@strawberry.enum
class OrderType(enum.Enum):
    MARKET = "market"
    LIMIT = "limit"
    STOP = "stop"
    STOP_LIMIT = "stop_limit"
    OTHER = "other"


@strawberry.enum(
    description="An account's standing. Finos accounts carry no status of their own: it is "
    "the owner's KYC status, which gates funding and trading."
)
class AccountStatus(enum.Enum):
    ACTIVE = "active"
    PENDING = "pending"
    REJECTED = "rejected"
    OTHER = "other"


@strawberry.enum
class AccountOwnership(enum.Enum):
    INDIVIDUAL = "individual"
    JOINT = "joint"
    OTHER = "other"


@strawberry.enum
class AccountType(enum.Enum):
    CASH = "cash"
    INVESTMENT = "investment"
    OTHER = "other"


@strawberry.enum(description="What an account transaction is: an ACH transfer or a trade.")
class TransactionType(enum.Enum):
    DEPOSIT = "deposit"
    WITHDRAWAL = "withdrawal"
    TRADE = "trade"
    OTHER = "other"


@strawberry.enum(description="An ACH deposit or withdrawal's progress.")
class TransferStatus(enum.Enum):
    PENDING = "pending"
    COMPLETE = "complete"
    FAILED = "failed"
    CANCELLED = "canceled"
    OTHER = "other"


@strawberry.enum(
    description="Whether an account transaction went through: a transfer's or a trade's "
    "status, on one scale."
)
class TransactionStatus(enum.Enum):
    PENDING = "pending"
    COMPLETE = "complete"
    CANCELLED = "canceled"
    FAILED = "failed"
    OTHER = "other"


@strawberry.enum(description="A chart's time range (1d is IEX-only data by minute).")
class ChartRange(enum.Enum):
    FIVE_YEARS = "5y"
    TWO_YEARS = "2y"
    ONE_YEAR = "1y"
    YEAR_TO_DATE = "ytd"
    SIX_MONTHS = "6m"
    THREE_MONTHS = "3m"
    ONE_MONTH = "1m"
    ONE_DAY = "1d"


# Finos user (KYC) statuses -> the account's standing
_ACCOUNT_STATUS = {
    "active": AccountStatus.ACTIVE,
    "approved": AccountStatus.ACTIVE,
    "action_required": AccountStatus.PENDING,
    "pending_review": AccountStatus.PENDING,
    "pending": AccountStatus.PENDING,
    "rejected": AccountStatus.REJECTED,
}
_TRANSFER_STATUS = {
    "pending": TransferStatus.PENDING,
    "complete": TransferStatus.COMPLETE,
    "completed": TransferStatus.COMPLETE,
    "failed": TransferStatus.FAILED,
    "canceled": TransferStatus.CANCELLED,
    "cancelled": TransferStatus.CANCELLED,
}
_TRANSACTION_STATUS = {
    "pending": TransactionStatus.PENDING,
    "accepted": TransactionStatus.PENDING,
    "new": TransactionStatus.PENDING,
    "partially_filled": TransactionStatus.PENDING,
    "complete": TransactionStatus.COMPLETE,
    "completed": TransactionStatus.COMPLETE,
    "filled": TransactionStatus.COMPLETE,
    "canceled": TransactionStatus.CANCELLED,
    "cancelled": TransactionStatus.CANCELLED,
    "failed": TransactionStatus.FAILED,
    "rejected": TransactionStatus.FAILED,
    "expired": TransactionStatus.FAILED,
}


def _clean(value: str | None) -> str:
    return (value or "").strip().lower()


def order_status(value: str | None) -> OrderStatus:
    raw = _clean(value)
    if raw == "cancelled":
        return OrderStatus.CANCELLED
    try:
        found = OrderStatus(raw)
    except ValueError:
        return OrderStatus.OTHER
    return found


def order_side(value: str | None) -> OrderSide:
    return {"buy": OrderSide.BUY, "sell": OrderSide.SELL}.get(_clean(value), OrderSide.OTHER)


def order_type(value: str | None) -> OrderType:
    try:
        found = OrderType(_clean(value).replace("-", "_"))
    except ValueError:
        return OrderType.OTHER
    return found


def account_status(value: str | None) -> AccountStatus:
    return _ACCOUNT_STATUS.get(_clean(value), AccountStatus.OTHER)


def account_ownership(value: str | None) -> AccountOwnership:
    raw = _clean(value)
    if raw in ("individual", "single"):  # the reference's update example answers "single"
        return AccountOwnership.INDIVIDUAL
    return AccountOwnership.JOINT if raw == "joint" else AccountOwnership.OTHER


def account_type(value: str | None) -> AccountType:
    return {"cash": AccountType.CASH, "investment": AccountType.INVESTMENT}.get(
        _clean(value), AccountType.OTHER
    )


def transaction_type(value: str | None) -> TransactionType:
    raw = _clean(value)
    if raw == "order":  # the reference's example calls a trade "order", its table "trade"
        return TransactionType.TRADE
    try:
        found = TransactionType(raw)
    except ValueError:
        return TransactionType.OTHER
    return found


def transfer_status(value: str | None) -> TransferStatus:
    return _TRANSFER_STATUS.get(_clean(value), TransferStatus.OTHER)


def transaction_status(value: str | None) -> TransactionStatus:
    return _TRANSACTION_STATUS.get(_clean(value), TransactionStatus.OTHER)


def order_filter(status: OrderStatus | None, scope: OrderScope) -> str:
    """The `status` a Finos order list is asked with: one status, or a scope."""
    if status is None:
        return str(scope.value)
    if status is OrderStatus.OTHER:
        raise BadInput("status OTHER cannot be filtered on: ask for a scope instead")
    return str(status.value)
