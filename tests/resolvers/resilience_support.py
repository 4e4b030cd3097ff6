"""Shared helpers of the resilience tests: a manual clock, a recording sleep, clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from resolvers.config import CacheConfig, FinmoConfig, FinosConfig, HttpConfig, ResilienceConfig
from resolvers.finmo import FinmoClient
from resolvers.finos import FinosClient
from resolvers.providers import make_ref_cache
from resolvers.resilience import Resilience
from tests.support import SandboxControl


class Clock:
    """Monotonic seconds that move only when told (breaker cool-down, buckets, budget)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Sleeps:
    """An injected sleep: records each wait, moves the clock, returns at once.

    `then` runs on each sleep (e.g. to lift a fault before the retry goes out)."""

    def __init__(self, clock: Clock, then: Callable[[], Any] | None = None) -> None:
        self.clock = clock
        self.waits: list[float] = []
        self.then = then

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.clock.advance(seconds)
        if self.then is not None:
            self.then()


def resilience(clock: Clock, sleeps: Sleeps, **config: Any) -> Resilience:
    return Resilience(ResilienceConfig(**config), clock=clock, sleep=sleeps)


def finos_client(
    sandbox: SandboxControl, policies: Resilience, *, read_timeout: float = 10.0, **http: Any
) -> FinosClient:
    config = FinosConfig(http=HttpConfig(read_timeout=read_timeout, **http))
    client = FinosClient.create(
        config, sandbox.url("finos"), cache=make_ref_cache(CacheConfig(), enabled=False)
    )
    policies.attach([client])
    return client


def finmo_client(sandbox: SandboxControl, policies: Resilience) -> FinmoClient:
    client = FinmoClient.create(
        FinmoConfig(), sandbox.url("finmo"), cache=make_ref_cache(CacheConfig(), enabled=False)
    )
    policies.attach([client])
    return client
