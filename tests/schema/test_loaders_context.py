"""Per-request dataloaders: a failed key is asked again, a good one is not."""

from __future__ import annotations

from typing import Any

import pytest

from schema.context import ExecutionOptions, Loaders


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
