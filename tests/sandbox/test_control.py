"""The sandbox control plane: /_stats, /_faults, /_reset, /_rate_limits, /_expire_tokens."""

from __future__ import annotations

import httpx
import pytest

from tests.support import SandboxControl

FINMO = {"Authorization": "Bearer sandbox-finmo-brokerage"}


def finmo(sandbox: SandboxControl) -> httpx.Client:
    return httpx.Client(base_url=sandbox.url("finmo"), headers=FINMO, trust_env=False)


def test_stats_count_requests_per_route_template(sandbox: SandboxControl) -> None:
    with finmo(sandbox) as http:
        teams = http.get("/api/v1/teams").json()
        for team in teams[:3]:
            assert http.get(f"/api/v1/teams/{team['id']}").status_code == 200
        http.get("/api/v1/no-such-route")
    assert sandbox.stats() == {
        "finmo": {
            "GET /api/v1/teams": 1,
            "GET /api/v1/teams/{teamId}": 3,
            "GET /api/v1/no-such-route": 1,
        }
    }
    sandbox.clear_stats()
    assert sandbox.stats() == {}


def test_a_status_fault_fails_every_request_in_the_providers_own_shape(
    sandbox: SandboxControl,
) -> None:
    sandbox.fault(provider="finos", status=503, retry_after=2)
    auth = ("sk_sandbox_finos", "")
    with httpx.Client(base_url=sandbox.url("finos"), auth=auth, trust_env=False) as http:
        answers = [http.get("/v1/users") for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 503]
    assert answers[0].headers["Retry-After"] == "2"
    assert set(answers[0].json()["error"]) == {"type", "message"}
    with finmo(sandbox) as http:  # other providers are untouched
        assert http.get("/api/v1/teams").status_code == 200
    assert sandbox.calls("finos") == 3  # failed requests are counted too


def test_a_fault_can_target_one_route(sandbox: SandboxControl) -> None:
    sandbox.fault(provider="finmo", route="GET /api/v1/brokers", status=500)
    with finmo(sandbox) as http:
        assert http.get("/api/v1/brokers").status_code == 500
        assert http.get("/api/v1/teams").status_code == 200
    faults = sandbox.http.get("/_faults").json()["faults"]
    assert faults == [
        {
            "provider": "finmo",
            "route": "GET /api/v1/brokers",
            "latency_ms": 0,
            "error_rate": 1.0,
            "status": 500,
            "retry_after": None,
        }
    ]


def test_error_rate_is_seeded_and_repeats_after_reset(sandbox: SandboxControl) -> None:
    def run() -> list[int]:
        sandbox.fault(provider="finmo", error_rate=0.5, status=503)
        with finmo(sandbox) as http:
            return [http.get("/api/v1/teams").status_code for _ in range(20)]

    first = run()
    sandbox.reset()
    assert run() == first
    assert 0 < first.count(503) < 20


def test_latency_is_injected(sandbox: SandboxControl) -> None:
    sandbox.fault(provider="finmo", route="GET /api/v1/brokers", latency_ms=3000)
    with finmo(sandbox) as http:
        # A client that waits half a second gets no answer from the delayed route...
        with pytest.raises(httpx.ReadTimeout):
            http.get("/api/v1/brokers", timeout=0.5)
        # ...while the provider's other routes answer at once.
        assert http.get("/api/v1/teams", timeout=0.5).status_code == 200


def test_faults_are_cleared_per_provider_and_by_reset(sandbox: SandboxControl) -> None:
    sandbox.fault(provider="finmo", status=503)
    sandbox.fault(provider="molo", status=503)
    assert sandbox.http.delete("/_faults", params={"provider": "finmo"}).status_code == 204
    assert [f["provider"] for f in sandbox.http.get("/_faults").json()["faults"]] == ["molo"]
    sandbox.reset()
    assert sandbox.http.get("/_faults").json() == {"faults": []}


def test_control_routes_refuse_unknown_providers_and_bad_values(sandbox: SandboxControl) -> None:
    assert (
        sandbox.http.post("/_faults", json={"provider": "acme", "status": 503}).status_code == 404
    )
    assert (
        sandbox.http.post("/_faults", json={"provider": "finos", "status": 200}).status_code == 422
    )
    assert (
        sandbox.http.post("/_faults", json={"provider": "finos", "error_rate": 2}).status_code
        == 422
    )
    assert sandbox.http.post("/_expire_tokens", json={"provider": "acme"}).status_code == 404


def test_rate_limit_answers_429_with_retry_after_and_refills_with_time(
    sandbox: SandboxControl,
) -> None:
    sandbox.set_rate_limit("finmo", 2)
    with finmo(sandbox) as http:
        assert [http.get("/api/v1/teams").status_code for _ in range(3)] == [200, 200, 429]
        limited = http.get("/api/v1/teams")
        assert limited.status_code == 429
        assert int(limited.headers["Retry-After"]) >= 1
        sandbox.advance(1800)  # half an hour gives one request back at 2 an hour
        assert http.get("/api/v1/teams").status_code == 200
        assert http.get("/api/v1/teams").status_code == 429
    assert sandbox.http.get("/_rate_limits").json()["finmo"] == 2


def test_rate_limit_counts_each_credential_separately(sandbox: SandboxControl) -> None:
    sandbox.set_rate_limit("finmo", 1)
    with finmo(sandbox) as http:
        assert http.get("/api/v1/teams").status_code == 200
        assert http.get("/api/v1/teams").status_code == 429
        team = {"Authorization": "Bearer sandbox-finmo-team-1"}
        assert http.get("/api/v1/teams", headers=team).status_code == 200


def test_reset_reseeds_the_same_data(sandbox: SandboxControl) -> None:
    with finmo(sandbox) as http:
        before = http.get("/api/v1/applications").json()
        sandbox.reset()
        assert http.get("/api/v1/applications").json() == before


def test_reset_restores_the_configured_rate_limits(sandbox: SandboxControl) -> None:
    sandbox.set_rate_limit("finmo", 1)
    sandbox.reset()
    assert sandbox.http.get("/_rate_limits").json()["finmo"] == 10_000
