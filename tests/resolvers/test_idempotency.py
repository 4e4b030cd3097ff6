"""Idempotency records: claimed once, remembered across a restart, expired after the TTL."""

from __future__ import annotations

import asyncio
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from resolvers.idempotency import (
    IdempotencyStore,
    MemoryIdempotencyStore,
    SqliteIdempotencyStore,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["memory", "sqlite"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[IdempotencyStore]:
    clock = Clock()
    made: IdempotencyStore
    if request.param == "memory":
        made = MemoryIdempotencyStore(ttl=60, clock=clock)
    else:
        made = SqliteIdempotencyStore(tmp_path / "idem.sqlite3", ttl=60, clock=clock)
    made.test_clock = clock  # type: ignore[attr-defined]
    yield made
    if isinstance(made, SqliteIdempotencyStore):
        await made.aclose()


async def test_a_key_is_claimed_by_exactly_one_of_many_concurrent_callers(
    store: IdempotencyStore,
) -> None:
    claims = await asyncio.gather(*(store.claim("k", "fp") for _ in range(20)))
    assert sum(c.claimed for c in claims) == 1
    others = [c.existing for c in claims if not c.claimed]
    assert all(r is not None and r.state == "in_progress" for r in others)


async def test_a_completed_record_keeps_its_result_and_fingerprint(store: IdempotencyStore) -> None:
    assert (await store.claim("k", "fp")).claimed
    await store.complete("k", {"data": {"id": "o1"}})
    again = await store.claim("k", "fp")
    assert not again.claimed
    assert again.existing is not None
    assert (again.existing.state, again.existing.fingerprint) == ("completed", "fp")
    assert again.existing.result == {"data": {"id": "o1"}}


async def test_a_released_claim_can_be_claimed_again(store: IdempotencyStore) -> None:
    assert (await store.claim("k", "fp")).claimed
    await store.release("k")
    assert await store.get("k") is None
    assert (await store.claim("k", "fp")).claimed


async def test_an_unknown_outcome_keeps_what_reconciling_needs(store: IdempotencyStore) -> None:
    await store.claim("k", "fp")
    await store.outcome_unknown("k", {"provider_key": "fg-abc"})
    record = await store.get("k")
    assert record is not None
    assert (record.state, record.reconcile) == ("outcome_unknown", {"provider_key": "fg-abc"})


async def test_records_expire_after_the_ttl(store: IdempotencyStore) -> None:
    await store.claim("k", "fp")
    await store.complete("k", {"data": {}})
    store.test_clock.now += 61  # type: ignore[attr-defined]
    assert await store.get("k") is None
    assert (await store.claim("k", "other")).claimed


async def test_a_waiter_gets_the_result_as_soon_as_the_writer_completes(
    store: IdempotencyStore,
) -> None:
    await store.claim("k", "fp")
    waiter = asyncio.create_task(store.wait("k", timeout=5))
    await asyncio.sleep(0)
    await store.complete("k", {"data": {"id": "o1"}})
    record = await waiter
    assert record is not None
    assert record.state == "completed"


async def test_a_waiter_gives_up_after_its_timeout(store: IdempotencyStore) -> None:
    await store.claim("k", "fp")
    record = await store.wait("k", timeout=0.05)
    assert record is not None
    assert record.state == "in_progress"


async def test_sqlite_records_survive_a_restart_and_are_private(tmp_path: Path) -> None:
    path = tmp_path / "state" / "idem.sqlite3"
    first = SqliteIdempotencyStore(path)
    await first.claim("k", "fp")
    await first.outcome_unknown("k", {"provider_key": "fg-1"})
    await first.aclose()
    second = SqliteIdempotencyStore(path)
    claim = await second.claim("k", "fp")
    await second.aclose()
    assert not claim.claimed
    assert claim.existing is not None
    assert claim.existing.state == "outcome_unknown"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
