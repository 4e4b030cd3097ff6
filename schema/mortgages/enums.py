"""The mortgages domain's normalized enums and how each provider's values map to them.

Raw values stay readable next to each enum (`providerStatus`, `providerPurpose`,
`providerBorrowerType`); a value no table knows maps to OTHER, never to an error.
"""

from __future__ import annotations

import enum

import strawberry

from resolvers.mortgages.choices import FINMO_GOALS, MOLO_BORROWER_TYPES, MOLO_MORTGAGE_TYPES


@strawberry.enum(description="Where an application stands, the same words for Finmo and Molo.")
class ApplicationStatus(enum.Enum):
    DRAFT = "DRAFT"
    INVITED = "INVITED"
    IN_PROGRESS = "IN_PROGRESS"
    SUBMITTED = "SUBMITTED"
    PENDING_DECISION = "PENDING_DECISION"
    APPROVED = "APPROVED"
    FUNDED = "FUNDED"
    CLOSED = "CLOSED"
    DECLINED = "DECLINED"
    OTHER = "OTHER"


@strawberry.enum(description="What the mortgage is for (Finmo `goal`, Molo `mortgage_type`).")
class MortgagePurpose(enum.Enum):
    PURCHASE = "PURCHASE"
    PRE_APPROVAL = "PRE_APPROVAL"
    REFINANCE = "REFINANCE"
    RENEWAL = "RENEWAL"
    SWITCH = "SWITCH"
    REMORTGAGE = "REMORTGAGE"
    REMORTGAGE_AND_BORROW = "REMORTGAGE_AND_BORROW"
    OTHER = "OTHER"


@strawberry.enum(description="Who borrows (Molo `borrower_type`).")
class MortgageBorrowerType(enum.Enum):
    INDIVIDUAL = "INDIVIDUAL"
    LIMITED_COMPANY = "LIMITED_COMPANY"
    OTHER = "OTHER"


@strawberry.enum(description="A Molo decision in principle, from the application's status.")
class DecisionStatus(enum.Enum):
    NOT_REQUESTED = "NOT_REQUESTED"
    PENDING = "PENDING"
    VALID = "VALID"
    DENIED = "DENIED"
    DENIED_KYC = "DENIED_KYC"
    OTHER = "OTHER"


FINMO_STATUS = {
    "draft": ApplicationStatus.DRAFT,
    "invited": ApplicationStatus.INVITED,
    "in_progress": ApplicationStatus.IN_PROGRESS,
    "submitted": ApplicationStatus.SUBMITTED,
    "approved": ApplicationStatus.APPROVED,
    "funded": ApplicationStatus.FUNDED,
    "closed": ApplicationStatus.CLOSED,
    "declined": ApplicationStatus.DECLINED,
}

MOLO_STATUS = {
    "stored": ApplicationStatus.IN_PROGRESS,  # the default: filled in, no decision asked yet
    "pending_decision": ApplicationStatus.PENDING_DECISION,
    "valid": ApplicationStatus.APPROVED,  # decision in principle valid
    "denied_dip": ApplicationStatus.DECLINED,
    "denied_dip_kyc": ApplicationStatus.DECLINED,
    # in the reference's own sample, not in its enum: a valid DIP awaiting a product
    "pending_product_selection": ApplicationStatus.APPROVED,
}

MOLO_DECISION = {
    "stored": DecisionStatus.NOT_REQUESTED,
    "pending_decision": DecisionStatus.PENDING,
    "valid": DecisionStatus.VALID,
    "pending_product_selection": DecisionStatus.VALID,
    "denied_dip": DecisionStatus.DENIED,
    "denied_dip_kyc": DecisionStatus.DENIED_KYC,
}

# the provider values the inputs take (resolvers.mortgages.choices), read back as enums
FINMO_PURPOSE = {raw: MortgagePurpose[name] for name, raw in FINMO_GOALS.items()}
MOLO_PURPOSE = {raw: MortgagePurpose[name] for name, raw in MOLO_MORTGAGE_TYPES.items()}
MOLO_BORROWER_TYPE = {raw: MortgageBorrowerType[name] for name, raw in MOLO_BORROWER_TYPES.items()}


def finmo_status(raw: str) -> ApplicationStatus:
    return FINMO_STATUS.get(raw, ApplicationStatus.OTHER)


def molo_status(raw: str) -> ApplicationStatus:
    return MOLO_STATUS.get(raw, ApplicationStatus.OTHER)


def finmo_purpose(raw: str | None) -> MortgagePurpose:
    return FINMO_PURPOSE.get(raw or "", MortgagePurpose.OTHER)


def molo_purpose(raw: str | None) -> MortgagePurpose:
    return MOLO_PURPOSE.get(raw or "", MortgagePurpose.OTHER)


def molo_borrower_type(raw: str | None) -> MortgageBorrowerType | None:
    if raw is None:
        return None
    return MOLO_BORROWER_TYPE.get(raw, MortgageBorrowerType.OTHER)


def molo_decision(raw: str) -> DecisionStatus:
    return MOLO_DECISION.get(raw, DecisionStatus.OTHER)
