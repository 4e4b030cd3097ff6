"""What a Molo write reads of its input, in Molo's names, and where Molo's names point.

Each Protocol is the shape of the inputs as the data layer reads them (the
schema's inputs are such objects). `application_fields` and `person_fields`
give the fields a client set in Molo's names and values (choices as Molo spells
them, text stripped); the maps turn Molo's names in a refusal into input paths.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from .choices import MOLO_BORROWER_TYPES, MOLO_MORTGAGE_TYPES, Named

APPLICATION_FIELDS = {
    "mortgage_type": "mortgageType",
    "borrower_type": "borrowerType",
    "desired_loan_amount": "desiredLoanAmount",
    "loan_term": "loanTerm",
    "property_value": "propertyValue",
    "monthly_rent": "monthlyRent",
    "reference_id": "referenceId",
}
DECISION_FIELDS = {"allow_soft_credit_search": "allowSoftCreditSearch"}
ADDRESS_FIELDS = {
    n: n.split("_")[0] + "".join(w.title() for w in n.split("_")[1:])
    for n in ("building_number", "street", "building_name", "sub_building_name", "postal", "town")
}
APPLICANT_FIELDS = {
    "application": "applicationId",
    "is_lead": "isLead",
    "taxable_income": "taxableIncome",
    "email": "email",
    "title": "title",
    "first_name": "firstName",
    "middle_name": "middleName",
    "last_name": "lastName",
    "date_of_birth": "dateOfBirth",
    "mobile": "mobile",
    "address": "address",
    "is_privacy_policy_accepted": "isPrivacyPolicyAccepted",
    **{f"address.{k}": f"address.{v}" for k, v in ADDRESS_FIELDS.items()},
}


class ApplicationFields(Protocol):
    """createMortgageApplication (every figure) or updateMortgageApplication (those given)."""

    @property
    def mortgage_type(self) -> Named | None: ...
    @property
    def borrower_type(self) -> Named | None: ...
    @property
    def desired_loan_amount(self) -> Decimal | None: ...
    @property
    def loan_term(self) -> int | None: ...
    @property
    def property_value(self) -> Decimal | None: ...
    @property
    def monthly_rent(self) -> Decimal | None: ...
    @property
    def reference_id(self) -> str | None: ...


class Valued(Protocol):
    """A choice whose value is Molo's own (an applicant's title)."""

    @property
    def value(self) -> str: ...


class AddressFields(Protocol):
    @property
    def street(self) -> str | None: ...
    @property
    def postal(self) -> str | None: ...
    @property
    def town(self) -> str | None: ...
    @property
    def building_number(self) -> str | None: ...
    @property
    def building_name(self) -> str | None: ...
    @property
    def sub_building_name(self) -> str | None: ...


class PersonFields(Protocol):
    """addApplicant, replaceApplicant (every field) or updateApplicant (those given)."""

    @property
    def is_lead(self) -> bool | None: ...
    @property
    def taxable_income(self) -> Decimal | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def title(self) -> Valued | None: ...
    @property
    def date_of_birth(self) -> date | None: ...
    @property
    def mobile(self) -> str | None: ...
    @property
    def address(self) -> AddressFields | None: ...
    @property
    def first_name(self) -> str | None: ...
    @property
    def middle_name(self) -> str | None: ...
    @property
    def last_name(self) -> str | None: ...


def application_fields(data: ApplicationFields) -> dict[str, Any]:
    """Molo's names and values of the application fields given on `data`."""
    fields: dict[str, Any] = {}
    for name in APPLICATION_FIELDS:
        value = getattr(data, name)
        if value is None:
            continue
        if name == "mortgage_type":
            value = MOLO_MORTGAGE_TYPES[value.name]
        elif name == "borrower_type":
            value = MOLO_BORROWER_TYPES[value.name]
        elif name == "reference_id":
            value = value.strip()
        fields[name] = value
    return fields


def person_fields(data: PersonFields) -> dict[str, Any]:
    """Molo's names and values of the applicant fields given on `data` (an input
    without a field, such as isPrivacyPolicyAccepted on an update, gives none)."""
    fields: dict[str, Any] = {}
    for name in APPLICANT_FIELDS:
        if "." in name or name == "application":
            continue
        value = getattr(data, name, None)
        if value is None:
            continue
        if name == "title":
            value = value.value
        elif name == "address":
            value = {k: v.strip() for k in ADDRESS_FIELDS if (v := getattr(value, k))}
        elif isinstance(value, str):
            value = value.strip()
        fields[name] = value
    return fields
