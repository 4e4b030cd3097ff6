"""Molo (UK buy-to-let mortgages, GBP): the client, its OAuth flow and its records."""

from __future__ import annotations

from .auth import MoloTokenSource, token_store_key
from .client import MoloClient
from .records import (
    CURRENCY,
    Address,
    AddressInput,
    Applicant,
    ApplicantInput,
    ApplicantPatch,
    ApplicantUpdate,
    Application,
    ApplicationInput,
    ApplicationPatch,
    ApplicationStatus,
    ApplicationSummary,
    BorrowerType,
    Created,
    Decision,
    DecisionInPrinciple,
    MaxLoan,
    MaxLoanInput,
    MortgageType,
    Title,
    TokenGrant,
)

__all__ = [
    "CURRENCY",
    "Address",
    "AddressInput",
    "Applicant",
    "ApplicantInput",
    "ApplicantPatch",
    "ApplicantUpdate",
    "Application",
    "ApplicationInput",
    "ApplicationPatch",
    "ApplicationStatus",
    "ApplicationSummary",
    "BorrowerType",
    "Created",
    "Decision",
    "DecisionInPrinciple",
    "MaxLoan",
    "MaxLoanInput",
    "MoloClient",
    "MoloTokenSource",
    "MortgageType",
    "Title",
    "TokenGrant",
    "token_store_key",
]
