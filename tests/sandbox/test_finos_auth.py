"""Finos sandbox: API-key auth on every route, the error shape, the rate limit."""

from __future__ import annotations

import base64

from fastapi.routing import APIRoute

from tests.sandbox.test_finos_support import API_KEY, error, finos, provider
from tests.support import SandboxControl

ID = "00000000-0000-4000-8000-000000000000"
ROUTES = [
    ("POST", "/v1/users"),
    ("GET", "/v1/users"),
    ("GET", "/v1/users/search"),
    ("GET", f"/v1/users/{ID}"),
    ("PUT", f"/v1/users/{ID}"),
    ("POST", "/v1/kyc"),
    ("GET", "/v1/kyc/S-token"),
    ("PATCH", "/v1/kyc/S-token"),
    ("POST", "/v1/kyc/S-token/documents"),
    ("POST", f"/v1/users/{ID}/accounts"),
    ("GET", f"/v1/users/{ID}/accounts"),
    ("GET", "/v1/accounts"),
    ("GET", f"/v1/accounts/{ID}"),
    ("PUT", f"/v1/accounts/{ID}"),
    ("GET", f"/v1/accounts/{ID}/positions"),
    ("GET", f"/v1/accounts/{ID}/transactions"),
    ("GET", f"/v1/accounts/{ID}/settings"),
    ("PUT", f"/v1/accounts/{ID}/settings"),
    ("POST", f"/v1/users/{ID}/bank_accounts"),
    ("GET", f"/v1/users/{ID}/bank_accounts"),
    ("GET", f"/v1/bank_accounts/{ID}"),
    ("PUT", f"/v1/bank_accounts/{ID}"),
    ("DELETE", f"/v1/bank_accounts/{ID}"),
    ("POST", "/v1/deposits"),
    ("GET", "/v1/deposits"),
    ("GET", f"/v1/deposits/{ID}"),
    ("POST", "/v1/withdrawal"),
    ("GET", "/v1/withdrawal"),
    ("GET", f"/v1/withdrawal/{ID}"),
    ("POST", "/v1/withdrawals"),
    ("GET", "/v1/withdrawals"),
    ("GET", f"/v1/withdrawals/{ID}"),
    ("POST", "/v1/orders"),
    ("GET", "/v1/orders"),
    ("GET", f"/v1/orders/{ID}"),
    ("DELETE", f"/v1/orders/{ID}"),
    ("GET", "/v1/stocks/AAPL"),
    ("GET", "/v1/stocks/AAPL/chart"),
    ("GET", "/v1/stocks/AAPL/chart/1y"),
    ("GET", "/v1/stocks/AAPL/stats"),
    ("POST", "/v1/webhooks"),
    ("GET", "/v1/webhooks"),
    ("GET", f"/v1/webhooks/{ID}"),
    ("PUT", f"/v1/webhooks/{ID}"),
    ("DELETE", f"/v1/webhooks/{ID}"),
    ("POST", "/v1/asset_classes"),
    ("PUT", "/v1/asset_classes"),
    ("GET", "/v1/asset_classes"),
    ("GET", "/v1/asset_classes/us-stocks"),
    ("PUT", "/v1/asset_classes/us-stocks"),
    ("POST", "/v1/portfolios"),
    ("GET", "/v1/portfolios"),
    ("GET", f"/v1/portfolios/{ID}"),
    ("PUT", f"/v1/portfolios/{ID}"),
    ("PUT", "/v1/portfolios"),
    ("POST", "/v1/rollovers"),
    ("GET", f"/v1/rollovers/{ID}"),
    ("GET", "/v1/statements"),
    ("GET", f"/v1/statements/{ID}"),
]


def basic(username: str, password: str = "") -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


async def test_every_route_refuses_a_wrong_key_with_finos_401(sandbox: SandboxControl) -> None:
    refused = error("authentication_error", "Invalid API key provided")
    wrong: list[str] = []
    wrong_key = {"Authorization": basic("sk_wrong_key")}
    async with finos(sandbox, auth=None, headers=wrong_key) as http:
        for method, path in ROUTES:
            answer = await http.request(method, path, json={})
            if answer.status_code != 401 or answer.json() != refused:
                wrong.append(f"{method} {path}: {answer.status_code} {answer.text}")
    assert wrong == []
    served = {
        f"{method} {route.path}"
        for route in provider(sandbox).app.router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods
    }
    assert set(sandbox.stats("finos")) == served  # ROUTES covers every route served


async def test_every_route_answers_a_valid_key(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        for method, path in ROUTES:
            answer = await http.request(method, path, json={})
            assert answer.status_code != 401, f"{method} {path}"
            assert "error" not in answer.json() or set(answer.json()["error"]) == {
                "type",
                "message",
            }, f"{method} {path}"


async def test_malformed_or_misplaced_keys_are_refused(sandbox: SandboxControl) -> None:
    refused = [
        f"Bearer {API_KEY}x",
        API_KEY,  # the reference's curl shows a bare key; only Basic or Bearer carry it
        f"Bearer: {API_KEY}",
        "Basic not-base64!",
        basic("", API_KEY),
    ]
    async with finos(sandbox, auth=None) as http:
        for authorization in refused:
            answer = await http.get("/v1/stocks/AAPL", headers={"Authorization": authorization})
            assert answer.status_code == 401, authorization
        anonymous = await http.get("/v1/stocks/AAPL")
    assert anonymous.status_code == 401
    assert anonymous.json() == error(
        "authentication_error",
        "No API key provided: send it as the Basic username or a Bearer token",
    )


async def test_the_key_is_accepted_as_basic_username_or_bearer_token(
    sandbox: SandboxControl,
) -> None:
    accepted = [basic(API_KEY), basic(API_KEY, "ignored"), f"Bearer {API_KEY}"]
    async with finos(sandbox, auth=None) as http:
        for authorization in accepted:
            answer = await http.get("/v1/stocks/AAPL", headers={"Authorization": authorization})
            assert answer.status_code == 200, authorization
            assert answer.json()["symbol"] == "AAPL"


async def test_fourth_request_in_an_hour_is_rate_limited_with_the_list_shaped_body(
    sandbox: SandboxControl,
) -> None:
    sandbox.set_rate_limit("finos", 3)
    async with finos(sandbox) as http:
        statuses = [(await http.get("/v1/stocks/AAPL")).status_code for _ in range(3)]
        limited = await http.get("/v1/stocks/AAPL")
    assert statuses == [200, 200, 200]
    assert limited.status_code == 429
    assert limited.json() == {
        "error": [{"type": "rate_limit_exceeded", "message": "Too many requests"}]
    }
    assert int(limited.headers["Retry-After"]) > 0


async def test_rate_limit_counts_basic_and_bearer_uses_of_one_key_and_refills_on_the_clock(
    sandbox: SandboxControl,
) -> None:
    sandbox.set_rate_limit("finos", 3)
    async with finos(sandbox) as http:
        for _ in range(3):
            assert (await http.get("/v1/stocks/AAPL")).status_code == 200
    async with finos(sandbox, auth=None, headers={"Authorization": f"Bearer {API_KEY}"}) as http:
        assert (await http.get("/v1/stocks/AAPL")).status_code == 429
        sandbox.advance(1200)  # a third of the hourly budget refills in 20 minutes
        assert (await http.get("/v1/stocks/AAPL")).status_code == 200


async def test_injected_faults_answer_in_finos_error_shape(sandbox: SandboxControl) -> None:
    sandbox.fault(provider="finos", status=503, route="GET /v1/stocks/{symbol}")
    async with finos(sandbox) as http:
        answer = await http.get("/v1/stocks/AAPL")
    assert answer.status_code == 503
    assert answer.json() == error("api_error", "Injected fault")


async def test_unknown_paths_and_methods_answer_in_finos_shape(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        answer = await http.get("/v1/nothing-here")
        method = await http.patch("/v1/users")
        raw = await http.post("/v1/orders", content=b'{"symbol": "AAPL"}')
        array = await http.post("/v1/orders", json=[{"symbol": "AAPL"}])
    assert answer.status_code == 404
    assert answer.json() == error("not_found", "The requested resource doesn't exist")
    assert method.status_code == 405
    assert method.json() == error("invalid_request", "Method Not Allowed")
    assert raw.json() == error(
        "invalid_request", "request body must be JSON, sent as Content-Type: application/json"
    )
    assert array.json() == error("invalid_request", "request body must be a JSON object")


async def test_requests_are_counted_per_route_template(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        await http.get("/v1/stocks/AAPL")
        await http.get("/v1/stocks/MSFT")
        await http.get("/v1/orders/does-not-exist")
    assert sandbox.calls("finos", "GET /v1/stocks/{symbol}") == 2
    assert sandbox.calls("finos", "GET /v1/orders/{order_id}") == 1


async def test_the_documented_trailing_slash_paths_answer_without_redirect(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        answer = await http.get("/v1/webhooks/")
    assert answer.status_code == 200
    assert answer.json()["data"] == []
