"""The Finmo client (Canadian mortgage broker platform, CAD)."""

from __future__ import annotations

from .client import FinmoClient
from .inputs import (
    AddressInput,
    AssetInput,
    IncomeInput,
    LiabilityInput,
    MortgageInformationInput,
    NewApplicant,
    PropertyInput,
)
from .records import (
    Address,
    Applicant,
    ApplicantKeys,
    Application,
    ApplicationKeys,
    Applications,
    Asset,
    Borrower,
    Broker,
    BrokerRef,
    Income,
    Invitation,
    Liability,
    MortgageInformation,
    Property,
    Team,
    TeamRef,
)

__all__ = [
    "Address",
    "AddressInput",
    "Applicant",
    "ApplicantKeys",
    "Application",
    "ApplicationKeys",
    "Applications",
    "Asset",
    "AssetInput",
    "Borrower",
    "Broker",
    "BrokerRef",
    "FinmoClient",
    "Income",
    "IncomeInput",
    "Invitation",
    "Liability",
    "LiabilityInput",
    "MortgageInformation",
    "MortgageInformationInput",
    "NewApplicant",
    "Property",
    "PropertyInput",
    "Team",
    "TeamRef",
]
