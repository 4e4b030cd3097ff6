"""What the mortgages mutations answer: the affected object (null when refused)
and `userErrors`. Each payload is rebuilt from the JSON its write kept, so a
replay answers the same payload without an upstream call."""

from __future__ import annotations

import strawberry

from ..writes import UserError
from .applicants import DecisionInPrinciple, MortgageApplicant
from .details import (
    MortgageAsset,
    MortgageIncome,
    MortgageInformation,
    MortgageLiability,
    MortgageProperty,
)
from .types import Application


@strawberry.type
class CreateApplicationPayload:
    application: Application | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AddAssetPayload:
    asset: MortgageAsset | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AddIncomePayload:
    income: MortgageIncome | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AddLiabilityPayload:
    liability: MortgageLiability | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AddPropertyPayload:
    property: MortgageProperty | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class SetMortgageInformationPayload:
    mortgage_information: MortgageInformation | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class CreateMortgageApplicationPayload:
    application: Application | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UpdateMortgageApplicationPayload:
    application: Application | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RequestDecisionInPrinciplePayload:
    decision_in_principle: DecisionInPrinciple | None = None
    application: Application | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class AddApplicantPayload:
    applicant: MortgageApplicant | None = None
    application: Application | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class UpdateApplicantPayload:
    applicant: MortgageApplicant | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ReplaceApplicantPayload:
    applicant: MortgageApplicant | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class RemoveApplicantPayload:
    removed_applicant_id: strawberry.ID | None = strawberry.field(
        default=None, description="The Borrower id of the applicant removed."
    )
    application: Application | None = strawberry.field(
        default=None, description="The application after the removal."
    )
    user_errors: list[UserError] = strawberry.field(default_factory=list)
