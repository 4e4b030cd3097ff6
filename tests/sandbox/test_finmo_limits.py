"""Finmo sandbox over real HTTP: the shared rate limit and injected faults answer in
Finmo's error shape. These tests change the control plane, so each gets a fresh sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.support import SandboxControl

BROKERAGE = {"Authorization": "Bearer sandbox-finmo-brokerage"}


def team_token(n: int) -> dict[str, str]:
    return {"Authorization": f"Bearer sandbox-finmo-team-{n}"}


@pytest.fixture
async def finmo(sandbox: SandboxControl) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=sandbox.url("finmo"), trust_env=False) as client:
        yield client


async def test_rate_limit_answers_429_in_finmo_shape_with_retry_after(
    sandbox: SandboxControl, finmo: httpx.AsyncClient
) -> None:
    sandbox.set_rate_limit("finmo", 2)
    for _ in range(2):
        assert (await finmo.get("/api/v1/teams", headers=BROKERAGE)).status_code == 200
    refused = await finmo.get("/api/v1/teams", headers=BROKERAGE)
    assert refused.status_code == 429
    assert refused.json() == {"message": "Too many requests", "errors": []}
    assert int(refused.headers["Retry-After"]) >= 1
    # The budget is per credential: a team token still has its own.
    assert (await finmo.get("/api/v1/teams", headers=team_token(1))).status_code == 200


async def test_injected_fault_answers_in_finmo_shape(
    sandbox: SandboxControl, finmo: httpx.AsyncClient
) -> None:
    sandbox.fault(provider="finmo", status=503, route="GET /api/v1/brokers")
    response = await finmo.get("/api/v1/brokers", headers=BROKERAGE)
    assert response.status_code == 503
    assert response.json() == {"message": "Injected fault", "errors": []}
    assert sandbox.calls("finmo", "GET /api/v1/brokers") == 1


async def test_the_rate_limit_refills_as_the_sandbox_clock_moves(
    sandbox: SandboxControl, finmo: httpx.AsyncClient
) -> None:
    sandbox.set_rate_limit("finmo", 1)
    assert (await finmo.get("/api/v1/teams", headers=BROKERAGE)).status_code == 200
    assert (await finmo.get("/api/v1/teams", headers=BROKERAGE)).status_code == 429
    sandbox.advance(3600)
    assert (await finmo.get("/api/v1/teams", headers=BROKERAGE)).status_code == 200
