"""Per-request dataloaders: a failed key is asked again, a good one is not."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from resolvers.request import ExecutionOptions, Loaders


async def test_a_failed_key_is_fetched_again_and_a_found_one_is_not() -> None:
    calls: list[list[str]] = []

    async def batch(keys: list[str]) -> list[Any]:
        calls.append(list(keys))
        if len(calls) == 1:
            return [RuntimeError("provider hiccup") for _ in keys]
        return [k.upper() for k in keys]

    loader = Loaders(ExecutionOptions()).get("demo", lambda: batch)
    with pytest.raises(RuntimeError):
        await loader.load("a")
    assert await loader.load("a") == "A"
    assert await loader.load("a") == "A"
    assert calls == [["a"], ["a"]]


async def test_a_waiter_cancelled_mid_load_leaves_the_shared_load_to_the_others() -> None:
    started, release = asyncio.Event(), asyncio.Event()
    calls: list[list[str]] = []

    async def batch(keys: list[str]) -> list[str]:
        calls.append(list(keys))
        started.set()
        await release.wait()
        return [k.upper() for k in keys]

    loader = Loaders(ExecutionOptions()).get("demo", lambda: batch)
    cancelled = asyncio.ensure_future(loader.load("a"))
    other = asyncio.ensure_future(loader.load("a"))
    await started.wait()  # the batch is running, both wait on its key
    cancelled.cancel()
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    release.set()
    assert await other == "A"
    assert await loader.load("a") == "A"  # still cached: no second call
    assert calls == [["a"]]


async def test_a_batch_ended_by_cancellation_fails_its_keys_instead_of_hanging() -> None:
    async def batch(keys: list[str]) -> list[str]:  # noqa: ARG001 (the loader's signature)
        raise asyncio.CancelledError

    loader = Loaders(ExecutionOptions()).get("demo", lambda: batch)
    with pytest.raises(RuntimeError, match="cancelled"):
        await asyncio.wait_for(loader.load("a"), timeout=30)  # a bound, not a timing
