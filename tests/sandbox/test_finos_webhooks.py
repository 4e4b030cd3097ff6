"""Finos sandbox: webhook configuration and signed deliveries to a loopback receiver."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.sandbox.test_finos_support import USER, error, finos, funded_account
from tests.support import SandboxControl, serve_on_loopback

CONFIG = {
    "url": "https://example.com/finos-webhook",
    "basic_auth_username": "finos_user",
    "basic_auth_password": "finos_passwd",
}
HOOK: dict[str, Any] = {"name": "My_Webhook_Name", "config": CONFIG, "events": ["usertransition.*"]}


@dataclass
class Receiver:
    url: str
    deliveries: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    expected: int = 1

    async def wait(self) -> None:
        assert await asyncio.to_thread(self.arrived.wait, 10), "no webhook arrived"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box: list[Receiver] = []

    async def hook(request: Request) -> Response:
        receiver = box[0]
        receiver.deliveries.append((dict(request.headers), await request.body()))
        if len(receiver.deliveries) >= receiver.expected:
            receiver.arrived.set()
        return Response(status_code=204)

    app = Starlette(routes=[Route("/hook", hook, methods=["POST"])])
    with serve_on_loopback(app) as url:
        box.append(Receiver(f"{url}/hook"))
        yield box[0]


async def test_creating_and_retrieving_a_webhook_answers_the_documented_object(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        created = await http.post("/v1/webhooks/", json=HOOK)
        fetched = await http.get(f"/v1/webhooks/{created.json()['id']}")
        listed = await http.get("/v1/webhooks", params={"limit": 3})
    assert created.status_code == 201
    body = created.json()
    assert {k: body[k] for k in ("name", "active", "config", "events")} == {
        **{k: HOOK[k] for k in ("name", "config", "events")},
        "active": True,
    }
    assert fetched.json() == body
    assert [w["id"] for w in listed.json()["data"]] == [body["id"]]


async def test_webhook_fields_are_validated(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        long_name = await http.post("/v1/webhooks", json={**HOOK, "name": "x" * 65})
        bad_url = await http.post("/v1/webhooks", json={**HOOK, "config": {"url": "ftp://x"}})
        no_config = await http.post("/v1/webhooks", json={"name": "n"})
        defaults = await http.post("/v1/webhooks", json={k: HOOK[k] for k in ("name", "config")})
        missing = await http.get("/v1/webhooks/unknown")
    assert long_name.json() == error("validation_error", "name must be at most 64 characters")
    assert bad_url.json() == error("validation_error", "config.url must be an http or https URL")
    assert no_config.json() == error("invalid_request", "config is required")
    assert defaults.json()["events"] == ["*"]
    assert missing.status_code == 404


async def test_updating_and_deleting_a_webhook(sandbox: SandboxControl) -> None:
    async with finos(sandbox) as http:
        created = (await http.post("/v1/webhooks", json=HOOK)).json()
        path = f"/v1/webhooks/{created['id']}"
        updated = await http.put(path, json={"active": False})
        bad = await http.put(path, json={"events": []})
        deleted = await http.delete(path)
        gone = await http.get(path)
    assert updated.json() == {**created, "active": False}
    assert bad.status_code == 400 and bad.json()["error"]["type"] == "validation_error"
    assert deleted.json() == {"id": created["id"], "object": "webhook", "deleted": True}
    assert gone.status_code == 404


async def test_a_user_transition_is_delivered_signed_with_the_key_and_basic_auth(
    sandbox: SandboxControl, receiver: Receiver
) -> None:
    hook = {**HOOK, "config": {**CONFIG, "url": receiver.url}}
    async with finos(sandbox) as http:
        await http.post("/v1/webhooks", json=hook)
        await http.post("/v1/webhooks", json={**hook, "events": ["ordertransition.*"]})
        user = (await http.post("/v1/users", json=USER)).json()
    await receiver.wait()
    headers, raw = receiver.deliveries[0]
    expected = hmac.new(b"sandbox_finos", raw, hashlib.sha1).hexdigest()
    assert headers["x-request-signature"] == expected
    assert headers["content-type"] == "application/json"
    assert (
        headers["authorization"] == "Basic " + base64.b64encode(b"finos_user:finos_passwd").decode()
    )
    event: dict[str, Any] = json.loads(raw)
    assert event["type"] == "usertransition.active"
    assert event["data"]["id"] == user["id"]
    assert len(receiver.deliveries) == 1


async def test_order_and_deposit_transitions_reach_a_hook_for_every_event(
    sandbox: SandboxControl, receiver: Receiver
) -> None:
    receiver.expected = 6
    account_id, bank_id = funded_account(sandbox)
    hook = {"name": "all", "config": {"url": receiver.url}, "events": ["*"]}
    async with finos(sandbox) as http:
        await http.post("/v1/webhooks", json=hook)
        await http.post(
            "/v1/orders", json={"symbol": "AAPL", "quantity": 2, "side": "buy", "type": "market"}
        )
        await http.post(
            "/v1/deposits",
            json={"account_id": account_id, "bank_account_id": bank_id, "amount": 5},
        )
        sandbox.advance(61)
        await http.get("/v1/webhooks")  # the next request applies the due transitions
    await receiver.wait()
    types = [json.loads(raw)["type"] for _, raw in receiver.deliveries]
    assert types == [
        "ordertransition.accepted",
        "deposittransition.pending",
        "ordertransition.new",
        "ordertransition.partially_filled",
        "ordertransition.filled",
        "deposittransition.complete",
    ]
    assert all("authorization" not in headers for headers, _ in receiver.deliveries)


async def test_an_unreachable_receiver_does_not_break_the_api_call(
    sandbox: SandboxControl,
) -> None:
    hook = {"name": "dead", "config": {"url": "http://127.0.0.1:9/hook"}, "events": ["*"]}
    async with finos(sandbox) as http:
        await http.post("/v1/webhooks", json=hook)
        answer = await http.post("/v1/users", json=USER)
    assert answer.status_code == 201


async def test_an_inactive_webhook_receives_nothing(
    sandbox: SandboxControl, receiver: Receiver
) -> None:
    hook = {"name": "off", "config": {"url": receiver.url}, "events": ["*"]}
    live = {"name": "on", "config": {"url": receiver.url}, "events": ["kyctransition.*"]}
    async with finos(sandbox) as http:
        created = (await http.post("/v1/webhooks", json=hook)).json()
        await http.put(f"/v1/webhooks/{created['id']}", json={"active": False})
        await http.post("/v1/webhooks", json=live)
        await http.post("/v1/kyc", json=USER)
    await receiver.wait()
    assert [json.loads(raw)["type"] for _, raw in receiver.deliveries] == ["kyctransition.approved"]
