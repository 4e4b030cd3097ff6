"""FinanceIt sandbox over real HTTP: loans, pagination, direct invites and links."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from sandbox.people import make_people, people_at
from tests.conftest import SEED
from tests.sandbox.test_financeit import API, CREDENTIALS, bearer, location, provider
from tests.support import SandboxControl


@pytest.fixture
async def http(sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    base = sandbox.url("financeit") + API
    async with httpx.AsyncClient(base_url=base, trust_env=False) as client:
        yield client


@pytest.fixture
async def partner(http: httpx.AsyncClient) -> dict[str, str]:
    return await bearer(http)


def invalid(*errors: str) -> tuple[int, dict[str, list[str]]]:
    return 422, {"errors": list(errors)}


def seen(answer: httpx.Response) -> tuple[int, Any]:
    return answer.status_code, answer.json()


# -- loans --------------------------------------------------------------------


async def test_loans_default_to_twenty_active_loans_newest_first(
    http: httpx.AsyncClient, partner: dict[str, str]
) -> None:
    answer = await http.get("/loans", headers=partner)
    assert answer.status_code == 200
    loans = answer.json()
    assert len(loans) == 20
    assert {loan["state"] for loan in loans} <= {"pending", "ready_for_funding", "disbursed"}
    keys = [(loan["created_at"], loan["id"]) for loan in loans]
    assert keys == sorted(keys, reverse=True)


async def test_walking_every_page_yields_every_loan_once(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    store = provider(sandbox).store
    walked: list[int] = []
    page = 1
    while True:
        params: dict[str, Any] = {"state": "all", "limit": 37, "page": page}
        batch = (await http.get("/loans", params=params, headers=partner)).json()
        walked += [loan["id"] for loan in batch]
        if len(batch) < 37:
            break
        page += 1
    assert len(walked) == len(set(walked)) == len(store.loans)
    assert 200 <= len(walked) <= 1000  # "a few hundred" at scale 1
    assert walked == [loan["id"] for loan in store.newest_first]
    past_the_end = await http.get("/loans", params={"state": "all", "page": 99}, headers=partner)
    assert seen(past_the_end) == (200, [])


async def test_loans_filter_by_state_dates_and_partner(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    store = provider(sandbox).store
    shop = int(location(sandbox)["id"])
    params: dict[str, Any] = {
        "state": "disbursed_or_closed",
        "start": "2026-01-01",
        "end": "2026-03-31",
        "partner": shop,
        "limit": 100,
    }
    loans = (await http.get("/loans", params=params, headers=partner)).json()
    expected = [
        loan["id"]
        for loan in store.newest_first
        if loan["partner_id"] == shop
        and loan["state"] in ("disbursed", "closed")
        and "2026-01-01" <= loan["created_at"][:10] <= "2026-03-31"
    ]
    assert expected
    assert [loan["id"] for loan in loans] == expected


async def test_loans_validate_their_query_parameters(
    http: httpx.AsyncClient, partner: dict[str, str]
) -> None:
    cases: list[tuple[dict[str, Any], tuple[int, Any]]] = [
        ({"start": "2013/01/01"}, invalid("start must have format 'YYYY-MM-DD'")),
        ({"end": "yesterday"}, invalid("end must have format 'YYYY-MM-DD'")),
        ({"state": "open"}, (422, None)),
        (
            {"limit": 0, "page": 0},
            invalid("limit must be between 1 and 100", "page must be at least 1"),
        ),
        ({"limit": "many"}, invalid("limit must be an integer")),
        ({"partner": 1}, invalid("partner is not one of your partners")),
    ]
    for params, (status, body) in cases:
        answer = await http.get("/loans", params=params, headers=partner)
        assert answer.status_code == status, params
        if body is None:
            assert answer.json()["errors"][0].startswith("state must be one of: all, active")
        else:
            assert answer.json() == body, params


async def test_a_loan_has_the_reference_fields_its_borrower_and_references_by_id(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    store = provider(sandbox).store
    loan_id = store.newest_first[5]["id"]
    loan = (await http.get(f"/loans/{loan_id}", headers=partner)).json()
    assert loan["id"] == loan_id
    assert loan["partner_id"] in store.partners
    assert loan["promo_program"]["id"] in store.programs
    assert loan["created_at"].endswith(" UTC")
    for field in ("rate", "requested_amount", "fee", "principal_amount", "total_payment_amount"):
        assert float(loan[field]) >= 0
    emails = {p.email_at("financeit") for p in people_at("financeit", make_people(SEED, 1))}
    assert loan["borrower"]["email"] in emails
    borrowers = {ln["borrower"]["email"] for ln in store.loans.values()}
    assert borrowers == emails  # every FinanceIt person has a loan


async def test_unknown_or_malformed_loan_ids_are_refused(
    http: httpx.AsyncClient, partner: dict[str, str]
) -> None:
    assert seen(await http.get("/loans/1", headers=partner)) == (
        404,
        {"errors": ["Loan not found"]},
    )
    assert seen(await http.get("/loans/x", headers=partner)) == invalid("id must be an integer")


async def test_loan_id_is_found_by_lead_id_and_partner(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    loan = provider(sandbox).store.newest_first[3]
    params = {"lead_id": loan["lead_id"], "partner_id": loan["partner_id"]}
    answer = await http.get("/loans/id_by_lead_id", params=params, headers=partner)
    assert seen(answer) == (200, {"id": loan["id"]})
    cases: list[tuple[dict[str, Any], tuple[int, Any]]] = [
        ({"partner_id": loan["partner_id"]}, invalid("lead_id is required")),
        (
            {"lead_id": loan["lead_id"]},
            invalid(
                "partner_id is required when logged in as a broker or multi-location business"
                " employee"
            ),
        ),
        ({"lead_id": 1, "partner_id": loan["partner_id"]}, (404, {"errors": ["Loan not found"]})),
    ]
    for params, expected in cases:
        answer = await http.get("/loans/id_by_lead_id", params=params, headers=partner)
        assert seen(answer) == expected, params


# -- direct invites ------------------------------------------------------------


async def test_direct_invite_answers_an_empty_object_and_is_recorded(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    shop = location(sandbox)
    body = {
        "requested_amount": 5000,
        "language": "en",
        "partner_id": shop["id"],  # a string, like the reference's sample
        "promo_program_id": "0",
        "email": "fluffy@fluffydog.com",
        "send_via": "email",
        "first_name": "John",
        "last_name": "Smith",
        "custom_params": {"lead_id": "12a3", "redirect_url": "https://shop.example.com/done"},
    }
    answer = await http.post("/direct_invites", json=body, headers=partner)
    assert seen(answer) == (200, {})
    (invite,) = provider(sandbox).store.invites
    assert invite["email"] == "fluffy@fluffydog.com"
    assert invite["partner_id"] == int(shop["id"])
    assert invite["custom_params"]["lead_id"] == 123  # FinanceIt drops the non-digits


async def test_direct_invites_validate_the_documented_rules(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    shop = location(sandbox)
    base: dict[str, Any] = {"partner_id": shop["id"], "promo_program_id": 0, "send_via": "none"}
    cases: list[tuple[dict[str, Any], tuple[int, Any]]] = [
        ({}, invalid("promo_program_id is required", "send_via is required")),
        (
            base | {"send_via": "fax"},
            invalid("send_via must be one of: email, sms, none or centah"),
        ),
        (base | {"send_via": "sms"}, invalid("mobile_number is required when send_via is sms")),
        (
            base | {"send_via": "sms", "mobile_number": "4165551234"},
            invalid("mobile_number must be in the format '123-456-7890'"),
        ),
        (base | {"send_via": "email"}, invalid("email is required when send_via is email")),
        (base | {"email": "not-an-email"}, invalid("email must be a valid email address")),
        (base | {"message": "x" * 256}, invalid("message must be at most 255 characters")),
        (
            base | {"use_max_amortization": False},
            invalid("amortization is required when use_max_amortization is false"),
        ),
        (
            base | {"promo_program_id": 1},
            invalid("promo_program_id is not a promo program available for this vertical"),
        ),
        (
            base | {"custom_params": {"redirect_url": "https://x/" + "y" * 250}},
            invalid("custom_params.redirect_url must be a string of less than 255 characters"),
        ),
        (
            {"promo_program_id": 0, "send_via": "none"},
            invalid(
                "partner_id is required when logged in as a broker or multi-location business"
                " employee"
            ),
        ),
    ]
    for body, expected in cases:
        answer = await http.post("/direct_invites", json=body, headers=partner)
        assert seen(answer) == expected, body
    accepted = await http.post(
        "/direct_invites", json=base | {"message": "x" * 255}, headers=partner
    )
    assert seen(accepted) == (200, {})
    assert len(provider(sandbox).store.invites) == 1


# -- links ----------------------------------------------------------------------


async def test_single_access_link_is_created_for_a_loan(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    loan_id = provider(sandbox).store.newest_first[0]["id"]
    body = {"loan_id": loan_id, "email": "clerk@shop.example.com"}
    answer = await http.post("/single_access_links", json=body, headers=partner)
    assert answer.status_code == 201
    assert answer.json()["link"].startswith("https://training.financeit.ca/s/")
    assert answer.json() | {"link": None} == {"link": None, **body}
    refusals = [
        ({}, invalid("loan_id is required")),
        ({"loan_id": "abc"}, invalid("loan_id must be an integer")),
        ({"loan_id": 1}, (404, {"errors": ["Loan not found"]})),
    ]
    for refused, expected in refusals:
        answer = await http.post("/single_access_links", json=refused, headers=partner)
        assert seen(answer) == expected, refused


async def test_customized_link_is_created_for_a_lead(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    shop = location(sandbox)
    body = {
        "lead_id": 12345,
        "partner_id": shop["id"],
        "custom_params": {"requested_amount": 5000},
        "borrower": {"first_name": "Jane", "last_name": "Doe"},
        "contacts": [{"email": "manager@shop.example.com"}],
    }
    answer = await http.post("/customized_links", json=body, headers=partner)
    assert answer.status_code == 201
    assert answer.json()["partner_id"] == int(shop["id"])
    assert answer.json()["lead_id"] == 12345
    assert len(provider(sandbox).store.links) == 1
    refusals = [
        ({"partner_id": shop["id"]}, invalid("lead_id is required")),
        (
            body | {"contacts": [{"email": "nobody"}]},
            invalid("contacts.0.email must be a valid email address"),
        ),
        (
            {"lead_id": 1},
            invalid(
                "partner_id is required when logged in as a broker or multi-location business"
                " employee"
            ),
        ),
    ]
    for refused, expected in refusals:
        answer = await http.post("/customized_links", json=refused, headers=partner)
        assert seen(answer) == expected, refused


# -- the individual merchant login ------------------------------------------------


async def test_merchant_login_sees_only_its_own_partner_and_loans(
    http: httpx.AsyncClient, sandbox: SandboxControl
) -> None:
    merchant = await bearer(http, CREDENTIALS | {"login": "sandbox-merchant"})
    store = provider(sandbox).store
    own = store.users[store.merchant_user_id]
    partners = (await http.get("/partners", headers=merchant)).json()
    assert [int(p["id"]) for p in partners] == [own]
    assert partners[0]["login"] == "sandbox-merchant"
    loans = (
        await http.get("/loans", params={"state": "all", "limit": 100}, headers=merchant)
    ).json()
    assert loans and {loan["partner_id"] for loan in loans} == {own}
    other = next(loan for loan in store.newest_first if loan["partner_id"] != own)
    assert seen(await http.get(f"/loans/{other['id']}", headers=merchant)) == (
        404,
        {"errors": ["Loan not found"]},
    )
    sibling = next(pid for pid in store.location_ids if pid != own)
    answer = await http.get(f"/partners/{sibling}", headers=merchant)
    assert seen(answer) == (404, {"errors": ["Partner not found"]})
    answer = await http.get("/loans", params={"partner": sibling}, headers=merchant)
    assert seen(answer) == invalid("partner is not one of your partners")


async def test_merchant_login_needs_no_partner_id(
    http: httpx.AsyncClient, sandbox: SandboxControl
) -> None:
    merchant = await bearer(http, CREDENTIALS | {"login": "sandbox-merchant"})
    store = provider(sandbox).store
    own = store.partners[store.users[store.merchant_user_id]]
    programs = await http.get("/promo_programs", headers=merchant)
    assert programs.status_code == 200
    assert {p["vertical_name"] for p in programs.json()["promo_programs"]} == set(own["verticals"])
    quote = await http.get("/calculator", params={"requested_amount": 5000}, headers=merchant)
    assert quote.json()["application_link"].startswith("https://training.financeit.ca/s/")
    body = {"promo_program_id": 0, "send_via": "none"}
    assert seen(await http.post("/direct_invites", json=body, headers=merchant)) == (200, {})
    assert store.invites[0]["partner_id"] == int(own["id"])
