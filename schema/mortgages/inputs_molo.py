"""The Molo application mutations' inputs: their fields only.

The rules each input passes before any call (Molo's ranges and choices, and
the gateway's own where the reference is silent) are
resolvers.mortgages.validation_molo.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry

from ..refs import ApplicationRef, NotRef
from . import enums

# the caller's own label, kept by Molo: it names no record of anyone else
Label = Annotated[str, NotRef("the caller's own label for their lead, stored as given")]


@strawberry.input(description="Molo: a new buy-to-let application (GBP).")
class CreateMortgageApplicationInput:
    mortgage_type: enums.MortgagePurpose = strawberry.field(
        description="PURCHASE, REMORTGAGE or REMORTGAGE_AND_BORROW."
    )
    borrower_type: enums.MortgageBorrowerType = strawberry.field(
        description="INDIVIDUAL or LIMITED_COMPANY."
    )
    desired_loan_amount: Decimal = strawberry.field(description="£1 to £999,999,999.99.")
    loan_term: int = strawberry.field(description="Years, 1 to 40.")
    property_value: Decimal | None = None
    monthly_rent: Decimal | None = None
    reference_id: Label | None = strawberry.field(
        default=None, description="Your lead reference (also how a lost answer is found again)."
    )
    idempotency_key: str | None = None


@strawberry.input(description="Molo: change an application (only the fields given).")
class UpdateMortgageApplicationInput:
    application_id: ApplicationRef
    mortgage_type: enums.MortgagePurpose | None = None
    borrower_type: enums.MortgageBorrowerType | None = None
    desired_loan_amount: Decimal | None = None
    loan_term: int | None = None
    property_value: Decimal | None = None
    monthly_rent: Decimal | None = None
    reference_id: Label | None = None
    idempotency_key: str | None = None


@strawberry.input(description="Molo: ask for a decision in principle (a soft credit search).")
class RequestDecisionInPrincipleInput:
    application_id: ApplicationRef
    allow_soft_credit_search: bool = strawberry.field(description="Must be true.")
    idempotency_key: str | None = None
