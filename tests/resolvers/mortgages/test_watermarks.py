"""Watermarks: what a write saw just before it is kept for its reconcile, across a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from resolvers.idempotency import MemoryIdempotencyStore, SqliteIdempotencyStore
from resolvers.mortgages.watermarks import recall, reconciled, remember


async def test_a_watermark_survives_a_restart_of_the_sqlite_store(tmp_path: Path) -> None:
    path = tmp_path / "idempotency.sqlite3"
    first = SqliteIdempotencyStore(path)
    try:
        await remember(first, "fg-key", {"max_id": 41})
    finally:
        await first.aclose()
    second = SqliteIdempotencyStore(path)
    try:
        assert await recall(second, "fg-key") == {"max_id": 41}
    finally:
        await second.aclose()


async def test_a_second_attempt_of_the_same_intent_replaces_the_watermark() -> None:
    store = MemoryIdempotencyStore()
    await remember(store, "fg-key", {"ids": ["a"]})
    await remember(store, "fg-key", {"ids": ["a", "b"]})
    assert await recall(store, "fg-key") == {"ids": ["a", "b"]}


async def test_a_write_without_a_key_keeps_nothing() -> None:
    store = MemoryIdempotencyStore()
    await remember(store, None, {"ids": []})
    assert await recall(store, "None") is None


async def test_without_a_watermark_the_write_is_not_written_and_nothing_is_read() -> None:
    store = MemoryIdempotencyStore()
    asked: list[dict[str, Any]] = []

    async def find(seen: dict[str, Any]) -> str | None:
        asked.append(seen)
        return "found"

    assert await reconciled(store, "fg-never-sent", find) is None
    assert asked == []
    await remember(store, "fg-sent", {"updated_at": "2026-01-01T00:00:00Z"})
    assert await reconciled(store, "fg-sent", find) == "found"
    assert asked == [{"updated_at": "2026-01-01T00:00:00Z"}]
