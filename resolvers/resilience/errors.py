"""Failures the gateway decides on its own, before or instead of asking a provider.

They extend the one error tree (`resolvers.errors`) so clients see the usual codes:

    ProviderUnavailable
     ├── CircuitOpen              the breaker is open: not sent     PROVIDER_UNAVAILABLE
     └── ProviderTimeout
          └── DeadlineExceeded    the request's deadline ran out    PROVIDER_TIMEOUT
    ProviderRateLimited
     └── OutboundRateLimited      no outbound slot within the wait  RATE_LIMITED
          └── CallerQuotaExceeded  this caller's share is spent      QUOTA_EXCEEDED (quota.py)

None of them is retried: each says that trying again now would not help.
"""

from __future__ import annotations

from ..errors import ProviderRateLimited, ProviderTimeout, ProviderUnavailable


class CircuitOpen(ProviderUnavailable):
    def __init__(self, provider: str, retry_after: float) -> None:
        super().__init__(
            provider,
            "the circuit is open after repeated failures: not calling the provider "
            f"for about {retry_after:.0f} s",
            retry_after=round(retry_after, 3),
        )


class DeadlineExceeded(ProviderTimeout):
    """The request's deadline left no time to send the call, or ran out during it."""


class OutboundRateLimited(ProviderRateLimited):
    def __init__(self, provider: str, wait: float) -> None:
        super().__init__(
            provider,
            f"the gateway's outbound rate limit for this provider is used up for {wait:.1f} s",
            status=None,
            retry_after=round(wait, 3),
        )
