from __future__ import annotations

import asyncio

import pytest

from resolvers.cache import RefCache


class FakeTimer:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_value_is_loaded_once_for_concurrent_callers() -> None:
    cache = RefCache({"teams": 60})
    gate = asyncio.Event()
    calls = 0

    async def load() -> list[str]:
        nonlocal calls
        calls += 1
        await gate.wait()
        return ["t1"]

    waiters = [asyncio.create_task(cache.get_or_load("teams", "s", "all", load)) for _ in range(20)]
    await asyncio.sleep(0)  # let every waiter reach the cache before the load finishes
    gate.set()
    assert await asyncio.gather(*waiters) == [["t1"]] * 20
    assert calls == 1


async def test_value_is_reloaded_after_its_ttl_and_not_before() -> None:
    timer = FakeTimer()
    cache = RefCache({"teams": 60}, timer=timer)
    calls = 0

    async def load() -> int:
        nonlocal calls
        calls += 1
        return calls

    assert await cache.get_or_load("teams", "s", "all", load) == 1
    timer.now = 59
    assert await cache.get_or_load("teams", "s", "all", load) == 1
    timer.now = 61
    assert await cache.get_or_load("teams", "s", "all", load) == 2


async def test_scopes_do_not_share_entries() -> None:
    cache = RefCache({"teams": 60})

    async def brokerage() -> str:
        return "every team"

    async def team() -> str:
        return "one team"

    assert await cache.get_or_load("teams", "brokerage", "all", brokerage) == "every team"
    assert await cache.get_or_load("teams", "team-1", "all", team) == "one team"


async def test_a_failed_load_is_not_cached_and_reaches_every_waiter() -> None:
    cache = RefCache({"teams": 60})
    gate = asyncio.Event()
    calls = 0

    async def failing() -> str:
        nonlocal calls
        calls += 1
        await gate.wait()
        raise RuntimeError("provider down")

    waiters = [asyncio.create_task(cache.get_or_load("teams", "s", 1, failing)) for _ in range(3)]
    await asyncio.sleep(0)
    gate.set()
    results = await asyncio.gather(*waiters, return_exceptions=True)
    assert all(isinstance(r, RuntimeError) for r in results)
    assert calls == 1

    async def working() -> str:
        return "back"

    assert await cache.get_or_load("teams", "s", 1, working) == "back"


async def test_a_cached_none_is_a_hit_not_a_miss() -> None:
    cache = RefCache({"teams": 60})
    calls = 0

    async def load() -> None:
        nonlocal calls
        calls += 1

    await cache.get_or_load("teams", "s", 1, load)
    await cache.get_or_load("teams", "s", 1, load)
    assert calls == 1


async def test_disabled_cache_loads_every_time() -> None:
    cache = RefCache({"teams": 60}, enabled=False)
    calls = 0

    async def load() -> int:
        nonlocal calls
        calls += 1
        return calls

    await cache.get_or_load("teams", "s", 1, load)
    assert await cache.get_or_load("teams", "s", 1, load) == 2


async def test_unknown_kind_is_a_programming_error() -> None:
    cache = RefCache({"teams": 60})

    async def load() -> int:
        return 1

    with pytest.raises(KeyError):
        await cache.get_or_load("nope", "s", 1, load)


async def test_the_fill_goes_on_for_the_others_when_the_first_caller_is_cancelled() -> None:
    cache = RefCache({"teams": 60})
    started = asyncio.Event()
    release = asyncio.Event()
    calls = 0

    async def load() -> list[str]:
        nonlocal calls
        calls += 1
        started.set()
        await release.wait()
        return ["t1"]

    first = asyncio.create_task(cache.get_or_load("teams", "s", "all", load))
    await started.wait()
    second = asyncio.create_task(cache.get_or_load("teams", "s", "all", load))
    await asyncio.sleep(0)  # the second caller waits on the same fill
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    release.set()
    assert await second == ["t1"]
    assert await cache.get_or_load("teams", "s", "all", load) == ["t1"]
    assert calls == 1
