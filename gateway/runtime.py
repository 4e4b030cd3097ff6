"""How the served process runs Python's garbage collector.

Almost everything a request allocates is freed by reference counting; the cyclic
collector only has to find the few cycles (exceptions with tracebacks, coroutine
frames). With Python's default (a young collection every 700 net allocations), a
request that decodes and maps a provider list sets off dozens of collections, each
walking the young objects, and every tenth one the middle generation too: 47-54% of
customer 360 and of the Finmo page (../shared/PERF.md). Two settings cut it:

- a young generation of `gc_threshold` allocations (50,000 by default) before a
  collection, so a typical request sets off none or one;
- `gc.freeze()` once the app has started: the schema, the settings, the sandbox data
  and every module are moved out of the collector's view, so an old-generation
  collection walks only what requests have left behind.

Only `fingate serve` and `fingate sandbox` do this (gateway/cli.py), never a process
that merely imports the app (the tests). `FINGATE_GC_THRESHOLD=0` keeps Python's defaults.
"""

from __future__ import annotations

import gc
from typing import Any

import uvicorn

# Python's defaults for the older generations (each collected after this many of the younger)
OLDER = (10, 10)


def tune_collector(threshold: int) -> None:
    """The young generation's threshold for this process (0: leave Python's)."""
    if threshold > 0:
        gc.set_threshold(threshold, *OLDER)


class FrozenStartServer(uvicorn.Server):
    """uvicorn's server, freezing what start-up built once the lifespan has run."""

    def __init__(self, config: uvicorn.Config, *, freeze: bool) -> None:
        super().__init__(config)
        self._freeze = freeze

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self._freeze:
            gc.collect()  # what start-up freed goes now, not frozen
            gc.freeze()
