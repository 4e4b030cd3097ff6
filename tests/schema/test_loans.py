"""The loans domain (FinanceIt) through the schema: loans, loan, node, call floors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, cast

import pytest

from sandbox.financeit import FinanceItSandbox
from sandbox.financeit.store import Store
from schema import ExecutionOptions
from schema.ids import to_global_id
from tests.schema.conftest import Gql

LOANS = "GET /en/api/v3/loans"

LOAN_FIELDS = """
  id provider providerId createdAt status providerStatus description partnerId rate
  requestedAmount { amount currency } fee { amount currency }
  principalAmount { amount currency } amortization term paymentFrequency
  providerPaymentFrequency vertical totalPaymentAmount { amount currency } firstPaymentDate
  downpaymentAmount { amount currency } downpaymentSource intendedUse vehicleType
  coborrowerRelation coborrowerRelationOther maxAmount { amount currency }
  minAmount { amount currency } creditLimit { amount currency } maxAmortization apiNotices
  leadId expiryDate commissionInsuranceAmount { amount currency }
  insurancePremium { amount { amount currency } insurance providerInsurance }
  vehicle vehicles fileAttachments approvalConditions funded nextStepInApplication
  promoProgram { providerId name rate deferralMonths }
  partner { providerId firmName }
  borrower { provider providerId firstName lastName email phone dateOfBirth }
"""


def store_of(gql: Gql) -> Store:
    return cast(FinanceItSandbox, gql.sandbox.sandbox.providers["financeit"]).store


def cad(value: Any) -> dict[str, str] | None:
    return {"amount": str(Decimal(str(value))), "currency": "CAD"} if value != "" else None


def expected_loan(raw: dict[str, Any]) -> dict[str, Any]:
    """What the schema must answer for one FinanceIt loan payload."""
    year, month, day = (int(p) for p in raw["expiry_date"].split("-"))
    person = raw["borrower"]
    return {
        "id": to_global_id("Loan", "financeit", str(raw["id"])),
        "provider": "FINANCEIT",
        "providerId": str(raw["id"]),
        "createdAt": raw["created_at"].replace(" UTC", "+00:00").replace(" ", "T"),
        "status": raw["state"].upper(),
        "providerStatus": raw["state"],
        "description": raw["description"],
        "partnerId": raw["partner_id"],
        "rate": raw["rate"],
        "requestedAmount": cad(raw["requested_amount"]),
        "fee": cad(raw["fee"]),
        "principalAmount": cad(raw["principal_amount"]),
        "amortization": raw["amortization"],
        "term": raw["term"],
        "paymentFrequency": "MONTHLY",
        "providerPaymentFrequency": "m",
        "vertical": raw["vertical"],
        "totalPaymentAmount": cad(raw["total_payment_amount"]),
        "firstPaymentDate": raw["first_payment_date"],
        "downpaymentAmount": cad(raw["downpayment_amount"]),
        "downpaymentSource": raw["downpayment_source"] or None,
        "intendedUse": raw["intended_use"],
        "vehicleType": raw["vehicle_type"] or None,
        "coborrowerRelation": raw["coborrower_relation"] or None,
        "coborrowerRelationOther": raw["coborrower_relation_other"] or None,
        "maxAmount": cad(raw["max_amount"]),
        "minAmount": cad(raw["min_amount"]),
        "creditLimit": cad(raw["credit_limit"]),
        "maxAmortization": raw["max_amort"],
        "apiNotices": raw["api_notices"],
        "leadId": raw["lead_id"],
        "expiryDate": date(year, month, day).isoformat(),
        "commissionInsuranceAmount": cad(raw["commission_insurance_amount"]),
        "insurancePremium": {
            "amount": cad(raw["insurance_premium"]["amount"]),
            "insurance": raw["insurance_premium"]["insurance"] == "yes",
            "providerInsurance": raw["insurance_premium"]["insurance"],
        },
        "vehicle": raw["vehicle"] or None,
        "vehicles": raw["vehicles"],
        "fileAttachments": raw["file_attachments"],
        "approvalConditions": raw["approval_conditions"],
        "funded": raw["funded"],
        "nextStepInApplication": raw["next_step_in_application"],
        "promoProgram": {
            "providerId": str(raw["promo_program"]["id"]),
            "name": raw["promo_program"]["name"],
            "rate": raw["promo_program"]["rate"],
            "deferralMonths": raw["promo_program"]["deferral_months"],
        },
        "partner": {"providerId": str(raw["partner_id"]), "firmName": None},  # filled below
        "borrower": {
            "provider": "FINANCEIT",
            "providerId": person["email"].strip().lower(),
            "firstName": person["first_name"],
            "lastName": person["last_name"],
            "email": person["email"],
            "phone": person["phone"],
            "dateOfBirth": person["date_of_birth"],
        },
    }


def with_partner(store: Store, loan: dict[str, Any]) -> dict[str, Any]:
    loan["partner"]["firmName"] = store.partners[int(loan["partner"]["providerId"])]["firm_name"]
    return loan


async def test_loans_map_every_documented_field_of_the_provider_payload(gql: Gql) -> None:
    data = await gql.data(f"{{ loans(first: 8) {{ edges {{ node {{ {LOAN_FIELDS} }} }} }} }}")
    store = store_of(gql)
    got = [e["node"] for e in data["loans"]["edges"]]
    assert got == [with_partner(store, expected_loan(raw)) for raw in store.newest_first[:8]]


@pytest.mark.parametrize("size", [37, 50, 100])
async def test_walking_the_loans_pages_yields_every_loan_once_in_provider_order(
    gql: Gql, size: int
) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    gql.sandbox.clear_stats()
    while True:
        data = await gql.data(
            "query($after: String, $size: Int) { loans(first: $size, after: $after) {"
            " edges { cursor node { providerId } } pageInfo { hasNextPage endCursor } } }",
            after=after,
            size=size,
        )
        conn = data["loans"]
        seen += [e["node"]["providerId"] for e in conn["edges"]]
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    expected = [str(raw["id"]) for raw in store_of(gql).newest_first]
    assert seen == expected  # no duplicates, no gaps, newest first
    # One GET /loans per page; a page of 100 (no room for the extra row) may end
    # with one empty page.
    assert gql.sandbox.calls("financeit", LOANS) == pages
    assert pages <= -(-len(expected) // size) + (1 if size == 100 else 0)


async def test_a_deep_page_costs_one_loans_call_not_a_walk(gql: Gql) -> None:
    query = (
        "query($after: String) { loans(first: 50, after: $after) {"
        " edges { node { providerId } } pageInfo { endCursor } } }"
    )
    first = await gql.data(query)
    second = await gql.data(query, after=first["loans"]["pageInfo"]["endCursor"])
    third_cursor = second["loans"]["pageInfo"]["endCursor"]
    gql.sandbox.clear_stats()
    third = await gql.data(query, after=third_cursor)
    # Floor: one GET /loans (page and limit chosen from the cursor's offset hint).
    assert gql.sandbox.stats() == {"financeit": {LOANS: 1}}
    expected = [str(raw["id"]) for raw in store_of(gql).newest_first[100:150]]
    assert [e["node"]["providerId"] for e in third["loans"]["edges"]] == expected


async def test_loans_filter_by_state_partner_and_creation_dates(gql: Gql) -> None:
    store = store_of(gql)
    partner_id = store.location_ids[1]
    data = await gql.data(
        "query($p: Int!) { loans(first: 100, state: DISBURSED_OR_CLOSED, partnerId: $p,"
        ' createdFrom: "2025-06-01", createdTo: "2026-03-31") {'
        " edges { node { providerId status createdAt partnerId } } pageInfo { hasNextPage } } }",
        p=partner_id,
    )
    expected = store.find_loans(
        start=date(2025, 6, 1),
        end=date(2026, 3, 31),
        state="disbursed_or_closed",
        partner_ids=[partner_id],
    )
    nodes = [e["node"] for e in data["loans"]["edges"]]
    assert expected and [n["providerId"] for n in nodes] == [str(r["id"]) for r in expected]
    assert {n["status"] for n in nodes} <= {"DISBURSED", "CLOSED"}
    assert {n["partnerId"] for n in nodes} == {partner_id}
    assert data["loans"]["pageInfo"]["hasNextPage"] is False


async def test_loan_by_id_answers_the_provider_loan(gql: Gql) -> None:
    store = store_of(gql)
    raw = store.newest_first[42]
    gid = to_global_id("Loan", "financeit", str(raw["id"]))
    data = await gql.data(f"query($id: ID!) {{ loan(id: $id) {{ {LOAN_FIELDS} }} }}", id=gid)
    assert data["loan"] == with_partner(store, expected_loan(raw))


async def test_an_unknown_or_malformed_loan_id_is_not_found(gql: Gql) -> None:
    for gid in (
        to_global_id("Loan", "financeit", "1"),
        "nonsense",
        to_global_id("Loan", "financeit", "x"),
    ):
        result = await gql("query($id: ID!) { loan(id: $id) { id } }", id=gid)
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "NOT_FOUND"}
        result = await gql("query($id: ID!) { node(id: $id) { id } }", id=gid)
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_bad_loan_list_arguments_are_bad_user_input(gql: Gql) -> None:
    for args, extensions in (
        ("first: 101", {"code": "BAD_USER_INPUT", "field": "first"}),
        ('after: "not-a-cursor"', {"code": "BAD_USER_INPUT", "field": "after"}),
        ('createdFrom: "2026-02-01", createdTo: "2026-01-01"', {"code": "BAD_USER_INPUT"}),
    ):
        result = await gql(f"{{ loans({args}) {{ edges {{ cursor }} }} }}")
        assert result.errors is not None, args
        assert result.errors[0].extensions == extensions, args


async def test_fifty_loans_with_program_and_partner_cost_one_loans_call(gql: Gql) -> None:
    query = "{ loans(first: 50) { edges { node { promoProgram { name } partner { firmName } } } } }"
    await gql.data(query)  # warms the token, partners and promo programs caches
    gql.sandbox.clear_stats()
    data = await gql.data(query)
    # Floor: 1. GET /loans answers the 50 loans in one call (limit 51: the extra row
    # tells hasNextPage); partners and promo programs are reference data served by
    # the client's TTL cache, and the token is cached: nothing else needs the network.
    assert gql.sandbox.stats() == {"financeit": {LOANS: 1}}
    nodes = [e["node"] for e in data["loans"]["edges"]]
    store = store_of(gql)
    assert len(nodes) == 50
    assert nodes == [
        {
            "promoProgram": {"name": raw["promo_program"]["name"]},
            "partner": {"firmName": store.partners[raw["partner_id"]]["firm_name"]},
        }
        for raw in store.newest_first[:50]
    ]


async def test_without_batching_the_same_query_costs_no_fewer_calls(gql: Gql) -> None:
    query = "{ loans(first: 50) { edges { node { promoProgram { name } partner { firmName } } } } }"
    await gql.data(query)
    gql.options = ExecutionOptions(batching=False)
    gql.sandbox.clear_stats()
    await gql.data(query)
    # Informational: the naive baseline. The loans list is one call either way and the
    # reference data is cached below the dataloaders, so it cannot go under the floor.
    assert gql.sandbox.calls("financeit") >= 1


async def test_a_failing_partners_route_costs_only_the_partner_fields(gql: Gql) -> None:
    gql.sandbox.fault(provider="financeit", route="GET /en/api/v3/partners", error_rate=1.0)
    result = await gql("{ loans(first: 2) { edges { node { providerId partner { firmName } } } } }")
    assert result.data is not None
    edges = result.data["loans"]["edges"]
    assert [e["node"]["partner"] for e in edges] == [None, None]
    assert all(e["node"]["providerId"] for e in edges)
    assert result.errors is not None
    assert result.errors[0].extensions is not None
    assert result.errors[0].extensions["provider"] == "financeit"
    assert result.errors[0].extensions["code"] == "PROVIDER_UNAVAILABLE"


async def test_a_loan_is_found_by_its_lead_id(gql: Gql) -> None:
    raw = store_of(gql).newest_first[7]
    data = await gql.data(
        "query($lead: Int!, $p: Int) { loanByLeadId(leadId: $lead, partnerId: $p) {"
        " providerId leadId } }",
        lead=raw["lead_id"],
        p=raw["partner_id"],
    )
    assert data["loanByLeadId"] == {"providerId": str(raw["id"]), "leadId": raw["lead_id"]}
    result = await gql(
        "query($p: Int) { loanByLeadId(leadId: 1, partnerId: $p) { id } }", p=raw["partner_id"]
    )
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_promo_programs_for_a_loan_are_those_of_its_vertical(gql: Gql) -> None:
    raw = store_of(gql).newest_first[5]
    data = await gql.data(
        "query($id: ID!) { promoPrograms(loanId: $id) { edges { node { providerId } } } }",
        id=to_global_id("Loan", "financeit", str(raw["id"])),
    )
    expected = [
        str(p["id"])
        for p in store_of(gql).programs.values()
        if p["vertical_name"] == raw["vertical"]
    ]
    assert [e["node"]["providerId"] for e in data["promoPrograms"]["edges"]] == expected
    result = await gql('{ promoPrograms(loanId: "nonsense") { edges { cursor } } }')
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}
