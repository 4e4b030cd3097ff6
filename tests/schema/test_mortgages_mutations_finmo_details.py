"""Finmo's writes on an application's details: assets, incomes, liabilities,
properties and mortgage information, as Finmo then answers them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.schema.conftest import Gql
from tests.schema.test_mortgages_mutations import (
    ADD_ASSET,
    ADD_INCOME,
    ADD_LIABILITY,
    ADD_PROPERTY,
    SET_MORTGAGE,
    gid,
    refused_without_calls,
    run,
    some_application,
)

# assets, incomes, liabilities, properties -------------------------------------------


async def test_add_asset_adds_it_to_the_application_at_finmo(gql: Gql) -> None:
    finmo = gql.providers.finmo
    app_id = await some_application(finmo)
    data = {
        "applicationId": gid("Application", app_id),
        "type": "rrsp",
        "value": "25000.50",
        "description": "Retirement savings",
    }
    payload = await run(gql, ADD_ASSET, data)
    asset = payload["asset"]
    stored = {a.id: a for a in await finmo.assets(app_id)}[asset["providerId"]]
    assert stored.value == Decimal("25000.50") and stored.type == "rrsp"
    assert stored.description == "Retirement savings"
    assert Decimal(asset["value"]["amount"]) == stored.value
    assert asset["value"]["currency"] == "CAD"
    assert asset["applicationId"] == app_id and asset["applicantId"] == stored.applicant_id


async def test_add_asset_refuses_bad_inputs_without_any_call(gql: Gql) -> None:
    app = gid("Application", await some_application(gql.providers.finmo))
    good = {"applicationId": app, "type": "rrsp", "value": "100"}
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"type": "boat"}, "type", "INVALID"),
        ({"value": "0"}, "value", "OUT_OF_RANGE"),
        ({"value": "10.001"}, "value", "INVALID"),
        ({"value": "1000000000.01"}, "value", "OUT_OF_RANGE"),
        ({"applicationId": gid("Application", "1", "molo")}, "applicationId", "NOT_FOUND"),
        ({"applicantId": gid("Loan", "1", "financeit")}, "applicantId", "NOT_FOUND"),
    ]
    for change, field, code in cases:
        errors = await refused_without_calls(gql, "finmo", ADD_ASSET, good | change)
        assert [(e["field"], e["code"]) for e in errors] == [(["input", field], code)], change


async def test_add_asset_maps_an_applicant_finmo_does_not_know_to_applicant_id(gql: Gql) -> None:
    app = gid("Application", await some_application(gql.providers.finmo))
    data = {
        "applicationId": app,
        "type": "tfsa",
        "value": "10",
        "applicantId": gid("Borrower", "x"),
    }
    payload = await run(gql, ADD_ASSET, data)
    assert payload["asset"] is None
    assert payload["userErrors"][0]["field"] == ["input", "applicantId"]
    assert payload["userErrors"][0]["code"] == "PROVIDER_REJECTED"


async def test_an_unknown_finmo_application_is_a_not_found_user_error(gql: Gql) -> None:
    data = {"applicationId": gid("Application", "nope"), "type": "tfsa", "value": "10"}
    payload = await run(gql, ADD_ASSET, data)
    assert payload["userErrors"] == [
        {
            "field": ["input", "applicationId"],
            "message": "No Finmo application with this id.",
            "code": "NOT_FOUND",
        }
    ]


async def test_add_income_adds_it_for_the_named_applicant(gql: Gql) -> None:
    finmo = gql.providers.finmo
    application = (await finmo.applications())[0]
    applicant = application.applicants[0].user_id
    data = {
        "applicationId": gid("Application", application.id),
        "applicantId": gid("Borrower", applicant),
        "type": "employed",
        "amount": "85000",
        "period": "annually",
        "employerName": "Acme",
    }
    payload = await run(gql, ADD_INCOME, data)
    stored = {i.id: i for i in await finmo.incomes(application.id)}[payload["income"]["providerId"]]
    assert (stored.applicant_id, stored.amount, stored.period) == (
        applicant,
        Decimal(85000),
        "annually",
    )
    assert payload["income"]["employerName"] == "Acme"
    bad = data | {"period": "hourly", "amount": "-1"}
    errors = await refused_without_calls(gql, "finmo", ADD_INCOME, bad)
    assert {e["field"][-1] for e in errors} == {"period", "amount"}


async def test_add_liability_adds_it_with_its_figures(gql: Gql) -> None:
    finmo = gql.providers.finmo
    app_id = await some_application(finmo)
    data = {
        "applicationId": gid("Application", app_id),
        "type": "credit_card",
        "balance": "1200.25",
        "monthlyPayment": "60",
        "creditLimit": "5000",
        "lender": "Big Bank",
    }
    payload = await run(gql, ADD_LIABILITY, data)
    stored = {r.id: r for r in await finmo.liabilities(app_id)}[payload["liability"]["providerId"]]
    assert (stored.balance, stored.monthly_payment, stored.credit_limit) == (
        Decimal("1200.25"),
        Decimal(60),
        Decimal(5000),
    )
    assert payload["liability"]["lender"] == "Big Bank"
    errors = await refused_without_calls(
        gql, "finmo", ADD_LIABILITY, data | {"monthlyPayment": "0", "type": "mortgage"}
    )
    assert {e["field"][-1] for e in errors} == {"monthlyPayment", "type"}


async def test_add_property_adds_it_with_a_normalised_postal_code(gql: Gql) -> None:
    finmo = gql.providers.finmo
    app_id = await some_application(finmo)
    address = {"street": "1 Main St", "city": "Ottawa", "province": "ON", "postalCode": "k1a0b1"}
    data: dict[str, Any] = {
        "applicationId": gid("Application", app_id),
        "address": address,
        "propertyType": "condo",
        "occupancy": "owner_occupied",
        "value": "550000",
        "isSubjectProperty": True,
    }
    payload = await run(gql, ADD_PROPERTY, data)
    stored = {p.id: p for p in await finmo.properties(app_id)}[payload["property"]["providerId"]]
    assert stored.address.postal_code == "K1A 0B1" and stored.is_subject_property
    assert payload["property"]["address"]["postalCode"] == "K1A 0B1"
    bad_address = address | {"province": "XX", "postalCode": "12345"}
    errors = await refused_without_calls(
        gql, "finmo", ADD_PROPERTY, data | {"address": bad_address}
    )
    assert {tuple(e["field"]) for e in errors} == {
        ("input", "address", "province"),
        ("input", "address", "postalCode"),
    }


# mortgage information ---------------------------------------------------------------


async def test_set_mortgage_information_replaces_it_at_finmo(gql: Gql) -> None:
    finmo = gql.providers.finmo
    app_id = await some_application(finmo)
    data = {
        "applicationId": gid("Application", app_id),
        "loanAmount": "400000",
        "amortizationYears": 25,
        "termMonths": 60,
        "rateType": "fixed",
        "purchasePrice": "500000",
        "downPayment": "100000",
        "interestRate": "4.79",
        "closingDate": "2027-03-01",
    }
    payload = await run(gql, SET_MORTGAGE, data)
    stored = await finmo.mortgage_information(app_id)
    assert stored.loan_amount == Decimal(400000) and stored.interest_rate == Decimal("4.79")
    assert str(stored.closing_date) == "2027-03-01" and stored.rate_type == "fixed"
    info = payload["mortgageInformation"]
    assert Decimal(info["loanAmount"]["amount"]) == 400000
    assert info["loanAmount"]["currency"] == "CAD"
    assert (info["amortizationYears"], info["termMonths"]) == (25, 60)


async def test_set_mortgage_information_refuses_bad_inputs_without_any_call(gql: Gql) -> None:
    app = gid("Application", await some_application(gql.providers.finmo))
    good = {
        "applicationId": app,
        "loanAmount": "1",
        "amortizationYears": 25,
        "termMonths": 60,
        "rateType": "fixed",
    }
    cases: list[tuple[dict[str, Any], str]] = [
        ({"purchasePrice": "100", "downPayment": "100"}, "downPayment"),
        ({"amortizationYears": 40}, "amortizationYears"),
        ({"termMonths": 3}, "termMonths"),
        ({"rateType": "tracker"}, "rateType"),
        ({"interestRate": "31"}, "interestRate"),
    ]
    for change, field in cases:
        errors = await refused_without_calls(gql, "finmo", SET_MORTGAGE, good | change)
        assert [e["field"] for e in errors] == [["input", field]], change
