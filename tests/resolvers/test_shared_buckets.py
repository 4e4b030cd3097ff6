"""SharedBuckets: token buckets in shared memory, drawn from by forked workers."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from typing import Any

import pytest

from gateway.security.cost import CostBudget
from resolvers.resilience import (
    MemoryCallerQuota,
    OutboundRateLimited,
    SharedBuckets,
    TokenBucket,
)
from tests.resolvers.resilience_support import Clock, Sleeps


def test_draws_spend_the_capacity_then_say_when_the_next_would_fit() -> None:
    clock = Clock()
    buckets = SharedBuckets(64, clock=clock)
    assert [buckets.take("a", 3, rate=1.0).granted for _ in range(4)] == [True] * 3 + [False]
    refused = buckets.take("a", 3, rate=1.0)
    assert not refused.granted and refused.wait == pytest.approx(1.0)
    clock.advance(1.0)
    assert buckets.take("a", 3, rate=1.0).granted  # refilled one
    assert not buckets.take("a", 3, rate=1.0).granted
    assert buckets.take("b", 3, rate=1.0).granted  # another key has its own bucket


def test_a_cost_over_the_level_spends_nothing() -> None:
    clock = Clock()
    buckets = SharedBuckets(64, clock=clock)
    assert buckets.take("c", 100, rate=10.0, cost=60).granted
    refused = buckets.take("c", 100, rate=10.0, cost=60)
    assert not refused.granted and refused.wait == pytest.approx(2.0)
    assert buckets.take("c", 100, rate=10.0, cost=40).granted  # the 40 left were kept


def test_a_wait_within_max_wait_is_reserved_and_later_draws_queue_behind_it() -> None:
    clock = Clock()
    buckets = SharedBuckets(64, clock=clock)
    assert buckets.take("p", 1, rate=1.0, max_wait=5).wait == 0.0
    second = buckets.take("p", 1, rate=1.0, max_wait=5)
    third = buckets.take("p", 1, rate=1.0, max_wait=5)
    assert (second.granted, second.wait) == (True, pytest.approx(1.0))
    assert (third.granted, third.wait) == (True, pytest.approx(2.0))
    too_long = buckets.take("p", 1, rate=1.0, max_wait=2.5)
    assert not too_long.granted and too_long.wait == pytest.approx(3.0)


def test_a_full_probe_chain_gives_up_the_least_recently_used_key() -> None:
    clock = Clock()
    buckets = SharedBuckets(16, clock=clock)  # every key probes all 16 slots
    for index in range(16):
        assert buckets.take(f"k{index}", 5, rate=1e-9, cost=5).granted
        clock.advance(1.0)
    assert buckets.take("k16", 5, rate=1e-9, cost=5).granted  # takes k0's slot
    assert buckets.take("k0", 5, rate=1e-9, cost=5).granted  # k0 starts again, full
    assert not buckets.take("k15", 5, rate=1e-9).granted  # the recent ones kept their levels


def _draw(buckets: SharedBuckets, draws: int, results: multiprocessing.Queue[int]) -> None:
    results.put(sum(buckets.take("shared", 100, rate=1e-9).granted for _ in range(draws)))


def test_forked_processes_together_never_take_more_than_the_capacity() -> None:
    buckets = SharedBuckets(1024)
    context = multiprocessing.get_context("fork")
    results: multiprocessing.Queue[int] = context.Queue()
    workers = [context.Process(target=_draw, args=(buckets, 50, results)) for _ in range(4)]
    for worker in workers:
        worker.start()
    granted = [results.get(timeout=30) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    assert sum(granted) == 100  # 200 draws from 4 processes, 100 in the bucket
    assert not buckets.take("shared", 100, rate=1e-9).granted


def test_a_table_smaller_than_one_probe_chain_is_refused() -> None:
    with pytest.raises(ValueError):
        SharedBuckets(8)


async def test_two_workers_pacing_buckets_add_up_to_the_providers_limit() -> None:
    clock = Clock()
    sleeps = Sleeps(clock)
    shared = SharedBuckets(64, clock=clock)
    workers = [
        TokenBucket("finos", 3, max_wait=0.0, clock=clock, sleep=sleeps, shared=shared, key="k")
        for _ in range(2)
    ]
    for worker in (*workers, workers[0]):
        await worker.acquire()
    with pytest.raises(OutboundRateLimited):
        await workers[1].acquire()
    # another credential is paced on its own
    other = TokenBucket(
        "finos", 3, max_wait=0.0, clock=clock, sleep=sleeps, shared=shared, key="other"
    )
    await other.acquire()
    assert sleeps.waits == []


def test_two_workers_share_each_callers_quota_and_cost_budget() -> None:
    clock = Clock()
    shared = SharedBuckets(64, clock=clock)
    quotas = [MemoryCallerQuota({"finos": 20}, 0.1, clock=clock, shared=shared) for _ in range(2)]
    assert [q.take("finos", "ann") for q in quotas] == [None, None]  # 2 = 10% of 20
    assert quotas[0].take("finos", "ann") == 1800  # seconds until one more fits
    assert quotas[1].take("finos", "bob") is None

    budgets = [CostBudget(100, 60.0, clock=clock, shared=shared) for _ in range(2)]
    assert budgets[0].charge("ann", 70) is None
    assert budgets[1].charge("ann", 70) == 24  # 40 more at 100/60 s a second
    assert budgets[1].charge("ann", 30) is None


def _hold_the_lock_and_die(buckets: SharedBuckets, held: Any) -> None:
    buckets._lock.acquire()
    held.set()
    os.kill(os.getpid(), signal.SIGKILL)  # dies holding it, as under kill -9


def test_a_worker_killed_holding_the_lock_does_not_stop_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    buckets = SharedBuckets(64)
    context = multiprocessing.get_context("fork")
    held = context.Event()
    holder = context.Process(target=_hold_the_lock_and_die, args=(buckets, held))
    holder.start()
    assert held.wait(timeout=30)
    holder.join(timeout=30)
    assert holder.exitcode == -signal.SIGKILL
    with caplog.at_level(logging.ERROR):
        assert buckets.take("k", 2, rate=1e-9).granted  # taken over, and counted
    assert "taking it over" in caplog.text
    assert buckets.take("k", 2, rate=1e-9).granted
    assert not buckets.take("k", 2, rate=1e-9).granted  # the lock works as before
