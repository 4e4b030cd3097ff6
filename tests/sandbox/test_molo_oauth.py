"""Molo sandbox over real HTTP: OAuth 2.0 token endpoint, revocation, Bearer auth, 401/404/429."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.support import SandboxControl

CLIENT = ("sandbox-molo-client", "sandbox-molo-secret")
CODE = "sandbox-molo-code"
TTL = 300  # molo_access_token_ttl in tests/conftest.py

API_ROUTES = [
    ("GET", "/api/v1/applications/"),
    ("POST", "/api/v1/applications/"),
    ("GET", "/api/v1/applications/{application}/"),
    ("PATCH", "/api/v1/applications/{application}/"),
    ("POST", "/api/v1/applications/{application}/get-dip/"),
    ("POST", "/api/v1/applications/calculate_max_loan/"),
    ("POST", "/api/v1/applicants/"),
    ("GET", "/api/v1/applicants/{applicant}/"),
    ("PATCH", "/api/v1/applicants/{applicant}/"),
    ("PUT", "/api/v1/applicants/{applicant}/"),
    ("DELETE", "/api/v1/applicants/{applicant}/"),
]


@pytest.fixture
async def http(sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sandbox.url("molo"), trust_env=False) as client:
        yield client


async def login(http: httpx.AsyncClient) -> dict[str, Any]:
    form = {"grant_type": "authorization_code", "code": CODE, "redirect_uri": "http://x/cb"}
    response = await http.post("/oauth/token/", data=form, auth=CLIENT)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def refresh(http: httpx.AsyncClient, token: str) -> httpx.Response:
    form = {"grant_type": "refresh_token", "refresh_token": token}
    return await http.post("/oauth/token/", data=form, auth=CLIENT)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_the_authorization_code_is_exchanged_for_an_oauth_token_pair(
    http: httpx.AsyncClient,
) -> None:
    form = {"grant_type": "authorization_code", "code": CODE, "redirect_uri": "http://x/cb"}
    response = await http.post("/oauth/token/", data=form, auth=CLIENT)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type", "scope", "refresh_token"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == TTL
    assert body["scope"] == "read write"
    assert body["access_token"] != body["refresh_token"]
    listed = await http.get("/api/v1/applications/", headers=bearer(body["access_token"]))
    assert listed.status_code == 200


async def test_the_fixed_code_works_every_time_and_each_login_gets_new_tokens(
    http: httpx.AsyncClient,
) -> None:
    first, second = await login(http), await login(http)
    assert first["access_token"] != second["access_token"]
    assert first["refresh_token"] != second["refresh_token"]


async def test_the_json_body_of_the_reference_curl_sample_is_accepted_too(
    http: httpx.AsyncClient,
) -> None:
    body = {"grant_type": "authorization_code", "code": CODE, "redirect_uri": "http://x/cb"}
    response = await http.post("/oauth/token/", json=body, auth=CLIENT)
    assert response.status_code == 200
    assert response.json()["token_type"] == "Bearer"


async def test_the_token_endpoint_refuses_bad_client_credentials_with_invalid_client(
    http: httpx.AsyncClient,
) -> None:
    form = {"grant_type": "authorization_code", "code": CODE}
    cases: dict[str, tuple[str, str] | None] = {
        "missing": None,
        "wrong-secret": ("sandbox-molo-client", "wrong"),
        "wrong-client": ("someone-else", "sandbox-molo-secret"),
    }
    answers = {}
    for name, auth in cases.items():
        response = await http.post(
            "/oauth/token/", data=form, auth=auth or httpx.USE_CLIENT_DEFAULT
        )
        answers[name] = (response.status_code, response.json())
    assert answers == {name: (401, {"error": "invalid_client"}) for name in cases}


REFUSED_GRANTS = [
    (
        {"grant_type": "authorization_code", "code": "other-code"},
        {
            "error": "invalid_grant",
            "error_description": "Invalid or expired authorization code.",
        },
    ),
    (
        {"grant_type": "authorization_code"},
        {"error": "invalid_request", "error_description": "Missing code parameter."},
    ),
    ({}, {"error": "invalid_request", "error_description": "Missing grant type."}),
    ({"grant_type": "password"}, {"error": "unsupported_grant_type"}),
    (
        {"grant_type": "refresh_token"},
        {"error": "invalid_request", "error_description": "Missing refresh token parameter."},
    ),
    (
        {"grant_type": "refresh_token", "refresh_token": "never-issued"},
        {"error": "invalid_grant", "error_description": "Invalid or revoked refresh token."},
    ),
]


async def test_refused_grants_answer_oauth_error_bodies_with_400(http: httpx.AsyncClient) -> None:
    answers, expected = [], []
    for form, body in REFUSED_GRANTS:
        response = await http.post("/oauth/token/", data=form, auth=CLIENT)
        answers.append((form, response.status_code, response.json()))
        expected.append((form, 400, body))
    assert answers == expected


async def test_a_refresh_rotates_the_refresh_token_and_the_old_one_stops_working(
    http: httpx.AsyncClient,
) -> None:
    first = await login(http)
    rotated = await refresh(http, first["refresh_token"])
    assert rotated.status_code == 200
    pair = rotated.json()
    assert pair["refresh_token"] != first["refresh_token"]
    assert pair["expires_in"] == TTL

    again = await refresh(http, first["refresh_token"])
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    # the rotated one works (once)
    assert (await refresh(http, pair["refresh_token"])).status_code == 200


async def test_a_refresh_revokes_the_access_token_it_replaces(http: httpx.AsyncClient) -> None:
    first = await login(http)
    pair = (await refresh(http, first["refresh_token"])).json()
    old = await http.get("/api/v1/applications/", headers=bearer(first["access_token"]))
    new = await http.get("/api/v1/applications/", headers=bearer(pair["access_token"]))
    assert old.status_code == 401
    assert new.status_code == 200


async def test_an_access_token_expires_after_expires_in_on_the_sandbox_clock(
    sandbox: SandboxControl, http: httpx.AsyncClient
) -> None:
    token = (await login(http))["access_token"]
    sandbox.advance(TTL - 1)
    assert (await http.get("/api/v1/applications/", headers=bearer(token))).status_code == 200
    sandbox.advance(1)
    expired = await http.get("/api/v1/applications/", headers=bearer(token))
    assert expired.status_code == 401
    assert expired.json() == {"detail": "Invalid token."}
    assert expired.headers["www-authenticate"] == 'Bearer realm="api"'


async def test_expire_tokens_ends_access_tokens_but_refresh_tokens_keep_working(
    sandbox: SandboxControl, http: httpx.AsyncClient
) -> None:
    pair = await login(http)
    assert sandbox.expire_tokens("molo") == 1
    response = await http.get("/api/v1/applications/", headers=bearer(pair["access_token"]))
    assert response.status_code == 401
    assert (await refresh(http, pair["refresh_token"])).status_code == 200


async def test_revoking_a_refresh_token_also_ends_its_access_token(
    http: httpx.AsyncClient,
) -> None:
    pair = await login(http)
    form = {"token": pair["refresh_token"], "token_type_hint": "refresh_token"}
    response = await http.post("/oauth/revoke_token/", data=form, auth=CLIENT)
    assert response.status_code == 200
    assert (await refresh(http, pair["refresh_token"])).status_code == 400
    listed = await http.get("/api/v1/applications/", headers=bearer(pair["access_token"]))
    assert listed.status_code == 401


async def test_revoking_an_access_token_keeps_its_refresh_token(http: httpx.AsyncClient) -> None:
    pair = await login(http)
    form = {"token": pair["access_token"], "token_type_hint": "access_token"}
    assert (await http.post("/oauth/revoke_token/", data=form, auth=CLIENT)).status_code == 200
    listed = await http.get("/api/v1/applications/", headers=bearer(pair["access_token"]))
    assert listed.status_code == 401
    assert (await refresh(http, pair["refresh_token"])).status_code == 200


async def test_revoke_token_needs_client_credentials_and_a_token(http: httpx.AsyncClient) -> None:
    unauthenticated = await http.post("/oauth/revoke_token/", data={"token": "x"})
    assert unauthenticated.status_code == 401
    assert unauthenticated.json() == {"error": "invalid_client"}
    missing = await http.post("/oauth/revoke_token/", data={}, auth=CLIENT)
    assert missing.status_code == 400
    assert missing.json() == {
        "error": "invalid_request",
        "error_description": "Missing token parameter.",
    }
    unknown = await http.post("/oauth/revoke_token/", data={"token": "never-issued"}, auth=CLIENT)
    assert unknown.status_code == 200  # RFC 7009: unknown tokens are not an error


async def test_a_reset_forgets_every_issued_token(
    sandbox: SandboxControl, http: httpx.AsyncClient
) -> None:
    pair = await login(http)
    sandbox.reset()
    listed = await http.get("/api/v1/applications/", headers=bearer(pair["access_token"]))
    assert listed.status_code == 401
    assert (await refresh(http, pair["refresh_token"])).status_code == 400


async def test_every_api_route_answers_401_in_drf_shape_without_a_valid_bearer_token(
    sandbox: SandboxControl, http: httpx.AsyncClient
) -> None:
    store = sandbox.sandbox.providers["molo"].store  # type: ignore[attr-defined]
    application = next(a for a in store.applications.values() if len(a.applicants) == 1)
    applicant = application.applicants[0]
    cases = [
        (None, "Authentication credentials were not provided."),
        ("Bearer not-a-token", "Invalid token."),
        ("Basic c2FuZGJveC1tb2xvLWNsaWVudDpzYW5kYm94LW1vbG8tc2VjcmV0", "Invalid token."),
    ]
    answers, expected = {}, {}
    for header, detail in cases:
        headers = {"Authorization": header} if header else {}
        for method, path in API_ROUTES:
            url = path.format(application=application.id, applicant=applicant)
            response = await http.request(method, url, headers=headers, json={})
            answers[(header, method, path)] = (response.status_code, response.json())
            expected[(header, method, path)] = (401, {"detail": detail})
    assert answers == expected
    assert applicant in store.applicants  # the DELETEs did nothing


async def test_unknown_paths_and_methods_answer_drf_detail_bodies(
    http: httpx.AsyncClient,
) -> None:
    token = (await login(http))["access_token"]
    no_slash = await http.get("/api/v1/applications", headers=bearer(token))
    assert (no_slash.status_code, no_slash.json()) == (404, {"detail": "Not found."})
    wrong_method = await http.put("/api/v1/applications/", headers=bearer(token))
    assert wrong_method.status_code == 405
    assert wrong_method.json() == {"detail": 'Method "PUT" not allowed.'}


async def test_the_rate_limit_answers_429_in_drf_shape_per_oauth_client(
    sandbox: SandboxControl, http: httpx.AsyncClient
) -> None:
    pair = await login(http)
    sandbox.set_rate_limit("molo", 2)
    first = await http.get("/api/v1/applications/", headers=bearer(pair["access_token"]))
    rotated = await refresh(http, pair["refresh_token"])
    again = await http.get("/api/v1/applications/", headers=bearer(rotated.json()["access_token"]))
    assert (first.status_code, rotated.status_code) == (200, 200)
    assert again.status_code == 429  # a new token does not bring a new budget
    assert again.json() == {"detail": "Too many requests"}
    assert int(again.headers["retry-after"]) >= 1


async def test_requests_are_counted_by_route_template(
    sandbox: SandboxControl, http: httpx.AsyncClient
) -> None:
    token = (await login(http))["access_token"]
    store = sandbox.sandbox.providers["molo"].store  # type: ignore[attr-defined]
    pk = next(iter(store.applications))
    await http.get(f"/api/v1/applications/{pk}/", headers=bearer(token))
    await http.get(f"/api/v1/applications/{pk + 1}/", headers=bearer(token))
    assert sandbox.calls("molo", "POST /oauth/token/") == 1
    assert sandbox.calls("molo", "GET /api/v1/applications/{pk}/") == 2
