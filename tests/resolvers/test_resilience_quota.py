"""Each caller's share of a provider's quota: counted per (provider, caller), refilled
over the hour, independent of other callers and providers."""

from __future__ import annotations

import pytest

from resolvers.config import RateLimits, ResilienceConfig
from resolvers.resilience import CallerQuotaExceeded, MemoryCallerQuota, Resilience, caller_scope


def test_a_caller_gets_its_share_of_the_hourly_quota_then_a_wait() -> None:
    now = [0.0]
    quota = MemoryCallerQuota({"finos": 10_000}, 0.1, clock=lambda: now[0])
    assert [quota.take("finos", "a") for _ in range(1000)] == [None] * 1000
    wait = quota.take("finos", "a")
    assert wait == 4  # one call of 1,000 an hour comes back every 3.6 s
    now[0] += 4
    assert quota.take("finos", "a") is None


def test_one_callers_spent_share_leaves_other_callers_and_providers_alone() -> None:
    quota = MemoryCallerQuota({"finos": 20, "molo": None}, 0.5, clock=lambda: 0.0)
    for _ in range(10):
        assert quota.take("finos", "a") is None
    assert quota.take("finos", "a") is not None
    assert quota.take("finos", "b") is None
    assert all(quota.take("molo", "a") is None for _ in range(100))  # no documented quota


def test_a_share_of_zero_turns_the_quota_off() -> None:
    assert Resilience(ResilienceConfig(caller_share=0)).quota is None


async def test_a_call_over_the_callers_share_is_refused_before_the_wire() -> None:
    config = ResilienceConfig(rate_limits=RateLimits(finos=4), caller_share=0.5)
    policy = Resilience(config)["finos"]
    sent = 0

    async def attempt() -> int:
        nonlocal sent
        sent += 1
        return sent

    with caller_scope("api-key:a"):
        await policy.call(attempt, scope="s", retryable=True)
        await policy.call(attempt, scope="s", retryable=True)
        with pytest.raises(CallerQuotaExceeded) as refused:
            await policy.call(attempt, scope="s", retryable=True)
    assert sent == 2
    assert refused.value.code == "QUOTA_EXCEEDED"
    assert refused.value.retry_after is not None and refused.value.retry_after > 0
    await policy.call(attempt, scope="s", retryable=True)  # outside a request: not charged
    assert sent == 3
