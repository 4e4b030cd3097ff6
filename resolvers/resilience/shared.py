"""Token buckets that several worker processes draw from together.

`fingate serve --workers N` forks N processes from one supervisor. What must add up
across them (outbound pacing per provider credential, each caller's share of a
provider quota, each caller's cost budget) lives in one `SharedBuckets` table the
supervisor creates before forking: an anonymous shared memory map (inherited by
every child, no file, no server) guarded by one process-shared lock.

The table is open-addressed: a key hashes (blake2b, 64 bits) to a slot, probing up to
`PROBES` slots. A slot holds the key's hash, its level and the time of its last
update (CLOCK_MONOTONIC, one clock for every process on the machine). When every
probed slot is taken by another key, the least recently used of them is given up:
that key starts again from a full bucket, as an evicted caller does in the in-process
tables (`max_callers`). Each operation is a few microseconds under the lock.

The lock is held for a few microseconds; a worker killed while holding it (kill -9,
the OOM killer) would leave it held forever and every other worker stuck. So a draw
waits at most `LOCK_WAIT` for it, then takes the lock over (a process-shared lock can
be released by another process) and logs it; if even that fails, the draw is granted
without being counted (serving goes on; the limits are briefly not enforced) and logged.

One process alone needs none of this: the in-process buckets stay the default.
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import multiprocessing
import struct
import time
from collections.abc import Callable
from typing import NamedTuple

log = logging.getLogger(__name__)

SLOT = struct.Struct("=qdd")  # key hash (0: empty), level, last update
PROBES = 16
DEFAULT_SLOTS = 1 << 16  # 65,536 keys, 1.5 MB
LOCK_WAIT = 1.0  # seconds: far beyond any holder that is alive and running


class Draw(NamedTuple):
    granted: bool  # taken (now, or after `wait` when a wait was allowed)
    wait: float  # seconds: until the reserved slot (granted) or until it would fit


def _hash(key: str) -> int:
    value = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")
    value &= (1 << 63) - 1
    return value or 1  # 0 marks an empty slot


class SharedBuckets:
    """`take(key, capacity, rate, cost)`: one token bucket per key, shared by forks."""

    def __init__(
        self, slots: int = DEFAULT_SLOTS, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if slots < PROBES:
            raise ValueError(f"slots must be at least {PROBES}")
        self.slots = slots
        self._map = mmap.mmap(-1, slots * SLOT.size)  # MAP_SHARED | MAP_ANONYMOUS
        self._lock = multiprocessing.get_context("fork").Lock()
        self._clock = clock

    def take(
        self, key: str, capacity: float, rate: float, cost: float = 1.0, max_wait: float = 0.0
    ) -> Draw:
        """Spend `cost` from `key`'s bucket (up to `capacity`, refilled at `rate` per
        second). When it does not fit: with a wait of at most `max_wait` allowed, the
        cost is reserved (the level goes below zero, so later draws queue behind) and
        the wait returned; otherwise nothing is spent and the wait says when it would
        fit."""
        wanted = _hash(key)
        first = wanted % self.slots
        if not self._acquire():
            return Draw(True, 0.0)  # uncounted: see the module docstring
        try:
            return self._draw(wanted, first, capacity, rate, cost, max_wait)
        finally:
            self._lock.release()

    def _acquire(self) -> bool:
        if self._lock.acquire(timeout=LOCK_WAIT):
            return True
        log.error(
            "shared buckets: the lock was held over %.1f s (a worker died holding it?);"
            " taking it over",
            LOCK_WAIT,
        )
        try:
            self._lock.release()
        except ValueError:  # released meanwhile
            pass
        if self._lock.acquire(timeout=LOCK_WAIT):
            return True
        log.error("shared buckets: lock still unavailable; this draw is not counted")
        return False

    def _draw(
        self, wanted: int, first: int, capacity: float, rate: float, cost: float, max_wait: float
    ) -> Draw:
        now = self._clock()
        offset = self._find(wanted, first)
        found, level, since = SLOT.unpack_from(self._map, offset)
        if found != wanted:
            level, since = capacity, now
        level = min(capacity, level + max(0.0, now - since) * rate)
        if level >= cost:
            SLOT.pack_into(self._map, offset, wanted, level - cost, now)
            return Draw(True, 0.0)
        wait = (min(cost, capacity) - level) / rate if rate > 0 else float("inf")
        if wait <= max_wait:
            SLOT.pack_into(self._map, offset, wanted, level - cost, now)
            return Draw(True, wait)
        SLOT.pack_into(self._map, offset, wanted, level, now)
        return Draw(False, wait)

    def _find(self, wanted: int, first: int) -> int:
        """The slot holding `wanted`, else the first empty one probed, else the least
        recently updated one probed (to be given to `wanted`)."""
        oldest, oldest_at = -1, float("inf")
        for step in range(PROBES):
            offset = ((first + step) % self.slots) * SLOT.size
            found, _, since = SLOT.unpack_from(self._map, offset)
            if found == wanted or found == 0:
                return offset
            if since < oldest_at:
                oldest, oldest_at = offset, since
        return oldest
