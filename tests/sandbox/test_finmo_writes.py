"""Finmo sandbox over real HTTP: creating applications, as the reference documents."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from sandbox import SandboxConfig
from tests.support import SandboxControl

BROKERAGE = {"Authorization": "Bearer sandbox-finmo-brokerage"}
UNAUTHORIZED = {
    "message": "Unauthorized: a valid API token is required (Authorization: Bearer <token>)",
    "errors": [],
}


def team_token(n: int) -> dict[str, str]:
    return {"Authorization": f"Bearer sandbox-finmo-team-{n}"}


def refused(*errors: tuple[str | None, str]) -> dict[str, Any]:
    return {
        "message": "Validation failed",
        "errors": [{"field": field, "message": message} for field, message in errors],
    }


@pytest.fixture(scope="module")
def seeded_sandbox(_sandbox_server: SandboxControl) -> SandboxControl:
    """Reseeded once for this module; every test only adds records and asserts on
    what it added, so they do not depend on each other (a reset per test costs ~0.2 s)."""
    for provider, limit in SandboxConfig().rate_limits.items():
        _sandbox_server.set_rate_limit(provider, limit)
    _sandbox_server.reset()
    return _sandbox_server


@pytest.fixture
async def finmo(seeded_sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=seeded_sandbox.url("finmo"), trust_env=False) as client:
        yield client


async def get_json(client: httpx.AsyncClient, path: str, **kw: Any) -> Any:
    response = await client.get(path, headers=kw.pop("headers", BROKERAGE), **kw)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
async def team(finmo: httpx.AsyncClient) -> dict[str, Any]:
    """The second team, its brokers and borrowers (team token: sandbox-finmo-team-2)."""
    found: dict[str, Any] = (await get_json(finmo, "/api/v1/teams"))[1]
    found["brokers"] = await get_json(finmo, "/api/v1/brokers", params={"teamId": found["id"]})
    found["borrowers"] = await get_json(finmo, f"/api/v1/teams/{found['id']}/borrowers")
    return found


JANE = {
    "firstName": "Jane",
    "lastName": "Doe",
    "email": "jane.doe.finmo-test@example.com",
    "phoneNumber": "613-555-0117",
}


async def test_create_application_with_a_new_applicant_invites_a_new_borrower(
    finmo: httpx.AsyncClient, team: dict[str, Any]
) -> None:
    body = {
        "teamId": team["id"],
        "teamMembers": [team["brokers"][0]["id"]],
        "applicant": JANE,
        "sendInvite": True,
        "sendSMS": True,
        "goal": "purchase",
    }
    response = await finmo.post("/api/v1/applications", json=body, headers=BROKERAGE)
    assert response.status_code == 201, response.text
    created = response.json()
    applicant = created["applicants"][0]
    assert applicant | {"userId": None} == {
        "userId": None,
        "firstName": "Jane",
        "lastName": "Doe",
        "email": "jane.doe.finmo-test@example.com",
        "phoneNumber": "6135550117",
        "isPrimary": True,
    }
    assert created["teamId"] == team["id"] and created["team"]["name"] == team["name"]
    assert created["teamMembers"] == [team["brokers"][0]["id"]]
    assert created["brokers"][0]["email"] == team["brokers"][0]["email"]
    assert (created["goal"], created["status"]) == ("purchase", "invited")
    assert [i["channel"] for i in created["invitations"]] == ["email", "sms"]
    assert created["createdAt"] == created["updatedAt"]
    for kind in ("assets", "incomes", "liabilities", "properties"):
        assert created[kind] == []
    assert created["mortgageInformation"]["loanAmount"] is None
    # It is now the newest application, readable on its own, and Jane a borrower.
    assert (await get_json(finmo, "/api/v1/applications"))[0]["id"] == created["id"]
    assert await get_json(finmo, f"/api/v1/applications/{created['id']}") == created
    borrowers = await get_json(finmo, f"/api/v1/teams/{team['id']}/borrowers")
    assert borrowers[-1]["userId"] == applicant["userId"]
    assert borrowers[-1]["email"] == JANE["email"]


async def test_create_application_for_an_existing_borrower_by_applicant_id(
    finmo: httpx.AsyncClient, team: dict[str, Any]
) -> None:
    borrower = team["borrowers"][0]
    members = [b["id"] for b in team["brokers"][:2]]
    body = {"teamId": team["id"], "teamMembers": members, "applicantId": borrower["userId"]}
    body |= {"goal": "refinance"}
    response = await finmo.post("/api/v1/applications", json=body, headers=team_token(2))
    assert response.status_code == 201, response.text
    created = response.json()
    assert [a["userId"] for a in created["applicants"]] == [borrower["userId"]]
    assert created["applicants"][0]["email"] == borrower["email"]
    assert (created["goal"], created["status"], created["invitations"]) == (
        "refinance",
        "draft",
        [],
    )
    assert created["teamMembers"] == members
    after = await get_json(finmo, f"/api/v1/teams/{team['id']}/borrowers")
    assert len(after) == len(team["borrowers"]), "no borrower was added"


async def test_a_new_applicant_with_an_existing_borrowers_email_reuses_that_borrower(
    finmo: httpx.AsyncClient, team: dict[str, Any]
) -> None:
    borrower = team["borrowers"][1]
    applicant = JANE | {"email": f"  {borrower['email'].upper()} "}
    body = {"teamId": team["id"], "teamMembers": [team["brokers"][0]["id"]], "goal": "renewal"}
    response = await finmo.post(
        "/api/v1/applications", json=body | {"applicant": applicant}, headers=BROKERAGE
    )
    assert response.status_code == 201
    assert response.json()["applicants"][0]["userId"] == borrower["userId"]


async def test_new_applicant_fields_are_required_and_validated(
    finmo: httpx.AsyncClient, team: dict[str, Any]
) -> None:
    before = len(await get_json(finmo, "/api/v1/applications"))
    body = {
        "teamId": team["id"],
        "teamMembers": [team["brokers"][0]["id"]],
        "applicant": {"firstName": " ", "email": "not-an-email", "phoneNumber": "555-01"},
        "goal": "buy",
    }
    response = await finmo.post("/api/v1/applications", json=body, headers=BROKERAGE)
    assert response.status_code == 400
    assert response.json() == refused(
        ("applicant.firstName", "String should have at least 1 character"),
        ("applicant.lastName", "Field required"),
        ("applicant.email", "must be a valid email address"),
        ("applicant.phoneNumber", "must be a ten-digit North American phone number"),
        ("goal", "Input should be 'purchase', 'pre_approval', 'refinance', 'renewal' or 'switch'"),
    )
    assert len(await get_json(finmo, "/api/v1/applications")) == before


async def test_applicant_id_must_be_a_borrower_of_the_team(
    finmo: httpx.AsyncClient, team: dict[str, Any]
) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    stranger = (await get_json(finmo, f"/api/v1/teams/{teams[0]['id']}/borrowers"))[0]
    for applicant_id in (stranger["userId"], "no-such-user"):
        body = {"teamId": team["id"], "teamMembers": [team["brokers"][0]["id"]]}
        body |= {"applicantId": applicant_id, "goal": "purchase"}
        response = await finmo.post("/api/v1/applications", json=body, headers=BROKERAGE)
        assert response.status_code == 400
        assert response.json() == refused(("applicantId", "is not a borrower of this team"))


async def test_team_members_must_be_brokers_of_the_team(
    finmo: httpx.AsyncClient, team: dict[str, Any]
) -> None:
    everyone = await get_json(finmo, "/api/v1/brokers")
    stranger = next(b for b in everyone if b["teamId"] != team["id"])
    body = {"teamId": team["id"], "applicantId": team["borrowers"][0]["userId"], "goal": "switch"}
    members = [team["brokers"][0]["id"], stranger["id"], "nobody"]
    response = await finmo.post(
        "/api/v1/applications", json=body | {"teamMembers": members}, headers=BROKERAGE
    )
    assert response.status_code == 400
    assert response.json() == refused(
        ("teamMembers[1]", "is not a broker of this team"),
        ("teamMembers[2]", "is not a broker of this team"),
    )
    empty = await finmo.post(
        "/api/v1/applications", json=body | {"teamMembers": []}, headers=BROKERAGE
    )
    assert empty.json() == refused(
        ("teamMembers", "List should have at least 1 item after validation, not 0")
    )


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({}, ("applicant", "applicant or applicantId is required")),
        (
            {"applicant": JANE, "applicantId": "x"},
            (None, "Give either applicant or applicantId, not both"),
        ),
        ({"applicantId": "x", "sendSMS": True}, None),
    ],
    ids=["neither", "both", "sms-without-invite"],
)
async def test_exactly_one_of_applicant_and_applicant_id_and_sms_needs_an_invite(
    finmo: httpx.AsyncClient, team: dict[str, Any], change: dict[str, Any], error: Any
) -> None:
    body = {"teamId": team["id"], "teamMembers": [team["brokers"][0]["id"]], "goal": "purchase"}
    if error is None:  # a valid borrower, but sendSMS without sendInvite
        change = change | {"applicantId": team["borrowers"][0]["userId"]}
        error = ("sendSMS", "requires sendInvite to be true")
    response = await finmo.post("/api/v1/applications", json=body | change, headers=BROKERAGE)
    assert (response.status_code, response.json()) == (400, refused(error))


async def test_a_team_token_cannot_create_for_another_team(
    finmo: httpx.AsyncClient, team: dict[str, Any]
) -> None:
    body = {"teamId": team["id"], "teamMembers": [team["brokers"][0]["id"]], "goal": "purchase"}
    body |= {"applicantId": team["borrowers"][0]["userId"]}
    for headers, team_id in ((team_token(1), team["id"]), (BROKERAGE, "no-such-team")):
        response = await finmo.post(
            "/api/v1/applications", json=body | {"teamId": team_id}, headers=headers
        )
        assert (response.status_code, response.json()) == (
            400,
            refused(("teamId", "No team with this id")),
        )


async def test_a_body_that_is_not_a_json_object_is_a_400(finmo: httpx.AsyncClient) -> None:
    headers = BROKERAGE | {"Content-Type": "application/json"}
    broken = await finmo.post("/api/v1/applications", content=b'{"teamId": ', headers=headers)
    assert (broken.status_code, broken.json()) == (
        400,
        refused((None, "The request body is not valid JSON")),
    )
    missing = await finmo.post("/api/v1/applications", json={}, headers=BROKERAGE)
    assert missing.status_code == 400
    assert [e["field"] for e in missing.json()["errors"]] == ["teamId", "teamMembers", "goal"]


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("POST", "/api/v1/applications"),
        ("POST", "/api/v1/applications/{id}/assets"),
        ("POST", "/api/v1/applications/{id}/incomes"),
        ("POST", "/api/v1/applications/{id}/liabilities"),
        ("POST", "/api/v1/applications/{id}/properties"),
        ("PUT", "/api/v1/applications/{id}/mortgage-information"),
        ("POST", "/api/v1/applications/{id}/mortgage-information"),
    ],
)
async def test_every_write_route_answers_401_without_a_valid_token(
    finmo: httpx.AsyncClient, method: str, route: str
) -> None:
    application = (await get_json(finmo, "/api/v1/applications"))[0]["id"]
    path = route.format(id=application)
    for headers in ({}, {"Authorization": "Bearer sandbox-finmo-team-99"}):
        response = await finmo.request(method, path, json={}, headers=headers)
        assert (response.status_code, response.json()) == (401, UNAUTHORIZED)
