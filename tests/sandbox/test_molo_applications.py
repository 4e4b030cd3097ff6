"""Molo sandbox over real HTTP: seed data, creating, reading and patching applications."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from sandbox import ManualClock, SandboxConfig, make_people
from sandbox.molo import MoloSandbox
from sandbox.people import people_at
from tests.support import SandboxControl

CLIENT = ("sandbox-molo-client", "sandbox-molo-secret")
STATUSES = {"stored", "pending_decision", "valid", "denied_dip", "denied_dip_kyc"}
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
NEW = {
    "mortgage_type": "new_purchase",
    "borrower_type": "individual_borrower",
    "loan_term": 6,
    "desired_loan_amount": 130000,
    "monthly_rent": 2000,
    "property_value": 200000,
    "reference_id": "custome_reference_id",
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


# Seed data


async def test_the_seed_holds_a_few_hundred_applications_in_one_plain_list_newest_first(
    sandbox: SandboxControl, api: httpx.AsyncClient
) -> None:
    response = await api.get("/api/v1/applications/")
    assert response.status_code == 200
    rows = response.json()
    assert 200 <= len(rows) <= 600
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids)
    assert set(ids) == set(molo(sandbox).store.applications)  # nothing missing, no pages
    assert [row["created_at"] for row in rows] == sorted(
        (row["created_at"] for row in rows), reverse=True
    )
    for row in rows:
        assert set(row) == {
            "id",
            "status",
            "mortgage_type",
            "borrower_type",
            "created_by",
            "created_at",
            "updated_at",
        }
        assert TIMESTAMP.match(row["created_at"]) and row["updated_at"] >= row["created_at"]
    assert {row["status"] for row in rows} == STATUSES
    assert {row["mortgage_type"] for row in rows} == {
        "new_purchase",
        "remortgage_current",
        "remortgage_and_borrow",
    }
    assert {row["borrower_type"] for row in rows} == {"individual_borrower", "ltd_company"}


async def test_applicants_are_the_molo_people_under_their_molo_email(
    sandbox: SandboxControl, api: httpx.AsyncClient
) -> None:
    people = people_at("molo", make_people(42, 1))
    emails = {p.email_at("molo") for p in people}
    store = molo(sandbox).store
    seeded = {a.email for a in store.applicants.values()}
    assert seeded <= emails
    for applicant in store.applicants.values():  # seed data passes Molo's own validation
        assert re.fullmatch(r"\+44\d{10}", applicant.mobile)
        assert 30_000 <= applicant.taxable_income <= 999_999_999
    assert len(seeded) == len(people)  # every Molo person applies at least once
    assert any(email != email.lower() for email in seeded)  # casing differs from other providers
    two = [a for a in store.applications.values() if len(a.applicants) == 2]
    assert len(two) >= 20
    for application in store.applications.values():
        leads = [store.applicants[pk].is_lead for pk in application.applicants]
        assert leads.count(True) == 1
    applicant = store.applicants[two[0].applicants[1]]
    body = (await api.get(f"/api/v1/applicants/{applicant.id}/")).json()
    assert body["is_lead"] is False and body["application"] == two[0].id


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    def summaries(seed: int) -> list[dict[str, Any]]:
        provider = MoloSandbox(SandboxConfig(seed=seed), ManualClock())
        provider.reset(make_people(seed, 1))
        return [a.detail() for a in provider.store.newest_first()]

    assert summaries(7) == summaries(7)
    assert summaries(7) != summaries(8)


def test_scale_multiplies_the_records() -> None:
    provider = MoloSandbox(SandboxConfig(scale=3), ManualClock())
    provider.reset(make_people(42, 3))
    assert len(provider.store.applications) >= 3 * 200


# Create, read, update


async def test_a_created_application_answers_201_with_its_id_and_reads_back(
    api: httpx.AsyncClient,
) -> None:
    pk = await create(api)
    body = (await api.get(f"/api/v1/applications/{pk}/")).json()
    assert body == {
        "id": pk,
        "status": "stored",
        "mortgage_type": "new_purchase",
        "borrower_type": "individual_borrower",
        "created_by": body["created_by"],
        "created_at": "2026-06-01T12:00:00.000000Z",
        "updated_at": "2026-06-01T12:00:00.000000Z",
        "desired_loan_amount": "130000.00",
        "property_value": 200000.0,
        "monthly_rent": 2000.0,
        "loan_term": 6,
        "reference_id": "custome_reference_id",
        "dip_pdf": "",
        "applicants": [],
    }
    listed = (await api.get("/api/v1/applications/")).json()
    assert listed[0]["id"] == pk


async def test_creating_an_application_validates_like_drf(api: httpx.AsyncClient) -> None:
    response = await api.post(
        "/api/v1/applications/",
        json={"mortgage_type": "buy_to_sell", "loan_term": "six", "desired_loan_amount": "1.234"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "desired_loan_amount": ["Ensure that there are no more than 2 decimal places."],
        "loan_term": ["A valid integer is required."],
        "mortgage_type": ['"buy_to_sell" is not a valid choice.'],
        "borrower_type": ["This field is required."],
    }
    too_big = await api.post("/api/v1/applications/", json={**NEW, "property_value": 1e10})
    assert too_big.json() == {
        "property_value": ["Ensure that there are no more than 9 digits before the decimal point."]
    }


async def test_a_body_that_is_not_a_json_object_is_refused(api: httpx.AsyncClient) -> None:
    broken = await api.post(
        "/api/v1/applications/", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert broken.status_code == 400
    assert broken.json()["detail"].startswith("JSON parse error")
    listed = await api.post("/api/v1/applications/", json=[NEW])
    assert listed.json() == {
        "non_field_errors": ["Invalid data. Expected a dictionary, but got list."]
    }


async def test_an_unknown_application_is_404_not_found(api: httpx.AsyncClient) -> None:
    for pk in ("999", "abc"):
        response = await api.get(f"/api/v1/applications/{pk}/")
        assert (pk, response.status_code, response.json()) == (pk, 404, {"detail": "Not found."})


async def test_patch_changes_only_the_fields_sent_and_answers_the_application(
    sandbox: SandboxControl, api: httpx.AsyncClient
) -> None:
    pk = await create(api)
    sandbox.advance(90)
    response = await api.patch(f"/api/v1/applications/{pk}/", json={"loan_term": 7})
    assert response.status_code == 200
    body = response.json()
    assert body["loan_term"] == 7
    assert body["desired_loan_amount"] == "130000.00"
    assert body["reference_id"] == "custome_reference_id"
    assert body["updated_at"] == "2026-06-01T12:01:30.000000Z"
    assert (await api.get(f"/api/v1/applications/{pk}/")).json() == body


async def test_patch_validates_the_fields_sent(api: httpx.AsyncClient) -> None:
    pk = await create(api)
    response = await api.patch(
        f"/api/v1/applications/{pk}/",
        json={"borrower_type": "trust", "desired_loan_amount": None, "loan_term": 0},
    )
    assert response.status_code == 400
    assert response.json() == {
        "desired_loan_amount": ["This field may not be null."],
        "loan_term": ["Ensure this value is greater than or equal to 1."],
        "borrower_type": ['"trust" is not a valid choice.'],
    }
    assert (await api.get(f"/api/v1/applications/{pk}/")).json()["loan_term"] == 6


async def test_patching_an_unknown_application_is_404(api: httpx.AsyncClient) -> None:
    response = await api.patch("/api/v1/applications/1/", json={"loan_term": 7})
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
