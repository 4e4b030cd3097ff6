"""linkBankAccount, updateBankAccount, removeBankAccount, deposit and withdraw through
the schema against the Finos sandbox."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

from resolvers.errors import ProviderNotFound
from tests.schema.conftest import Gql
from tests.schema.test_brokerage_mutations import (
    active_user,
    fields_of,
    funded_account,
    gid,
    mutation,
    run,
    writes,
)

BANK = (
    "bankAccount { id providerId bankAccountNumber bankAccountNumberLast4 bankRoutingNumber"
    " default bankAccountNickname owner { id } }"
)
TRANSFER = (
    "id providerId amount { amount currency } status providerStatus account { id }"
    " bankAccount { id }"
)
LINK = mutation("linkBankAccount", BANK)
UPDATE_BANK = mutation("updateBankAccount", BANK)
REMOVE_BANK = mutation("removeBankAccount", "removedBankAccountId")
DEPOSIT = mutation("deposit", f"deposit {{ {TRANSFER} }}")
WITHDRAW = mutation("withdraw", f"withdrawal {{ {TRANSFER} }}")


def bank_input(user_id: str, **changes: Any) -> dict[str, Any]:
    return {
        "userId": gid("Borrower", user_id),
        "bankAccountNumber": "4327843043",
        "bankRoutingNumber": "121042882",
        "bankAccountNickname": "Joe checking",
        **changes,
    }


async def test_link_bank_account_links_it_to_the_user(gql: Gql) -> None:
    user = await active_user(gql)
    payload = await run(gql, LINK, bank_input(user.id), key="link")
    assert payload["userErrors"] == []
    bank = payload["bankAccount"]
    upstream = await gql.providers.finos.get_bank_account(bank["providerId"])
    assert bank["id"] == gid("BankAccount", upstream.id)
    assert upstream.user_id == user.id
    assert upstream.bank_account_number == "4327843043"
    assert bank["bankAccountNumber"] == "******3043" and bank["bankAccountNumberLast4"] == "3043"
    assert bank["bankRoutingNumber"] == upstream.bank_routing_number == "121042882"
    assert bank["bankAccountNickname"] == upstream.bank_account_nickname == "Joe checking"
    assert bank["owner"] == {"id": gid("Borrower", user.id)}


async def test_link_bank_account_refuses_bad_numbers_without_any_upstream_call(gql: Gql) -> None:
    bad: list[tuple[dict[str, Any], list[str]]] = [
        ({"bankAccountNumber": "123"}, ["bankAccountNumber"]),
        ({"bankAccountNumber": "12345678901234567890"}, ["bankAccountNumber"]),
        ({"bankRoutingNumber": "12104288"}, ["bankRoutingNumber"]),
        ({"bankRoutingNumber": "121042883"}, ["bankRoutingNumber"]),
        ({"bankAccountNickname": ""}, ["bankAccountNickname"]),
        ({"userId": gid("BankAccount", "x")}, ["userId"]),
    ]
    gql.sandbox.clear_stats()
    for changes, fields in bad:
        payload = await run(gql, LINK, bank_input("u-1", **changes))
        assert payload["bankAccount"] is None
        assert fields_of(payload) == fields, changes
    assert gql.sandbox.calls("finos") == 0
    unknown = await run(gql, LINK, bank_input("no-such-user"))
    assert fields_of(unknown) == ["userId"]


async def test_update_bank_account_makes_it_the_default(gql: Gql) -> None:
    client = gql.providers.finos
    user = await active_user(gql)
    bank = await client.create_bank_account(
        user.id,
        bank_account_number="4327843043",
        bank_routing_number="121042882",
        bank_account_nickname="Old",
    )
    given = {"bankAccountId": gid("BankAccount", bank.id), "default": True}
    payload = await run(gql, UPDATE_BANK, {**given, "bankAccountNickname": "Main"}, key="b")
    assert payload["userErrors"] == []
    upstream = await client.get_bank_account(bank.id)
    assert (upstream.default, upstream.bank_account_nickname) == (True, "Main")
    assert payload["bankAccount"]["default"] is True
    assert payload["bankAccount"]["bankAccountNumber"] == "******3043"
    gql.sandbox.clear_stats()
    for changes, fields in (
        ({}, [""]),
        ({"bankAccountNickname": "n" * 65}, ["bankAccountNickname"]),
        ({"bankAccountId": gid("Account", bank.id), "default": True}, ["bankAccountId"]),
    ):
        refused = await run(
            gql, UPDATE_BANK, {"bankAccountId": gid("BankAccount", bank.id), **changes}
        )
        assert fields_of(refused) == fields
    assert gql.sandbox.calls("finos") == 0
    missing = await run(
        gql, UPDATE_BANK, {"bankAccountId": gid("BankAccount", "nope"), "default": True}
    )
    assert fields_of(missing) == ["bankAccountId"]


async def test_remove_bank_account_unlinks_it_once(gql: Gql) -> None:
    client = gql.providers.finos
    user = await active_user(gql)
    bank = await client.create_bank_account(
        user.id,
        bank_account_number="4327843043",
        bank_routing_number="121042882",
        bank_account_nickname="Gone",
    )
    given = {"bankAccountId": gid("BankAccount", bank.id)}
    gql.sandbox.clear_stats()
    payload = await run(gql, REMOVE_BANK, given, key="rm")
    assert payload == {"removedBankAccountId": given["bankAccountId"], "userErrors": []}
    try:
        await client.get_bank_account(bank.id)
        raise AssertionError("the bank account is still there")
    except ProviderNotFound:
        pass
    assert await run(gql, REMOVE_BANK, given, key="rm") == payload
    assert writes(gql) == 1
    again = await run(gql, REMOVE_BANK, given)
    assert fields_of(again) == ["bankAccountId"]
    gql.sandbox.clear_stats()
    assert fields_of(await run(gql, REMOVE_BANK, {"bankAccountId": "x"})) == ["bankAccountId"]
    assert gql.sandbox.calls("finos") == 0


async def test_deposit_and_withdraw_move_cash_as_finos_then_shows(gql: Gql) -> None:
    client = gql.providers.finos
    account, bank_id = await funded_account(gql, cash="100.00")
    given = {
        "accountId": gid("Account", account.id),
        "bankAccountId": gid("BankAccount", bank_id),
        "amount": "202.50",
    }
    deposited = await run(gql, DEPOSIT, given, key="dep")
    assert deposited["userErrors"] == []
    deposit = deposited["deposit"]
    upstream = await client.get_deposit(deposit["providerId"])
    assert deposit["id"] == gid("Deposit", upstream.id)
    assert Decimal(deposit["amount"]["amount"]) == upstream.amount == Decimal("202.50")
    assert deposit["providerStatus"] == upstream.status == "pending"
    assert deposit["account"] == {"id": given["accountId"]}
    assert deposit["bankAccount"] == {"id": given["bankAccountId"]}
    withdrawn = await run(gql, WITHDRAW, {**given, "amount": "60"}, key="wd")
    withdrawal = withdrawn["withdrawal"]
    upstream_w = await client.get_withdrawal(withdrawal["providerId"])
    assert withdrawal["id"] == gid("Withdrawal", upstream_w.id)
    assert Decimal(withdrawal["amount"]["amount"]) == upstream_w.amount == Decimal(60)
    assert (await client.get_account(account.id)).available_cash == Decimal("40.00")


async def test_transfers_check_amounts_first_and_map_refusals(gql: Gql) -> None:
    account, bank_id = await funded_account(gql, cash="10.00")
    given = {
        "accountId": gid("Account", account.id),
        "bankAccountId": gid("BankAccount", bank_id),
    }
    gql.sandbox.clear_stats()
    for query in (DEPOSIT, WITHDRAW):
        for amount, fields in (("0", ["amount"]), ("-5", ["amount"]), ("1.005", ["amount"])):
            payload = await run(gql, query, {**given, "amount": amount})
            assert fields_of(payload) == fields
        assert fields_of(await run(gql, query, {**given, "accountId": "x", "amount": "1"})) == [
            "accountId"
        ]
        wrong = {**given, "bankAccountId": given["accountId"], "amount": "1"}
        assert fields_of(await run(gql, query, wrong)) == ["bankAccountId"]
    assert gql.sandbox.calls("finos") == 0
    too_much = await run(gql, WITHDRAW, {**given, "amount": "10.01"})
    assert fields_of(too_much) == ["amount"]
    assert too_much["userErrors"][0]["code"] == "PROVIDER_REJECTED"
    other_bank = gid("BankAccount", "no-such-bank")
    unknown = await run(gql, DEPOSIT, {**given, "bankAccountId": other_bank, "amount": "1"})
    assert fields_of(unknown) == ["bankAccountId"]


async def test_twenty_concurrent_identical_withdrawals_with_one_key_withdraw_once(
    gql: Gql,
) -> None:
    account, bank_id = await funded_account(gql, cash="100.00")
    given = {
        "accountId": gid("Account", account.id),
        "bankAccountId": gid("BankAccount", bank_id),
        "amount": "30",
        "idempotencyKey": "wd-burst",
    }
    gql.sandbox.clear_stats()
    results = await asyncio.gather(*(gql.execute(WITHDRAW, {"input": given}) for _ in range(20)))
    assert all(r.errors is None for r in results)
    assert len({str(r.data) for r in results}) == 1
    assert gql.sandbox.calls("finos", "POST /v1/withdrawal") == 1
    assert (await gql.providers.finos.get_account(account.id)).available_cash == Decimal("70.00")
