"""Resilience end to end: the real gateway on loopback, faults through /sandbox/_faults.

Each scenario of the resilience issue, with the upstream attempts counted by
the embedded sandbox. Durations are only ever bounded from above, to prove the
gateway did not wait for a slow provider.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway import Settings, create_app
from resolvers.config import FinosConfig, HttpConfig, ResilienceConfig
from tests.support import bind_loopback, serve_on_loopback

ALL_FOUR = """
query ($providers: [Provider!]) {
  borrowers(first: 40, providers: $providers) { edges { node { id provider } } }
  applications(first: 10) { edges { node { id provider } } }
  loans(first: 10) { edges { node { id } } }
  accounts(first: 10) { edges { node { id } } }
}
"""
ACCOUNTS = """
{ accounts(first: 20) { edges { node { id positions(first: 5) { edges { node { symbol } } } } } } }
"""


class Gateway:
    def __init__(self, url: str) -> None:
        self.url = url
        self.http = httpx.Client(base_url=url, timeout=30.0, trust_env=False)

    def query(self, query: str, **variables: Any) -> httpx.Response:
        return self.http.post("/graphql", json={"query": query, "variables": variables})

    def fault(self, **fault: Any) -> None:
        self.http.post("/sandbox/_faults", json=fault).raise_for_status()

    def stats(self, provider: str) -> dict[str, int]:
        data: dict[str, dict[str, int]] = self.http.get("/sandbox/_stats").json()
        return data.get(provider, {})

    def calls(self, provider: str) -> int:
        return sum(self.stats(provider).values())

    def clear(self) -> None:
        self.http.delete("/sandbox/_stats").raise_for_status()
        self.http.delete("/sandbox/_faults").raise_for_status()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    opened: list[Any] = []

    def start(**settings: Any) -> Gateway:
        sock = bind_loopback()
        app = create_app(Settings(port=sock.getsockname()[1], data_dir=tmp_path, **settings))
        server = serve_on_loopback(app, sock)
        gateway = Gateway(server.__enter__())
        opened.append((server, gateway))
        return gateway

    yield start
    for server, gateway in opened:
        gateway.http.close()
        server.__exit__(None, None, None)


def _nodes(data: dict[str, Any], field: str) -> list[dict[str, Any]]:
    return [edge["node"] for edge in data[field]["edges"]]


def test_finos_down_costs_only_finos_fields_with_one_clear_error_each(serve: Any) -> None:
    gw = serve()
    healthy = gw.query(ALL_FOUR, providers=["FINMO", "MOLO", "FINANCEIT"]).json()["data"]
    gw.clear()
    gw.fault(provider="finos", status=503)
    answer = gw.query(ALL_FOUR)
    assert answer.status_code == 200
    body = answer.json()
    data = body["data"]
    assert _nodes(data, "borrowers") == _nodes(healthy, "borrowers")  # the other three, whole
    assert data["applications"] == healthy["applications"]
    assert data["loans"] == healthy["loans"]
    assert data["accounts"] is None
    errors = sorted(body["errors"], key=lambda e: e["path"])
    assert [e["path"] for e in errors] == [["accounts"], ["borrowers"]]
    for error in errors:
        assert error["extensions"]["code"] == "PROVIDER_UNAVAILABLE"
        assert error["extensions"]["provider"] == "finos"
        assert error["message"]
    assert gw.calls("finos") <= 2 * 4  # two Finos reads, at most 4 attempts each
    ready = gw.http.get("/readyz")
    assert ready.status_code == 200  # a provider that is down does not make us unready
    assert ready.json()["status"] == "ready"
    assert set(ready.json()["breakers"]) == {"finmo", "financeit", "finos", "molo"}


def test_readyz_shows_an_open_breaker_and_no_finos_call_is_made_while_it_is_open(
    serve: Any,
) -> None:
    gw = serve(resilience=ResilienceConfig(breaker_threshold=2, breaker_cooldown=300))
    gw.fault(provider="finos", status=503)
    first = gw.query(ACCOUNTS).json()
    assert first["errors"][0]["extensions"]["code"] == "PROVIDER_UNAVAILABLE"
    ready = gw.http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["breakers"] == {
        "finmo": "closed",
        "financeit": "closed",
        "finos": "open",
        "molo": "closed",
    }
    seen = gw.stats("finos")
    again = gw.query(ACCOUNTS).json()
    assert "circuit is open" in again["errors"][0]["message"]
    assert again["errors"][0]["extensions"]["code"] == "PROVIDER_UNAVAILABLE"
    assert gw.stats("finos") == seen  # failed fast: the provider was not touched


def test_a_provider_slower_than_its_timeout_fails_with_provider_timeout_well_under_10s(
    serve: Any,
) -> None:
    gw = serve(finos=FinosConfig(http=HttpConfig(read_timeout=0.5)))
    gw.fault(provider="finos", latency_ms=10_000)
    started = time.monotonic()
    body = gw.query(ACCOUNTS).json()
    elapsed = time.monotonic() - started
    assert body["data"] == {"accounts": None}
    assert body["errors"][0]["extensions"] == {"code": "PROVIDER_TIMEOUT", "provider": "finos"}
    assert elapsed < 5.0  # well under the 10 s the provider would take
    assert gw.calls("finos") == 4  # a read is retried after a timeout: 4 attempts of 0.5 s


def test_the_request_deadline_bounds_the_whole_response(serve: Any) -> None:
    gw = serve(resilience=ResilienceConfig(request_deadline=1.0))
    gw.fault(provider="finos", latency_ms=10_000)  # read timeout stays at 10 s
    started = time.monotonic()
    body = gw.query(ACCOUNTS).json()
    elapsed = time.monotonic() - started
    assert body["errors"][0]["extensions"]["code"] == "PROVIDER_TIMEOUT"
    assert elapsed < 5.0
    assert gw.calls("finos") == 1  # the deadline left no time for a retry


def test_reads_succeed_through_30_percent_transient_503s_within_the_retry_budget(
    serve: Any,
) -> None:
    healthy_gw = serve()  # each gateway has its own embedded sandbox, seeded alike
    healthy = healthy_gw.query(ACCOUNTS).json()
    calls = healthy_gw.calls("finos")
    gw = serve()
    gw.fault(provider="finos", status=503, error_rate=0.3)
    answer = gw.query(ACCOUNTS).json()
    attempts = gw.calls("finos")
    assert "errors" not in answer
    assert answer["data"] == healthy["data"]
    assert calls < attempts <= calls + 10 + 0.2 * calls  # retried, within the budget


async def test_200_concurrent_identical_reads_make_one_upstream_call(serve: Any) -> None:
    gw = serve()
    account_id = gw.query("{ accounts(first: 1) { edges { node { id } } } }").json()["data"][
        "accounts"
    ]["edges"][0]["node"]["id"]
    query = "query ($id: ID!) { account(id: $id) { id } }"
    gw.query(query, id=account_id)  # warm: token, reference data
    before = gw.stats("finos")
    # The first read is held long enough for all 200 to arrive while it is in flight, on a
    # slow CI machine too (each request costs the gateway a few ms of CPU before its read).
    gw.fault(provider="finos", latency_ms=5000)
    limits = httpx.Limits(max_connections=200)
    async with httpx.AsyncClient(base_url=gw.url, limits=limits, timeout=30.0) as http:
        answers = await asyncio.gather(
            *(
                http.post("/graphql", json={"query": query, "variables": {"id": account_id}})
                for _ in range(200)
            )
        )
    assert {a.json()["data"]["account"]["id"] for a in answers} == {account_id}
    after = gw.stats("finos")
    delta = {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}
    assert delta == {"GET /v1/accounts/{account_id}": 1}
