"""Finmo sandbox over real HTTP: adding assets, incomes, liabilities, properties, mortgage."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from sandbox import SandboxConfig
from tests.support import SandboxControl

BROKERAGE = {"Authorization": "Bearer sandbox-finmo-brokerage"}


def team_token(n: int) -> dict[str, str]:
    return {"Authorization": f"Bearer sandbox-finmo-team-{n}"}


def refused(*errors: tuple[str | None, str]) -> dict[str, Any]:
    return {
        "message": "Validation failed",
        "errors": [{"field": field, "message": message} for field, message in errors],
    }


@pytest.fixture(scope="module")
def seeded_sandbox(_sandbox_server: SandboxControl) -> SandboxControl:
    """Reseeded once for this module; each test adds to its own application, so tests
    do not depend on each other (a reset per test costs ~0.2 s)."""
    for provider, limit in SandboxConfig().rate_limits.items():
        _sandbox_server.set_rate_limit(provider, limit)
    _sandbox_server.reset()
    return _sandbox_server


@pytest.fixture
async def finmo(seeded_sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=seeded_sandbox.url("finmo"), trust_env=False) as client:
        yield client


_next_application = iter(range(1, 400))


@pytest.fixture
async def application(finmo: httpx.AsyncClient) -> dict[str, Any]:
    """A seeded application with two applicants, a different one for every test."""
    listed = (await finmo.get("/api/v1/applications", headers=BROKERAGE)).json()
    pairs = [a for a in listed if len(a["applicants"]) == 2]
    return dict(pairs[next(_next_application) % len(pairs)])


NEW: dict[str, dict[str, Any]] = {
    "assets": {"type": "rrsp", "value": 25000.5, "description": "Employer RRSP"},
    "incomes": {
        "type": "employed",
        "amount": 98000,
        "period": "annually",
        "employerName": "Shopify",
    },
    "liabilities": {
        "type": "credit_card",
        "balance": 1200,
        "monthlyPayment": 60,
        "creditLimit": 5000,
    },
    "properties": {
        "address": {
            "street": "1 Rideau St",
            "city": "Ottawa",
            "province": "ON",
            "postalCode": "k1n8s7",
        },
        "propertyType": "condo",
        "occupancy": "owner_occupied",
        "value": 650000,
        "isSubjectProperty": True,
    },
}
INVALID = {
    "assets": (
        {"type": "yacht", "value": -1},
        [
            (
                "type",
                "Input should be 'cash_savings', 'chequing', 'rrsp', 'tfsa', 'investments',"
                " 'vehicle', 'gift' or 'other'",
            ),
            ("value", "Input should be greater than 0"),
        ],
    ),
    "incomes": (
        {"type": "employed", "amount": 0, "period": "daily"},
        [
            ("amount", "Input should be greater than 0"),
            (
                "period",
                "Input should be 'annually', 'monthly', 'semi_monthly', 'biweekly' or 'weekly'",
            ),
        ],
    ),
    "liabilities": (
        {"type": "credit_card", "balance": "lots"},
        [
            ("balance", "Input should be a valid number, unable to parse string as a number"),
            ("monthlyPayment", "Field required"),
        ],
    ),
    "properties": (
        {
            "address": {
                "street": "1 Main St",
                "city": "Ottawa",
                "province": "XX",
                "postalCode": "12345",
            },
            "propertyType": "condo",
            "occupancy": "owner_occupied",
            "value": 1e12,
        },
        [
            (
                "address.province",
                "Input should be 'AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE',"
                " 'QC', 'SK' or 'YT'",
            ),
            ("address.postalCode", "must be a Canadian postal code like K1A 0B1"),
            ("value", "Input should be less than or equal to 1000000000"),
        ],
    ),
}


@pytest.mark.parametrize("kind", list(NEW))
async def test_adding_a_sub_resource_lists_it_and_touches_the_application(
    finmo: httpx.AsyncClient, application: dict[str, Any], kind: str
) -> None:
    path = f"/api/v1/applications/{application['id']}/{kind}"
    before = (await finmo.get(path, headers=BROKERAGE)).json()
    response = await finmo.post(path, json=NEW[kind], headers=BROKERAGE)
    assert response.status_code == 201, response.text
    added = response.json()
    expected = NEW[kind] | {"applicationId": application["id"], "currency": "CAD"}
    if kind == "properties":
        expected["address"] = expected["address"] | {"postalCode": "K1N 8S7"}
    else:  # owned by an applicant: the primary one when none is named
        expected["applicantId"] = application["applicants"][0]["userId"]
    assert {k: added[k] for k in expected} == expected
    assert (await finmo.get(path, headers=BROKERAGE)).json() == [*before, added]
    detail = (
        await finmo.get(f"/api/v1/applications/{application['id']}", headers=BROKERAGE)
    ).json()
    assert detail[kind][-1] == added
    assert detail["updatedAt"] == added["createdAt"] > application["updatedAt"]


@pytest.mark.parametrize("kind", ["assets", "incomes", "liabilities"])
async def test_a_sub_resource_belongs_to_a_named_applicant_of_the_application(
    finmo: httpx.AsyncClient, application: dict[str, Any], kind: str
) -> None:
    path = f"/api/v1/applications/{application['id']}/{kind}"
    second = application["applicants"][1]["userId"]
    added = await finmo.post(path, json=NEW[kind] | {"applicantId": second}, headers=BROKERAGE)
    assert (added.status_code, added.json()["applicantId"]) == (201, second)
    stranger = await finmo.post(path, json=NEW[kind] | {"applicantId": "x"}, headers=BROKERAGE)
    assert (stranger.status_code, stranger.json()) == (
        400,
        refused(("applicantId", "is not an applicant of this application")),
    )


@pytest.mark.parametrize("kind", list(INVALID))
async def test_sub_resource_fields_amounts_and_enums_are_validated(
    finmo: httpx.AsyncClient, application: dict[str, Any], kind: str
) -> None:
    path = f"/api/v1/applications/{application['id']}/{kind}"
    before = (await finmo.get(path, headers=BROKERAGE)).json()
    body, errors = INVALID[kind]
    response = await finmo.post(path, json=body, headers=BROKERAGE)
    assert (response.status_code, response.json()) == (400, refused(*errors))
    assert (await finmo.get(path, headers=BROKERAGE)).json() == before


async def test_a_team_token_cannot_add_to_another_teams_application(
    finmo: httpx.AsyncClient, application: dict[str, Any]
) -> None:
    teams = (await finmo.get("/api/v1/teams", headers=BROKERAGE)).json()
    n = next(i for i, t in enumerate(teams, start=1) if t["id"] != application["teamId"])
    for kind, body in NEW.items():
        path = f"/api/v1/applications/{application['id']}/{kind}"
        response = await finmo.post(path, json=body, headers=team_token(n))
        assert (response.status_code, response.json()) == (
            404,
            {"message": "Application not found", "errors": []},
        )


MORTGAGE = {
    "purchasePrice": 800000,
    "downPayment": 160000,
    "loanAmount": 640000,
    "amortizationYears": 25,
    "termMonths": 60,
    "rateType": "fixed",
    "interestRate": 4.79,
    "closingDate": "2026-08-31",
}


@pytest.mark.parametrize("method", ["PUT", "POST"])
async def test_mortgage_information_is_replaced_as_one_object(
    finmo: httpx.AsyncClient, application: dict[str, Any], method: str
) -> None:
    path = f"/api/v1/applications/{application['id']}/mortgage-information"
    response = await finmo.request(method, path, json=MORTGAGE, headers=BROKERAGE)
    assert response.status_code == 200, response.text
    saved = response.json()
    assert saved | {"updatedAt": None} == MORTGAGE | {
        "applicationId": application["id"],
        "currency": "CAD",
        "updatedAt": None,
    }
    assert (await finmo.get(path, headers=BROKERAGE)).json() == saved
    smaller = {
        "loanAmount": 300000,
        "amortizationYears": 30,
        "termMonths": 36,
        "rateType": "variable",
    }
    replaced = (await finmo.put(path, json=smaller, headers=BROKERAGE)).json()
    assert (replaced["purchasePrice"], replaced["loanAmount"]) == (None, 300000)
    assert replaced["updatedAt"] > saved["updatedAt"]


async def test_mortgage_information_is_validated(
    finmo: httpx.AsyncClient, application: dict[str, Any]
) -> None:
    path = f"/api/v1/applications/{application['id']}/mortgage-information"
    before = (await finmo.get(path, headers=BROKERAGE)).json()
    wrong = {"loanAmount": -5, "amortizationYears": 50, "termMonths": 60, "rateType": "tracker"}
    response = await finmo.put(path, json=wrong, headers=BROKERAGE)
    assert (response.status_code, response.json()) == (
        400,
        refused(
            ("loanAmount", "Input should be greater than 0"),
            ("amortizationYears", "Input should be less than or equal to 35"),
            ("rateType", "Input should be 'fixed', 'variable' or 'adjustable'"),
        ),
    )
    too_much_down = MORTGAGE | {"downPayment": 800000}
    response = await finmo.put(path, json=too_much_down, headers=BROKERAGE)
    assert (response.status_code, response.json()) == (
        400,
        refused(("downPayment", "must be less than purchasePrice")),
    )
    assert (await finmo.get(path, headers=BROKERAGE)).json() == before
