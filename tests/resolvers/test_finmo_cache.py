"""FinmoClient reference data: teams and brokers cached per credential, with a TTL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from pydantic import SecretStr

from resolvers import CacheConfig, FinmoConfig, RefCache
from resolvers.finmo import FinmoClient
from sandbox import SandboxConfig
from tests.support import SandboxControl

TEAMS = "GET /api/v1/teams"
BROKERS = "GET /api/v1/brokers"
BROKER = "GET /api/v1/brokers/{brokerId}"
TEAM = "GET /api/v1/teams/{teamId}"


class FakeTimer:
    """The cache's clock, moved by the test instead of waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def seeded_sandbox(_sandbox_server: SandboxControl) -> SandboxControl:
    """Reseeded once for this module: its tests only read."""
    for provider, limit in SandboxConfig().rate_limits.items():
        _sandbox_server.set_rate_limit(provider, limit)
    _sandbox_server.reset()
    return _sandbox_server


@pytest.fixture
def timer() -> FakeTimer:
    return FakeTimer()


@pytest.fixture
def cache(timer: FakeTimer) -> RefCache:
    ttls = CacheConfig().model_dump(exclude={"maxsize"})
    return RefCache(ttls, timer=timer)


@pytest.fixture
async def open_client(
    seeded_sandbox: SandboxControl, cache: RefCache
) -> AsyncIterator[Callable[[str], FinmoClient]]:
    """Opens clients on the shared cache (closed at the end); request counts start at 0."""
    seeded_sandbox.clear_stats()
    opened: list[FinmoClient] = []

    def open_one(token: str) -> FinmoClient:
        config = FinmoConfig(token=SecretStr(token))
        client = FinmoClient.create(config, seeded_sandbox.url("finmo"), cache=cache)
        opened.append(client)
        return client

    try:
        yield open_one
    finally:
        for client in opened:
            await client.aclose()


async def test_teams_are_fetched_once_within_the_ttl_and_again_after(
    open_client: Callable[[str], FinmoClient], seeded_sandbox: SandboxControl, timer: FakeTimer
) -> None:
    finmo = open_client("sandbox-finmo-brokerage")
    first = await finmo.teams()
    timer.now += 299
    assert await finmo.teams() == first
    team = await finmo.team(first[0].id)
    assert await finmo.team(first[0].id) == team
    assert seeded_sandbox.calls("finmo", TEAMS) == 1
    assert seeded_sandbox.calls("finmo", TEAM) == 1
    timer.now += 2  # past the 300 s TTL of the list, not of the team read at 299 s
    assert await finmo.teams() == first
    await finmo.team(first[0].id)
    assert seeded_sandbox.calls("finmo", TEAMS) == 2
    assert seeded_sandbox.calls("finmo", TEAM) == 1
    timer.now += 298
    await finmo.team(first[0].id)
    assert seeded_sandbox.calls("finmo", TEAM) == 2


async def test_brokers_are_fetched_once_within_the_ttl_and_again_after(
    open_client: Callable[[str], FinmoClient], seeded_sandbox: SandboxControl, timer: FakeTimer
) -> None:
    finmo = open_client("sandbox-finmo-brokerage")
    everyone = await finmo.brokers()
    of_team = await finmo.brokers(everyone[0].team_id)
    one = await finmo.broker(everyone[0].id)
    for _ in range(3):
        assert await finmo.brokers() == everyone
        assert await finmo.brokers(everyone[0].team_id) == of_team
        assert await finmo.broker(everyone[0].id) == one
    assert seeded_sandbox.calls("finmo", BROKERS) == 2  # the whole list and one team's
    assert seeded_sandbox.calls("finmo", BROKER) == 1
    timer.now += 301
    await finmo.brokers()
    await finmo.broker(everyone[0].id)
    assert seeded_sandbox.calls("finmo", BROKERS) == 3
    assert seeded_sandbox.calls("finmo", BROKER) == 2


async def test_concurrent_misses_fetch_the_teams_once(
    open_client: Callable[[str], FinmoClient], seeded_sandbox: SandboxControl
) -> None:
    finmo = open_client("sandbox-finmo-brokerage")
    answers = await asyncio.gather(*(finmo.teams() for _ in range(8)))
    assert all(a == answers[0] for a in answers)
    assert seeded_sandbox.calls("finmo", TEAMS) == 1


async def test_a_team_client_does_not_see_the_brokerage_cached_teams(
    open_client: Callable[[str], FinmoClient], seeded_sandbox: SandboxControl
) -> None:
    brokerage = open_client("sandbox-finmo-brokerage")
    team = open_client("sandbox-finmo-team-3")
    everything = await brokerage.teams()
    brokers = await brokerage.brokers()
    assert len(everything) > 1
    assert await team.teams() == [everything[2]]
    assert {b.team_id for b in await team.brokers()} == {everything[2].id}
    assert len(brokers) > len(await team.brokers())
    assert seeded_sandbox.calls("finmo", TEAMS) == 2
    assert seeded_sandbox.calls("finmo", BROKERS) == 2
    # ...and the brokerage client still reads its own cached entries.
    assert await brokerage.teams() == everything
    assert seeded_sandbox.calls("finmo", TEAMS) == 2


async def test_clients_with_the_same_credential_share_the_cache(
    open_client: Callable[[str], FinmoClient], seeded_sandbox: SandboxControl
) -> None:
    one, two = open_client("sandbox-finmo-brokerage"), open_client("sandbox-finmo-brokerage")
    assert one.credential_scope == two.credential_scope
    assert await one.teams() == await two.teams()
    assert seeded_sandbox.calls("finmo", TEAMS) == 1


def test_the_credential_scope_depends_on_the_token_but_never_shows_it(
    cache: RefCache,
) -> None:
    scopes = set()
    for token in ("sandbox-finmo-brokerage", "sandbox-finmo-team-1", "sandbox-finmo-team-2"):
        config = FinmoConfig(token=SecretStr(token))
        client = FinmoClient.create(config, "http://finmo.test", cache=cache)
        assert token not in client.credential_scope and token not in repr(client)
        scopes.add(client.credential_scope)
        asyncio.run(client.aclose())
    assert len(scopes) == 3
