"""FinanceIt mutations through the schema: happy paths, validation, provider refusals."""

from __future__ import annotations

from typing import Any

import pytest

from sandbox.financeit.sandbox import FinanceItSandbox
from sandbox.financeit.store import Store
from schema.ids import to_global_id
from tests.schema.conftest import Gql

INVITES = "POST /en/api/v3/direct_invites"
SINGLE_LINKS = "POST /en/api/v3/single_access_links"
CUSTOMIZED_LINKS = "POST /en/api/v3/customized_links"
MOLO_PROGRAM = to_global_id("PromoProgram", "molo", "1")

SEND_INVITE = """
mutation($input: SendDirectInviteInput!) {
  sendDirectInvite(input: $input) {
    directInvite {
      sendVia promoProgramId partnerId verticalName mobileNumber email firstName lastName
      language requestedAmount { amount currency } amortization useMaxAmortization
      paymentFrequency message leadId redirectUrl customParams partner { firmName }
    }
    userErrors { field message code }
  }
}"""

SINGLE_LINK = """
mutation($input: CreateSingleAccessLinkInput!) {
  createSingleAccessLink(input: $input) {
    singleAccessLink { link email loanId }
    userErrors { field message code }
  }
}"""

CUSTOMIZED_LINK = """
mutation($input: CreateCustomizedLinkInput!) {
  createCustomizedLink(input: $input) {
    customizedLink { link leadId email partnerId partner { firmName } }
    userErrors { field message code }
  }
}"""


def gid(type_name: str, provider_id: object) -> str:
    return to_global_id(type_name, "financeit", str(provider_id))


def store(gql: Gql) -> Store:
    """The FinanceIt sandbox's state (what the provider holds)."""
    financeit = gql.sandbox.sandbox.providers["financeit"]
    assert isinstance(financeit, FinanceItSandbox)
    return financeit.store


def location(gql: Gql, vertical: str = "Home Improvement") -> dict[str, Any]:
    """A location partner of the broker login with this one vertical."""
    partners = store(gql).partners.values()
    return next(p for p in partners if p["verticals"] == [vertical])


def program(gql: Gql, vertical: str = "Home Improvement") -> dict[str, Any]:
    return next(p for p in store(gql).programs.values() if p["vertical_name"] == vertical)


async def mutate(gql: Gql, query: str, given: dict[str, Any]) -> dict[str, Any]:
    result = await gql.execute(query, {"input": given})
    assert result.errors is None, [e.formatted for e in result.errors]
    assert result.data is not None
    (payload,) = result.data.values()
    assert isinstance(payload, dict)
    return payload


async def refused_without_calls(gql: Gql, query: str, given: dict[str, Any]) -> list[Any]:
    """The userErrors of an input that must cost no upstream call."""
    gql.sandbox.clear_stats()
    payload = await mutate(gql, query, given)
    assert gql.sandbox.stats() == {}
    assert [v for k, v in payload.items() if k != "userErrors"] == [None]
    errors: list[Any] = payload["userErrors"]
    assert errors
    return errors


def invite_input(gql: Gql, **changes: Any) -> dict[str, Any]:
    given: dict[str, Any] = {
        "sendVia": "EMAIL",
        "partnerId": gid("Partner", location(gql)["id"]),
        "promoProgramId": gid("PromoProgram", program(gql)["id"]),
        "email": "ada@example.com",
    }
    given.update(changes)
    return given


# -- sendDirectInvite -------------------------------------------------------------


async def test_an_email_invite_reaches_financeit_with_every_field(gql: Gql) -> None:
    partner, plan = location(gql), program(gql)
    given = invite_input(
        gql,
        firstName="Ada",
        lastName="Lovelace",
        language="FR",
        requestedAmount="5000.50",
        amortization=plan["amortization_periods"][0],
        useMaxAmortization=False,
        paymentFrequency="BIWEEKLY",
        message="Your quote for the new furnace.",
        customParams={"leadId": -42, "redirectUrl": "https://shop.example/done", "extra": {"k": 1}},
    )
    gql.sandbox.clear_stats()
    payload = await mutate(gql, SEND_INVITE, given)

    assert payload["userErrors"] == []
    invite = payload["directInvite"]
    assert invite["sendVia"] == "EMAIL"
    assert invite["partnerId"] == gid("Partner", partner["id"])
    assert invite["promoProgramId"] == gid("PromoProgram", plan["id"])
    assert invite["requestedAmount"] == {"amount": "5000.50", "currency": "CAD"}
    assert invite["paymentFrequency"] == "BIWEEKLY"
    assert invite["language"] == "FR"
    assert (invite["leadId"], invite["redirectUrl"]) == (-42, "https://shop.example/done")
    assert invite["partner"] == {"firmName": partner["firm_name"]}
    assert gql.sandbox.calls("financeit", INVITES) == 1
    (sent,) = store(gql).invites
    assert sent["partner_id"] == int(partner["id"])
    assert sent["vertical_name"] == "Home Improvement"
    assert sent["promo_program_id"] == plan["id"]
    assert (sent["email"], sent["first_name"], sent["last_name"]) == (
        "ada@example.com",
        "Ada",
        "Lovelace",
    )
    assert (sent["send_via"], sent["language"], sent["payment_frequency"]) == ("email", "fr", "f")
    assert sent["requested_amount"] == 5000.5
    assert sent["amortization"] == plan["amortization_periods"][0]
    assert sent["use_max_amortization"] is False
    assert sent["message"] == "Your quote for the new furnace."
    assert sent["custom_params"] == {
        "k": 1,
        "lead_id": -42,
        "redirect_url": "https://shop.example/done",
    }


async def test_an_sms_invite_for_the_standard_program_names_the_vertical(gql: Gql) -> None:
    broker = store(gql).broker_id
    given = {
        "sendVia": "SMS",
        "partnerId": gid("Partner", broker),
        "verticalName": "RETAIL",
        "mobileNumber": "416-555-1234",
        "useMaxAmortization": True,
    }
    payload = await mutate(gql, SEND_INVITE, given)

    assert payload["userErrors"] == []
    invite = payload["directInvite"]
    assert invite["promoProgramId"] == gid("PromoProgram", 0)
    assert (invite["verticalName"], invite["mobileNumber"]) == ("RETAIL", "416-555-1234")
    (sent,) = store(gql).invites
    assert (sent["send_via"], sent["promo_program_id"], sent["partner_id"]) == ("sms", 0, broker)
    assert (sent["vertical_name"], sent["mobile_number"]) == ("Retail", "416-555-1234")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"email": None}, "email", "REQUIRED"),
        ({"email": "  "}, "email", "REQUIRED"),
        ({"email": "ada.example.com"}, "email", "INVALID"),
        ({"sendVia": "SMS"}, "mobileNumber", "REQUIRED"),
        ({"sendVia": "SMS", "mobileNumber": "4165551234"}, "mobileNumber", "INVALID"),
        ({"mobileNumber": "(416) 555-1234"}, "mobileNumber", "INVALID"),
        ({"message": "x" * 256}, "message", "OUT_OF_RANGE"),
        ({"requestedAmount": "0"}, "requestedAmount", "OUT_OF_RANGE"),
        ({"requestedAmount": "-5"}, "requestedAmount", "OUT_OF_RANGE"),
        ({"requestedAmount": "100000.01"}, "requestedAmount", "OUT_OF_RANGE"),
        ({"requestedAmount": "10.005"}, "requestedAmount", "INVALID"),
        ({"amortization": 0}, "amortization", "OUT_OF_RANGE"),
        ({"useMaxAmortization": False}, "amortization", "REQUIRED"),
        ({"customParams": {"redirectUrl": "u" * 255}}, "customParams.redirectUrl", "OUT_OF_RANGE"),
        ({"customParams": {"extra": {"lead_id": 7}}}, "customParams.extra", "INVALID"),
        ({"customParams": {"extra": [1, 2]}}, "customParams.extra", "INVALID"),
        ({"promoProgramId": gid("Loan", 1909)}, "promoProgramId", "NOT_FOUND"),
        (
            {"promoProgramId": to_global_id("PromoProgram", "molo", "1")},
            "promoProgramId",
            "NOT_FOUND",
        ),
        ({"partnerId": "not-an-id"}, "partnerId", "NOT_FOUND"),
    ],
)
async def test_a_bad_invite_is_refused_before_any_upstream_call(
    gql: Gql, changes: dict[str, Any], field: str, code: str
) -> None:
    errors = await refused_without_calls(gql, SEND_INVITE, invite_input(gql, **changes))

    assert [(e["field"], e["code"]) for e in errors] == [(["input", *field.split(".")], code)]
    assert field.split(".")[0] in errors[0]["message"]
    assert store(gql).invites == []


async def test_every_problem_of_an_invite_is_reported_at_once(gql: Gql) -> None:
    given = invite_input(gql, sendVia="SMS", email="nope", message="m" * 300, amortization=-1)
    errors = await refused_without_calls(gql, SEND_INVITE, given)

    assert {e["field"][1] for e in errors} == {"email", "mobileNumber", "message", "amortization"}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"amortization": 7}, "amortization", "not offered by the promo program"),
        ({"promoProgramId": "retail"}, "promoProgramId", "not a promo program available"),
    ],
)
async def test_financeit_refusing_an_invite_names_the_input_field(
    gql: Gql, changes: dict[str, Any], field: str, words: str
) -> None:
    # The sandbox knows the program's periods and the partner's verticals; the gateway does not.
    if changes.get("promoProgramId") == "retail":
        changes["promoProgramId"] = gid("PromoProgram", program(gql, "Retail")["id"])
    gql.sandbox.clear_stats()
    payload = await mutate(gql, SEND_INVITE, invite_input(gql, **changes))

    assert payload["directInvite"] is None
    (error,) = payload["userErrors"]
    assert (error["field"], error["code"]) == (["input", field], "PROVIDER_REJECTED")
    assert words in error["message"]
    assert gql.sandbox.calls("financeit", INVITES) == 1
    assert store(gql).invites == []


async def test_a_broker_invite_without_a_partner_comes_back_on_partner_id(gql: Gql) -> None:
    payload = await mutate(gql, SEND_INVITE, invite_input(gql, partnerId=None))

    (error,) = payload["userErrors"]
    assert (error["field"], error["code"]) == (["input", "partnerId"], "PROVIDER_REJECTED")
    assert "broker" in error["message"]


def customized_input(gql: Gql, **changes: Any) -> dict[str, Any]:
    given: dict[str, Any] = {
        "leadId": 12345,
        "partnerId": gid("Partner", location(gql)["id"]),
        "email": "seller@shop.example",
    }
    given.update(changes)
    return given
