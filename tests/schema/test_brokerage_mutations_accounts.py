"""openAccount, updateAccount and updateAccountSettings through the schema against
the Finos sandbox."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.schema.conftest import Gql
from tests.schema.test_brokerage_mutations import CASH_PROFILE, active_user, fields_of, gid, run
from tests.schema.test_brokerage_mutations_people import person_input

ACCOUNT = """
account { id providerId ownership accountType maritalStatus: martialStatus
          countryOfCitizenship employmentStatus employerName annualIncome riskTolerance
          isDirector directorOf availableCash { amount currency }
          jointMember { firstName lastName emailAddress } owner { id } }
userErrors { field message code }
"""
OPEN = f"mutation($input: OpenAccountInput!) {{ openAccount(input: $input) {{ {ACCOUNT} }} }}"
UPDATE = f"mutation($input: UpdateAccountInput!) {{ updateAccount(input: $input) {{ {ACCOUNT} }} }}"
SETTINGS = """
mutation($input: UpdateAccountSettingsInput!) {
  updateAccountSettings(input: $input) {
    settings { managed portfolioId minCashPercent maxCashPercent portfolio { name } }
    userErrors { field message code }
  }
}
"""
INVESTMENT = {
    "annualIncome": "$100,000 - $199,999",
    "investmentObjective": "growth",
    "investmentExperience": "limited",
    "netLiquidWorth": "$25,000 - $99,999",
    "netTotalWorth": "$100,000 - $199,999",
    "riskTolerance": "moderate",
}


def account_input(user_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "userId": gid("Borrower", user_id),
        "ownership": "INDIVIDUAL",
        "accountType": "CASH",
        "maritalStatus": "single",
        "countryOfCitizenship": "usa",
        "employmentStatus": "Employed / Self-Employed",
        "employmentPosition": "Software Engineer",
        "employerName": "Finos Inc",
        **changes,
    }


async def test_open_account_opens_an_individual_cash_account_finos_then_shows(gql: Gql) -> None:
    user = await active_user(gql)
    gql.sandbox.clear_stats()
    payload = await run(gql, OPEN, account_input(user.id), key="open-1")
    assert payload["userErrors"] == []
    account = payload["account"]
    upstream = await gql.providers.finos.get_account(account["providerId"])
    assert account["id"] == gid("Account", upstream.id)
    assert (account["ownership"], account["accountType"]) == ("INDIVIDUAL", "CASH")
    assert (upstream.ownership, upstream.account_type) == ("individual", "cash")
    assert account["maritalStatus"] == upstream.martial_status == "single"
    assert account["countryOfCitizenship"] == upstream.country_of_citizenship == "USA"
    assert account["employerName"] == upstream.employer_name == "Finos Inc"
    assert account["availableCash"] == {"amount": "0.00", "currency": "USD"}
    assert account["owner"] == {"id": gid("Borrower", user.id)}
    assert gql.sandbox.calls("finos", "POST /v1/users/{user_id}/accounts") == 1


async def test_open_account_opens_a_joint_investment_account(gql: Gql) -> None:
    user = await active_user(gql)
    member = person_input(firstName="Mary", lastName="Doe")
    given = account_input(
        user.id, ownership="JOINT", accountType="INVESTMENT", jointMember=member, **INVESTMENT
    )
    payload = await run(gql, OPEN, given)
    assert payload["userErrors"] == []
    account = payload["account"]
    upstream = await gql.providers.finos.get_account(account["providerId"])
    assert (upstream.ownership, upstream.account_type) == ("joint", "investment")
    assert upstream.joint_member is not None
    assert account["jointMember"] == {
        "firstName": "Mary",
        "lastName": "Doe",
        "emailAddress": upstream.joint_member.email_address,
    }
    assert upstream.joint_member.email_address == member["email"]
    assert account["annualIncome"] == upstream.annual_income == "$100,000 - $199,999"


async def test_open_account_enforces_the_fields_each_account_type_needs(gql: Gql) -> None:
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({"ownership": "JOINT"}, ["jointMember"]),
        ({"jointMember": person_input()}, ["jointMember"]),
        ({"accountType": "INVESTMENT"}, [camel for camel in INVESTMENT]),
        ({"accountType": "INVESTMENT", **INVESTMENT, "riskTolerance": "wild"}, ["riskTolerance"]),
        ({"maritalStatus": "complicated"}, ["maritalStatus"]),
        ({"countryOfCitizenship": "US"}, ["countryOfCitizenship"]),
        ({"employmentStatus": "busy"}, ["employmentStatus"]),
        ({"employerName": " "}, ["employerName"]),
        ({"isDirector": True}, ["directorOf"]),
        ({"annualIncome": "a lot"}, ["annualIncome"]),
        (
            {"ownership": "JOINT", "jointMember": person_input(ssn="1", email="x")},
            ["jointMember.email", "jointMember.ssn"],
        ),
        ({"userId": gid("Account", "u")}, ["userId"]),
    ]
    gql.sandbox.clear_stats()
    for changes, fields in bad:
        payload = await run(gql, OPEN, {**account_input("u-1"), **changes})
        assert payload["account"] is None
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0


async def test_open_account_reports_a_user_whose_kyc_has_not_passed(gql: Gql) -> None:
    from tests.schema.test_brokerage_mutations import someone

    pending = await gql.providers.finos.create_user(someone(ssn_last=0))
    payload = await run(gql, OPEN, account_input(pending.id))
    assert payload["account"] is None
    assert payload["userErrors"][0]["code"] == "PROVIDER_REJECTED"
    assert "has not passed KYC" in payload["userErrors"][0]["message"]
    missing = await run(gql, OPEN, account_input("no-such-user"))
    assert fields_of(missing) == ["userId"]


async def test_update_account_turns_cash_into_investment_and_maps_refusals(gql: Gql) -> None:
    client = gql.providers.finos
    user = await active_user(gql)
    created = await client.create_account(user.id, CASH_PROFILE)
    account_id = gid("Account", created.id)
    payload = await run(
        gql, UPDATE, {"accountId": account_id, "accountType": "INVESTMENT", **INVESTMENT}, key="u"
    )
    assert payload["userErrors"] == []
    upstream = await client.get_account(created.id)
    assert upstream.account_type == "investment"
    assert payload["account"]["accountType"] == "INVESTMENT"
    assert payload["account"]["riskTolerance"] == upstream.risk_tolerance == "moderate"
    other = await client.create_account(user.id, CASH_PROFILE)
    refused = await run(
        gql, UPDATE, {"accountId": gid("Account", other.id), "accountType": "INVESTMENT"}
    )
    assert "annualIncome" in fields_of(refused)
    assert {e["code"] for e in refused["userErrors"]} == {"PROVIDER_REJECTED"}


async def test_update_account_refuses_bad_input_without_any_upstream_call(gql: Gql) -> None:
    account_id = gid("Account", "a-1")
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({}, [""]),
        ({"maritalStatus": "?"}, ["maritalStatus"]),
        ({"riskTolerance": "yolo"}, ["riskTolerance"]),
        ({"jointMember": person_input(firstName="")}, ["jointMember.firstName"]),
        ({"accountId": "bad", "employerName": "X"}, ["accountId"]),
    ]
    gql.sandbox.clear_stats()
    for changes, fields in bad:
        payload = await run(gql, UPDATE, {"accountId": account_id, **changes})
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0


async def test_update_account_settings_manages_the_account(gql: Gql) -> None:
    client = gql.providers.finos
    user = await active_user(gql)
    created = await client.create_account(user.id, CASH_PROFILE)
    given = {
        "accountId": gid("Account", created.id),
        "managed": True,
        "minCashPercent": "2",
        "maxCashPercent": "4.5",
    }
    payload = await run(gql, SETTINGS, given, key="settings")
    assert payload["userErrors"] == []
    upstream = await client.get_account_settings(created.id)
    settings = payload["settings"]
    assert settings["managed"] is upstream.managed is True
    assert settings["portfolioId"] == upstream.portfolio_id is not None
    assert Decimal(settings["minCashPercent"]) == upstream.min_cash_percent == Decimal(2)
    assert Decimal(settings["maxCashPercent"]) == upstream.max_cash_percent == Decimal("4.5")
    assert settings["portfolio"]["name"] == "moderate"


async def test_update_account_settings_checks_the_percentages_first(gql: Gql) -> None:
    account_id = gid("Account", "a-1")
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({}, [""]),
        ({"minCashPercent": "-1"}, ["minCashPercent"]),
        ({"maxCashPercent": "101"}, ["maxCashPercent"]),
        ({"minCashPercent": "6", "maxCashPercent": "5"}, ["minCashPercent"]),
        ({"portfolioId": " "}, ["portfolioId"]),
    ]
    gql.sandbox.clear_stats()
    for changes, fields in bad:
        payload = await run(gql, SETTINGS, {"accountId": account_id, **changes})
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0
    user = await active_user(gql)
    created = await gql.providers.finos.create_account(user.id, CASH_PROFILE)
    unknown = await run(
        gql, SETTINGS, {"accountId": gid("Account", created.id), "portfolioId": "no-such"}
    )
    assert fields_of(unknown) == ["portfolioId"]
    too_low = await run(
        gql, SETTINGS, {"accountId": gid("Account", created.id), "maxCashPercent": "0.5"}
    )
    assert fields_of(too_low) == ["minCashPercent"]
