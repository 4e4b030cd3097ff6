"""Everything between a provider client and the wire, per provider.

`ProviderResilience.call` runs one logical call: retried (tenacity, within the
budget and the deadline) when repeating it is safe, each attempt through the
circuit breaker, the caller's share of the provider quota (quota.py) and the
outbound rate limit. `read` adds in-flight dedup.
`Resilience` holds one `ProviderResilience` per provider, built from
`ResilienceConfig`, with the clock and sleep injectable for tests.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping
from contextvars import ContextVar
from typing import Protocol, TypeVar

from ..config import ResilienceConfig
from ..errors import (
    ConnectionPoolBusy,
    ProviderError,
    ProviderRateLimited,
    ProviderUnavailable,
)
from .breaker import CircuitBreaker
from .deadline import time_left
from .dedup import InFlight
from .errors import CircuitOpen, DeadlineExceeded, OutboundRateLimited
from .quota import CallerQuota, CallerQuotaExceeded, MemoryCallerQuota, current_caller
from .ratelimit import TokenBucket
from .retry import RetryBudget, Sleep, is_transient, retrying
from .shared import SharedBuckets

T = TypeVar("T")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Set while a call is on the wire: a call made inside it (a token fetch by an auth
# flow) is part of that attempt, so it takes no breaker trial, slot or retry of its own.
_IN_ATTEMPT: ContextVar[bool] = ContextVar("fingate_in_attempt", default=False)


class ProviderResilience:
    def __init__(
        self,
        provider: str,
        config: ResilienceConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        quota: CallerQuota | None = None,
        shared: SharedBuckets | None = None,
    ) -> None:
        self.provider = provider
        self.quota = quota
        self._shared = shared  # pacing across worker processes (None: this process's own)
        self.config = config
        self._clock = clock
        self._sleep = sleep
        self.breaker = CircuitBreaker(
            provider,
            threshold=config.breaker_threshold,
            cooldown=config.breaker_cooldown,
            clock=clock,
        )
        self.budget = RetryBudget(
            ratio=config.retry_budget_ratio,
            floor=config.retry_budget_floor,
            window=config.retry_budget_window,
            clock=clock,
        )
        self._per_hour: int | None = getattr(config.rate_limits, provider, None)
        self._buckets: dict[str, TokenBucket] = {}
        self.inflight = InFlight()
        self.attempts = 0  # attempts that went to the wire (or tried to)

    def retryable(self, method: str, headers: Mapping[str, str] | None) -> bool:
        """Reads, and writes whose Idempotency-Key this provider honours; nothing else."""
        if method.upper() in SAFE_METHODS:
            return True
        if self.provider not in self.config.idempotent_providers or not headers:
            return False
        return any(k.lower() == "idempotency-key" and v for k, v in headers.items())

    def bucket(self, scope: str) -> TokenBucket | None:
        if self._per_hour is None:
            return None
        bucket = self._buckets.get(scope)
        if bucket is None:
            bucket = TokenBucket(
                self.provider,
                self._per_hour,
                max_wait=self.config.rate_limit_max_wait,
                clock=self._clock,
                sleep=self._sleep,
                shared=self._shared,
                key=scope,
            )
            self._buckets[scope] = bucket
        return bucket

    async def read(self, key: Hashable, call: Callable[[], Awaitable[T]]) -> T:
        """`call`, shared with concurrent identical reads when dedup is on."""
        if not self.config.dedup or _IN_ATTEMPT.get():
            return await call()
        result: T = await self.inflight.run(key, call)
        return result

    async def call(self, attempt: Callable[[], Awaitable[T]], *, scope: str, retryable: bool) -> T:
        """One logical call: `attempt` once, or retried while that is safe and useful."""
        if _IN_ATTEMPT.get():
            return await attempt()
        self.budget.record_request()
        if not retryable:
            return await self._attempt(attempt, scope)
        # The first attempt runs outside tenacity: most calls succeed (or fail for good)
        # at once, and a tenacity controller per call is some 80 objects in reference
        # cycles that only the garbage collector frees (with the executor's own cycle,
        # 11-28% of the N+1 shape's CPU: bench/results/2026-12-04-gc.md). A transient
        # first failure is replayed to tenacity as its attempt 1, so backoff, stops and
        # the budget see exactly what they did.
        try:
            return await self._attempt(attempt, scope)
        except ProviderError as exc:
            if not is_transient(exc):
                raise
            first: ProviderError | None = exc
        last: ProviderError | None = None  # the provider's own answer to the last attempt
        try:
            async for try_ in retrying(self.config, self.budget, sleep=self._sleep):
                with try_:
                    try:
                        if first is not None:
                            replayed, first = first, None
                            raise replayed
                        return await self._attempt(attempt, scope)
                    except ProviderError as exc:
                        if not _refused_unsent(exc):
                            last = exc
                        raise
        except ProviderError as exc:
            # a retry refused before it was sent (the circuit the first failure opened,
            # the deadline, the outbound pace) says nothing new: the real error is the
            # provider's last answer
            if last is not None and exc is not last and _refused_unsent(exc):
                raise last from exc
            raise
        raise AssertionError("unreachable: tenacity re-raises the last failure")

    async def _attempt(self, attempt: Callable[[], Awaitable[T]], scope: str) -> T:
        left = time_left()
        if left is not None and left <= 0:
            raise DeadlineExceeded(
                self.provider, "no time left in the request's deadline to call it", maybe_sent=False
            )
        self.breaker.before_call()
        try:
            caller = current_caller()
            if caller is not None and self.quota is not None:
                wait = self.quota.take(self.provider, caller)
                if wait is not None:
                    raise CallerQuotaExceeded(self.provider, wait)
            bucket = self.bucket(scope)
            if bucket is not None:
                await bucket.acquire(limit=left)
            self.attempts += 1
            token = _IN_ATTEMPT.set(True)
            try:
                result = await attempt()
            finally:
                _IN_ATTEMPT.reset(token)
        except (CircuitOpen, DeadlineExceeded, OutboundRateLimited, ConnectionPoolBusy):
            self.breaker.on_abandoned()  # our own decision or queue says nothing of the provider
            raise
        except ProviderRateLimited:
            self.breaker.on_success()  # it answered: up, only busy
            raise
        except ProviderUnavailable:
            self.breaker.on_failure()
            raise
        except ProviderError:
            self.breaker.on_success()  # 4xx, bad body: the provider is up
            raise
        except BaseException:
            self.breaker.on_abandoned()
            raise
        self.breaker.on_success()
        return result


def _refused_unsent(exc: ProviderError) -> bool:
    """The gateway's own refusal to send (never a provider's answer)."""
    if isinstance(exc, CircuitOpen | OutboundRateLimited):
        return True
    return isinstance(exc, DeadlineExceeded) and not exc.maybe_sent


def default_quota(
    config: ResilienceConfig, clock: Callable[[], float], shared: SharedBuckets | None = None
) -> CallerQuota | None:
    """Each caller's share of the providers' documented hourly quotas: in process, or
    across the workers through `shared`."""
    if config.caller_share <= 0:
        return None
    per_hour = config.rate_limits.model_dump()
    return MemoryCallerQuota(per_hour, config.caller_share, clock=clock, shared=shared)


class Guarded(Protocol):
    @property
    def provider(self) -> str: ...

    def use_resilience(self, resilience: ProviderResilience | None) -> None: ...


class Resilience:
    """One `ProviderResilience` per provider name, shared by every client of it."""

    def __init__(
        self,
        config: ResilienceConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        quota: CallerQuota | None = None,
        shared: SharedBuckets | None = None,
    ) -> None:
        """`shared`: the workers' buckets (pacing and caller quotas add up across
        processes); None: this process's own. Breakers, retry budgets and in-flight
        dedup stay per process: each worker judges the provider by its own calls."""
        self.config = config
        self._clock = clock
        self._sleep = sleep
        self._shared = shared
        self.quota = quota if quota is not None else default_quota(config, clock, shared)
        self._providers: dict[str, ProviderResilience] = {}

    def __getitem__(self, provider: str) -> ProviderResilience:
        found = self._providers.get(provider)
        if found is None:
            found = ProviderResilience(
                provider,
                self.config,
                clock=self._clock,
                sleep=self._sleep,
                quota=self.quota,
                shared=self._shared,
            )
            self._providers[provider] = found
        return found

    def attach(self, clients: Iterable[Guarded]) -> None:
        """Route each client's calls through its provider's policies (unless disabled)."""
        for client in clients:
            client.use_resilience(self[client.provider] if self.config.enabled else None)
