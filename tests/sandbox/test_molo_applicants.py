"""Molo sandbox over real HTTP: applicants, one lead per application, mobile and income rules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.support import SandboxControl

CLIENT = ("sandbox-molo-client", "sandbox-molo-secret")
ADDRESS = {
    "building_number": "123",
    "street": "Fake Street",
    "building_name": "Rose Manor",
    "sub_building_name": "Gatehouse",
    "postal": "NW1 1AL",
    "town": "London",
}
PERSON = {
    "taxable_income": 100000,
    "email": "jan.sparksfeld@example.com",
    "title": "mx",
    "first_name": "Jan",
    "middle_name": "Hankerton",
    "last_name": "Sparksfeld",
    "date_of_birth": "1980-02-12",
    "mobile": "+441615676878",
    "address": ADDRESS,
}
MOBILE_MESSAGE = "Enter a valid mobile number in the form +441615676878."
INCOME_MESSAGE = "Ensure this value is greater than or equal to 30000."


@pytest.fixture
async def api(sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sandbox.url("molo"), trust_env=False) as client:
        form = {"grant_type": "authorization_code", "code": "sandbox-molo-code"}
        token = (await client.post("/oauth/token/", data=form, auth=CLIENT)).json()
        client.headers["Authorization"] = f"Bearer {token['access_token']}"
        yield client


@pytest.fixture
async def application(api: httpx.AsyncClient) -> int:
    body = {
        "mortgage_type": "new_purchase",
        "borrower_type": "individual_borrower",
        "loan_term": 6,
        "desired_loan_amount": 130000,
    }
    pk: int = (await api.post("/api/v1/applications/", json=body)).json()["id"]
    return pk


async def add(api: httpx.AsyncClient, application: int, /, **fields: Any) -> httpx.Response:
    body = {
        **PERSON,
        "application": application,
        "is_lead": "true",
        "is_privacy_policy_accepted": "true",
        **fields,
    }
    return await api.post("/api/v1/applicants/", json=body)


async def add_ok(api: httpx.AsyncClient, application: int, /, **fields: Any) -> int:
    response = await add(api, application, **fields)
    assert response.status_code == 201, response.text
    assert set(response.json()) == {"id"}
    pk: int = response.json()["id"]
    return pk


async def test_a_created_applicant_answers_201_and_reads_back_in_the_documented_shape(
    api: httpx.AsyncClient, application: int
) -> None:
    pk = await add_ok(api, application)
    response = await api.get(f"/api/v1/applicants/{pk}/")
    assert response.status_code == 200
    assert response.json() == {
        "id": pk,
        "application": application,
        "is_lead": True,
        "taxable_income": "100000.00",
        "email": "jan.sparksfeld@example.com",
        "title": "mx",
        "first_name": "Jan",
        "middle_name": "Hankerton",
        "last_name": "Sparksfeld",
        "date_of_birth": "1980-02-12",
        "mobile": "+441615676878",
        "address": ADDRESS,
    }
    detail = (await api.get(f"/api/v1/applications/{application}/")).json()
    assert detail["applicants"] == [pk]


async def test_a_second_lead_applicant_is_refused(api: httpx.AsyncClient, application: int) -> None:
    await add_ok(api, application)
    response = await add(api, application, email="other@example.com")
    assert response.status_code == 400
    assert response.json() == {"is_lead": ["This application already has a lead applicant."]}
    second = await add_ok(api, application, is_lead=False, email="other@example.com")
    detail = (await api.get(f"/api/v1/applications/{application}/")).json()
    assert len(detail["applicants"]) == 2 and detail["applicants"][1] == second


async def test_the_first_applicant_of_an_application_must_be_the_lead(
    api: httpx.AsyncClient, application: int
) -> None:
    response = await add(api, application, is_lead=False)
    assert response.status_code == 400
    assert response.json() == {
        "is_lead": ["Each application needs one lead applicant; add the lead applicant first."]
    }


async def test_a_mobile_not_in_the_documented_form_is_refused(
    api: httpx.AsyncClient, application: int
) -> None:
    bad = ["07700900123", "+4416156768", "+44161567687812", "+44 161 567 6878", "+331615676878", ""]
    answers = {}
    for mobile in bad:
        response = await add(api, application, mobile=mobile)
        answers[mobile] = (response.status_code, response.json())
    assert answers == {mobile: (400, {"mobile": [MOBILE_MESSAGE]}) for mobile in bad}


async def test_taxable_income_below_the_floor_is_refused(
    api: httpx.AsyncClient, application: int
) -> None:
    answers = {}
    for income in ("29999.99", 0, -1):
        response = await add(api, application, taxable_income=income)
        answers[income] = (response.status_code, response.json())
    refused = (400, {"taxable_income": [INCOME_MESSAGE]})
    assert answers == {"29999.99": refused, 0: refused, -1: refused}
    assert (await add(api, application, taxable_income=30000)).status_code == 201


async def test_creating_an_applicant_checks_every_documented_field(
    api: httpx.AsyncClient,
) -> None:
    response = await api.post("/api/v1/applicants/", json={"address": {"street": ""}})
    assert response.status_code == 400
    assert response.json() == {
        "is_lead": ["This field is required."],
        "taxable_income": ["This field is required."],
        "email": ["This field is required."],
        "title": ["This field is required."],
        "date_of_birth": ["This field is required."],
        "mobile": ["This field is required."],
        "address": {
            "street": ["This field may not be blank."],
            "postal": ["This field is required."],
            "town": ["This field is required."],
        },
        "application": ["This field is required."],
        "is_privacy_policy_accepted": ["This field is required."],
    }


FIELD_REFUSALS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {"is_privacy_policy_accepted": "false"},
        {"is_privacy_policy_accepted": ["You must accept the privacy policy."]},
    ),
    ({"title": "king"}, {"title": ['"king" is not a valid choice.']}),
    ({"email": "not-an-email"}, {"email": ["Enter a valid email address."]}),
    (
        {"date_of_birth": "12/02/1980"},
        {"date_of_birth": ["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]},
    ),
    (
        {"address": "NW1 1AL"},
        {"address": ["Invalid data. Expected a dictionary, but got str."]},
    ),
    ({"application": 5}, {"application": ['Invalid pk "5" - object does not exist.']}),
]


async def test_invalid_applicant_fields_answer_drf_messages(
    api: httpx.AsyncClient, application: int
) -> None:
    answers, expected = [], []
    for fields, errors in FIELD_REFUSALS:
        response = await add(api, application, **fields)
        answers.append((fields, response.status_code, response.json()))
        expected.append((fields, 400, errors))
    assert answers == expected


async def test_patch_changes_the_fields_sent_and_merges_a_partial_address(
    api: httpx.AsyncClient, application: int
) -> None:
    pk = await add_ok(api, application)
    response = await api.patch(
        f"/api/v1/applicants/{pk}/",
        json={"mobile": "+447700900123", "address": {"town": "Leeds"}, "application": 1},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["mobile"] == "+447700900123"
    assert body["address"] == {**ADDRESS, "town": "Leeds"}
    assert body["application"] == application  # not writable
    assert (await api.get(f"/api/v1/applicants/{pk}/")).json() == body


PATCH_REFUSALS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"mobile": "0161 567 6878"}, {"mobile": [MOBILE_MESSAGE]}),
    ({"taxable_income": 100}, {"taxable_income": [INCOME_MESSAGE]}),
    ({"email": None}, {"email": ["This field may not be null."]}),
    ({"address": {"postal": ""}}, {"address": {"postal": ["This field may not be blank."]}}),
]


async def test_patch_validates_the_fields_sent(api: httpx.AsyncClient, application: int) -> None:
    pk = await add_ok(api, application)
    answers, expected = [], []
    for fields, errors in PATCH_REFUSALS:
        response = await api.patch(f"/api/v1/applicants/{pk}/", json=fields)
        answers.append((fields, response.status_code, response.json()))
        expected.append((fields, 400, errors))
    assert answers == expected
    assert (await api.get(f"/api/v1/applicants/{pk}/")).json()["mobile"] == PERSON["mobile"]


async def test_patch_keeps_exactly_one_lead(api: httpx.AsyncClient, application: int) -> None:
    lead = await add_ok(api, application)
    other = await add_ok(api, application, is_lead=False, email="other@example.com")
    second_lead = await api.patch(f"/api/v1/applicants/{other}/", json={"is_lead": True})
    assert second_lead.status_code == 400
    assert second_lead.json() == {"is_lead": ["This application already has a lead applicant."]}
    no_lead = await api.patch(f"/api/v1/applicants/{lead}/", json={"is_lead": False})
    assert no_lead.status_code == 400
    assert list(no_lead.json()) == ["is_lead"]


async def test_put_replaces_the_applicant(api: httpx.AsyncClient, application: int) -> None:
    pk = await add_ok(api, application)
    replacement = {
        **PERSON,
        "is_lead": True,
        "title": "dr",
        "taxable_income": "45000.50",
        "address": {"street": "Mill Road", "postal": "M1 2AB", "town": "Manchester"},
    }
    del replacement["middle_name"]
    response = await api.put(f"/api/v1/applicants/{pk}/", json=replacement)
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "dr"
    assert body["taxable_income"] == "45000.50"
    assert body["middle_name"] == "Hankerton"  # omitted optional fields stay as they were
    assert body["address"] == {
        "building_number": None,
        "street": "Mill Road",
        "building_name": None,
        "sub_building_name": None,
        "postal": "M1 2AB",
        "town": "Manchester",
    }


async def test_put_requires_the_whole_applicant(api: httpx.AsyncClient, application: int) -> None:
    pk = await add_ok(api, application)
    response = await api.put(f"/api/v1/applicants/{pk}/", json={"mobile": "+4412"})
    assert response.status_code == 400
    body = response.json()
    assert body["mobile"] == [MOBILE_MESSAGE]
    assert body["is_lead"] == ["This field is required."]
    assert body["address"] == ["This field is required."]


async def test_deleting_a_co_applicant_answers_204_and_it_is_gone(
    api: httpx.AsyncClient, application: int
) -> None:
    await add_ok(api, application)
    other = await add_ok(api, application, is_lead=False, email="other@example.com")
    response = await api.delete(f"/api/v1/applicants/{other}/")
    assert (response.status_code, response.content) == (204, b"")
    gone = await api.get(f"/api/v1/applicants/{other}/")
    assert (gone.status_code, gone.json()) == (404, {"detail": "Not found."})
    detail = (await api.get(f"/api/v1/applications/{application}/")).json()
    assert len(detail["applicants"]) == 1


async def test_the_lead_cannot_be_deleted_while_others_remain(
    api: httpx.AsyncClient, application: int
) -> None:
    lead = await add_ok(api, application)
    other = await add_ok(api, application, is_lead=False, email="other@example.com")
    refused = await api.delete(f"/api/v1/applicants/{lead}/")
    assert refused.status_code == 400
    assert refused.json() == {
        "non_field_errors": [
            "The lead applicant cannot be deleted while the application has other applicants."
        ]
    }
    assert (await api.delete(f"/api/v1/applicants/{other}/")).status_code == 204
    assert (await api.delete(f"/api/v1/applicants/{lead}/")).status_code == 204


async def test_an_unknown_applicant_is_404(api: httpx.AsyncClient) -> None:
    answers = {}
    for method in ("GET", "PATCH", "PUT", "DELETE"):
        response = await api.request(method, "/api/v1/applicants/1/", json={})
        answers[method] = (response.status_code, response.json())
    assert answers == {
        m: (404, {"detail": "Not found."}) for m in ("GET", "PATCH", "PUT", "DELETE")
    }
