from __future__ import annotations

import json
import stat
from pathlib import Path

from resolvers.tokens import FileTokenStore, MemoryTokenStore


async def test_file_store_round_trips_and_survives_a_new_instance(tmp_path: Path) -> None:
    path = tmp_path / "state" / "tokens.json"
    store = FileTokenStore(path)
    assert await store.get("molo") is None
    await store.put("molo", {"refresh_token": "r1"})
    await store.put("other", {"refresh_token": "x"})
    await store.put("molo", {"refresh_token": "r2"})
    again = FileTokenStore(path)
    assert await again.get("molo") == {"refresh_token": "r2"}
    assert await again.get("other") == {"refresh_token": "x"}


async def test_file_store_is_readable_only_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "state" / "tokens.json"
    await FileTokenStore(path).put("molo", {"refresh_token": "r1"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


async def test_file_store_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    store = FileTokenStore(path)
    for n in range(5):
        await store.put("molo", {"refresh_token": f"r{n}"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tokens.json"]
    assert json.loads(path.read_text()) == {"molo": {"refresh_token": "r4"}}


async def test_memory_store_returns_copies() -> None:
    store = MemoryTokenStore()
    record = {"refresh_token": "r1"}
    await store.put("k", record)
    record["refresh_token"] = "changed"
    got = await store.get("k")
    assert got == {"refresh_token": "r1"}
