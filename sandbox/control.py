"""The sandbox control plane: request stats, injected faults, rate limits.

GET/DELETE /sandbox/_stats   requests seen per provider, "METHOD /route/{template}"
GET/POST/DELETE /sandbox/_faults   latency, error rate and status per provider (and route)
POST /sandbox/_reset         reseed every provider, clear stats and faults
POST /sandbox/_expire_tokens {"provider": "molo"}: invalidate issued access tokens
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import asdict, dataclass

from .provider import Clock


class Stats:
    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def record(self, provider: str, key: str) -> None:
        self._counts[provider][key] += 1

    def snapshot(self) -> dict[str, dict[str, int]]:
        return {p: dict(routes) for p, routes in self._counts.items()}

    def clear(self) -> None:
        self._counts.clear()


@dataclass(frozen=True)
class Fault:
    provider: str
    route: str | None = None  # "GET /v1/orders" or "/v1/orders"; None: every route
    latency_ms: int = 0
    error_rate: float = 0.0
    status: int = 503
    retry_after: int | None = None  # seconds, sent with 429 and 503

    def applies_to(self, method: str, template: str) -> bool:
        if self.route is None:
            return True
        return self.route in (template, f"{method} {template}")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class Faults:
    """Faults per (provider, route); the dice are seeded so runs repeat."""

    def __init__(self, seed: int) -> None:
        self._faults: dict[tuple[str, str | None], Fault] = {}
        self._rng = random.Random(f"faults:{seed}")

    def set(self, fault: Fault) -> None:
        self._faults[(fault.provider, fault.route)] = fault

    def clear(self, provider: str | None = None, seed: int | None = None) -> None:
        if provider is None:
            self._faults.clear()
        else:
            self._faults = {k: v for k, v in self._faults.items() if k[0] != provider}
        if seed is not None:
            self._rng = random.Random(f"faults:{seed}")

    def all(self) -> list[Fault]:
        return list(self._faults.values())

    def matching(self, provider: str, method: str, template: str) -> list[Fault]:
        return [
            f
            for (p, _), f in self._faults.items()
            if p == provider and f.applies_to(method, template)
        ]

    def roll(self) -> float:
        return self._rng.random()


class RateLimiter:
    """A token bucket per (provider, credential): `per_hour` requests, refilled evenly."""

    def __init__(self, limits: dict[str, int], clock: Clock) -> None:
        self._defaults = dict(limits)
        self._limits = dict(limits)
        self._clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}

    def set_limit(self, provider: str, per_hour: int) -> None:
        self._limits[provider] = per_hour
        self._buckets = {k: v for k, v in self._buckets.items() if k[0] != provider}

    def limits(self) -> dict[str, int]:
        return dict(self._limits)

    def acquire(self, provider: str, credential: str) -> float | None:
        """None when the request may pass, else seconds until it would."""
        capacity = float(self._limits.get(provider, 0))
        if capacity <= 0:
            return None
        rate = capacity / 3600.0
        now = self._clock.now()
        tokens, last = self._buckets.get((provider, credential), (capacity, now))
        tokens = min(capacity, tokens + (now - last) * rate)
        if tokens >= 1.0:
            self._buckets[(provider, credential)] = (tokens - 1.0, now)
            return None
        self._buckets[(provider, credential)] = (tokens, now)
        return (1.0 - tokens) / rate

    def clear(self) -> None:
        """Full buckets and the configured limits again."""
        self._buckets.clear()
        self._limits = dict(self._defaults)
