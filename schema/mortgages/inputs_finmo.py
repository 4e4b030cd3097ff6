"""The Finmo mutations' inputs: their fields only.

The rules each input passes before any call are resolvers.mortgages.validation_finmo;
the choices named in the descriptions are resolvers.mortgages.choices (Finmo's
detail fields and choices are the sandbox's: its reference gives no payloads).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from resolvers.mortgages.choices import (
    ASSET_TYPES,
    INCOME_PERIODS,
    INCOME_TYPES,
    LIABILITY_TYPES,
    OCCUPANCIES,
    PROPERTY_TYPES,
    RATE_TYPES,
)

from ..refs import ApplicationRef, BorrowerRef, BrokerRef, EmailRef, NotRef, TeamRef
from . import enums


@strawberry.input(description="A new borrower to invite (Finmo `applicant`).")
class FinmoNewApplicantInput:
    first_name: str
    last_name: str
    email: EmailRef
    phone_number: Annotated[str, NotRef("a phone number, no record")] = strawberry.field(
        description="Ten digits, North American."
    )


@strawberry.input(description="Finmo: a new application, inviting a new or an existing borrower.")
class CreateApplicationInput:
    team_id: TeamRef = strawberry.field(description="A Finmo Team id.")
    team_members: list[BrokerRef] = strawberry.field(description="Broker ids (1 to 10).")
    applicant: FinmoNewApplicantInput | None = strawberry.field(
        default=None, description="A new borrower to invite; or give applicantId."
    )
    applicant_id: BorrowerRef | None = strawberry.field(
        default=None, description="A Finmo Borrower id of that team; or give applicant."
    )
    send_invite: bool = False
    send_sms: bool = strawberry.field(
        default=False, name="sendSMS", description="Also invite by SMS (needs sendInvite)."
    )
    goal: enums.MortgagePurpose = strawberry.field(
        default=enums.MortgagePurpose.PURCHASE,
        description="PURCHASE, PRE_APPROVAL, REFINANCE, RENEWAL or SWITCH.",
    )
    idempotency_key: str | None = None


@strawberry.input(description="Finmo: an asset of an applicant (CAD).")
class AddAssetInput:
    application_id: ApplicationRef
    type: str = strawberry.field(description=", ".join(ASSET_TYPES))
    value: Decimal
    applicant_id: BorrowerRef | None = strawberry.field(
        default=None, description="A Borrower id on the application; null: the primary applicant."
    )
    description: str | None = None
    idempotency_key: str | None = None


@strawberry.input(description="Finmo: an income of an applicant, per period (CAD).")
class AddIncomeInput:
    application_id: ApplicationRef
    type: str = strawberry.field(description=", ".join(INCOME_TYPES))
    amount: Decimal
    period: str = strawberry.field(description=", ".join(INCOME_PERIODS))
    applicant_id: BorrowerRef | None = None
    employer_name: str | None = None
    idempotency_key: str | None = None


@strawberry.input(description="Finmo: a debt of an applicant (CAD).")
class AddLiabilityInput:
    application_id: ApplicationRef
    type: str = strawberry.field(description=", ".join(LIABILITY_TYPES))
    balance: Decimal
    monthly_payment: Decimal
    applicant_id: BorrowerRef | None = None
    lender: str | None = None
    credit_limit: Decimal | None = None
    idempotency_key: str | None = None


@strawberry.input(description="A Canadian address (Finmo).")
class FinmoAddressInput:
    street: str
    city: str
    province: str = strawberry.field(description="Two letters: ON, QC, BC...")
    postal_code: str = strawberry.field(description="Like K1A 0B1.")


@strawberry.input(description="Finmo: a property on the application (CAD).")
class AddPropertyInput:
    application_id: ApplicationRef
    address: FinmoAddressInput
    property_type: str = strawberry.field(description=", ".join(PROPERTY_TYPES))
    occupancy: str = strawberry.field(description=", ".join(OCCUPANCIES))
    value: Decimal
    is_subject_property: bool = False
    idempotency_key: str | None = None


@strawberry.input(description="Finmo: the mortgage asked for; replaces what the application had.")
class SetMortgageInformationInput:
    application_id: ApplicationRef
    loan_amount: Decimal
    amortization_years: int = strawberry.field(description="1 to 35.")
    term_months: int = strawberry.field(description="6 to 120.")
    rate_type: str = strawberry.field(description=", ".join(RATE_TYPES))
    purchase_price: Decimal | None = None
    down_payment: Decimal | None = strawberry.field(
        default=None, description="Less than purchasePrice."
    )
    interest_rate: Decimal | None = strawberry.field(
        default=None, description="Percent a year, above 0 and at most 30."
    )
    closing_date: date | None = None
    idempotency_key: str | None = None
