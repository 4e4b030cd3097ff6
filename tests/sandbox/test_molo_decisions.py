"""Molo sandbox over real HTTP: the decision in principle and the max-loan calculation."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from sandbox.molo import MoloSandbox
from sandbox.molo.decisions import fails_identity_check
from tests.support import SandboxControl

CLIENT = ("sandbox-molo-client", "sandbox-molo-secret")
STATUSES = {"stored", "pending_decision", "valid", "denied_dip", "denied_dip_kyc"}
NEW = {
    "mortgage_type": "new_purchase",
    "borrower_type": "individual_borrower",
    "loan_term": 6,
    "desired_loan_amount": 130000,
    "monthly_rent": 2000,
    "property_value": 200000,
    "reference_id": "custome_reference_id",
}
LEAD = {
    "is_lead": "true",
    "taxable_income": 100000,
    "email": "jan.sparksfeld@example.com",
    "title": "mx",
    "first_name": "Jan",
    "last_name": "Sparksfeld",
    "date_of_birth": "1980-02-12",
    "mobile": "+441615676878",
    "address": {
        "building_number": "123",
        "street": "Fake Street",
        "postal": "NW1 1AL",
        "town": "London",
    },
    "is_privacy_policy_accepted": "true",
}
EXAMPLE = {  # the reference's max-loan sample
    "mortgage_type": "new_purchase",
    "borrower_type": "individual_borrower",
    "taxable_income": 70000,
    "property_value": 230000,
    "estimated_rent_per_month": 2000,
    "is_ex_local": "true",
}


@pytest.fixture
async def api(sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sandbox.url("molo"), trust_env=False) as client:
        form = {"grant_type": "authorization_code", "code": "sandbox-molo-code"}
        token = (await client.post("/oauth/token/", data=form, auth=CLIENT)).json()
        client.headers["Authorization"] = f"Bearer {token['access_token']}"
        yield client


def molo(sandbox: SandboxControl) -> MoloSandbox:
    provider = sandbox.sandbox.providers["molo"]
    assert isinstance(provider, MoloSandbox)
    return provider


async def create(api: httpx.AsyncClient, **fields: Any) -> int:
    response = await api.post("/api/v1/applications/", json={**NEW, **fields})
    assert response.status_code == 201, response.text
    pk: int = response.json()["id"]
    return pk


# Decision in principle


async def add_lead(api: httpx.AsyncClient, application: int, **fields: Any) -> int:
    body = {**LEAD, "application": application, **fields}
    response = await api.post("/api/v1/applicants/", json=body)
    assert response.status_code == 201, response.text
    pk: int = response.json()["id"]
    return pk


async def test_a_valid_dip_sets_the_status_and_a_base64_pdf(api: httpx.AsyncClient) -> None:
    pk = await create(api)
    await add_lead(api, pk)
    response = await api.post(
        f"/api/v1/applications/{pk}/get-dip/", json={"allow_soft_credit_search": "true"}
    )
    assert (response.status_code, response.json()) == (200, {"decision": "valid"})
    body = (await api.get(f"/api/v1/applications/{pk}/")).json()
    assert body["status"] == "valid"
    assert base64.b64decode(body["dip_pdf"]).startswith(b"%PDF-1.4")


async def test_a_loan_beyond_the_max_loan_is_denied_and_has_no_pdf(
    api: httpx.AsyncClient,
) -> None:
    pk = await create(api, desired_loan_amount=190000)  # 95% of the value
    await add_lead(api, pk)
    response = await api.post(
        f"/api/v1/applications/{pk}/get-dip/", json={"allow_soft_credit_search": True}
    )
    assert response.json() == {"decision": "denied_dip"}
    body = (await api.get(f"/api/v1/applications/{pk}/")).json()
    assert (body["status"], body["dip_pdf"]) == ("denied_dip", "")


async def test_an_applicant_failing_the_identity_check_gets_denied_dip_kyc(
    api: httpx.AsyncClient,
) -> None:
    email = next(
        f"kyc{i}@example.com"
        for i in range(1000)
        if fails_identity_check(42, f"kyc{i}@example.com")
    )
    pk = await create(api)
    await add_lead(api, pk, email=email)
    response = await api.post(
        f"/api/v1/applications/{pk}/get-dip/", json={"allow_soft_credit_search": True}
    )
    assert response.json() == {"decision": "denied_dip_kyc"}


async def test_asking_again_gives_a_seeded_application_the_same_decision(
    sandbox: SandboxControl, api: httpx.AsyncClient
) -> None:
    decided = [
        a
        for a in molo(sandbox).store.applications.values()
        if a.status in STATUSES - {"stored", "pending_decision"}
    ][:15]
    for application in decided:
        response = await api.post(
            f"/api/v1/applications/{application.id}/get-dip/",
            json={"allow_soft_credit_search": True},
        )
        assert response.json() == {"decision": application.status}


CONSENT_REFUSALS = [
    ({}, {"allow_soft_credit_search": ["This field is required."]}),
    (
        {"allow_soft_credit_search": "false"},
        {
            "allow_soft_credit_search": [
                "You must allow a soft credit search to get a decision in principle."
            ]
        },
    ),
    (
        {"allow_soft_credit_search": "maybe"},
        {"allow_soft_credit_search": ["Must be a valid boolean."]},
    ),
]


async def test_a_dip_needs_consent_to_a_soft_credit_search(api: httpx.AsyncClient) -> None:
    pk = await create(api)
    await add_lead(api, pk)
    for body, errors in CONSENT_REFUSALS:
        response = await api.post(f"/api/v1/applications/{pk}/get-dip/", json=body)
        assert (body, response.status_code, response.json()) == (body, 400, errors)


async def test_a_dip_needs_a_lead_applicant_and_the_property_figures(
    api: httpx.AsyncClient,
) -> None:
    pk = await create(api, property_value=None)
    response = await api.post(
        f"/api/v1/applications/{pk}/get-dip/", json={"allow_soft_credit_search": True}
    )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["A decision in principle needs a lead applicant, property_value."]
    }
    unknown = await api.post(
        "/api/v1/applications/5/get-dip/", json={"allow_soft_credit_search": True}
    )
    assert unknown.status_code == 404


# Max loan


async def test_the_max_loan_of_the_reference_example_is_172500(api: httpx.AsyncClient) -> None:
    response = await api.post("/api/v1/applications/calculate_max_loan/", json=EXAMPLE)
    assert (response.status_code, response.json()) == (200, {"max_loan": 172500.0})


async def test_low_rent_limits_the_max_loan_by_rental_cover(api: httpx.AsyncClient) -> None:
    body = {**EXAMPLE, "estimated_rent_per_month": 500, "borrower_type": "ltd_company"}
    response = await api.post("/api/v1/applications/calculate_max_loan/", json=body)
    # 6,000 a year / (125% x 5.5%) = 87,272.72, rounded down to £100
    assert response.json() == {"max_loan": 87200.0}


RANGE_REFUSALS = [
    ("property_value", 0, "Ensure this value is greater than or equal to 1."),
    ("property_value", "4000000.01", "Ensure this value is less than or equal to 4000000."),
    ("estimated_rent_per_month", "0.99", "Ensure this value is greater than or equal to 1."),
    (
        "estimated_rent_per_month",
        "999999999.01",
        "Ensure this value is less than or equal to 999999999.",
    ),
    ("taxable_income", "29999.99", "Ensure this value is greater than or equal to 30000."),
    ("taxable_income", "999999999.01", "Ensure this value is less than or equal to 999999999."),
    ("mortgage_type", "second_charge", '"second_charge" is not a valid choice.'),
    ("is_hmo", "perhaps", "Must be a valid boolean."),
    ("property_value", "lots", "A valid number is required."),
]
RANGE_BOUNDS = [
    ("property_value", 1),
    ("property_value", 4_000_000),
    ("estimated_rent_per_month", 999_999_999),
    ("taxable_income", 30_000),
]


async def test_max_loan_inputs_are_validated_to_the_documented_ranges(
    api: httpx.AsyncClient,
) -> None:
    url = "/api/v1/applications/calculate_max_loan/"
    answers, expected = [], []
    for field, value, message in RANGE_REFUSALS:
        response = await api.post(url, json={**EXAMPLE, field: value})
        answers.append((field, value, response.status_code, response.json()))
        expected.append((field, value, 400, {field: [message]}))
    assert answers == expected


async def test_the_range_bounds_themselves_are_accepted(api: httpx.AsyncClient) -> None:
    url = "/api/v1/applications/calculate_max_loan/"
    without_income = {k: v for k, v in EXAMPLE.items() if k != "taxable_income"}
    assert (await api.post(url, json=without_income)).status_code == 200
    for field, value in RANGE_BOUNDS:
        response = await api.post(url, json={**EXAMPLE, field: value})
        assert (field, value, response.status_code) == (field, value, 200)
        assert response.json()["max_loan"] >= 0


async def test_max_loan_requires_the_documented_fields(api: httpx.AsyncClient) -> None:
    response = await api.post("/api/v1/applications/calculate_max_loan/", json={})
    assert response.json() == {
        "mortgage_type": ["This field is required."],
        "borrower_type": ["This field is required."],
        "property_value": ["This field is required."],
        "estimated_rent_per_month": ["This field is required."],
    }
