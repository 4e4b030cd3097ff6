"""Retries with tenacity: backoff with jitter, Retry-After, a deadline and a budget.

tenacity rather than stamina: stamina (built on tenacity) fixes its own
backoff and sleeps through a global switch for tests, while here the wait must
come from the failure (Retry-After), the stop from the request's deadline and
a shared budget, and the sleep must be injectable. tenacity takes each of
those as a plain callable.

What is retried is decided by the caller (`ProviderResilience.call`): reads,
and writes carrying an Idempotency-Key the provider honours. Of the failures,
only transient ones: 5xx, no connection, timeouts, 429. Never the gateway's own
decisions (open circuit, used-up deadline or outbound rate limit).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

from tenacity import AsyncRetrying, RetryCallState, stop_after_attempt
from tenacity.retry import retry_if_exception
from tenacity.stop import stop_base
from tenacity.wait import wait_base, wait_exponential_jitter

from ..config import ResilienceConfig
from ..errors import ProviderRateLimited, ProviderUnavailable
from .deadline import time_left
from .errors import CircuitOpen, DeadlineExceeded, OutboundRateLimited

Sleep = Callable[[float], Awaitable[None]]
TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})


class RetryBudget:
    """Retries may be at most `ratio` of the requests in a sliding window, plus `floor`.

    During an outage every call fails and would be sent `max_attempts` times;
    the budget keeps that to about (1 + ratio) times the normal load.
    """

    def __init__(
        self,
        *,
        ratio: float,
        floor: int,
        window: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ratio = ratio
        self._floor = floor
        self._window = window
        self._clock = clock
        self._requests: deque[float] = deque()
        self._retries: deque[float] = deque()
        self.denied = 0  # retries refused, for tests and metrics

    def _trim(self, now: float) -> None:
        for times in (self._requests, self._retries):
            while times and times[0] <= now - self._window:
                times.popleft()

    def record_request(self) -> None:
        self._requests.append(self._clock())

    def try_spend(self) -> bool:
        now = self._clock()
        self._trim(now)
        if len(self._retries) < self._floor + self._ratio * len(self._requests):
            self._retries.append(now)
            return True
        self.denied += 1
        return False


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, CircuitOpen | DeadlineExceeded | OutboundRateLimited):
        return False
    if isinstance(exc, ProviderRateLimited):
        return True
    if isinstance(exc, ProviderUnavailable):
        return exc.status is None or exc.status in TRANSIENT_STATUSES
    return False


def _retry_after(state: RetryCallState) -> float | None:
    if state.outcome is None:
        return None
    exc = state.outcome.exception()
    value = getattr(exc, "retry_after", None)
    return float(value) if value is not None else None


class _wait_backoff_or_retry_after(wait_base):
    """Exponential backoff with jitter, but never less than the provider's Retry-After."""

    def __init__(self, config: ResilienceConfig) -> None:
        self._backoff = wait_exponential_jitter(
            multiplier=config.backoff_initial, max=config.backoff_max, jitter=config.backoff_jitter
        )

    def __call__(self, retry_state: RetryCallState) -> float:
        backoff = float(self._backoff(retry_state))
        return max(backoff, _retry_after(retry_state) or 0.0)


class _stop_when_pointless(stop_base):
    """Stop when the wait would outlast the deadline, or the Retry-After is too long."""

    def __init__(self, retry_after_max: float) -> None:
        self._retry_after_max = retry_after_max

    def __call__(self, retry_state: RetryCallState) -> bool:
        left = time_left()
        if left is not None and retry_state.upcoming_sleep >= left:
            return True
        return (_retry_after(retry_state) or 0.0) > self._retry_after_max


class _stop_over_budget(stop_base):
    """Asked last, so a retry is only spent when nothing else stops it."""

    def __init__(self, budget: RetryBudget) -> None:
        self._budget = budget

    def __call__(self, retry_state: RetryCallState) -> bool:
        return not self._budget.try_spend()


def retrying(
    config: ResilienceConfig, budget: RetryBudget, *, sleep: Sleep = asyncio.sleep
) -> AsyncRetrying:
    """A fresh tenacity controller for one logical call; re-raises the last failure."""
    return AsyncRetrying(
        sleep=sleep,
        stop=(
            stop_after_attempt(config.max_attempts)
            | _stop_when_pointless(config.retry_after_max)
            | _stop_over_budget(budget)
        ),
        wait=_wait_backoff_or_retry_after(config),
        retry=retry_if_exception(is_transient),
        reraise=True,
    )
