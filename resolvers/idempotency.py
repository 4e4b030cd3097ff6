"""Idempotency records: one client intent, one provider write.

A record is keyed by (caller, mutation, client key) and holds a fingerprint of
the input. It is claimed atomically before the upstream call and ends as:

    completed        the write happened (or was refused for good): `result` is kept
    outcome_unknown  the request may have reached the provider and no answer came:
                     `reconcile` holds what a retry needs to find out without writing again
    (released)       the write certainly did not happen: the claim is dropped

Records are kept at least `ttl` seconds (24 hours by default). `SqliteIdempotencyStore`
is the durable default (a restart does not forget); `MemoryIdempotencyStore` is for tests.

A claim carries its owner (host, process id and that process's start time) and a
lease. A claim whose owner is gone (killed, crashed, cut off at shutdown: on this
host, its process is no longer running; elsewhere, its lease has run out) can no
longer finish, and may have sent its write: the next claim of that key turns it
into `outcome_unknown`, so the retry reconciles instead of waiting for 24 hours.
"""

from __future__ import annotations

import abc
import asyncio
import json
import os
import socket
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

State = Literal["in_progress", "completed", "outcome_unknown"]
DAY = 24 * 3600.0
LEASE = 300.0  # seconds a claim is trusted without a way to see its owner (another host)


def _start_time(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot, Linux), or None if unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


_OWNER: tuple[int, str] | None = None


def current_owner() -> str:
    """host:pid:start of this process (worked out again after a fork)."""
    global _OWNER
    pid = os.getpid()
    if _OWNER is None or _OWNER[0] != pid:
        _OWNER = (pid, f"{socket.gethostname()}:{pid}:{_start_time(pid) or ''}")
    return _OWNER[1]


def owner_gone(owner: str, lease_until: float, now: float) -> bool:
    """Whether the process that claimed a record can no longer finish it."""
    if owner == current_owner():
        return False
    host, _, rest = owner.partition(":")
    pid, _, start = rest.partition(":")
    if host == socket.gethostname() and pid.isdigit() and start:
        return _start_time(int(pid)) != start  # not running, or the pid was reused
    return lease_until <= now


@dataclass(frozen=True)
class IdempotencyRecord:
    key: str
    fingerprint: str
    state: State
    result: dict[str, Any] | None = None
    reconcile: dict[str, Any] = field(default_factory=dict)
    created_at: float = 0.0
    owner: str = ""  # host:pid:start of the process that claimed it
    lease_until: float = 0.0


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
        """Insert an in-progress record owned by this process (lease from `now`) unless
        a live one exists; return the existing one."""

    @abc.abstractmethod
    async def _orphaned(self, record: IdempotencyRecord) -> IdempotencyRecord | None:
        """Turn `record` (in progress, its owner gone) into outcome_unknown, unless it
        changed meanwhile; the record as it is now."""

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
        return Claim(claimed=False, existing=await self._settled(existing))

    async def _settled(self, record: IdempotencyRecord) -> IdempotencyRecord | None:
        """`record`, or outcome_unknown if it is in progress and its owner is gone."""
        if record.state != "in_progress":
            return record
        if not owner_gone(record.owner, record.lease_until, self._clock()):
            return record
        return await self._orphaned(record)

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
            if record is not None:
                record = await self._settled(record)
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
        self._records[key] = IdempotencyRecord(
            key, fingerprint, "in_progress", None, {}, now, current_owner(), now + LEASE
        )
        return None

    async def _orphaned(self, record: IdempotencyRecord) -> IdempotencyRecord | None:
        if self._records.get(record.key) == record:
            self._records[record.key] = replace(record, state="outcome_unknown")
        return self._records.get(record.key)

    async def _update(self, key: str, state: State, result: Any, reconcile: Any) -> None:
        old = self._records[key]
        self._records[key] = replace(old, state=state, result=result, reconcile=dict(reconcile))

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
                " result TEXT, reconcile TEXT NOT NULL DEFAULT '{}', created_at REAL NOT NULL,"
                " owner TEXT NOT NULL DEFAULT '', lease_until REAL NOT NULL DEFAULT 0)"
            )
            columns = {row[1] for row in db.execute("PRAGMA table_info(idempotency)")}
            for column, kind in (
                ("owner", "TEXT NOT NULL DEFAULT ''"),
                ("lease_until", "REAL NOT NULL DEFAULT 0"),
            ):
                if column not in columns:  # a file from before claims had owners
                    db.execute(f"ALTER TABLE idempotency ADD COLUMN {column} {kind}")
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
                    "INSERT INTO idempotency (key, fingerprint, state, created_at, owner,"
                    " lease_until) VALUES (?, ?, 'in_progress', ?, ?, ?)"
                    " ON CONFLICT(key) DO NOTHING",
                    (key, fingerprint, now, current_owner(), now + LEASE),
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
            "SELECT key, fingerprint, state, result, reconcile, created_at, owner, lease_until"
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
            row[6],
            row[7],
        )

    async def _orphaned(self, record: IdempotencyRecord) -> IdempotencyRecord | None:
        def settle(db: sqlite3.Connection) -> IdempotencyRecord | None:
            db.execute(
                "UPDATE idempotency SET state = 'outcome_unknown'"
                " WHERE key = ? AND state = 'in_progress' AND owner = ? AND created_at = ?",
                (record.key, record.owner, record.created_at),
            )
            return self._select(db, record.key)

        settled: IdempotencyRecord | None = await self._run(settle)
        return settled

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
