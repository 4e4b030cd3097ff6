"""Finos sandbox: bank accounts, deposits, withdrawals and idempotent POSTs."""

from __future__ import annotations

from decimal import Decimal

from tests.sandbox.test_finos_support import (
    error,
    finos,
    funded_account,
    seeded_user,
    state,
    walk,
)
from tests.support import SandboxControl

BANK = {
    "bank_account_number": "4327843043",
    "bank_routing_number": "121042882",
    "bank_account_nickname": "Joe checking",
}


async def test_linking_a_bank_account_answers_the_documented_object(
    sandbox: SandboxControl,
) -> None:
    user = seeded_user(sandbox)
    async with finos(sandbox) as http:
        answer = await http.post(f"/v1/users/{user['id']}/bank_accounts/", json=BANK)
        fetched = await http.get(f"/v1/bank_accounts/{answer.json()['id']}")
        listed, _ = await walk(http, f"/v1/users/{user['id']}/bank_accounts", limit=1)
    assert answer.status_code == 201
    body = answer.json()
    assert {k: body[k] for k in (*BANK, "user_id", "default")} == {
        **BANK,
        "user_id": user["id"],
        "default": False,
    }
    assert fetched.json() == body
    assert listed[0] == body["id"]
    assert listed == list(reversed(state(sandbox).banks_of_user[user["id"]]))


async def test_bank_account_fields_are_validated(sandbox: SandboxControl) -> None:
    user = seeded_user(sandbox)
    path = f"/v1/users/{user['id']}/bank_accounts"
    async with finos(sandbox) as http:
        routing = await http.post(path, json={**BANK, "bank_routing_number": "12345"})
        missing = await http.post(path, json={"bank_account_number": "4327843043"})
        unknown = await http.post("/v1/users/unknown/bank_accounts", json=BANK)
    assert routing.status_code == 400
    assert routing.json() == error("validation_error", "bank_routing_number must be 9 digits")
    assert missing.json() == error(
        "invalid_request", "bank_routing_number is required; bank_account_nickname is required"
    )
    assert unknown.status_code == 404


async def test_making_a_bank_account_default_clears_the_other_default(
    sandbox: SandboxControl,
) -> None:
    user = seeded_user(sandbox)
    async with finos(sandbox) as http:
        created = (await http.post(f"/v1/users/{user['id']}/bank_accounts", json=BANK)).json()
        updated = await http.put(
            f"/v1/bank_accounts/{created['id']}",
            json={"default": True, "bank_account_nickname": "Joe WF Checking"},
        )
        listed = (await http.get(f"/v1/users/{user['id']}/bank_accounts")).json()["data"]
        bad = await http.put(f"/v1/bank_accounts/{created['id']}", json={"default": "maybe"})
    assert updated.status_code == 200
    assert updated.json()["default"] is True
    assert updated.json()["bank_account_nickname"] == "Joe WF Checking"
    assert [b["id"] for b in listed if b["default"]] == [created["id"]]
    assert bad.status_code == 400 and bad.json()["error"]["type"] == "validation_error"


async def test_deleting_a_bank_account_answers_deleted_and_then_404(
    sandbox: SandboxControl,
) -> None:
    user = seeded_user(sandbox)
    async with finos(sandbox) as http:
        created = (await http.post(f"/v1/users/{user['id']}/bank_accounts", json=BANK)).json()
        deleted = await http.delete(f"/v1/bank_accounts/{created['id']}")
        gone = await http.get(f"/v1/bank_accounts/{created['id']}")
        again = await http.delete(f"/v1/bank_accounts/{created['id']}")
    assert deleted.json() == {"id": created["id"], "object": "bank_account", "deleted": True}
    assert gone.status_code == 404 and again.status_code == 404
    assert gone.json() == error("not_found", f"bank account {created['id']} not found")


async def test_a_deposit_is_pending_then_complete_and_adds_to_cash(
    sandbox: SandboxControl,
) -> None:
    account_id, bank_id = funded_account(sandbox)
    body = {"account_id": account_id, "bank_account_id": bank_id, "amount": "202.00"}
    async with finos(sandbox) as http:
        before = Decimal((await http.get(f"/v1/accounts/{account_id}")).json()["available_cash"])
        created = await http.post("/v1/deposits/", json=body)
        pending = await http.get(f"/v1/deposits/{created.json()['id']}")
        sandbox.advance(59)
        still = await http.get(f"/v1/deposits/{created.json()['id']}")
        sandbox.advance(2)
        done = await http.get(f"/v1/deposits/{created.json()['id']}")
        after = Decimal((await http.get(f"/v1/accounts/{account_id}")).json()["available_cash"])
        listed = await http.get("/v1/deposits", params={"account_id": account_id, "limit": 1})
    assert created.status_code == 201
    assert created.json() == {
        "id": created.json()["id"],
        "account_id": account_id,
        "status": "pending",
    }
    assert pending.json()["status"] == "pending" and pending.json()["completed_at"] is None
    assert still.json()["status"] == "pending"
    assert done.json()["status"] == "complete"
    assert set(done.json()) == {
        "id",
        "account_id",
        "bank_account_id",
        "amount",
        "created_at",
        "completed_at",
        "status",
    }
    assert done.json()["completed_at"] - done.json()["created_at"] == 61_000
    assert after - before == Decimal("202.00")
    assert listed.json()["data"][0]["id"] == created.json()["id"]


async def test_deposit_rules(sandbox: SandboxControl) -> None:
    account_id, bank_id = funded_account(sandbox)
    other_bank = next(
        b
        for b, r in state(sandbox).bank_accounts.by_id.items()
        if r["user_id"] != state(sandbox).accounts.by_id[account_id]["user_id"]
    )
    base = {"account_id": account_id, "bank_account_id": bank_id}
    async with finos(sandbox) as http:
        negative = await http.post("/v1/deposits", json={**base, "amount": "-5"})
        cents = await http.post("/v1/deposits", json={**base, "amount": 10.123})
        missing = await http.post("/v1/deposits", json=base)
        foreign = await http.post(
            "/v1/deposits", json={**base, "bank_account_id": other_bank, "amount": "1"}
        )
        unknown = await http.post("/v1/deposits", json={**base, "account_id": "x", "amount": 1})
        not_found = await http.get("/v1/deposits/unknown")
    assert negative.json() == error("validation_error", "amount must be greater than 0")
    assert cents.json() == error("validation_error", "amount must have at most 2 decimal places")
    assert missing.json() == error("invalid_request", "amount is required")
    assert foreign.status_code == 400
    assert foreign.json() == error(
        "invalid_request", "bank_account_id does not belong to the account's user"
    )
    assert unknown.status_code == 404
    assert unknown.json() == error("not_found", "account x not found")
    assert not_found.status_code == 404


async def test_a_withdrawal_holds_the_cash_and_completes_later(sandbox: SandboxControl) -> None:
    account_id, bank_id = funded_account(sandbox)
    cash = state(sandbox).cash[account_id]
    body = {"account_id": account_id, "bank_account_id": bank_id, "amount": "100.00"}
    async with finos(sandbox) as http:
        created = await http.post("/v1/withdrawal", json=body)
        held = (await http.get(f"/v1/accounts/{account_id}")).json()["available_cash"]
        sandbox.advance(61)
        done = await http.get(f"/v1/withdrawal/{created.json()['id']}")
        plural = await http.get(f"/v1/withdrawals/{created.json()['id']}")
        listed = await http.get("/v1/withdrawal", params={"account_id": account_id})
        too_much = await http.post("/v1/withdrawal", json={**body, "amount": str(cash + 1000)})
        unknown = await http.get("/v1/withdrawal/unknown")
    assert created.status_code == 201 and created.json()["status"] == "pending"
    assert Decimal(held) == (cash - 100).quantize(Decimal("0.01"))
    assert done.json()["status"] == "complete"
    assert plural.json() == done.json()
    assert listed.json()["data"][0] == done.json()
    assert too_much.status_code == 402
    assert too_much.json() == error(
        "invalid_request", "amount is more than the account's available cash"
    )
    assert unknown.status_code == 404


async def test_a_replayed_deposit_returns_the_first_answer_without_a_second_deposit(
    sandbox: SandboxControl,
) -> None:
    account_id, bank_id = funded_account(sandbox)
    body = {"account_id": account_id, "bank_account_id": bank_id, "amount": "50.00"}
    count = len(state(sandbox).deposits)
    async with finos(sandbox, headers={"Idempotency-Key": "deposit-1"}) as http:
        first = await http.post("/v1/deposits", json=body)
        second = await http.post("/v1/deposits", json=body)
        other = await http.post("/v1/deposits", json={**body, "amount": "51.00"})
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert len(state(sandbox).deposits) == count + 1
    assert other.status_code == 409
    assert other.json() == error(
        "invalid_request", "Idempotency-Key was already used with a different request"
    )
    assert sandbox.calls("finos", "POST /v1/deposits") == 3


async def test_a_replayed_failure_is_replayed_too_and_other_keys_are_independent(
    sandbox: SandboxControl,
) -> None:
    body = {"symbol": "NOPE", "quantity": "1", "side": "buy", "type": "market"}
    async with finos(sandbox, headers={"Idempotency-Key": "order-a"}) as http:
        first = await http.post("/v1/orders", json=body)
        second = await http.post("/v1/orders", json=body)
    async with finos(sandbox, headers={"Idempotency-Key": "order-b"}) as http:
        fresh = await http.post("/v1/orders", json={**body, "symbol": "AAPL"})
    assert first.status_code == second.status_code == 404
    assert first.json() == second.json()
    assert fresh.status_code == 201
