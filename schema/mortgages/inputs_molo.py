"""The Molo mutations' inputs, each with the checks it passes before any call.

From Molo's reference: amounts are GBP "up to 11 digits long, including 2
decimal places"; mortgage and borrower types and titles are fixed choices;
`taxable_income` is £30,000 to £999,999,999 (the range the max-loan
calculation documents, which the sandbox applies to applicants too); a mobile
is "in the form +441615676878"; `is_privacy_policy_accepted` and
`allow_soft_credit_search` must be true. The gateway's own choices where the
reference is silent (the sandbox's too): amounts at least £1, a loan term of 1
to 40 years, an address needs street, postal and town, a birth date is past.
"One and only one lead applicant" needs the application's applicants: it is
checked with reads just before the write (mutations_applicants).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry

from ..refs import ApplicationRef, NotRef
from . import enums
from .validation import Problems

# the caller's own label, kept by Molo: it names no record of anyone else
Label = Annotated[str, NotRef("the caller's own label for their lead, stored as given")]

MAX_AMOUNT = Decimal("999999999.99")  # 11 digits, 2 of them decimal places
INCOME_FLOOR = Decimal(30_000)
INCOME_CEILING = Decimal(999_999_999)
APPLICATION_FIELDS = {
    "mortgage_type": "mortgageType",
    "borrower_type": "borrowerType",
    "desired_loan_amount": "desiredLoanAmount",
    "loan_term": "loanTerm",
    "property_value": "propertyValue",
    "monthly_rent": "monthlyRent",
    "reference_id": "referenceId",
}


def gbp(problems: Problems, path: str, value: Decimal | None, *, required: bool = True) -> None:
    problems.amount(path, value, low=Decimal(1), high=MAX_AMOUNT, required=required)


def application_id(problems: Problems, value: str) -> None:
    problems.global_id("applicationId", value, "Application", "molo")


def check_types(
    problems: Problems,
    mortgage: enums.MortgagePurpose | None,
    borrower: enums.MortgageBorrowerType | None,
) -> None:
    if mortgage is not None and mortgage not in enums.MOLO_MORTGAGE_TYPE_OF:
        allowed = ", ".join(p.name for p in enums.MOLO_MORTGAGE_TYPE_OF)
        problems.add("mortgageType", f"mortgageType must be one of {allowed}.")
    if borrower is not None and borrower not in enums.MOLO_BORROWER_TYPE_OF:
        allowed = ", ".join(b.name for b in enums.MOLO_BORROWER_TYPE_OF)
        problems.add("borrowerType", f"borrowerType must be one of {allowed}.")


def check_figures(
    problems: Problems,
    data: CreateMortgageApplicationInput | UpdateMortgageApplicationInput,
    *,
    required: bool,
) -> None:
    gbp(problems, "desiredLoanAmount", data.desired_loan_amount, required=required)
    gbp(problems, "propertyValue", data.property_value, required=False)
    gbp(problems, "monthlyRent", data.monthly_rent, required=False)
    problems.integer("loanTerm", data.loan_term, low=1, high=40, unit="years")
    problems.text("referenceId", data.reference_id, required=False)


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

    def check(self) -> Problems:
        problems = Problems()
        check_types(problems, self.mortgage_type, self.borrower_type)
        check_figures(problems, self, required=True)
        return problems


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

    def check(self) -> Problems:
        problems = Problems()
        application_id(problems, self.application_id)
        check_types(problems, self.mortgage_type, self.borrower_type)
        check_figures(problems, self, required=False)
        if all(getattr(self, name) is None for name in APPLICATION_FIELDS):
            problems.add(None, "Give at least one field to change.", "REQUIRED")
        return problems


@strawberry.input(description="Molo: ask for a decision in principle (a soft credit search).")
class RequestDecisionInPrincipleInput:
    application_id: ApplicationRef
    allow_soft_credit_search: bool = strawberry.field(description="Must be true.")
    idempotency_key: str | None = None

    def check(self) -> Problems:
        problems = Problems()
        application_id(problems, self.application_id)
        if not self.allow_soft_credit_search:
            problems.add(
                "allowSoftCreditSearch",
                "allowSoftCreditSearch must be true: Molo decides only after a soft credit search.",
                "REQUIRED",
            )
        return problems
