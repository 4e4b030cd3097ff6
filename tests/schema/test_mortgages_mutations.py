"""Finmo's writes through the schema: values as Finmo then answers them, validation
that costs no upstream call, and Finmo's own refusals as userErrors on the input field."""

from __future__ import annotations

from typing import Any

from resolvers.finmo import FinmoClient
from schema.ids import to_global_id
from tests.schema.conftest import Gql

ERRORS = "userErrors { field message code }"

CREATE_APPLICATION = f"""
mutation($input: CreateApplicationInput!) {{ createApplication(input: $input) {{
  application {{ id provider providerId providerStatus purpose providerPurpose teamMemberIds
    invitations {{ channel }} applicants {{ providerId email firstName lastName phone isLead }}
    team {{ id }} }}
  {ERRORS} }} }}
"""
ADD_ASSET = f"""
mutation($input: AddAssetInput!) {{ addAsset(input: $input) {{
  asset {{ id providerId applicationId applicantId type description value {{ amount currency }} }}
  {ERRORS} }} }}
"""
ADD_INCOME = f"""
mutation($input: AddIncomeInput!) {{ addIncome(input: $input) {{
  income {{ providerId type employerName period amount {{ amount currency }} }} {ERRORS} }} }}
"""
ADD_LIABILITY = f"""
mutation($input: AddLiabilityInput!) {{ addLiability(input: $input) {{
  liability {{ providerId type lender balance {{ amount }} monthlyPayment {{ amount }}
    creditLimit {{ amount }} }} {ERRORS} }} }}
"""
ADD_PROPERTY = f"""
mutation($input: AddPropertyInput!) {{ addProperty(input: $input) {{
  property {{ providerId propertyType occupancy isSubjectProperty value {{ amount }}
    address {{ postalCode city }} }} {ERRORS} }} }}
"""
SET_MORTGAGE = f"""
mutation($input: SetMortgageInformationInput!) {{ setMortgageInformation(input: $input) {{
  mortgageInformation {{ providerId loanAmount {{ amount currency }} amortizationYears termMonths
    rateType interestRate purchasePrice {{ amount }} downPayment {{ amount }} closingDate }}
  {ERRORS} }} }}
"""


def gid(type_name: str, provider_id: str, provider: str = "finmo") -> str:
    return to_global_id(type_name, provider, provider_id)


async def run(gql: Gql, query: str, data: dict[str, Any], **kw: Any) -> dict[str, Any]:
    """The mutation's payload (the one root field); the operation must not fail."""
    result = await gql.execute(query, {"input": data}, **kw)
    assert result.errors is None, [e.formatted for e in result.errors]
    assert result.data is not None
    payload: dict[str, Any] = next(iter(result.data.values()))
    return payload


def fields_of(payload: dict[str, Any]) -> list[tuple[str, ...] | None]:
    return [tuple(e["field"]) if e["field"] else None for e in payload["userErrors"]]


async def refused_without_calls(
    gql: Gql, provider: str, query: str, data: dict[str, Any]
) -> list[dict[str, Any]]:
    """The userErrors of an input that must cost no upstream call at all."""
    gql.sandbox.clear_stats()
    payload = await run(gql, query, data)
    assert gql.sandbox.calls(provider) == 0
    assert payload["userErrors"], payload
    assert all(v is None for k, v in payload.items() if k != "userErrors")
    errors: list[dict[str, Any]] = payload["userErrors"]
    return errors


async def team_setup(finmo: FinmoClient) -> tuple[str, list[str]]:
    team = (await finmo.teams())[0]
    return team.id, [b.id for b in await finmo.brokers(team.id)]


def new_applicant_input(team_id: str, broker: str, email: str) -> dict[str, Any]:
    return {
        "teamId": gid("Team", team_id),
        "teamMembers": [gid("Broker", broker)],
        "applicant": {
            "firstName": "Jane",
            "lastName": "Doe",
            "email": email,
            "phoneNumber": "613-555-0117",
        },
        "sendInvite": True,
        "sendSMS": True,
        "goal": "PURCHASE",
    }


async def some_application(finmo: FinmoClient) -> str:
    return (await finmo.applications())[0].id


# createApplication ----------------------------------------------------------------


async def test_create_application_invites_a_new_applicant_as_finmo_then_answers(gql: Gql) -> None:
    finmo = gql.providers.finmo
    team_id, brokers = await team_setup(finmo)
    data = new_applicant_input(team_id, brokers[0], "jane.new@example.com")
    payload = await run(gql, CREATE_APPLICATION, data)
    assert payload["userErrors"] == []
    application = payload["application"]
    stored = await finmo.application(application["providerId"])
    assert application["id"] == gid("Application", stored.id)
    assert stored.team_id == team_id and stored.team_members == [brokers[0]]
    assert stored.goal == "purchase" and application["purpose"] == "PURCHASE"
    assert [a.email for a in stored.applicants] == ["jane.new@example.com"]
    assert stored.applicants[0].phone_number == "6135550117"
    assert application["applicants"][0]["email"] == "jane.new@example.com"
    assert application["applicants"][0]["isLead"] is True
    assert stored.status == application["providerStatus"] == "invited"
    assert sorted(i["channel"] for i in application["invitations"]) == ["email", "sms"]
    assert application["team"]["id"] == gid("Team", team_id)


async def test_create_application_for_an_existing_borrower_uses_that_borrower(gql: Gql) -> None:
    finmo = gql.providers.finmo
    team_id, brokers = await team_setup(finmo)
    borrower = (await finmo.team_borrowers(team_id))[0]
    data = {
        "teamId": gid("Team", team_id),
        "teamMembers": [gid("Broker", b) for b in brokers[:2]],
        "applicantId": gid("Borrower", borrower.user_id),
        "goal": "REFINANCE",
    }
    payload = await run(gql, CREATE_APPLICATION, data)
    assert payload["userErrors"] == []
    stored = await finmo.application(payload["application"]["providerId"])
    assert [a.user_id for a in stored.applicants] == [borrower.user_id]
    assert stored.goal == "refinance" and stored.status == "draft" and stored.invitations == []


async def test_create_application_refuses_bad_inputs_without_any_call(gql: Gql) -> None:
    finmo = gql.providers.finmo
    team_id, brokers = await team_setup(finmo)
    good = new_applicant_input(team_id, brokers[0], "x@example.com")
    cases: list[tuple[dict[str, Any], tuple[str, ...], str]] = [
        ({"applicant": None}, ("input", "applicant"), "REQUIRED"),
        ({"applicantId": gid("Borrower", "u1")}, ("input", "applicantId"), "INVALID"),
        ({"sendInvite": False}, ("input", "sendSMS"), "INVALID"),
        ({"goal": "REMORTGAGE"}, ("input", "goal"), "INVALID"),
        ({"teamMembers": []}, ("input", "teamMembers"), "REQUIRED"),
        ({"teamId": gid("Broker", brokers[0])}, ("input", "teamId"), "NOT_FOUND"),
        ({"teamMembers": ["not-an-id"]}, ("input", "teamMembers", "0"), "INVALID"),
        ({"teamId": gid("Team", team_id, "molo")}, ("input", "teamId"), "NOT_FOUND"),
    ]
    for change, field, code in cases:
        errors = await refused_without_calls(gql, "finmo", CREATE_APPLICATION, good | change)
        assert [(tuple(e["field"]), e["code"]) for e in errors] == [(field, code)], change
    person = good["applicant"] | {"email": "nope", "phoneNumber": "12345", "firstName": " "}
    errors = await refused_without_calls(
        gql, "finmo", CREATE_APPLICATION, good | {"applicant": person}
    )
    assert {tuple(e["field"]) for e in errors} == {
        ("input", "applicant", "email"),
        ("input", "applicant", "phoneNumber"),
        ("input", "applicant", "firstName"),
    }
    assert any("phoneNumber must be a ten-digit" in e["message"] for e in errors)


async def test_create_application_maps_finmo_refusals_to_the_input_fields(gql: Gql) -> None:
    finmo = gql.providers.finmo
    teams = await finmo.teams()
    team_id, brokers = await team_setup(finmo)
    other_team = next(t.id for t in teams if t.id != team_id)
    stranger = (await finmo.team_borrowers(other_team))[0]
    other_broker = (await finmo.brokers(other_team))[0].id
    data = {
        "teamId": gid("Team", team_id),
        "teamMembers": [gid("Broker", other_broker)],
        "applicantId": gid("Borrower", stranger.user_id),
    }
    payload = await run(gql, CREATE_APPLICATION, data)
    assert payload["application"] is None
    assert sorted(fields_of(payload), key=str) == [
        ("input", "applicantId"),
        ("input", "teamMembers", "0"),
    ]
    assert {e["code"] for e in payload["userErrors"]} == {"PROVIDER_REJECTED"}
    assert any("not a borrower of this team" in e["message"] for e in payload["userErrors"])
