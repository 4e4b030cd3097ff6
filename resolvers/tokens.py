"""Where issued tokens outlive the process (Molo's rotating refresh token).

`FileTokenStore` is the durable default: one JSON file under the data
directory, replaced atomically (write a temporary file, fsync, rename),
readable by its owner only (0600, directory 0700). `MemoryTokenStore` is for
tests and for providers whose tokens need not survive a restart.
"""

from __future__ import annotations

import abc
import asyncio
import json
import os
import tempfile
from pathlib import Path


class TokenStore(abc.ABC):
    @abc.abstractmethod
    async def get(self, key: str) -> dict[str, str] | None:
        """The record saved under `key`, or None."""

    @abc.abstractmethod
    async def put(self, key: str, record: dict[str, str]) -> None:
        """Save `record` under `key`, replacing what was there, durably before returning."""


class MemoryTokenStore(TokenStore):
    def __init__(self) -> None:
        self._records: dict[str, dict[str, str]] = {}

    async def get(self, key: str) -> dict[str, str] | None:
        record = self._records.get(key)
        return dict(record) if record is not None else None

    async def put(self, key: str, record: dict[str, str]) -> None:
        self._records[key] = dict(record)


class FileTokenStore(TokenStore):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = asyncio.Lock()

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
