"""FinanceIt sandbox over real HTTP: tokens, partners, calculator and reference data."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any, cast

import httpx
import pytest

from sandbox.financeit import FinanceItSandbox
from tests.support import SandboxControl

API = "/en/api/v3"
CREDENTIALS = {
    "login": "sandbox-partner",
    "password": "sandbox-password",
    "app_id": "sandbox-app",
    "app_secret": "sandbox-secret",
}
ANONYMOUS = {"app_id": "sandbox-app", "app_secret": "sandbox-secret", "anonymous_user": True}
SAMPLE_PARTNER_FIELDS = {
    "id", "login", "email", "firm_name", "state", "verticals", "organization_type",
    "firm_address", "firm_address_2", "firm_city", "firm_postal_code",
    "firm_number_years_in_business", "firm_annual_sales_volume", "address", "address_2",
    "unit_number", "city", "province", "contact_first_name", "contact_last_name",
    "contact_position", "contact_date_of_birth_year", "contact_date_of_birth_month",
    "contact_date_of_birth_day", "contact_region_id", "contact_postal_code", "referral_uuid",
    "work_phone_1i", "work_phone_2i", "work_phone_3i", "work_phone_4i", "home_phone_1i",
    "home_phone_2i", "home_phone_3i", "home_phone_4i", "firm_current_percent_financed",
}  # fmt: skip
INVALID_TOKEN = {"errors": ["Invalid access token"]}
ANONYMOUS_REFUSED = {"errors": ["This action is not available to anonymous users"]}


def provider(sandbox: SandboxControl) -> FinanceItSandbox:
    return cast(FinanceItSandbox, sandbox.sandbox.providers["financeit"])


@pytest.fixture
async def http(sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    base = sandbox.url("financeit") + API
    async with httpx.AsyncClient(base_url=base, trust_env=False) as client:
        yield client


async def bearer(http: httpx.AsyncClient, body: dict[str, Any] = CREDENTIALS) -> dict[str, str]:
    answer = await http.post("/accounts/create_user_oauth_token", json=body)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture
async def partner(http: httpx.AsyncClient) -> dict[str, str]:
    return await bearer(http)


@pytest.fixture
async def anonymous(http: httpx.AsyncClient) -> dict[str, str]:
    return await bearer(http, ANONYMOUS)


def location(sandbox: SandboxControl, vertical_count: int = 1) -> dict[str, Any]:
    """A seeded location of the login's broker with that many verticals."""
    store = provider(sandbox).store
    return next(
        store.partners[pid]
        for pid in store.location_ids
        if len(store.partners[pid]["verticals"]) == vertical_count
    )


# -- tokens -------------------------------------------------------------------


async def test_login_token_has_the_reference_fields_and_a_64_hex_token(
    http: httpx.AsyncClient, sandbox: SandboxControl
) -> None:
    answer = await http.post("/accounts/create_user_oauth_token", json=CREDENTIALS)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"access_token", "user_id", "user_type"}
    assert re.fullmatch(r"[0-9a-f]{64}", body["access_token"])
    assert body["user_type"] == "Partner"
    assert body["user_id"] == provider(sandbox).store.user_id


async def test_anonymous_token_needs_no_login(http: httpx.AsyncClient) -> None:
    answer = await http.post("/accounts/create_user_oauth_token", json=ANONYMOUS)
    assert answer.status_code == 200
    assert answer.json()["user_type"] == "AnonymousUser"
    assert answer.json()["user_id"] is None


REFUSED_CREDENTIALS = [
    ({"app_secret": "wrong"}, ["Invalid app_id or app_secret"]),
    ({"app_id": "other-app"}, ["Invalid app_id or app_secret"]),
    ({"password": "wrong"}, ["Invalid login or password"]),
    ({"login": "someone-else"}, ["Invalid login or password"]),
]


async def test_refused_credentials_answer_401_in_the_errors_shape(
    http: httpx.AsyncClient,
) -> None:
    for change, errors in REFUSED_CREDENTIALS:
        answer = await http.post("/accounts/create_user_oauth_token", json=CREDENTIALS | change)
        assert (answer.status_code, answer.json()) == (401, {"errors": errors}), change


async def test_token_request_without_login_and_password_is_422_naming_both(
    http: httpx.AsyncClient,
) -> None:
    body = {"app_id": "sandbox-app", "app_secret": "sandbox-secret"}
    answer = await http.post("/accounts/create_user_oauth_token", json=body)
    assert answer.status_code == 422
    assert answer.json() == {
        "errors": [
            "login is required unless anonymous_user is true",
            "password is required unless anonymous_user is true",
        ]
    }


async def test_token_request_without_app_id_is_422_not_fastapis_default_body(
    http: httpx.AsyncClient,
) -> None:
    body = {k: v for k, v in CREDENTIALS.items() if k != "app_id"}
    answer = await http.post("/accounts/create_user_oauth_token", json=body)
    assert answer.status_code == 422
    assert answer.json() == {"errors": ["app_id is required"]}


async def test_token_expires_after_the_configured_lifetime(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    sandbox.advance(599)  # the test sandbox's financeit_token_ttl is 600 s
    assert (await http.get("/partners", headers=partner)).status_code == 200
    sandbox.advance(2)
    answer = await http.get("/partners", headers=partner)
    assert answer.status_code == 401
    assert answer.json() == INVALID_TOKEN


async def test_expire_tokens_invalidates_every_issued_token(
    http: httpx.AsyncClient, sandbox: SandboxControl
) -> None:
    first, second = await bearer(http), await bearer(http, ANONYMOUS)
    assert sandbox.expire_tokens("financeit") == 2
    assert (await http.get("/partners", headers=first)).status_code == 401
    assert (await http.get("/subverticals", headers=second)).status_code == 401
    assert (await http.get("/partners", headers=await bearer(http))).status_code == 200


OPEN_TO_ANONYMOUS = {"/calculator", "/promo_programs", "/subverticals"}
ROUTES = [
    ("GET", "/partners", None),
    ("GET", "/partners/1", None),
    ("GET", "/partners/1/commission_totals", None),
    ("GET", "/calculator?requested_amount=5000", None),
    ("POST", "/direct_invites", {"promo_program_id": 0, "send_via": "none"}),
    ("GET", "/loans", None),
    ("GET", "/loans/1", None),
    ("GET", "/loans/id_by_lead_id?lead_id=1", None),
    ("GET", "/promo_programs", None),
    ("GET", "/subverticals", None),
    ("POST", "/single_access_links", {"loan_id": 1}),
    ("POST", "/customized_links", {"lead_id": 1}),
]


async def test_every_route_answers_401_without_a_valid_token(http: httpx.AsyncClient) -> None:
    for method, path, body in ROUTES:
        for authorization in (None, "Bearer not-a-token", "Basic c2FuZGJveA=="):
            headers = {"Authorization": authorization} if authorization else {}
            answer = await http.request(method, path, json=body, headers=headers)
            assert (answer.status_code, answer.json()) == (401, INVALID_TOKEN), (
                path,
                authorization,
            )


async def test_anonymous_tokens_get_403_outside_calculator_and_reference_data(
    http: httpx.AsyncClient, anonymous: dict[str, str]
) -> None:
    refused = [r for r in ROUTES if r[1].split("?")[0] not in OPEN_TO_ANONYMOUS]
    assert len(refused) == 9
    for method, path, body in refused:
        answer = await http.request(method, path, json=body, headers=anonymous)
        assert (answer.status_code, answer.json()) == (403, ANONYMOUS_REFUSED), path


# -- partners -----------------------------------------------------------------


async def test_partners_lists_the_login_partner_and_its_locations_with_sample_fields(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    answer = await http.get("/partners", headers=partner)
    assert answer.status_code == 200
    partners = answer.json()
    store = provider(sandbox).store
    assert [int(p["id"]) for p in partners] == [store.broker_id, *store.location_ids]
    assert partners[0]["login"] == "sandbox-partner"
    assert len(partners) >= 3
    for record in partners:
        assert set(record) == SAMPLE_PARTNER_FIELDS
        assert isinstance(record["id"], str)  # the reference's sample sends "12345"


async def test_partner_details_answer_the_users_partners_only(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    wanted = location(sandbox)
    answer = await http.get(f"/partners/{wanted['id']}", headers=partner)
    assert (answer.status_code, answer.json()) == (200, wanted)
    outsider = provider(sandbox).store.outsider["id"]
    answer = await http.get(f"/partners/{outsider}", headers=partner)
    assert (answer.status_code, answer.json()) == (404, {"errors": ["Partner not found"]})
    answer = await http.get("/partners/abc", headers=partner)
    assert (answer.status_code, answer.json()) == (422, {"errors": ["id must be an integer"]})


async def test_commission_totals_narrow_with_the_earned_date_range(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    pid = location(sandbox)["id"]
    everything = await http.get(f"/partners/{pid}/commission_totals", headers=partner)
    recent = await http.get(
        f"/partners/{pid}/commission_totals",
        params={"earned_start_date": "2026-03-01", "earned_end_date": "2026-06-01"},
        headers=partner,
    )
    assert everything.status_code == recent.status_code == 200
    assert set(everything.json()) == {"earned", "outstanding"}
    assert re.fullmatch(r"\d+\.\d{2}", everything.json()["earned"])
    assert 0 < float(recent.json()["earned"]) < float(everything.json()["earned"])
    assert recent.json()["outstanding"] == everything.json()["outstanding"]


BAD_COMMISSION_DATES = [
    ({"earned_start_date": "2013-1-01"}, ["earned_start_date must have format 'YYYY-MM-DD'"]),
    ({"earned_end_date": "01/31/2013"}, ["earned_end_date must have format 'YYYY-MM-DD'"]),
    ({"earned_start_date": "2013-02-30"}, ["earned_start_date must have format 'YYYY-MM-DD'"]),
    (
        {"earned_start_date": "2013-02-01", "earned_end_date": "2013-01-01"},
        ["earned_end_date must not be before earned_start_date"],
    ),
]


async def test_commission_totals_validate_the_date_format(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    path = f"/partners/{location(sandbox)['id']}/commission_totals"
    for params, errors in BAD_COMMISSION_DATES:
        answer = await http.get(path, params=params, headers=partner)
        assert (answer.status_code, answer.json()) == (422, {"errors": errors}), params


# -- the sandbox gate ------------------------------------------------------------


async def test_unknown_paths_and_rate_limits_answer_in_the_errors_shape(
    http: httpx.AsyncClient, sandbox: SandboxControl, partner: dict[str, str]
) -> None:
    missing = await http.get("/no_such_route", headers=partner)
    assert missing.status_code == 404
    assert missing.json() == {"errors": ["Not Found"]}
    sandbox.set_rate_limit("financeit", 1)
    assert (await http.get("/partners", headers=partner)).status_code == 200
    limited = await http.get("/partners", headers=partner)
    assert limited.status_code == 429
    assert limited.json() == {"errors": ["Too many requests"]}
