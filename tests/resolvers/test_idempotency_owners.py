"""Claims carry their owner: a claim left by a process that is gone (kill -9, a crash)
turns into outcome_unknown on the next claim, never IDEMPOTENCY_IN_PROGRESS for 24 h;
a claim whose owner still runs stays in progress."""

from __future__ import annotations

import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from resolvers.idempotency import (
    MemoryIdempotencyStore,
    SqliteIdempotencyStore,
    current_owner,
    owner_gone,
)

ROOT = Path(__file__).resolve().parents[2]
NOW = 1_000_000.0


def dead_owner() -> str:
    """The owner string of a real process that has exited."""
    code = "from resolvers.idempotency import current_owner; print(current_owner())"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_an_owner_is_gone_only_when_its_process_is() -> None:
    host = socket.gethostname()
    assert not owner_gone(current_owner(), 0.0, NOW)  # this process, even past its lease
    assert owner_gone(dead_owner(), NOW + 60, NOW)  # exited, though its lease runs on
    pid = current_owner().split(":")[1]
    assert owner_gone(f"{host}:{pid}:1", NOW + 60, NOW)  # same pid, another start: reused
    assert not owner_gone("elsewhere:1:1", NOW + 1, NOW)  # another host: the lease decides
    assert owner_gone("elsewhere:1:1", NOW, NOW)
    assert owner_gone("", 0.0, NOW)  # a claim from before owners were kept


async def test_a_memory_claim_of_a_dead_owner_becomes_outcome_unknown() -> None:
    store = MemoryIdempotencyStore()
    assert (await store.claim("k", "intent")).claimed
    mine = await store.claim("k", "intent")
    assert mine.existing is not None and mine.existing.state == "in_progress"  # still running

    record = await store.get("k")
    assert record is not None
    store._records["k"] = type(record)(**{**vars(record), "owner": dead_owner()})
    left = await store.claim("k", "intent")
    assert not left.claimed and left.existing is not None
    assert left.existing.state == "outcome_unknown"
    waited = await store.wait("k", 1.0)
    assert waited is not None and waited.state == "outcome_unknown"


async def test_a_claim_of_a_process_killed_with_sigkill_becomes_outcome_unknown(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "idempotency.sqlite3"
    claimer = subprocess.Popen(
        [sys.executable, "-m", "tests.resolvers.idempotency_claimer", str(path), "k"],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert claimer.stdout is not None
        assert claimer.stdout.readline().strip() == "claimed"
        store = SqliteIdempotencyStore(path)
        alive = await store.claim("k", "intent")
        assert not alive.claimed and alive.existing is not None
        assert alive.existing.state == "in_progress"  # its owner runs: not touched
    finally:
        claimer.send_signal(signal.SIGKILL)
        claimer.wait(timeout=30)
        if claimer.stdin is not None:
            claimer.stdin.close()
        if claimer.stdout is not None:
            claimer.stdout.close()
    after = await store.claim("k", "intent")
    assert not after.claimed and after.existing is not None
    assert after.existing.state == "outcome_unknown"
    reopened = SqliteIdempotencyStore(path)  # and so it stays, for every process
    record = await reopened.get("k")
    assert record is not None and record.state == "outcome_unknown"
    await store.aclose()
    await reopened.aclose()


async def test_an_in_progress_claim_in_a_file_from_before_owners_is_settled(
    tmp_path: Path,
) -> None:
    path = tmp_path / "idempotency.sqlite3"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
        " state TEXT NOT NULL, result TEXT, reconcile TEXT NOT NULL DEFAULT '{}',"
        " created_at REAL NOT NULL)"
    )
    db.execute(
        "INSERT INTO idempotency (key, fingerprint, state, created_at)"
        " VALUES ('old', 'intent', 'in_progress', strftime('%s','now'))"
    )
    db.commit()
    db.close()
    store = SqliteIdempotencyStore(path)
    claim = await store.claim("old", "intent")
    assert claim.existing is not None and claim.existing.state == "outcome_unknown"
    assert (await store.claim("new", "intent")).claimed
    await store.aclose()
