"""A circuit breaker per provider.

    closed --N consecutive failures--> open --cool-down--> half-open
    half-open: one trial call; success -> closed, failure -> open again

Our own rather than purgatory 3.0.1: purgatory reads `time.time()` inside its
state classes (no clock to inject, so a test would wait out the cool-down or
patch library internals) and its half-open state lets every concurrent caller
through instead of one trial call. This is 80 lines with an injected clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum

from .errors import CircuitOpen


class State(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(
        self,
        provider: str,
        *,
        threshold: int,
        cooldown: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.provider = provider
        self._threshold = threshold
        self._cooldown = cooldown
        self._clock = clock
        self._state = State.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_running = False
        self.rejected = 0  # calls failed fast while open, for tests and /readyz

    @property
    def state(self) -> State:
        if self._state is State.OPEN and self._clock() - self._opened_at >= self._cooldown:
            return State.HALF_OPEN
        return self._state

    def before_call(self) -> None:
        """Let the call through, or raise CircuitOpen without touching the provider."""
        state = self.state
        if state is State.CLOSED:
            return
        if state is State.HALF_OPEN and not self._trial_running:
            self._state = State.HALF_OPEN
            self._trial_running = True
            return
        self.rejected += 1
        left = max(0.0, self._opened_at + self._cooldown - self._clock())
        raise CircuitOpen(self.provider, retry_after=left)

    def on_success(self) -> None:
        self._state = State.CLOSED
        self._failures = 0
        self._trial_running = False

    def on_failure(self) -> None:
        self._trial_running = False
        if self._state is State.HALF_OPEN:
            self._open()
            return
        self._failures += 1
        if self._failures >= self._threshold:
            self._open()

    def on_abandoned(self) -> None:
        """The call ended without telling whether the provider is healthy (cancelled)."""
        self._trial_running = False

    def _open(self) -> None:
        self._state = State.OPEN
        self._opened_at = self._clock()
