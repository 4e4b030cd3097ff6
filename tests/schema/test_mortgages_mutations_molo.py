"""Molo's writes through the schema: values as Molo then answers them, validation
that costs no upstream call, the one-lead rule checked with reads only, and
Molo's own refusals as userErrors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from resolvers.molo import MoloClient
from schema.ids import from_global_id
from tests.schema.conftest import Gql
from tests.schema.test_mortgages_mutations import ERRORS, gid, refused_without_calls, run

APPLICATION = """application { id providerId providerStatus purpose borrowerType
  desiredLoanAmount { amount currency } loanTerm propertyValue { amount } referenceId
  applicantIds }"""
CREATE = f"""mutation($input: CreateMortgageApplicationInput!) {{
  createMortgageApplication(input: $input) {{ {APPLICATION} {ERRORS} }} }}"""
UPDATE = f"""mutation($input: UpdateMortgageApplicationInput!) {{
  updateMortgageApplication(input: $input) {{ {APPLICATION} {ERRORS} }} }}"""
DIP = f"""mutation($input: RequestDecisionInPrincipleInput!) {{
  requestDecisionInPrinciple(input: $input) {{
    decisionInPrinciple {{ status providerStatus hasPdf }} {APPLICATION} {ERRORS} }} }}"""
PERSON = """applicant { providerId applicationId isLead title firstName lastName email phone
  dateOfBirth taxableIncome { amount currency } address { street postal town buildingNumber }
  borrower { id } }"""
ADD = f"""mutation($input: AddApplicantInput!) {{
  addApplicant(input: $input) {{ {PERSON} {APPLICATION} {ERRORS} }} }}"""
PATCH = f"""mutation($input: UpdateApplicantInput!) {{
  updateApplicant(input: $input) {{ {PERSON} {ERRORS} }} }}"""
PUT = f"""mutation($input: ReplaceApplicantInput!) {{
  replaceApplicant(input: $input) {{ {PERSON} {ERRORS} }} }}"""
REMOVE = f"""mutation($input: RemoveApplicantInput!) {{
  removeApplicant(input: $input) {{ removedApplicantId {APPLICATION} {ERRORS} }} }}"""

NEW_APPLICATION = {
    "mortgageType": "PURCHASE",
    "borrowerType": "INDIVIDUAL",
    "desiredLoanAmount": "130000",
    "loanTerm": 6,
    "monthlyRent": "2000",
    "propertyValue": "200000",
    "referenceId": "lead-42",
}


def person(application: str, email: str, *, lead: bool) -> dict[str, Any]:
    return {
        "applicationId": application,
        "isLead": lead,
        "taxableIncome": "100000",
        "email": email,
        "title": "MX",
        "firstName": "Jan",
        "lastName": "Sparksfeld",
        "dateOfBirth": "1980-02-12",
        "mobile": "+441615676878",
        "address": {"street": "Fake Street", "postal": "NW1 1AL", "town": "London"},
        "isPrivacyPolicyAccepted": True,
    }


def writes(gql: Gql) -> int:
    """Molo requests that change something (not reads, not the token endpoint)."""
    stats: dict[str, int] = gql.sandbox.stats("molo")
    return sum(n for k, n in stats.items() if not k.startswith("GET") and "oauth" not in k)


async def new_application(gql: Gql) -> str:
    payload = await run(gql, CREATE, NEW_APPLICATION)
    application_id: str = payload["application"]["id"]
    return application_id


async def with_lead(gql: Gql, email: str = "lead@example.com") -> tuple[str, str]:
    """A new application and its lead applicant: (application id, applicant Borrower id)."""
    application = await new_application(gql)
    payload = await run(gql, ADD, person(application, email, lead=True))
    borrower: str = payload["applicant"]["borrower"]["id"]
    return application, borrower


# applications -----------------------------------------------------------------------


async def test_create_mortgage_application_creates_it_at_molo(gql: Gql) -> None:
    payload = await run(gql, CREATE, NEW_APPLICATION)
    application = payload["application"]
    stored = await gql.providers.molo.get_application(int(application["providerId"]))
    assert (stored.mortgage_type, stored.borrower_type) == ("new_purchase", "individual_borrower")
    assert stored.desired_loan_amount == Decimal(130000) and stored.loan_term == 6
    assert stored.reference_id == "lead-42" and stored.status == "stored"
    assert application["desiredLoanAmount"] == {"amount": "130000.00", "currency": "GBP"}
    assert application["purpose"] == "PURCHASE" and application["applicantIds"] == []


async def test_create_mortgage_application_refuses_bad_inputs_without_any_call(gql: Gql) -> None:
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"desiredLoanAmount": "0.50"}, "desiredLoanAmount", "OUT_OF_RANGE"),
        ({"desiredLoanAmount": "1000000000"}, "desiredLoanAmount", "OUT_OF_RANGE"),
        ({"propertyValue": "200000.001"}, "propertyValue", "INVALID"),
        ({"loanTerm": 0}, "loanTerm", "OUT_OF_RANGE"),
        ({"mortgageType": "PRE_APPROVAL"}, "mortgageType", "INVALID"),
        ({"borrowerType": "OTHER"}, "borrowerType", "INVALID"),
        ({"referenceId": "x" * 256}, "referenceId", "OUT_OF_RANGE"),
    ]
    for change, field, code in cases:
        errors = await refused_without_calls(gql, "molo", CREATE, NEW_APPLICATION | change)
        assert [(e["field"], e["code"]) for e in errors] == [(["input", field], code)], change


async def test_update_mortgage_application_changes_only_the_fields_given(gql: Gql) -> None:
    application = await new_application(gql)
    payload = await run(gql, UPDATE, {"applicationId": application, "loanTerm": 7})
    assert payload["application"]["loanTerm"] == 7
    stored = await gql.providers.molo.get_application(int(payload["application"]["providerId"]))
    assert stored.loan_term == 7 and stored.desired_loan_amount == Decimal(130000)
    errors = await refused_without_calls(gql, "molo", UPDATE, {"applicationId": application})
    assert errors[0]["field"] is None and errors[0]["code"] == "REQUIRED"
    finmo_id = gid("Application", "a1")
    errors = await refused_without_calls(
        gql, "molo", UPDATE, {"applicationId": finmo_id, "loanTerm": 2}
    )
    assert [(e["field"], e["code"]) for e in errors] == [(["input", "applicationId"], "NOT_FOUND")]


async def test_request_decision_in_principle_records_molo_decision(gql: Gql) -> None:
    application, _ = await with_lead(gql)
    payload = await run(gql, DIP, {"applicationId": application, "allowSoftCreditSearch": True})
    assert payload["userErrors"] == []
    stored = await gql.providers.molo.get_application(int(payload["application"]["providerId"]))
    decision = payload["decisionInPrinciple"]
    assert decision["providerStatus"] == stored.status == "valid"
    assert decision["status"] == "VALID" and decision["hasPdf"] is True


async def test_a_decision_in_principle_needs_consent_to_a_soft_credit_search(gql: Gql) -> None:
    application = await new_application(gql)
    errors = await refused_without_calls(
        gql, "molo", DIP, {"applicationId": application, "allowSoftCreditSearch": False}
    )
    assert errors[0]["field"] == ["input", "allowSoftCreditSearch"]


async def test_molo_refusing_a_decision_without_a_lead_is_a_user_error(gql: Gql) -> None:
    application = await new_application(gql)
    payload = await run(gql, DIP, {"applicationId": application, "allowSoftCreditSearch": True})
    assert payload["decisionInPrinciple"] is None
    [error] = payload["userErrors"]
    assert error["field"] is None and error["code"] == "PROVIDER_REJECTED"
    assert "lead applicant" in error["message"]


# applicants -------------------------------------------------------------------------


async def test_add_applicant_adds_the_lead_at_molo(gql: Gql) -> None:
    application = await new_application(gql)
    payload = await run(gql, ADD, person(application, "em@il.com", lead=True))
    applicant = payload["applicant"]
    stored = await gql.providers.molo.get_applicant(int(applicant["providerId"]))
    assert stored.is_lead and stored.email == "em@il.com" and stored.mobile == "+441615676878"
    assert stored.title == "mx" and stored.address is not None and stored.address.town == "London"
    assert applicant["borrower"]["id"] == gid("Borrower", str(stored.id), "molo")
    assert payload["application"]["applicantIds"] == [str(stored.id)]
    assert applicant["taxableIncome"] == {"amount": "100000.00", "currency": "GBP"}


async def test_add_applicant_refuses_bad_inputs_without_any_call(gql: Gql) -> None:
    good = person(await new_application(gql), "em@il.com", lead=True)
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"mobile": "07123456789"}, "mobile", "INVALID"),
        ({"mobile": "+44 161 567 6878"}, "mobile", "INVALID"),
        ({"taxableIncome": "29999.99"}, "taxableIncome", "OUT_OF_RANGE"),
        ({"email": "em-il.com"}, "email", "INVALID"),
        ({"dateOfBirth": "2999-01-01"}, "dateOfBirth", "OUT_OF_RANGE"),
        ({"isPrivacyPolicyAccepted": False}, "isPrivacyPolicyAccepted", "REQUIRED"),
        ({"applicationId": gid("Borrower", "1", "molo")}, "applicationId", "NOT_FOUND"),
    ]
    for change, field, code in cases:
        errors = await refused_without_calls(gql, "molo", ADD, good | change)
        assert [(e["field"], e["code"]) for e in errors] == [(["input", field], code)], change
    address = {"street": "", "postal": "NW1 1AL 12345", "town": "London"}
    errors = await refused_without_calls(gql, "molo", ADD, good | {"address": address})
    assert {tuple(e["field"]) for e in errors} == {
        ("input", "address", "street"),
        ("input", "address", "postal"),
    }


async def test_exactly_one_lead_is_checked_with_reads_and_no_write(gql: Gql) -> None:
    empty = await new_application(gql)
    application, _ = await with_lead(gql)
    gql.sandbox.clear_stats()
    first_not_lead = await run(gql, ADD, person(empty, "a@example.com", lead=False))
    second_lead = await run(gql, ADD, person(application, "b@example.com", lead=True))
    assert writes(gql) == 0
    assert first_not_lead["userErrors"][0]["field"] == ["input", "isLead"]
    assert "must have isLead true" in first_not_lead["userErrors"][0]["message"]
    assert second_lead["userErrors"][0]["field"] == ["input", "isLead"]
    assert "already has a lead" in second_lead["userErrors"][0]["message"]
    second = await run(gql, ADD, person(application, "b@example.com", lead=False))
    assert second["userErrors"] == [] and second["applicant"]["isLead"] is False


async def test_update_applicant_patches_only_the_fields_given(gql: Gql) -> None:
    _, lead = await with_lead(gql)
    data = {"applicantId": lead, "mobile": "+447700900123", "address": {"town": "Leeds"}}
    payload = await run(gql, PATCH, data)
    stored = await gql.providers.molo.get_applicant(int(payload["applicant"]["providerId"]))
    assert stored.mobile == "+447700900123" and stored.email == "lead@example.com"
    assert stored.address is not None and (stored.address.town, stored.address.postal) == (
        "Leeds",
        "NW1 1AL",
    )
    gql.sandbox.clear_stats()
    unmark = await run(gql, PATCH, {"applicantId": lead, "isLead": False})
    assert unmark["userErrors"][0]["field"] == ["input", "isLead"] and writes(gql) == 0
    errors = await refused_without_calls(
        gql, "molo", PATCH, {"applicantId": lead, "mobile": "+4412"}
    )
    assert errors[0]["field"] == ["input", "mobile"]
    errors = await refused_without_calls(gql, "molo", PATCH, {"applicantId": lead})
    assert errors[0]["code"] == "REQUIRED"


async def test_replace_applicant_puts_the_whole_applicant(gql: Gql) -> None:
    application, lead = await with_lead(gql)
    data = person(application, "new@example.com", lead=True)
    del data["applicationId"], data["isPrivacyPolicyAccepted"], data["firstName"]
    payload = await run(
        gql, PUT, data | {"applicantId": lead, "title": "DR", "taxableIncome": "45000"}
    )
    stored = await gql.providers.molo.get_applicant(int(payload["applicant"]["providerId"]))
    assert (stored.email, stored.title, stored.taxable_income) == (
        "new@example.com",
        "dr",
        Decimal(45000),
    )
    assert stored.first_name == "Jan"  # a name not given is left as it was
    errors = await refused_without_calls(
        gql, "molo", PUT, data | {"applicantId": lead, "taxableIncome": "1"}
    )
    assert errors[0]["field"] == ["input", "taxableIncome"]


async def test_remove_applicant_removes_a_co_applicant_but_never_the_lead(gql: Gql) -> None:
    application, lead = await with_lead(gql)
    other = await run(gql, ADD, person(application, "co@example.com", lead=False))
    gql.sandbox.clear_stats()
    refused = await run(gql, REMOVE, {"applicantId": lead})
    assert refused["userErrors"][0]["field"] == ["input", "applicantId"] and writes(gql) == 0
    co = other["applicant"]["borrower"]["id"]
    payload = await run(gql, REMOVE, {"applicantId": co})
    assert payload["removedApplicantId"] == co
    assert payload["application"]["applicantIds"] == [lead_pk(lead)]
    molo: MoloClient = gql.providers.molo
    stored = await molo.get_application(int(payload["application"]["providerId"]))
    assert stored.applicants == [int(lead_pk(lead))]
    again = await run(gql, REMOVE, {"applicantId": co})
    assert again["userErrors"][0]["code"] == "NOT_FOUND"


def lead_pk(borrower_id: str) -> str:
    return from_global_id(borrower_id).provider_id
