"""A deadline per GraphQL request, carried in a ContextVar.

The gateway sets it when a request arrives (`deadline_scope`); every upstream
call made while serving that request, in any task spawned from it, caps its
timeout at the time left and fails with `DeadlineExceeded` when none is left.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Clock = Callable[[], float]

# monotonic-clock second at which the current request must be answered; None: no deadline
_DEADLINE: ContextVar[float | None] = ContextVar("fingate_deadline", default=None)


@contextmanager
def deadline_scope(seconds: float, *, clock: Clock = time.monotonic) -> Iterator[float]:
    """Run the block under a deadline `seconds` from now (a nested one never extends it)."""
    at = clock() + seconds
    outer = _DEADLINE.get()
    if outer is not None:
        at = min(at, outer)
    token = _DEADLINE.set(at)
    try:
        yield at
    finally:
        _DEADLINE.reset(token)


def time_left(clock: Clock = time.monotonic) -> float | None:
    """Seconds left before the current deadline (may be <= 0), or None without one."""
    at = _DEADLINE.get()
    return None if at is None else at - clock()
