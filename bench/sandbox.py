"""The sandbox controls the bench drives: latency faults, rate limits, request counts."""

from __future__ import annotations

from typing import Any

import httpx

from .analysis import Stats

PROVIDERS = ("finmo", "financeit", "finos", "molo")


class SandboxControl:
    """Controls at `prefix` below the client's base URL: "/sandbox" where the gateway
    mounts its embedded sandboxes, "" on a standalone `fingate sandbox`."""

    def __init__(self, client: httpx.Client, prefix: str = "/sandbox") -> None:
        self._client = client
        self._prefix = prefix

    def inject_latency(self, latency_ms: int) -> None:
        """The same latency on every upstream call of every provider (0: none)."""
        self._client.delete(f"{self._prefix}/_faults").raise_for_status()
        if latency_ms:
            for provider in PROVIDERS:
                body = {"provider": provider, "latency_ms": latency_ms}
                self._client.post(f"{self._prefix}/_faults", json=body).raise_for_status()

    def switch_off_rate_limits(self) -> None:
        """Load runs make far more requests than 10,000 an hour: limits off (0)."""
        for provider in PROVIDERS:
            body = {"provider": provider, "per_hour": 0}
            self._client.post(f"{self._prefix}/_rate_limits", json=body).raise_for_status()

    def reset(self) -> None:
        """Every provider's state dropped and reseeded (the same seed: the same data)."""
        self._client.post(f"{self._prefix}/_reset").raise_for_status()

    def clear_stats(self) -> None:
        self._client.delete(f"{self._prefix}/_stats").raise_for_status()

    def stats(self) -> Stats:
        answer: dict[str, dict[str, int]] = self._client.get(f"{self._prefix}/_stats").json()
        return answer

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = self._client.post("/graphql", json={"query": query, "variables": variables})
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body
