"""Idempotency records: one client intent, one provider write.

A record is keyed by (caller, mutation, client key) and holds a fingerprint of
the input. It is claimed atomically before the upstream call and ends as:

    completed        the write happened (or was refused for good): `result` is kept
    outcome_unknown  the request may have reached the provider and no answer came:
                     `reconcile` holds what a retry needs to find out without writing again
    (released)       the write certainly did not happen: the claim is dropped

Records are kept at least `ttl` seconds (24 hours by default). `SqliteIdempotencyStore`
is the durable default (a restart does not forget); `MemoryIdempotencyStore` is for tests.
"""

from __future__ import annotations

import abc
import asyncio
import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

State = Literal["in_progress", "completed", "outcome_unknown"]
DAY = 24 * 3600.0


@dataclass(frozen=True)
class IdempotencyRecord:
    key: str
    fingerprint: str
    state: State
    result: dict[str, Any] | None = None
    reconcile: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0


@dataclass(frozen=True)
class Claim:
    """`claimed`: this caller owns the write. Otherwise `existing` is the record found."""

    claimed: bool
    existing: IdempotencyRecord | None = None


class IdempotencyStore(abc.ABC):
    def __init__(self, *, ttl: float = DAY, clock: Callable[[], float] = time.time) -> None:
        self.ttl = ttl
        self._clock = clock
        self._done: dict[str, asyncio.Event] = {}

    @abc.abstractmethod
    async def _claim(self, key: str, fingerprint: str, now: float) -> IdempotencyRecord | None:
        """Insert an in-progress record unless a live one exists; return the existing one."""

    @abc.abstractmethod
    async def _update(self, key: str, state: State, result: Any, reconcile: Any) -> None: ...

    @abc.abstractmethod
    async def _delete(self, key: str) -> None: ...

    @abc.abstractmethod
    async def get(self, key: str) -> IdempotencyRecord | None: ...

    async def claim(self, key: str, fingerprint: str) -> Claim:
        existing = await self._claim(key, fingerprint, self._clock())
        if existing is None:
            self._done.setdefault(key, asyncio.Event())
            return Claim(claimed=True)
        return Claim(claimed=False, existing=existing)

    async def complete(self, key: str, result: dict[str, Any]) -> None:
        await self._update(key, "completed", result, {})
        self._signal(key)

    async def outcome_unknown(self, key: str, reconcile: dict[str, Any]) -> None:
        await self._update(key, "outcome_unknown", None, reconcile)
        self._signal(key)

    async def release(self, key: str) -> None:
        await self._delete(key)
        self._signal(key)

    async def wait(self, key: str, timeout: float) -> IdempotencyRecord | None:
        """The record once it is no longer in progress (None if released), or the
        in-progress record if `timeout` passes first. Waits on this process's writer;
        a record claimed by another process is polled."""
        deadline = time.monotonic() + timeout
        while True:
            record = await self.get(key)
            if record is None or record.state != "in_progress":
                return record
            left = deadline - time.monotonic()
            if left <= 0:
                return record
            event = self._done.get(key)
            try:
                if event is not None:
                    await asyncio.wait_for(event.wait(), left)
                else:
                    await asyncio.sleep(min(0.05, left))  # claimed by another process
            except TimeoutError:
                return await self.get(key)

    def _signal(self, key: str) -> None:
        event = self._done.pop(key, None)
        if event is not None:
            event.set()


class MemoryIdempotencyStore(IdempotencyStore):
    def __init__(self, *, ttl: float = DAY, clock: Callable[[], float] = time.time) -> None:
        super().__init__(ttl=ttl, clock=clock)
        self._records: dict[str, IdempotencyRecord] = {}

    async def _claim(self, key: str, fingerprint: str, now: float) -> IdempotencyRecord | None:
        existing = self._records.get(key)
        if existing is not None and existing.created_at + self.ttl > now:
            return existing
        self._records[key] = IdempotencyRecord(key, fingerprint, "in_progress", created_at=now)
        return None

    async def _update(self, key: str, state: State, result: Any, reconcile: Any) -> None:
        old = self._records[key]
        self._records[key] = IdempotencyRecord(
            key, old.fingerprint, state, result, dict(reconcile), old.created_at
        )

    async def _delete(self, key: str) -> None:
        self._records.pop(key, None)

    async def get(self, key: str) -> IdempotencyRecord | None:
        record = self._records.get(key)
        if record is None or record.created_at + self.ttl <= self._clock():
            return None
        return record


class SqliteIdempotencyStore(IdempotencyStore):
    """One SQLite file under the data directory; each call runs in a worker thread.

    The claim is one INSERT ... ON CONFLICT DO NOTHING in a transaction, so two
    processes sharing the file cannot both claim a key.
    """

    def __init__(
        self, path: Path, *, ttl: float = DAY, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(ttl=ttl, clock=clock)
        self.path = path
        self._lock = asyncio.Lock()
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS idempotency ("
                " key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, state TEXT NOT NULL,"
                " result TEXT, reconcile TEXT NOT NULL DEFAULT '{}', created_at REAL NOT NULL)"
            )
            self.path.chmod(0o600)
            self._db = db
        return self._db

    async def _run(self, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        async with self._lock:
            return await asyncio.to_thread(lambda: fn(self._connect()))

    async def _claim(self, key: str, fingerprint: str, now: float) -> IdempotencyRecord | None:
        def claim(db: sqlite3.Connection) -> IdempotencyRecord | None:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute(
                    "DELETE FROM idempotency WHERE key = ? AND created_at <= ?",
                    (key, now - self.ttl),
                )
                inserted = db.execute(
                    "INSERT INTO idempotency (key, fingerprint, state, created_at)"
                    " VALUES (?, ?, 'in_progress', ?) ON CONFLICT(key) DO NOTHING",
                    (key, fingerprint, now),
                ).rowcount
                row = None if inserted else self._select(db, key)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            return row

        result: IdempotencyRecord | None = await self._run(claim)
        return result

    @staticmethod
    def _select(db: sqlite3.Connection, key: str) -> IdempotencyRecord | None:
        row = db.execute(
            "SELECT key, fingerprint, state, result, reconcile, created_at"
            " FROM idempotency WHERE key = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        return IdempotencyRecord(
            row[0],
            row[1],
            row[2],
            json.loads(row[3]) if row[3] else None,
            json.loads(row[4]),
            row[5],
        )

    async def _update(self, key: str, state: State, result: Any, reconcile: Any) -> None:
        def update(db: sqlite3.Connection) -> None:
            db.execute(
                "UPDATE idempotency SET state = ?, result = ?, reconcile = ? WHERE key = ?",
                (
                    state,
                    json.dumps(result) if result is not None else None,
                    json.dumps(reconcile),
                    key,
                ),
            )

        await self._run(update)

    async def _delete(self, key: str) -> None:
        await self._run(lambda db: db.execute("DELETE FROM idempotency WHERE key = ?", (key,)))

    async def get(self, key: str) -> IdempotencyRecord | None:
        now = self._clock()
        record: IdempotencyRecord | None = await self._run(lambda db: self._select(db, key))
        if record is None or record.created_at + self.ttl <= now:
            return None
        return record

    async def aclose(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            await asyncio.to_thread(db.close)
