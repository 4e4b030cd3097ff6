"""How the served process runs Python's garbage collector.

Almost everything a request allocates is freed by reference counting; the cyclic
collector only has to find the few cycles (exceptions with tracebacks, coroutine
frames). With Python's default (a young collection every 700 net allocations), a
request that decodes and maps a provider list sets off dozens of collections, each
walking the young objects, and every tenth one the middle generation too: 47-54% of
customer 360 and of the Finmo page (../shared/PERF.md). Three settings cut it:

- a young generation of `gc_threshold` allocations (50,000 by default) before a
  collection, so a typical request sets off none or one;
- `gc.freeze()` once the app has started: the schema, the settings, the sandbox data
  and every module are moved out of the collector's view, so an old-generation
  collection walks only what requests have left behind;
- young collections on a clock (`gc_interval`, 5 s by default): at most one per
  interval, when `gc_threshold` allocations have accumulated. Python's own trigger
  counts objects that are alive, so under concurrency (200 requests in flight, each
  holding its loaders, tasks and provider records for seconds) it fired every half
  second, walked every live request, freed nothing and took a quarter of the CPU
  (bench/results/2026-12-04-workers.md). A request now leaves no reference cycles
  behind (tests/schema/test_no_cycles.py), so between two ticks there is little for the
  collector to find, and what a tick walks is only what is in flight at that moment.

Only `fingate serve` and `fingate sandbox` do this (gateway/cli.py), never a process
that merely imports the app (the tests). `FINGATE_GC_THRESHOLD=0` keeps Python's
defaults; `FINGATE_GC_INTERVAL=0` keeps Python's own trigger with the threshold.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from typing import Any

import uvicorn

# Python's defaults for the older generations (each collected after this many of the younger)
OLDER = (10, 10)


def tune_collector(threshold: int) -> None:
    """The young generation's threshold for this process (0: leave Python's)."""
    if threshold > 0:
        gc.set_threshold(threshold, *OLDER)


def collect_due() -> int | None:
    """The generation Python's own trigger would collect now, or None: nothing while the
    young count is within its threshold; else the oldest generation whose count (the
    collections of the one below since its own last one) is over its threshold. (Python
    also puts off a full collection until a quarter of the old objects are new; this
    does not, so full collections may come sooner: with start-up frozen, they walk only
    what requests have left.)"""
    thresholds, counts = gc.get_threshold(), gc.get_count()
    if counts[0] <= thresholds[0]:
        return None
    for generation in (2, 1):
        if counts[generation] > thresholds[generation]:
            return generation
    return 0


async def collect_on_a_clock(interval: float) -> None:
    """With automatic collection off: each `interval`, the collection that is due."""
    while True:
        await asyncio.sleep(interval)
        generation = collect_due()
        if generation is not None:
            gc.collect(generation)


class FrozenStartServer(uvicorn.Server):
    """uvicorn's server, freezing what start-up built once the lifespan has run, and
    (with `collect_every`) collecting on a clock instead of on allocation counts."""

    def __init__(self, config: uvicorn.Config, *, freeze: bool, collect_every: float = 0) -> None:
        super().__init__(config)
        self._freeze = freeze
        self._collect_every = collect_every
        self._collector: asyncio.Task[None] | None = None

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self._freeze:
            gc.collect()  # what start-up freed goes now, not frozen
            gc.freeze()
        if self._collect_every > 0:
            gc.disable()
            self._collector = asyncio.create_task(collect_on_a_clock(self._collect_every))

    async def shutdown(self, sockets: Any = None) -> None:
        if self._collector is not None:
            self._collector.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._collector
            gc.enable()
        await super().shutdown(sockets=sockets)
