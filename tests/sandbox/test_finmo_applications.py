"""Finmo sandbox over real HTTP: reading applications and their sub-resources."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from sandbox import SandboxConfig
from sandbox.finmo import FinmoSandbox
from tests.support import SandboxControl

BROKERAGE = {"Authorization": "Bearer sandbox-finmo-brokerage"}
UNAUTHORIZED = {
    "message": "Unauthorized: a valid API token is required (Authorization: Bearer <token>)",
    "errors": [],
}
APPLICATION_NOT_FOUND = {"message": "Application not found", "errors": []}
SUMMARY_FIELDS = {
    "id",
    "teamId",
    "team",
    "teamMembers",
    "brokers",
    "applicants",
    "goal",
    "status",
    "invitations",
    "createdAt",
    "updatedAt",
}
SUB_RESOURCES = ("assets", "incomes", "liabilities", "properties")


def team_token(n: int) -> dict[str, str]:
    return {"Authorization": f"Bearer sandbox-finmo-team-{n}"}


@pytest.fixture(scope="module")
def seeded_sandbox(_sandbox_server: SandboxControl) -> SandboxControl:
    """Reseeded once for this module: its tests only read (a reset per test costs ~0.2 s)."""
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


async def test_applications_are_a_plain_list_newest_first(finmo: httpx.AsyncClient) -> None:
    applications = await get_json(finmo, "/api/v1/applications")
    assert 200 <= len(applications) <= 400
    assert len({a["id"] for a in applications}) == len(applications)
    created = [a["createdAt"] for a in applications]
    assert created == sorted(created, reverse=True)
    assert {frozenset(a) for a in applications} == {frozenset(SUMMARY_FIELDS)}
    assert any(len(a["applicants"]) == 2 for a in applications)


async def test_application_applicants_are_borrowers_of_its_team(finmo: httpx.AsyncClient) -> None:
    applications = await get_json(finmo, "/api/v1/applications")
    teams = await get_json(finmo, "/api/v1/teams")
    borrowers = {}
    for team in teams:
        for b in await get_json(finmo, f"/api/v1/teams/{team['id']}/borrowers"):
            borrowers[b["userId"]] = b
    brokers = {b["id"]: b for b in await get_json(finmo, "/api/v1/brokers")}
    for application in applications:
        assert application["team"]["id"] == application["teamId"]
        for applicant in application["applicants"]:
            borrower = borrowers[applicant["userId"]]
            assert borrower["teamId"] == application["teamId"]
            assert applicant["email"] == borrower["email"]
        assert [b["id"] for b in application["brokers"]] == application["teamMembers"]
        assert {brokers[b]["teamId"] for b in application["teamMembers"]} == {application["teamId"]}


async def test_applications_filter_by_team(finmo: httpx.AsyncClient) -> None:
    everything = await get_json(finmo, "/api/v1/applications")
    team = everything[0]["teamId"]
    of_team = await get_json(finmo, "/api/v1/applications", params={"teamId": team})
    assert of_team == [a for a in everything if a["teamId"] == team]


async def test_applications_team_filter_is_validated(finmo: httpx.AsyncClient) -> None:
    response = await finmo.get(
        "/api/v1/applications", params={"teamId": "t" * 65}, headers=BROKERAGE
    )
    assert response.status_code == 400
    assert response.json() == {
        "message": "Validation failed",
        "errors": [{"field": "teamId", "message": "String should have at most 64 characters"}],
    }


async def test_team_token_lists_only_its_teams_applications(finmo: httpx.AsyncClient) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    everything = await get_json(finmo, "/api/v1/applications")
    seen = 0
    for n, team in enumerate(teams, start=1):
        mine = await get_json(finmo, "/api/v1/applications", headers=team_token(n))
        assert mine == [a for a in everything if a["teamId"] == team["id"]]
        seen += len(mine)
    assert seen == len(everything)
    other = await finmo.get(
        "/api/v1/applications", params={"teamId": teams[0]["id"]}, headers=team_token(2)
    )
    assert (other.status_code, other.json()) == (404, {"message": "Team not found", "errors": []})


async def test_application_detail_embeds_its_sub_resources(finmo: httpx.AsyncClient) -> None:
    summary = (await get_json(finmo, "/api/v1/applications"))[3]
    detail = await get_json(finmo, f"/api/v1/applications/{summary['id']}")
    assert {k: detail[k] for k in SUMMARY_FIELDS} == summary
    for kind in SUB_RESOURCES:
        listed = await get_json(finmo, f"/api/v1/applications/{summary['id']}/{kind}")
        assert detail[kind] == listed
        assert {r["applicationId"] for r in listed} <= {summary["id"]}
        assert {r["currency"] for r in listed} <= {"CAD"}
    mortgage = await get_json(finmo, f"/api/v1/applications/{summary['id']}/mortgage-information")
    assert detail["mortgageInformation"] == mortgage


async def test_seeded_sub_resources_carry_positive_cad_amounts(finmo: httpx.AsyncClient) -> None:
    for application in (await get_json(finmo, "/api/v1/applications"))[:20]:
        detail = await get_json(finmo, f"/api/v1/applications/{application['id']}")
        applicants = {a["userId"] for a in application["applicants"]}
        assert detail["incomes"], "every applicant has an income"
        assert detail["properties"], "every application has a property"
        for income in detail["incomes"]:
            assert income["amount"] > 0 and income["applicantId"] in applicants
        for asset in detail["assets"]:
            assert asset["value"] > 0 and asset["applicantId"] in applicants
        for liability in detail["liabilities"]:
            assert liability["balance"] > 0 and liability["monthlyPayment"] > 0
        for prop in detail["properties"]:
            assert prop["value"] > 0 and set(prop["address"]) == {
                "street",
                "city",
                "province",
                "postalCode",
            }


async def test_mortgage_information_is_an_object_with_nulls_when_never_set(
    finmo: httpx.AsyncClient, seeded_sandbox: SandboxControl
) -> None:
    provider = seeded_sandbox.sandbox.providers["finmo"]
    assert isinstance(provider, FinmoSandbox)
    store = provider.store
    unset = next(a for a in store.applications if a not in store.mortgages)
    answer = await get_json(finmo, f"/api/v1/applications/{unset}/mortgage-information")
    assert answer["applicationId"] == unset and answer["currency"] == "CAD"
    assert {k for k, v in answer.items() if v is not None} == {"applicationId", "currency"}
    some = next(iter(store.mortgages))
    answer = await get_json(finmo, f"/api/v1/applications/{some}/mortgage-information")
    assert answer["loanAmount"] == answer["purchasePrice"] - answer["downPayment"]


@pytest.mark.parametrize(
    "suffix", ["", "/assets", "/incomes", "/liabilities", "/properties", "/mortgage-information"]
)
async def test_unknown_or_another_teams_application_answers_404(
    finmo: httpx.AsyncClient, suffix: str
) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    everything = await get_json(finmo, "/api/v1/applications")
    foreign = next(a for a in everything if a["teamId"] != teams[0]["id"])
    own = next(a for a in everything if a["teamId"] == teams[0]["id"])
    assert (
        await finmo.get(f"/api/v1/applications/{own['id']}{suffix}", headers=team_token(1))
    ).status_code == 200
    for path, headers in (
        (f"/api/v1/applications/{foreign['id']}{suffix}", team_token(1)),
        (f"/api/v1/applications/no-such-application{suffix}", BROKERAGE),
    ):
        response = await finmo.get(path, headers=headers)
        assert (response.status_code, response.json()) == (404, APPLICATION_NOT_FOUND)
