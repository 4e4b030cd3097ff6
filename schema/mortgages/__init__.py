"""Mortgages: Finmo (Canadian applications, CAD) and Molo (UK buy-to-let, GBP).

Public surface: the Node and Quote types (each resolves its own ids:
Node.resolve_nodes), MortgagesQuery, the people directories and the borrower link.
"""

from __future__ import annotations

from .details import (
    MortgageAsset,
    MortgageIncome,
    MortgageInformation,
    MortgageLiability,
    MortgageProperty,
)
from .quotes import MaxLoanQuote
from .reference import Broker, Team
from .types import Application

__all__ = [
    "Application",
    "Broker",
    "MaxLoanQuote",
    "MortgageAsset",
    "MortgageIncome",
    "MortgageInformation",
    "MortgageLiability",
    "MortgageProperty",
    "Team",
]
