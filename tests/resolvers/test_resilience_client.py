"""Resilience at the client boundary (`ProviderClient._send`), against the loopback sandbox.

Faults come from /_faults; upstream attempts are the sandbox's own counts. The
clock and the sleep are injected (tests.resolvers.resilience_support), so no
test waits for a backoff, a Retry-After or a cool-down.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from resolvers.errors import (
    ConnectionPoolBusy,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
)
from resolvers.resilience import (
    CircuitBreaker,
    CircuitOpen,
    DeadlineExceeded,
    State,
    deadline_scope,
)
from tests.resolvers.resilience_support import (
    Clock,
    Sleeps,
    finmo_client,
    finos_client,
    resilience,
)
from tests.resolvers.test_finos_helpers import person
from tests.support import SandboxControl

USERS = "GET /v1/users"


def state_of(breaker: CircuitBreaker) -> State:
    return breaker.state  # read afresh each time (mypy would narrow the property)


USER = "GET /v1/users/{user_id}"


async def _user_ids(sandbox: SandboxControl, count: int) -> list[str]:
    clock = Clock()
    async with finos_client(sandbox, resilience(clock, Sleeps(clock))) as finos:
        page = await finos.list_users(limit=count)
    sandbox.clear_stats()
    return [u.id for u in page.items]


async def test_reads_succeed_through_30_percent_transient_503s_within_the_retry_budget(
    sandbox: SandboxControl,
) -> None:
    ids = await _user_ids(sandbox, 20)
    clock = Clock()
    sleeps = Sleeps(clock)
    policies = resilience(clock, sleeps)  # 4 attempts, budget 20% + 10 per window
    sandbox.fault(provider="finos", status=503, error_rate=0.3)
    async with finos_client(sandbox, policies) as finos:
        users = [await finos.get_user(i) for i in ids]
    assert [u.id for u in users] == ids
    attempts = sandbox.calls("finos", USER)
    retries = attempts - len(ids)
    assert retries > 0  # the 503s happened and were retried
    assert retries <= 10 + 0.2 * len(ids)  # within the budget: floor + ratio * requests
    assert policies["finos"].attempts == attempts
    assert len(sleeps.waits) == retries


async def test_the_retry_budget_stops_retries_multiplying_load_during_an_outage(
    sandbox: SandboxControl,
) -> None:
    clock = Clock()
    policies = resilience(
        clock, Sleeps(clock), retry_budget_floor=2, retry_budget_ratio=0.2, breaker_threshold=100
    )
    sandbox.fault(provider="finos", status=503)
    async with finos_client(sandbox, policies) as finos:
        for n in range(20):
            with pytest.raises(ProviderUnavailable):
                await finos.get_user(f"user-{n}")
    # without the budget: 20 calls x 4 attempts = 80; with it: 20 + (2 + 0.2 x 20) = 26
    assert sandbox.calls("finos", USER) == 26
    assert policies["finos"].budget.denied > 0


async def test_a_write_without_an_idempotency_key_is_sent_once(sandbox: SandboxControl) -> None:
    clock = Clock()
    policies = resilience(clock, Sleeps(clock))
    sandbox.fault(provider="finos", status=503)
    sandbox.fault(provider="finmo", status=503)
    async with finos_client(sandbox, policies) as finos, finmo_client(sandbox, policies) as finmo:
        with pytest.raises(ProviderUnavailable):
            await finos.create_user(person(1))  # Finos honours keys, but none was sent
        with pytest.raises(ProviderUnavailable):
            await finmo.create_application("team-1", ["broker-1"])  # Finmo: no keys at all
    assert sandbox.calls("finos", "POST /v1/users") == 1
    assert sandbox.calls("finmo", "POST /api/v1/applications") == 1


async def test_a_finos_write_with_an_idempotency_key_is_retried_and_written_once(
    sandbox: SandboxControl,
) -> None:
    clock = Clock()
    # The first attempt meets a 503; the fault is lifted while the retry waits.
    sleeps = Sleeps(clock, then=sandbox.clear_faults)
    policies = resilience(clock, sleeps)
    sandbox.fault(provider="finos", status=503, route="POST /v1/users")
    async with finos_client(sandbox, policies) as finos:
        created = await finos.create_user(person(2), idempotency_key="intent-1")
        again = await finos.create_user(person(2), idempotency_key="intent-1")
        found = await finos.search_users(email_address=person(2).email_address)
    assert created.id == again.id
    assert sandbox.calls("finos", "POST /v1/users") == 3  # 503, the retry, the replay
    assert [u.id for u in found.items] == [created.id]  # one user written


async def test_429_retry_waits_at_least_the_retry_after(sandbox: SandboxControl) -> None:
    ids = await _user_ids(sandbox, 1)
    clock = Clock()
    sleeps = Sleeps(clock, then=sandbox.clear_faults)
    policies = resilience(clock, sleeps)
    sandbox.fault(provider="finos", status=429, retry_after=3)
    async with finos_client(sandbox, policies) as finos:
        user = await finos.get_user(ids[0])
    assert user.id == ids[0]
    assert sandbox.calls("finos", USER) == 2
    assert sleeps.waits and sleeps.waits[0] >= 3.0  # backoff is 0.1 s; Retry-After wins


async def test_503_retry_after_is_honoured_too(sandbox: SandboxControl) -> None:
    ids = await _user_ids(sandbox, 1)
    clock = Clock()
    sleeps = Sleeps(clock, then=sandbox.clear_faults)
    sandbox.fault(provider="finos", status=503, retry_after=5)
    async with finos_client(sandbox, resilience(clock, sleeps)) as finos:
        await finos.get_user(ids[0])
    assert sleeps.waits[0] >= 5.0


async def test_a_retry_after_beyond_the_deadline_fails_at_once_with_rate_limited(
    sandbox: SandboxControl,
) -> None:
    clock = Clock()
    sleeps = Sleeps(clock)
    sandbox.fault(provider="finos", status=429, retry_after=60)
    async with finos_client(sandbox, resilience(clock, sleeps)) as finos:
        with deadline_scope(5.0), pytest.raises(ProviderRateLimited) as caught:
            await finos.get_user("user-1")
    assert caught.value.retry_after == 60
    assert sleeps.waits == []
    assert sandbox.calls("finos", USER) == 1


async def test_the_breaker_opens_after_the_threshold_then_recovers_after_the_cool_down(
    sandbox: SandboxControl,
) -> None:
    ids = await _user_ids(sandbox, 1)
    clock = Clock()
    policies = resilience(
        clock, Sleeps(clock), max_attempts=1, breaker_threshold=3, breaker_cooldown=30
    )
    breaker = policies["finos"].breaker
    sandbox.fault(provider="finos", status=503)
    async with finos_client(sandbox, policies) as finos:
        for _ in range(3):
            with pytest.raises(ProviderUnavailable) as caught:
                await finos.get_user(ids[0])
            assert not isinstance(caught.value, CircuitOpen)
        assert state_of(breaker) is State.OPEN
        seen = sandbox.stats()
        for _ in range(10):
            with pytest.raises(CircuitOpen) as open_:
                await finos.get_user(ids[0])
        assert open_.value.code == "PROVIDER_UNAVAILABLE"
        assert "circuit is open" in open_.value.message
        assert sandbox.stats() == seen  # not one upstream call while open
        assert breaker.rejected == 10

        sandbox.clear_faults()
        clock.advance(29)
        with pytest.raises(CircuitOpen):
            await finos.get_user(ids[0])
        clock.advance(1)
        assert state_of(breaker) is State.HALF_OPEN
        user = await finos.get_user(ids[0])  # the trial call
        assert user.id == ids[0]
        assert state_of(breaker) is State.CLOSED
        await finos.get_user(ids[0])
    assert sandbox.calls("finos", USER) == 3 + 2


async def test_a_failed_trial_call_opens_the_circuit_again(sandbox: SandboxControl) -> None:
    clock = Clock()
    policies = resilience(
        clock, Sleeps(clock), max_attempts=1, breaker_threshold=2, breaker_cooldown=10
    )
    sandbox.fault(provider="finos", status=503)
    async with finos_client(sandbox, policies) as finos:
        for _ in range(2):
            with pytest.raises(ProviderUnavailable):
                await finos.get_user("user-1")
        clock.advance(10)
        with pytest.raises(ProviderUnavailable) as trial:
            await finos.get_user("user-1")
        assert not isinstance(trial.value, CircuitOpen)
        with pytest.raises(CircuitOpen):
            await finos.get_user("user-1")
    assert sandbox.calls("finos", USER) == 3


async def test_404_and_validation_errors_do_not_open_the_breaker(sandbox: SandboxControl) -> None:
    clock = Clock()
    policies = resilience(clock, Sleeps(clock), breaker_threshold=2)
    async with finos_client(sandbox, policies) as finos:
        for _ in range(5):
            with pytest.raises(Exception) as caught:
                await finos.get_user("no-such-user")
            assert caught.value.__class__.__name__ == "ProviderNotFound"
    assert state_of(policies["finos"].breaker) is State.CLOSED
    assert sandbox.calls("finos", USER) == 5  # a 404 is not retried


async def test_a_provider_slower_than_its_timeout_fails_with_provider_timeout_fast(
    sandbox: SandboxControl,
) -> None:
    clock = Clock()
    sandbox.fault(provider="finos", latency_ms=10_000)
    policies = resilience(clock, Sleeps(clock))
    async with finos_client(sandbox, policies, read_timeout=0.5) as finos:
        started = time.monotonic()
        with pytest.raises(ProviderTimeout) as caught:
            await finos.get_user("user-1")
        elapsed = time.monotonic() - started
    assert caught.value.code == "PROVIDER_TIMEOUT"
    assert elapsed < 5.0  # four 0.5 s attempts, well under the 10 s the provider takes
    assert sandbox.calls("finos", USER) == 4


async def test_the_request_deadline_caps_each_call_and_none_is_sent_once_it_is_gone(
    sandbox: SandboxControl,
) -> None:
    clock = Clock()
    sandbox.fault(provider="finos", latency_ms=10_000)
    async with finos_client(sandbox, resilience(clock, Sleeps(clock))) as finos:
        started = time.monotonic()
        with deadline_scope(0.5), pytest.raises(ProviderTimeout) as caught:
            await finos.get_user("user-1")  # read timeout 10 s, capped at the 0.5 s left
        elapsed = time.monotonic() - started
        assert elapsed < 5.0
        assert caught.value.code == "PROVIDER_TIMEOUT"
        seen = sandbox.calls("finos", USER)
        assert seen >= 1
        with deadline_scope(0.0), pytest.raises(DeadlineExceeded):
            await finos.get_user("user-1")
    assert sandbox.calls("finos", USER) == seen  # nothing sent without time left


async def test_200_concurrent_identical_reads_make_one_upstream_call(
    sandbox: SandboxControl,
) -> None:
    ids = await _user_ids(sandbox, 1)
    clock = Clock()
    policies = resilience(clock, Sleeps(clock))
    sandbox.fault(provider="finos", latency_ms=300, route=USER)
    async with finos_client(sandbox, policies) as finos:
        users = await asyncio.gather(*(finos.get_user(ids[0]) for _ in range(200)))
        assert {u.id for u in users} == {ids[0]}
        assert sandbox.calls("finos", USER) == 1
        assert policies["finos"].inflight.shared == 199
        await finos.get_user(ids[0])  # nothing is cached once the call has ended
    assert sandbox.calls("finos", USER) == 2


async def test_outbound_rate_limit_fails_fast_with_rate_limited_instead_of_drawing_429s(
    sandbox: SandboxControl,
) -> None:
    ids = await _user_ids(sandbox, 1)
    clock = Clock()
    policies = resilience(clock, Sleeps(clock), rate_limits={"finos": 3}, rate_limit_max_wait=2)
    async with finos_client(sandbox, policies) as finos:
        for _ in range(3):
            await finos.get_user(ids[0])
        with pytest.raises(ProviderRateLimited) as caught:
            await finos.get_user(ids[0])  # the next slot is 1200 s away
    assert caught.value.code == "RATE_LIMITED"
    assert caught.value.retry_after is not None and caught.value.retry_after > 2
    assert sandbox.calls("finos", USER) == 3


async def test_a_wait_for_a_local_connection_is_not_a_provider_failure(
    sandbox: SandboxControl,
) -> None:
    """One connection, held by a slow call: the second call waits the pool timeout and is
    refused GATEWAY_BUSY, unsent, unretried, and the breaker (threshold 1) stays closed."""
    ids = await _user_ids(sandbox, 2)
    clock = Clock()
    policies = resilience(clock, Sleeps(clock), breaker_threshold=1, max_attempts=3)
    sandbox.fault(provider="finos", latency_ms=1500)
    async with finos_client(sandbox, policies, max_connections=1, pool_timeout=0.05) as finos:
        slow = asyncio.create_task(finos.get_user(ids[0]))
        with pytest.raises(ConnectionPoolBusy) as busy:
            await asyncio.gather(finos.get_user(ids[1]), asyncio.shield(slow))
        assert busy.value.code == "GATEWAY_BUSY" and busy.value.provider == "finos"
        assert (await slow).id == ids[0]  # the call that held the connection got its answer
        assert state_of(policies["finos"].breaker) is State.CLOSED
        assert sandbox.calls("finos", USER) == 1  # the waiting call was never sent, nor retried
        sandbox.clear_faults()
        assert (await finos.get_user(ids[1])).id == ids[1]  # and the next one goes through


async def test_a_retry_the_circuit_refuses_answers_the_providers_own_error(
    sandbox: SandboxControl,
) -> None:
    """The first 503 opens the circuit (threshold 1); the retry is refused before it is
    sent, and the caller sees the provider's 503, not "the circuit is open"."""
    ids = await _user_ids(sandbox, 1)
    clock = Clock()
    policies = resilience(clock, Sleeps(clock), breaker_threshold=1, max_attempts=3)
    sandbox.fault(provider="finos", status=503)
    async with finos_client(sandbox, policies) as finos:
        with pytest.raises(ProviderUnavailable) as failed:
            await finos.get_user(ids[0])
        assert not isinstance(failed.value, CircuitOpen)
        assert failed.value.status == 503 and "circuit" not in failed.value.message
        assert isinstance(failed.value.__cause__, CircuitOpen)  # what refused the retry
        assert state_of(policies["finos"].breaker) is State.OPEN
        assert sandbox.calls("finos", USER) == 1  # the refused retry was never sent
        with pytest.raises(CircuitOpen):  # a new call, while open, is refused as such
            await finos.get_user(ids[0])
