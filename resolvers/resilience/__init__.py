"""Resilience between the provider clients and the wire.

Retries (tenacity) within a budget, a circuit breaker per provider, outbound
rate limits per credential, in-flight dedup of identical reads and a deadline
per GraphQL request. `resolvers.base.ProviderClient._send` is where they apply.
"""

from __future__ import annotations

from .breaker import CircuitBreaker, State
from .deadline import deadline_scope, time_left
from .dedup import InFlight
from .errors import CircuitOpen, DeadlineExceeded, OutboundRateLimited
from .policy import ProviderResilience, Resilience
from .quota import (
    CallerQuota,
    CallerQuotaExceeded,
    MemoryCallerQuota,
    caller_scope,
    uncharged,
)
from .ratelimit import TokenBucket
from .retry import RetryBudget, is_transient
from .shared import SharedBuckets

__all__ = [
    "CallerQuota",
    "CallerQuotaExceeded",
    "MemoryCallerQuota",
    "caller_scope",
    "uncharged",
    "CircuitBreaker",
    "CircuitOpen",
    "DeadlineExceeded",
    "InFlight",
    "OutboundRateLimited",
    "ProviderResilience",
    "Resilience",
    "RetryBudget",
    "SharedBuckets",
    "State",
    "TokenBucket",
    "deadline_scope",
    "is_transient",
    "time_left",
]
