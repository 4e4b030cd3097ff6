"""FinanceIt's vocabularies as GraphQL enums, and how provider values map onto them.

Loan states: the reference documents the `state` filters of GET /loans but
not the states a loan takes; the states below are the ones those filters
name (pending, ready_for_funding, disbursed, closed, declined, aborted).
Anything else a loan says is OTHER, and the raw value stays readable as
`Loan.providerStatus`.
"""

from __future__ import annotations

import enum

import strawberry


@strawberry.enum(description="A FinanceIt loan's state, normalized (raw value: providerStatus).")
class LoanStatus(enum.Enum):
    PENDING = "pending"
    READY_FOR_FUNDING = "ready_for_funding"
    DISBURSED = "disbursed"
    CLOSED = "closed"
    DECLINED = "declined"
    ABORTED = "aborted"
    OTHER = "other"

    @classmethod
    def from_financeit(cls, state: str | None) -> LoanStatus:
        try:
            return cls((state or "").strip().lower())
        except ValueError:
            return cls.OTHER


@strawberry.enum(description="The `state` filter of FinanceIt's loan list.")
class LoanStateFilter(enum.Enum):
    ALL = "all"
    ACTIVE = "active"
    PENDING_OR_DISBURSED = "pending_or_disbursed"
    PENDING = "pending"
    READY_FOR_FUNDING = "ready_for_funding"
    DISBURSED_OR_CLOSED = "disbursed_or_closed"
    DECLINED = "declined"
    ABORTED = "aborted"


@strawberry.enum(description="How often a payment falls due.")
class PaymentFrequency(enum.Enum):
    MONTHLY = "m"
    BIWEEKLY = "f"
    WEEKLY = "w"

    @classmethod
    def from_financeit(cls, value: str | None) -> PaymentFrequency | None:
        """FinanceIt's m/f/w; None for anything else (the raw value stays readable)."""
        try:
            return cls((value or "").strip().lower())
        except ValueError:
            return None


@strawberry.enum(description="FinanceIt's verticals (lines of business).")
class LoanVertical(enum.Enum):
    HOME_IMPROVEMENT = "Home Improvement"
    RETAIL = "Retail"
    POWER = "Power"
    MARINE = "Marine"
    RECREATIONAL_VEHICLE = "Recreational Vehicle"

    @classmethod
    def from_financeit(cls, value: str | None) -> LoanVertical | None:
        try:
            return cls(value)
        except ValueError:
            return None


@strawberry.enum(description="Canadian province or territory (FinanceIt's region_code).")
class LoanRegionCode(enum.Enum):
    AB = "AB"
    BC = "BC"
    MB = "MB"
    NB = "NB"
    NL = "NL"
    NS = "NS"
    NT = "NT"
    NU = "NU"
    ON = "ON"
    PE = "PE"
    QC = "QC"
    SK = "SK"
    YT = "YT"


@strawberry.enum(description="Who pays FinanceIt's dealer fee.")
class LoanFeePaidBy(enum.Enum):
    BORROWER = "borrower"
    PARTNER = "partner"

    @classmethod
    def from_financeit(cls, value: str | None) -> LoanFeePaidBy | None:
        try:
            return cls(value)
        except ValueError:
            return None
