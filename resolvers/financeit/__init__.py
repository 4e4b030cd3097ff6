"""FinanceIt (Canadian point-of-sale consumer loans): client, token flow and records."""

from __future__ import annotations

from .auth import FinanceItTokenSource
from .client import FinanceItClient
from .records import (
    Borrower,
    Calculation,
    CommissionTotals,
    CustomizedLink,
    DirectInvite,
    Loan,
    LoanOption,
    LoanPage,
    LoanPromoProgram,
    Partner,
    PromoProgram,
    SingleAccessLink,
    Subvertical,
    TokenGrant,
)

__all__ = [
    "Borrower",
    "Calculation",
    "CommissionTotals",
    "CustomizedLink",
    "DirectInvite",
    "FinanceItClient",
    "FinanceItTokenSource",
    "Loan",
    "LoanOption",
    "LoanPage",
    "LoanPromoProgram",
    "Partner",
    "PromoProgram",
    "SingleAccessLink",
    "Subvertical",
    "TokenGrant",
]
