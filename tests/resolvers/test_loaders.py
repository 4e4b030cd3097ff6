from __future__ import annotations

import asyncio

import pytest

from resolvers.errors import ProviderNotFound, ProviderUnavailable
from resolvers.loaders import batch_by_key


async def test_key_batches_call_once_per_distinct_key_with_bounded_concurrency() -> None:
    running = 0
    peak = 0
    fetched: list[str] = []

    async def fetch_one(key: str) -> str:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0)
        running -= 1
        fetched.append(key)
        if key == "missing":
            raise ProviderNotFound("finos", "no such account", status=404)
        if key == "broken":
            raise ProviderUnavailable("finos", "down", status=503)
        return key.upper()

    load = batch_by_key(fetch_one, concurrency=2)
    keys = ["a", "b", "a", "missing", "broken", "c", "d"]
    result = await load(keys)
    assert result[:4] == ["A", "B", "A", None]
    assert isinstance(result[4], ProviderUnavailable)
    assert result[5:] == ["C", "D"]
    assert sorted(fetched) == sorted(set(keys))
    assert peak == 2


def test_key_batches_need_some_concurrency() -> None:
    async def fetch_one(key: str) -> str:
        return key

    with pytest.raises(ValueError, match="concurrency"):
        batch_by_key(fetch_one, concurrency=0)
