"""The rules a Molo application write's input meets before any call, over `Checks`.

From Molo's reference: amounts are GBP "up to 11 digits long, including 2
decimal places"; mortgage and borrower types are fixed choices. The gateway's
own choices where the reference is silent (the sandbox's too): amounts at
least £1, a loan term of 1 to 40 years. A decision in principle needs the
applicant's consent to a soft credit search. The applicants' rules are
validation_molo_applicants.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from ..checks import Checks
from .choices import MOLO_BORROWER_TYPES, MOLO_MORTGAGE_TYPES
from .molo_fields import APPLICATION_FIELDS, ApplicationFields
from .validation import amount, global_id, integer, text

MAX_AMOUNT = Decimal("999999999.99")  # 11 digits, 2 of them decimal places
MOLO = "molo"


class OnApplication(Protocol):
    @property
    def application_id(self) -> str: ...


class DecisionFields(OnApplication, Protocol):
    @property
    def allow_soft_credit_search(self) -> bool: ...


def gbp(checks: Checks, path: str, value: Decimal | None, *, required: bool = True) -> None:
    amount(checks, path, value, low=Decimal(1), high=MAX_AMOUNT, required=required)


def application_id(checks: Checks, value: str) -> None:
    global_id(checks, "applicationId", value, "Application", MOLO)


def _types(checks: Checks, data: ApplicationFields) -> None:
    mortgage, borrower = data.mortgage_type, data.borrower_type
    if mortgage is not None and mortgage.name not in MOLO_MORTGAGE_TYPES:
        checks.add("mortgageType", f"mortgageType must be one of {', '.join(MOLO_MORTGAGE_TYPES)}.")
    if borrower is not None and borrower.name not in MOLO_BORROWER_TYPES:
        checks.add("borrowerType", f"borrowerType must be one of {', '.join(MOLO_BORROWER_TYPES)}.")


def _figures(checks: Checks, data: ApplicationFields, *, required: bool) -> None:
    gbp(checks, "desiredLoanAmount", data.desired_loan_amount, required=required)
    gbp(checks, "propertyValue", data.property_value, required=False)
    gbp(checks, "monthlyRent", data.monthly_rent, required=False)
    integer(checks, "loanTerm", data.loan_term, low=1, high=40, unit="years")
    text(checks, "referenceId", data.reference_id, required=False)


def new_application(checks: Checks, data: ApplicationFields) -> None:
    _types(checks, data)
    _figures(checks, data, required=True)


class ApplicationChange(ApplicationFields, OnApplication, Protocol):
    """updateMortgageApplication: the application and the fields to change."""


def application_change(checks: Checks, data: ApplicationChange) -> None:
    application_id(checks, data.application_id)
    _types(checks, data)
    _figures(checks, data, required=False)
    if all(getattr(data, name) is None for name in APPLICATION_FIELDS):
        checks.add(None, "Give at least one field to change.", "REQUIRED")


def decision_request(checks: Checks, data: DecisionFields) -> None:
    application_id(checks, data.application_id)
    if not data.allow_soft_credit_search:
        checks.add(
            "allowSoftCreditSearch",
            "allowSoftCreditSearch must be true: Molo decides only after a soft credit search.",
            "REQUIRED",
        )
