"""Settings of the embedded sandboxes (seed, size, limits, token lifetimes)."""

from __future__ import annotations

from dataclasses import dataclass, field

PROVIDERS: tuple[str, ...] = ("finmo", "financeit", "finos", "molo")


def _default_rate_limits() -> dict[str, int]:
    # Finos documents 10,000 requests an hour per key. The other references are
    # silent; the sandbox gives them the same budget so every provider can answer 429.
    return {name: 10_000 for name in PROVIDERS}


@dataclass(frozen=True)
class SandboxConfig:
    """How the sandboxes seed their data and behave.

    seed: makes every record, id and injected fault deterministic.
    scale: 1 gives a few hundred records per provider; 10 gives ten times that.
    rate_limits: requests per hour per credential, per provider.
    """

    seed: int = 42
    scale: int = 1
    rate_limits: dict[str, int] = field(default_factory=_default_rate_limits)
    financeit_token_ttl: int = 7200
    molo_access_token_ttl: int = 3600
    webhook_timeout: float = 5.0
