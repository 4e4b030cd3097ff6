"""createWebhook and updateWebhook through the schema against the Finos sandbox.

Hooks point at a closed loopback port and listen to events these tests never
cause, so no delivery leaves the machine."""

from __future__ import annotations

from typing import Any

from tests.schema.conftest import Gql
from tests.schema.test_brokerage_mutations import fields_of, gid, mutation, run

HOOK = "webhook { id providerId name active url basicAuthUsername hasBasicAuthPassword events }"
CREATE = mutation("createWebhook", HOOK)
UPDATE = mutation("updateWebhook", HOOK)
NOWHERE = "http://127.0.0.1:9/finos-hook"


def hook_input(**changes: Any) -> dict[str, Any]:
    return {
        "name": "My_Webhook_Name",
        "url": NOWHERE,
        "events": ["usertransition.rejected"],
        "basicAuthUsername": "finos_user",
        "basicAuthPassword": "finos_passwd",
        **changes,
    }


async def test_create_webhook_registers_it_without_showing_the_password(gql: Gql) -> None:
    payload = await run(gql, CREATE, hook_input(), key="hook")
    assert payload["userErrors"] == []
    hook = payload["webhook"]
    upstream = await gql.providers.finos.get_webhook(hook["providerId"])
    assert hook["id"] == gid("Webhook", upstream.id)
    assert (
        (hook["name"], hook["active"], hook["events"])
        == (
            upstream.name,
            upstream.active,
            upstream.events,
        )
        == ("My_Webhook_Name", True, ["usertransition.rejected"])
    )
    assert upstream.config is not None and upstream.config.url == hook["url"] == NOWHERE
    assert hook["basicAuthUsername"] == "finos_user" and hook["hasBasicAuthPassword"] is True
    assert "finos_passwd" not in str(payload)
    record = await gql.idempotency.get(f"{gql.caller.id}\x00createWebhook\x00hook")
    assert record is not None and record.state == "completed"
    assert "finos_passwd" not in str(record.result)


async def test_create_webhook_refuses_bad_input_without_any_upstream_call(gql: Gql) -> None:
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({"name": "n" * 65}, ["name"]),
        ({"name": " "}, ["name"]),
        ({"url": "ftp://example.com/x"}, ["url"]),
        ({"url": "not a url"}, ["url"]),
        ({"url": "http://[::1"}, ["url"]),
        ({"events": []}, ["events"]),
        ({"events": ["*", "paymenttransition.*"]}, ["events.1"]),
        ({"basicAuthPassword": None}, ["basicAuthPassword"]),
    ]
    gql.sandbox.clear_stats()
    for changes, fields in bad:
        payload = await run(gql, CREATE, hook_input(**changes))
        assert payload["webhook"] is None
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0


async def test_update_webhook_changes_only_the_given_fields(gql: Gql) -> None:
    created = (await run(gql, CREATE, hook_input()))["webhook"]
    given = {"webhookId": created["id"], "active": False, "events": ["ordertransition.expired"]}
    payload = await run(gql, UPDATE, given, key="hook-upd")
    assert payload["userErrors"] == []
    upstream = await gql.providers.finos.get_webhook(created["providerId"])
    assert (upstream.active, upstream.events, upstream.name) == (
        False,
        ["ordertransition.expired"],
        "My_Webhook_Name",
    )
    assert payload["webhook"]["active"] is False
    assert payload["webhook"]["url"] == NOWHERE


async def test_update_webhook_refuses_bad_input_without_any_upstream_call(gql: Gql) -> None:
    hook_id = gid("Webhook", "w-1")
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({}, [""]),
        ({"basicAuthUsername": "u", "basicAuthPassword": "p"}, ["url"]),
        ({"url": "mailto:x"}, ["url"]),
        ({"events": ["usertransition"]}, ["events.0"]),
        ({"webhookId": gid("Order", "w-1"), "active": True}, ["webhookId"]),
    ]
    gql.sandbox.clear_stats()
    for changes, fields in bad:
        payload = await run(gql, UPDATE, {"webhookId": hook_id, **changes})
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0
    missing = await run(gql, UPDATE, {"webhookId": hook_id, "active": True})
    assert fields_of(missing) == ["webhookId"]
