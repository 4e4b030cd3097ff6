"""Finmo sandbox over real HTTP: auth, error shape, teams, brokers, borrowers, seed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from sandbox import SandboxConfig, make_people
from sandbox.finmo import FinmoSandbox
from sandbox.provider import ManualClock
from tests.support import SandboxControl

BROKERAGE = {"Authorization": "Bearer sandbox-finmo-brokerage"}
UNAUTHORIZED = {
    "message": "Unauthorized: a valid API token is required (Authorization: Bearer <token>)",
    "errors": [],
}


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


@pytest.fixture(scope="module")
def some_ids(seeded_sandbox: SandboxControl) -> dict[str, str]:
    """One team, broker and application id, read once over HTTP."""
    ids = {}
    for name, path in (("team", "teams"), ("broker", "brokers"), ("application", "applications")):
        answer = seeded_sandbox.http.get(f"/finmo/api/v1/{path}", headers=BROKERAGE)
        ids[name] = answer.raise_for_status().json()[0]["id"]
    return ids


async def get_json(client: httpx.AsyncClient, path: str, **kw: Any) -> Any:
    response = await client.get(path, headers=kw.pop("headers", BROKERAGE), **kw)
    assert response.status_code == 200, response.text
    return response.json()


# auth and the error shape ---------------------------------------------------------

ROUTES = [
    "/api/v1/teams",
    "/api/v1/teams/{team}",
    "/api/v1/teams/{team}/borrowers",
    "/api/v1/brokers",
    "/api/v1/brokers/{broker}",
    "/api/v1/applications",
    "/api/v1/applications/{application}",
    "/api/v1/applications/{application}/assets",
    "/api/v1/applications/{application}/incomes",
    "/api/v1/applications/{application}/liabilities",
    "/api/v1/applications/{application}/properties",
    "/api/v1/applications/{application}/mortgage-information",
]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": "Basic sandbox-finmo-brokerage"},
        {"Authorization": "sandbox-finmo-brokerage"},
    ],
    ids=["missing", "unknown", "wrong-scheme", "no-scheme"],
)
async def test_every_read_route_answers_401_in_finmo_shape_without_a_valid_token(
    finmo: httpx.AsyncClient, some_ids: dict[str, str], route: str, headers: dict[str, str]
) -> None:
    response = await finmo.get(route.format(**some_ids), headers=headers)
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED
    assert "sandbox-finmo-brokerage" not in response.text


async def test_unknown_routes_and_methods_answer_in_finmo_shape(finmo: httpx.AsyncClient) -> None:
    missing = await finmo.get("/api/v1/deals", headers=BROKERAGE)
    assert (missing.status_code, missing.json()) == (404, {"message": "Not Found", "errors": []})
    wrong = await finmo.delete("/api/v1/teams", headers=BROKERAGE)
    assert wrong.status_code == 405
    assert wrong.json() == {"message": "Method Not Allowed", "errors": []}


# teams ----------------------------------------------------------------------------


async def test_teams_lists_every_team_for_the_brokerage_token(finmo: httpx.AsyncClient) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    assert 4 <= len(teams) <= 6
    assert {tuple(sorted(t)) for t in teams} == {("createdAt", "id", "name")}
    assert len({t["id"] for t in teams}) == len(teams)
    one = await get_json(finmo, f"/api/v1/teams/{teams[2]['id']}")
    assert one == teams[2]


async def test_team_token_sees_only_its_own_team(finmo: httpx.AsyncClient) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    for n, team in enumerate(teams, start=1):
        assert await get_json(finmo, "/api/v1/teams", headers=team_token(n)) == [team]
        assert await get_json(finmo, f"/api/v1/teams/{team['id']}", headers=team_token(n)) == team
    other = await finmo.get(f"/api/v1/teams/{teams[1]['id']}", headers=team_token(1))
    assert other.status_code == 404
    assert other.json() == {"message": "Team not found", "errors": []}


async def test_unknown_team_answers_404(finmo: httpx.AsyncClient) -> None:
    response = await finmo.get("/api/v1/teams/no-such-team", headers=BROKERAGE)
    assert (response.status_code, response.json()) == (
        404,
        {"message": "Team not found", "errors": []},
    )


async def test_a_token_of_a_team_beyond_the_seed_is_refused(finmo: httpx.AsyncClient) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    response = await finmo.get("/api/v1/teams", headers=team_token(len(teams) + 1))
    assert (response.status_code, response.json()) == (401, UNAUTHORIZED)


# brokers --------------------------------------------------------------------------

BROKER_FIELDS = ("createdAt", "email", "firstName", "id", "lastName", "phone", "role", "teamId")


async def test_brokers_are_a_dozen_spread_over_every_team(finmo: httpx.AsyncClient) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    brokers = await get_json(finmo, "/api/v1/brokers")
    assert len(brokers) == 12
    assert {tuple(sorted(b)) for b in brokers} == {BROKER_FIELDS}
    assert {b["teamId"] for b in brokers} == {t["id"] for t in teams}
    assert await get_json(finmo, f"/api/v1/brokers/{brokers[5]['id']}") == brokers[5]


async def test_brokers_filter_by_team(finmo: httpx.AsyncClient) -> None:
    team = (await get_json(finmo, "/api/v1/teams"))[0]["id"]
    brokers = await get_json(finmo, "/api/v1/brokers")
    of_team = await get_json(finmo, "/api/v1/brokers", params={"teamId": team})
    assert of_team == [b for b in brokers if b["teamId"] == team]
    assert len(of_team) >= 2


async def test_brokers_team_filter_is_validated(finmo: httpx.AsyncClient) -> None:
    response = await finmo.get("/api/v1/brokers", params={"teamId": "x" * 65}, headers=BROKERAGE)
    assert response.status_code == 400
    assert response.json() == {
        "message": "Validation failed",
        "errors": [{"field": "teamId", "message": "String should have at most 64 characters"}],
    }


async def test_team_token_sees_only_its_teams_brokers(finmo: httpx.AsyncClient) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    everyone = await get_json(finmo, "/api/v1/brokers")
    mine = await get_json(finmo, "/api/v1/brokers", headers=team_token(2))
    assert mine == [b for b in everyone if b["teamId"] == teams[1]["id"]]
    stranger = next(b for b in everyone if b["teamId"] != teams[1]["id"])
    for path, params in (
        (f"/api/v1/brokers/{stranger['id']}", None),
        ("/api/v1/brokers", {"teamId": teams[0]["id"]}),
    ):
        response = await finmo.get(path, params=params, headers=team_token(2))
        assert response.status_code == 404
        assert response.json()["errors"] == []


async def test_unknown_broker_answers_404(finmo: httpx.AsyncClient) -> None:
    response = await finmo.get("/api/v1/brokers/nobody", headers=BROKERAGE)
    assert (response.status_code, response.json()) == (
        404,
        {"message": "Broker not found", "errors": []},
    )


# borrowers ------------------------------------------------------------------------

BORROWER_FIELDS = ("createdAt", "email", "firstName", "lastName", "phone", "teamId", "userId")


async def test_borrowers_of_a_team_are_finmo_people(
    sandbox: SandboxControl, finmo: httpx.AsyncClient
) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    borrowers = []
    for team in teams:
        of_team = await get_json(finmo, f"/api/v1/teams/{team['id']}/borrowers")
        assert of_team and {b["teamId"] for b in of_team} == {team["id"]}
        borrowers += of_team
    assert {tuple(sorted(b)) for b in borrowers} == {BORROWER_FIELDS}
    people = make_people(sandbox.sandbox.config.seed, 1)
    expected = {p.email_at("finmo") for p in people if "finmo" in p.providers}
    assert {b["email"] for b in borrowers} == expected
    assert len({b["userId"] for b in borrowers}) == len(borrowers)


async def test_team_token_cannot_list_another_teams_borrowers(finmo: httpx.AsyncClient) -> None:
    teams = await get_json(finmo, "/api/v1/teams")
    own = await get_json(finmo, f"/api/v1/teams/{teams[2]['id']}/borrowers", headers=team_token(3))
    assert own
    response = await finmo.get(f"/api/v1/teams/{teams[0]['id']}/borrowers", headers=team_token(3))
    assert (response.status_code, response.json()) == (
        404,
        {"message": "Team not found", "errors": []},
    )


# seed -------------------------------------------------------------------------------


def seeded(seed: int, scale: int) -> FinmoSandbox:
    provider = FinmoSandbox(SandboxConfig(seed=seed, scale=scale), ManualClock())
    provider.reset(make_people(seed, scale))
    return provider


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    first, again, other = seeded(7, 1).store, seeded(7, 1).store, seeded(8, 1).store
    assert first.teams == again.teams
    assert first.applications == again.applications
    assert first.details == again.details
    assert set(first.applications) != set(other.applications)


def test_scale_sizes_the_seed() -> None:
    small, large = seeded(42, 1).store, seeded(42, 2).store
    assert 200 <= len(small.applications) <= 400
    assert len(large.applications) == 2 * len(small.applications)
    assert len(large.brokers) == 2 * len(small.brokers)
    assert any(len(a["applicants"]) == 2 for a in small.applications.values())


async def test_a_crash_in_a_route_answers_500_in_finmo_shape() -> None:
    provider = seeded(42, 1)

    async def broken() -> None:
        raise RuntimeError("boom")

    provider.app.add_api_route("/api/v1/broken", broken)
    transport = httpx.ASGITransport(app=provider.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://finmo.test") as client:
        response = await client.get("/api/v1/broken")
    assert response.status_code == 500
    assert response.json() == {"message": "Internal server error", "errors": []}
