"""The resilience parts on their own: bucket, budget, dedup, deadline, transient errors."""

from __future__ import annotations

import asyncio

import pytest

from resolvers.config import ResilienceConfig
from resolvers.errors import (
    ProviderNotFound,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
)
from resolvers.resilience import (
    CircuitOpen,
    DeadlineExceeded,
    InFlight,
    OutboundRateLimited,
    ProviderResilience,
    RetryBudget,
    TokenBucket,
    deadline_scope,
    is_transient,
    time_left,
)
from tests.resolvers.resilience_support import Clock, Sleeps


async def test_the_bucket_paces_calls_by_waiting_for_the_next_slot() -> None:
    clock = Clock()
    sleeps = Sleeps(clock)
    bucket = TokenBucket("finos", 3600, max_wait=2.0, clock=clock, sleep=sleeps)  # 1 a second
    for _ in range(3600):
        await bucket.acquire()
    assert sleeps.waits == []
    await bucket.acquire()
    await bucket.acquire()
    assert sleeps.waits == pytest.approx([1.0, 1.0])  # the second queued behind the first


async def test_the_bucket_fails_at_once_when_the_wait_is_longer_than_allowed() -> None:
    clock = Clock()
    sleeps = Sleeps(clock)
    bucket = TokenBucket("finos", 2, max_wait=60.0, clock=clock, sleep=sleeps)
    await bucket.acquire()
    await bucket.acquire()
    with pytest.raises(OutboundRateLimited) as caught:
        await bucket.acquire()
    assert caught.value.code == "RATE_LIMITED" and caught.value.retry_after == 1800
    assert sleeps.waits == []
    clock.advance(1800)
    await bucket.acquire()
    with pytest.raises(OutboundRateLimited):
        await bucket.acquire(limit=0.5)  # the request's deadline is nearer than max_wait


def test_the_retry_budget_allows_the_floor_plus_a_share_of_requests_in_its_window() -> None:
    clock = Clock()
    budget = RetryBudget(ratio=0.2, floor=1, window=10, clock=clock)
    for _ in range(10):
        budget.record_request()
    assert [budget.try_spend() for _ in range(4)] == [True, True, True, False]
    clock.advance(10)  # the window slides past all of them
    assert budget.try_spend() is True  # the floor again
    assert budget.try_spend() is False
    assert budget.denied == 2


async def test_dedup_shares_one_call_and_forgets_it_when_done() -> None:
    inflight = InFlight()
    calls = 0
    release = asyncio.Event()

    async def call() -> int:
        nonlocal calls
        calls += 1
        await release.wait()
        return 7

    waiting = [asyncio.ensure_future(inflight.run("k", call)) for _ in range(5)]
    await asyncio.sleep(0)
    assert len(inflight) == 1
    waiting[0].cancel()  # one caller gives up: the others still get the answer
    release.set()
    assert await asyncio.gather(*waiting[1:]) == [7, 7, 7, 7]
    assert calls == 1 and inflight.shared == 4 and len(inflight) == 0


async def test_dedup_hands_the_same_failure_to_every_caller() -> None:
    inflight = InFlight()
    calls = 0

    async def call() -> int:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0)
        raise ProviderUnavailable("finos", "down", status=503)

    results = await asyncio.gather(
        *(inflight.run("k", call) for _ in range(3)), return_exceptions=True
    )
    assert isinstance(results[0], ProviderUnavailable)
    assert results[0] is results[1] is results[2]  # one upstream failure, shared
    assert calls == 1 and inflight.shared == 2


def test_deadlines_nest_but_never_extend() -> None:
    clock = Clock()
    assert time_left(clock) is None
    with deadline_scope(10, clock=clock):
        clock.advance(4)
        assert time_left(clock) == 6
        with deadline_scope(30, clock=clock):
            assert time_left(clock) == 6
    assert time_left(clock) is None


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (ProviderUnavailable("p", "x", status=503), True),
        (ProviderUnavailable("p", "x", status=502), True),
        (ProviderUnavailable("p", "x", status=501), False),  # not implemented: not transient
        (ProviderUnavailable("p", "no connection"), True),
        (ProviderTimeout("p", "x", maybe_sent=True), True),
        (ProviderRateLimited("p", "x", retry_after=1), True),
        (ProviderNotFound("p", "x", status=404), False),
        (CircuitOpen("p", retry_after=3), False),
        (DeadlineExceeded("p", "ran out", maybe_sent=True), False),
        (OutboundRateLimited("p", 5), False),
    ],
)
def test_only_transient_failures_are_retried(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


@pytest.mark.parametrize(
    ("provider", "method", "headers", "retryable"),
    [
        ("finmo", "GET", None, True),
        ("finos", "POST", {"Idempotency-Key": "k"}, True),
        ("finos", "POST", None, False),
        ("finos", "DELETE", None, False),
        ("molo", "POST", {"Idempotency-Key": "k"}, False),  # Molo does not honour keys
        ("finmo", "PUT", None, False),
    ],
)
def test_only_reads_and_honoured_idempotent_writes_are_retryable(
    provider: str, method: str, headers: dict[str, str] | None, retryable: bool
) -> None:
    policy = ProviderResilience(provider, ResilienceConfig())
    assert policy.retryable(method, headers) is retryable
