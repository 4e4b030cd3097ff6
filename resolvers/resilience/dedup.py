"""In-flight deduplication of identical reads.

Concurrent callers asking for the same key (credential scope, method, URL and
params) share one upstream call: the first starts it as a task, the rest await
the same task. The entry goes when the call ends, so nothing is cached: a read
made after the answer arrived goes upstream again. A caller that is cancelled
does not cancel the shared call for the others (`asyncio.shield`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Any


class InFlight:
    def __init__(self) -> None:
        self._calls: dict[Hashable, asyncio.Task[Any]] = {}
        self.shared = 0  # callers served by another caller's call, for tests and metrics

    def __len__(self) -> int:
        return len(self._calls)

    async def run(self, key: Hashable, call: Callable[[], Awaitable[Any]]) -> Any:
        task = self._calls.get(key)
        if task is None:
            task = asyncio.ensure_future(call())
            self._calls[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        else:
            self.shared += 1
        return await asyncio.shield(task)

    def _forget(self, key: Hashable, done: asyncio.Task[Any]) -> None:
        if self._calls.get(key) is done:
            del self._calls[key]
        if not done.cancelled():
            done.exception()  # retrieved: a failure nobody awaits is not "never retrieved"
