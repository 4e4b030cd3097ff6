"""Every brokerage mutation, with an idempotency key: a replay answers the stored
payload without any upstream call, and the same key with another input is refused
(IDEMPOTENCY_KEY_REUSED) without any upstream call either."""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from resolvers import finos
from tests.schema.conftest import Gql
from tests.schema.test_brokerage_mutations import (
    CASH_PROFILE,
    active_user,
    codes,
    funded_account,
    gid,
    mutation,
    order_input,
    run,
    someone,
)
from tests.schema.test_brokerage_mutations_accounts import account_input
from tests.schema.test_brokerage_mutations_funding import bank_input
from tests.schema.test_brokerage_mutations_people import PDF, person_input, upload_input
from tests.schema.test_brokerage_mutations_webhooks import hook_input

Inputs = tuple[dict[str, Any], dict[str, Any]]
Setup = Callable[[Gql], Awaitable[Inputs]]

SELECTIONS = {
    "createUser": "status kycToken user { id email }",
    "updateUser": "user { id phone }",
    "performKyc": "kyc { token outcome { outcome } }",
    "answerKycQuestions": "kyc { token outcome { outcome } }",
    "uploadKycDocument": "document { documentToken name }",
    "openAccount": "account { id employerName }",
    "updateAccount": "account { id employerName }",
    "updateAccountSettings": "settings { managed minCashPercent }",
    "linkBankAccount": "bankAccount { id bankAccountNickname }",
    "updateBankAccount": "bankAccount { id bankAccountNickname }",
    "removeBankAccount": "removedBankAccountId",
    "deposit": "deposit { id amount { amount } }",
    "withdraw": "withdrawal { id amount { amount } }",
    "placeOrder": "order { id quantity }",
    "cancelOrder": "canceled order { id status }",
    "createWebhook": "webhook { id name active }",
    "updateWebhook": "webhook { id name active }",
}


async def _bank(gql: Gql, user: finos.User | None = None) -> tuple[finos.User, finos.BankAccount]:
    user = user or await active_user(gql)
    bank = await gql.providers.finos.create_bank_account(
        user.id,
        bank_account_number="4327843043",
        bank_routing_number="121042882",
        bank_account_nickname="Checking",
    )
    return user, bank


async def create_user(_gql: Gql) -> Inputs:
    return person_input(), person_input(firstName="Other")


async def update_user(gql: Gql) -> Inputs:
    user = await active_user(gql)
    given = {"userId": gid("Borrower", user.id), "phone": "7035550100"}
    return given, {**given, "phone": "7035550199"}


async def perform_kyc(_gql: Gql) -> Inputs:
    return person_input(), person_input(ssn_last=4)


async def answer_kyc(gql: Gql) -> Inputs:
    check = await gql.providers.finos.perform_kyc(someone(ssn_last=0))
    answers = [{"questionId": q.id, "answerId": 1} for q in check.questions]
    given = {"kycToken": check.token, "answers": answers}
    return given, {**given, "answers": [{**a, "answerId": 2} for a in answers]}


async def upload(gql: Gql) -> Inputs:
    check = await gql.providers.finos.perform_kyc(someone(ssn_last=1))
    other = base64.b64encode(PDF + b"\n").decode()
    return upload_input(check.token), upload_input(check.token, contentBase64=other)


async def open_account(gql: Gql) -> Inputs:
    user = await active_user(gql)
    return account_input(user.id), account_input(user.id, employerName="Other Inc")


async def _account(gql: Gql) -> str:
    user = await active_user(gql)
    return (await gql.providers.finos.create_account(user.id, CASH_PROFILE)).id


async def update_account(gql: Gql) -> Inputs:
    given = {"accountId": gid("Account", await _account(gql)), "employerName": "A"}
    return given, {**given, "employerName": "B"}


async def update_settings(gql: Gql) -> Inputs:
    given = {"accountId": gid("Account", await _account(gql)), "managed": True}
    return given, {**given, "minCashPercent": "2"}


async def link_bank(gql: Gql) -> Inputs:
    user = await active_user(gql)
    return bank_input(user.id), bank_input(user.id, bankAccountNickname="Other")


async def update_bank(gql: Gql) -> Inputs:
    _, bank = await _bank(gql)
    given = {"bankAccountId": gid("BankAccount", bank.id), "bankAccountNickname": "A"}
    return given, {**given, "default": True}


async def remove_bank(gql: Gql) -> Inputs:
    user, bank = await _bank(gql)
    _, other = await _bank(gql, user)
    return {"bankAccountId": gid("BankAccount", bank.id)}, {
        "bankAccountId": gid("BankAccount", other.id)
    }


async def _transfer(gql: Gql) -> Inputs:
    account, bank_id = await funded_account(gql, cash="100.00")
    given = {
        "accountId": gid("Account", account.id),
        "bankAccountId": gid("BankAccount", bank_id),
        "amount": "25.00",
    }
    return given, {**given, "amount": "26.00"}


async def place_order(gql: Gql) -> Inputs:
    account, _ = await funded_account(gql)
    return order_input(account.id), order_input(account.id, quantity="2")


async def cancel_order(gql: Gql) -> Inputs:
    account, _ = await funded_account(gql)
    orders = [
        await gql.providers.finos.create_order(
            symbol="AAPL",
            quantity=1,
            side="buy",
            type="limit",
            limit_price="1.00",
            account_id=account.id,
        )
        for _ in range(2)
    ]
    return {"orderId": gid("Order", orders[0].id)}, {"orderId": gid("Order", orders[1].id)}


async def create_webhook(_gql: Gql) -> Inputs:
    return hook_input(), hook_input(name="Other")


async def update_webhook(gql: Gql) -> Inputs:
    hook = await gql.providers.finos.create_webhook(
        name="Hook", url="http://127.0.0.1:9/hook", events=["usertransition.rejected"]
    )
    given = {"webhookId": gid("Webhook", hook.id), "active": False}
    return given, {**given, "name": "Renamed"}


CASES: dict[str, Setup] = {
    "createUser": create_user,
    "updateUser": update_user,
    "performKyc": perform_kyc,
    "answerKycQuestions": answer_kyc,
    "uploadKycDocument": upload,
    "openAccount": open_account,
    "updateAccount": update_account,
    "updateAccountSettings": update_settings,
    "linkBankAccount": link_bank,
    "updateBankAccount": update_bank,
    "removeBankAccount": remove_bank,
    "deposit": _transfer,
    "withdraw": _transfer,
    "placeOrder": place_order,
    "cancelOrder": cancel_order,
    "createWebhook": create_webhook,
    "updateWebhook": update_webhook,
}


@pytest.mark.parametrize("name", list(CASES))
async def test_a_keyed_mutation_replays_its_payload_and_refuses_the_key_for_another_input(
    gql: Gql, name: str
) -> None:
    given, other = await CASES[name](gql)
    query = mutation(name, SELECTIONS[name])
    first = await run(gql, query, given, key=f"key-{name}")
    assert first["userErrors"] == [], first
    gql.sandbox.clear_stats()
    assert await run(gql, query, given, key=f"key-{name}") == first
    assert gql.sandbox.calls("finos") == 0
    refused = await gql.execute(query, {"input": {**other, "idempotencyKey": f"key-{name}"}})
    assert codes(refused) == ["IDEMPOTENCY_KEY_REUSED"]
    assert gql.sandbox.calls("finos") == 0
