"""Mortgages: Finmo (Canadian applications, CAD) and Molo (UK buy-to-let, GBP).

Public surface: the Node and Quote types (TYPES, for node() and the schema),
MortgagesQuery, NODE_LOADERS, the people directories and the borrower link.
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

TYPES: list[type] = [
    Application,
    Team,
    Broker,
    MaxLoanQuote,
    MortgageAsset,
    MortgageIncome,
    MortgageLiability,
    MortgageProperty,
    MortgageInformation,
]

__all__ = [
    "TYPES",
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
