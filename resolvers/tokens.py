"""Where issued tokens outlive the process (Molo's rotating refresh token).

`FileTokenStore` is the durable default: one JSON file under the data
directory, replaced atomically (write a temporary file, fsync, rename),
readable by its owner only (0600, directory 0700). `MemoryTokenStore` is for
tests and for providers whose tokens need not survive a restart.

`exclusive(key)` is held around a token fetch. For a file store it is also an
advisory lock (flock) on a `.lock` file beside it, so several processes on one
data directory (workers, a restart overlapping the old process) fetch one at a
time and the next finds the token the first saved. The kernel drops the lock
when its process dies, even by kill -9, so it can never be left stuck.
"""

from __future__ import annotations

import abc
import asyncio
import fcntl
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path


class TokenStore(abc.ABC):
    @abc.abstractmethod
    async def get(self, key: str) -> dict[str, str] | None:
        """The record saved under `key`, or None."""

    @abc.abstractmethod
    async def put(self, key: str, record: dict[str, str]) -> None:
        """Save `record` under `key`, replacing what was there, durably before returning."""

    @abc.abstractmethod
    def exclusive(self, key: str) -> AbstractAsyncContextManager[None]:
        """Held while a token for `key` is fetched: other holders of this store wait."""


class MemoryTokenStore(TokenStore):
    def __init__(self) -> None:
        self._records: dict[str, dict[str, str]] = {}
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    @asynccontextmanager
    async def exclusive(self, key: str) -> AsyncIterator[None]:
        async with self._locks[key]:
            yield

    async def get(self, key: str) -> dict[str, str] | None:
        record = self._records.get(key)
        return dict(record) if record is not None else None

    async def put(self, key: str, record: dict[str, str]) -> None:
        self._records[key] = dict(record)


class FileTokenStore(TokenStore):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = asyncio.Lock()
        self._fetching = asyncio.Lock()  # one waiter per process on the file lock

    @asynccontextmanager
    async def exclusive(self, key: str) -> AsyncIterator[None]:
        """One lock for the whole file (fetches are rare): this process first, then flock."""
        async with self._fetching:
            acquiring = asyncio.ensure_future(asyncio.to_thread(self._acquire))
            try:
                fd = await asyncio.shield(acquiring)
            except asyncio.CancelledError:
                # the thread may still take the lock: give it back as soon as it does
                acquiring.add_done_callback(_release_when_taken)
                raise
            try:
                yield
            finally:
                _release(fd)

    def _acquire(self) -> int:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            with self.path.open(encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tokens-", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    async def get(self, key: str) -> dict[str, str] | None:
        data = await asyncio.to_thread(self._read)
        record = data.get(key)
        return dict(record) if isinstance(record, dict) else None

    async def put(self, key: str, record: dict[str, str]) -> None:
        async with self._lock:

            def update() -> None:
                data = self._read()
                data[key] = dict(record)
                self._write(data)

            await asyncio.to_thread(update)


def _release(fd: int) -> None:
    """Closing the descriptor drops its flock."""
    os.close(fd)


def _release_when_taken(acquiring: asyncio.Future[int]) -> None:
    if not acquiring.cancelled() and acquiring.exception() is None:
        _release(acquiring.result())
