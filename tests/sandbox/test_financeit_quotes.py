"""FinanceIt sandbox over real HTTP: calculator, promo programs and subverticals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.sandbox.test_financeit import ANONYMOUS, API, bearer, location, provider
from tests.support import SandboxControl

RESULT_FIELDS = {
    "promo_program_id", "promo_program_name", "amortization", "term", "rate",
    "payment_frequency", "payment_amount", "number_of_payments", "requested_amount", "fee",
    "fee_paid_by", "insurance_premium", "principal_amount", "total_payment_amount", "currency",
}  # fmt: skip


@pytest.fixture
async def http(sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    base = sandbox.url("financeit") + API
    async with httpx.AsyncClient(base_url=base, trust_env=False) as client:
        yield client


@pytest.fixture
async def partner(http: httpx.AsyncClient) -> dict[str, str]:
    return await bearer(http)


@pytest.fixture
async def anonymous(http: httpx.AsyncClient) -> dict[str, str]:
    return await bearer(http, ANONYMOUS)


# -- calculator ---------------------------------------------------------------


async def test_calculator_quotes_every_program_of_the_vertical_with_an_application_link(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    shop = location(sandbox)
    vertical = shop["verticals"][0]
    params = {"requested_amount": 10000, "partner_id": shop["id"]}
    answer = await http.get("/calculator", params=params, headers=partner)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"results", "application_link"}
    assert body["application_link"].startswith("https://training.financeit.ca/s/")
    programs = provider(sandbox).store.programs_for([vertical])
    assert [r["promo_program_id"] for r in body["results"]] == [0, *(p["id"] for p in programs)]
    for result in body["results"]:
        assert set(result) == RESULT_FIELDS
        assert result["requested_amount"] == "10000.00"
        assert float(result["payment_amount"]) > 0


async def test_calculator_honours_program_amortization_and_frequency(
    http: httpx.AsyncClient, partner: dict[str, str]
) -> None:
    params: dict[str, Any] = {
        "requested_amount": 5000,
        "vertical_name": "Retail",
        "promo_program_id": 0,
        "amortization": 24,
        "payment_frequency": "w",
        "fee_paid_by": "partner",
        "insurance": "yes",
    }
    answer = await http.get("/calculator", params=params, headers=partner)
    assert answer.status_code == 200
    (result,) = answer.json()["results"]
    assert (result["amortization"], result["number_of_payments"]) == (24, 104)
    assert result["fee"] == "0.00"
    assert result["insurance_premium"] == "200.00"
    assert result["principal_amount"] == "5200.00"
    assert answer.json()["application_link"] is None  # the broker named no partner_id


async def test_calculator_uses_quebec_rates_for_quebec_work_sites(
    http: httpx.AsyncClient, partner: dict[str, str]
) -> None:
    base: dict[str, Any] = {
        "requested_amount": 5000,
        "vertical_name": "Retail",
        "promo_program_id": 0,
    }
    plain = await http.get("/calculator", params=base, headers=partner)
    quebec_params = base | {"work_site_quebec": "yes"}
    quebec = await http.get("/calculator", params=quebec_params, headers=partner)
    assert float(quebec.json()["results"][0]["rate"]) > float(plain.json()["results"][0]["rate"])


async def test_anonymous_users_may_use_the_calculator_without_a_link(
    http: httpx.AsyncClient, anonymous: dict[str, str]
) -> None:
    params: dict[str, Any] = {
        "requested_amount": 7500,
        "vertical_name": "Marine",
        "insurance": "yes",
    }
    answer = await http.get("/calculator", params=params | {"region_code": "NS"}, headers=anonymous)
    assert answer.status_code == 200
    assert answer.json()["application_link"] is None
    assert answer.json()["results"][0]["fee_paid_by"] == "borrower"


CALCULATOR_FAILURES: list[tuple[dict[str, Any], list[str] | None]] = [
    ({}, ["requested_amount is required"]),
    ({"requested_amount": "ten"}, ["requested_amount must be a number"]),
    ({"requested_amount": "nan"}, ["requested_amount must be a number"]),
    ({"requested_amount": 100}, ["requested_amount must be between 500 and 100000"]),
    (
        {"requested_amount": 5000, "payment_frequency": "d", "insurance": "maybe"},
        ["payment_frequency must be one of: m, f or w", "insurance must be one of: yes or no"],
    ),
    (
        {"requested_amount": 5000, "vertical_name": "Boats"},
        [
            "vertical_name must be one of: Home Improvement, Retail, Power, Marine or"
            " Recreational Vehicle"
        ],
    ),
    ({"requested_amount": 5000, "region_code": "ZZ", "vertical_name": "Retail"}, None),
    (
        {"requested_amount": 5000},
        ["vertical_name is required for partners with multiple verticals"],
    ),
    (
        {"requested_amount": 5000, "vertical_name": "Retail", "promo_program_id": 1},
        ["promo_program_id is not a promo program available for this vertical"],
    ),
    (
        {"requested_amount": 5000, "vertical_name": "Retail", "amortization": 7},
        ["amortization is not offered by the promo program"],
    ),
    (
        {"requested_amount": 5000, "vertical_name": "Retail", "partner_id": 1},
        ["partner_id is not one of your partners"],
    ),
]


async def test_calculator_validation_failures_are_422_in_the_errors_shape(
    http: httpx.AsyncClient, partner: dict[str, str]
) -> None:
    for params, errors in CALCULATOR_FAILURES:
        answer = await http.get("/calculator", params=params, headers=partner)
        assert answer.status_code == 422, params
        body = answer.json()
        assert list(body) == ["errors"]
        if errors is None:
            assert body["errors"][0].startswith("region_code must be one of: AB, BC")
        else:
            assert body == {"errors": errors}


async def test_calculator_applies_the_anonymous_user_rules(
    http: httpx.AsyncClient, anonymous: dict[str, str]
) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"requested_amount": 5000}, "vertical_name is required for anonymous users"),
        (
            {"requested_amount": 5000, "vertical_name": "Retail", "insurance": "yes"},
            "region_code is required when insurance is yes for anonymous users",
        ),
    ]
    for params, error in cases:
        answer = await http.get("/calculator", params=params, headers=anonymous)
        assert (answer.status_code, answer.json()) == (422, {"errors": [error]}), params


# -- promo programs and subverticals ---------------------------------------------


async def test_promo_programs_for_a_single_vertical_partner(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    shop = location(sandbox)
    answer = await http.get("/promo_programs", params={"partner_id": shop["id"]}, headers=partner)
    assert answer.status_code == 200
    programs = answer.json()["promo_programs"]
    assert len(programs) == 2
    for program in programs:
        assert program["vertical_name"] == shop["verticals"][0]
        assert program["max_amortization"] == max(program["amortization_periods"])


async def test_promo_programs_follow_a_loans_vertical(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    loan = provider(sandbox).store.newest_first[0]
    answer = await http.get("/promo_programs", params={"loan_id": loan["id"]}, headers=partner)
    assert answer.status_code == 200
    ids = [p["id"] for p in answer.json()["promo_programs"]]
    assert loan["promo_program"]["id"] in ids
    missing = await http.get("/promo_programs", params={"loan_id": 1}, headers=partner)
    assert missing.status_code == 404
    assert missing.json() == {"errors": ["Loan not found"]}


async def test_anonymous_users_list_promo_programs_and_subverticals_of_a_vertical(
    http: httpx.AsyncClient, sandbox: SandboxControl, anonymous: dict[str, str]
) -> None:
    params = {"vertical_name": "Power"}
    programs = await http.get("/promo_programs", params=params, headers=anonymous)
    subverticals = await http.get("/subverticals", params=params, headers=anonymous)
    assert programs.status_code == subverticals.status_code == 200
    expected = provider(sandbox).store.programs_for(["Power"])
    assert programs.json() == {"promo_programs": expected}
    names = [s["name"] for s in subverticals.json()["subverticals"]]
    assert names == ["Powersports", "Outdoor Power"]
    assert subverticals.json()["subverticals"][0]["product_types"] == [
        "ATV",
        "Snowmobile",
        "Motorcycle",
    ]


async def test_reference_data_requires_a_vertical_for_anonymous_users(
    http: httpx.AsyncClient, anonymous: dict[str, str]
) -> None:
    for path in ("/promo_programs", "/subverticals"):
        answer = await http.get(path, headers=anonymous)
        assert answer.status_code == 422
        assert answer.json() == {"errors": ["vertical_name is required for anonymous users"]}


async def test_reference_data_requires_a_partner_id_from_a_broker(
    http: httpx.AsyncClient, partner: dict[str, str]
) -> None:
    required = (
        "partner_id is required when logged in as a broker or multi-location business employee"
    )
    for path in ("/promo_programs", "/subverticals"):
        answer = await http.get(path, params={"vertical_name": "Retail"}, headers=partner)
        assert (answer.status_code, answer.json()) == (422, {"errors": [required]}), path


async def test_subverticals_need_a_vertical_for_a_multi_vertical_partner(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    shop = location(sandbox, vertical_count=2)
    refused = await http.get("/subverticals", params={"partner_id": shop["id"]}, headers=partner)
    assert refused.status_code == 422
    assert refused.json() == {
        "errors": ["vertical_name is required for partners with multiple verticals"]
    }
    params = {"partner_id": shop["id"], "vertical_name": shop["verticals"][1]}
    answer = await http.get("/subverticals", params=params, headers=partner)
    assert answer.status_code == 200
    assert {s["vertical_name"] for s in answer.json()["subverticals"]} == {shop["verticals"][1]}
