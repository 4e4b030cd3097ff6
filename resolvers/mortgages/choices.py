"""The values Finmo and Molo accept for the mortgages inputs' choice fields.

The normalized choices (the schema's enums: MortgagePurpose, MortgageBorrowerType)
are keyed here by their names, each with the provider's own value; the schema's
enum tables are built from these (schema.mortgages.enums), so the two never drift.
Finmo's detail choices are the sandbox's (its reference gives no payloads).
"""

from __future__ import annotations

from typing import Protocol


class Named(Protocol):
    """A choice as the client gave it: an enum member (only its name is read)."""

    @property
    def name(self) -> str: ...


# normalized purpose -> Finmo `goal`
FINMO_GOALS = {
    "PURCHASE": "purchase",
    "PRE_APPROVAL": "pre_approval",
    "REFINANCE": "refinance",
    "RENEWAL": "renewal",
    "SWITCH": "switch",
}
# normalized purpose -> Molo `mortgage_type`; borrower type -> Molo `borrower_type`
MOLO_MORTGAGE_TYPES = {
    "PURCHASE": "new_purchase",
    "REMORTGAGE": "remortgage_current",
    "REMORTGAGE_AND_BORROW": "remortgage_and_borrow",
}
MOLO_BORROWER_TYPES = {
    "INDIVIDUAL": "individual_borrower",
    "LIMITED_COMPANY": "ltd_company",
}

ASSET_TYPES = (
    "cash_savings",
    "chequing",
    "rrsp",
    "tfsa",
    "investments",
    "vehicle",
    "gift",
    "other",
)
INCOME_TYPES = ("employed", "self_employed", "pension", "rental", "investment", "other")
INCOME_PERIODS = ("annually", "monthly", "semi_monthly", "biweekly", "weekly")
LIABILITY_TYPES = (
    "credit_card", "line_of_credit", "auto_loan", "student_loan", "personal_loan", "other",
)  # fmt: skip
PROPERTY_TYPES = ("detached", "semi_detached", "townhouse", "condo", "duplex", "other")
OCCUPANCIES = ("owner_occupied", "rental", "second_home", "owner_occupied_and_rental")
PROVINCES = (
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
)  # fmt: skip
RATE_TYPES = ("fixed", "variable", "adjustable")
