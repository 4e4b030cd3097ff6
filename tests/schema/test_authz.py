"""Authorization by scope: every root field has one, a missing one is FORBIDDEN on that
field alone, and a field without an entry is refused to all but "*" callers."""

from __future__ import annotations

import graphql
import pytest

from schema.access import (
    ALL,
    DENY_BY_DEFAULT,
    KNOWN_SCOPES,
    STAFF_ONLY,
    Access,
    Forbidden,
    check_access,
    root_access,
)
from schema.context import Caller
from tests.schema.conftest import Gql, the_schema


def staff(*scopes: str) -> Caller:
    return Caller(id="staff-1", kind="staff", scopes=frozenset(scopes))


def declared() -> dict[str, dict[str, Access]]:
    return root_access(the_schema())


def check_root_field(caller: Caller, root: str, name: str) -> None:
    """What `Authorization` does at a root field: its declared access, checked."""
    check_access(caller, root, name, declared()[root].get(name, DENY_BY_DEFAULT))


def test_every_root_field_declares_its_access() -> None:
    printed = graphql.build_schema(the_schema().as_str())
    found = declared()
    missing = [
        f"{root}.{name}"
        for root in ("Query", "Mutation")
        for name in getattr(printed.get_type(root), "fields", {})
        if found[root][name] is DENY_BY_DEFAULT
    ]
    assert missing == [], f"root fields that declare no access(...) in their metadata: {missing}"
    assert len(found["Query"]) > 20 and "placeOrder" in found["Mutation"]  # the test can fail


def test_every_declared_scope_is_an_agreed_scope_name() -> None:
    used = {rule.scope for fields in declared().values() for rule in fields.values()}
    assert used <= KNOWN_SCOPES | {ALL, STAFF_ONLY}
    assert STAFF_ONLY not in KNOWN_SCOPES  # no token can hold it


def test_the_fields_that_isolate_at_their_source_are_the_by_id_and_list_roots() -> None:
    at_source = {n for n, rule in declared()["Query"].items() if rule.filtered_at_source}
    assert {"node", "nodes", "loans", "accounts", "applications", "borrower"} <= at_source
    assert "teams" not in at_source and not any(
        rule.filtered_at_source for rule in declared()["Mutation"].values()
    )


def borrower(*scopes: str) -> Caller:
    return Caller(id="b-1", kind="borrower", scopes=frozenset(scopes), email="b@example.com")


def test_provider_wide_operations_are_staff_only_whatever_a_borrower_holds() -> None:
    wide = [name for name, rule in declared()["Mutation"].items() if rule.scope == STAFF_ONLY]
    assert {"createWebhook", "updateWebhook"} <= set(wide)
    for name in [*wide, "someNewMutation"]:
        for scopes in ((ALL,), (ALL, STAFF_ONLY), tuple(KNOWN_SCOPES)):
            with pytest.raises(Forbidden) as refused:
                check_root_field(borrower(*scopes), "Mutation", name)
            assert "staff only" in str(refused.value)
        check_root_field(staff(ALL), "Mutation", name)  # staff with "*": no error
        with pytest.raises(Forbidden):
            check_root_field(staff(*KNOWN_SCOPES), "Mutation", name)
    check_root_field(borrower(ALL), "Mutation", "placeOrder")  # "*" still opens personal ones


WEBHOOK = """mutation($input: CreateWebhookInput!) {
  createWebhook(input: $input) { webhook { id url } userErrors { field code } } }"""


async def test_a_borrower_holding_star_cannot_create_a_webhook_and_nothing_is_sent(
    gql: Gql,
) -> None:
    gql.sandbox.clear_stats()
    hook = {"name": "mine", "url": "http://127.0.0.1:9/hook", "events": ["*"]}
    result = await gql.execute(WEBHOOK, {"input": hook}, caller=borrower(ALL))
    assert result.data is None
    assert [(e.extensions or {}).get("code") for e in result.errors or []] == ["FORBIDDEN"]
    update = await gql.execute(
        """mutation { updateWebhook(input: {webhookId: "wh_1", url: "http://127.0.0.1:9/other"}) {
          webhook { id } } }""",
        caller=borrower(ALL),
    )
    assert [(e.extensions or {}).get("code") for e in update.errors or []] == ["FORBIDDEN"]
    assert gql.sandbox.stats() == {}  # refused before any provider call
    made = await gql.execute(WEBHOOK, {"input": hook}, caller=staff(ALL))
    assert made.errors is None and made.data is not None
    assert made.data["createWebhook"]["webhook"]["url"] == hook["url"]


def test_a_root_field_without_an_entry_is_refused_but_to_staff_star_callers() -> None:
    with pytest.raises(Forbidden) as refused:
        check_root_field(staff("loans:read", "trading:write"), "Mutation", "someNewMutation")
    assert refused.value.code == "FORBIDDEN"
    check_root_field(staff(ALL), "Mutation", "someNewMutation")  # "*": no error
    check_root_field(Caller(), "Query", "someNewQuery")  # the sandbox default caller


async def test_missing_scope_is_forbidden_on_that_field_only(gql: Gql) -> None:
    gql.sandbox.clear_stats()
    result = await gql.execute(
        "{ loans(first: 2) { edges { node { id } } }"
        "  accounts(first: 2) { edges { node { id } } }"
        '  stockQuote(symbol: "AAPL") { symbol } }',
        caller=staff("loans:read"),
    )
    assert result.data is not None
    assert len(result.data["loans"]["edges"]) == 2  # the field it may read still answers
    assert result.data["accounts"] is None and result.data["stockQuote"] is None
    errors = {tuple(e.path or ()): e.extensions or {} for e in result.errors or []}
    assert errors == {
        ("accounts",): {"code": "FORBIDDEN", "field": "accounts", "scope": "trading:read"},
        ("stockQuote",): {"code": "FORBIDDEN", "field": "stockQuote", "scope": "quotes:read"},
    }
    assert gql.sandbox.calls("finos") == 0  # refused before any upstream call


async def test_the_default_caller_keeps_seeing_everything(gql: Gql) -> None:
    data = await gql.data(
        "{ accounts(first: 1) { edges { node { id } } } loans(first: 1) { edges { node { id } } }"
        "  applications(first: 1) { edges { node { id } } } }"
    )
    assert all(len(data[k]["edges"]) == 1 for k in ("accounts", "loans", "applications"))


PLACE_ORDER = """
mutation($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id } userErrors { field message code } }
}"""


async def test_a_write_without_its_scope_is_forbidden_and_sends_nothing(gql: Gql) -> None:
    accounts = await gql.data("{ accounts(first: 1) { edges { node { id } } } }")
    account_id = accounts["accounts"]["edges"][0]["node"]["id"]
    gql.sandbox.clear_stats()
    result = await gql.execute(
        PLACE_ORDER,
        {
            "input": {
                "accountId": account_id,
                "symbol": "AAPL",
                "quantity": "1",
                "side": "BUY",
                "type": "MARKET",
                "idempotencyKey": "authz-no-scope",
            }
        },
        caller=staff("trading:read"),
    )
    assert result.data is None or result.data["placeOrder"] is None
    assert [(e.extensions or {}).get("code") for e in result.errors or []] == ["FORBIDDEN"]
    assert gql.sandbox.calls("finos") == 0


async def test_refusing_a_list_root_field_leaves_the_others_answering(gql: Gql) -> None:
    result = await gql.execute(
        "{ borrowers(first: 1) { edges { node { id } } } nodes(ids: []) { id }"
        '  stockQuotes(symbols: ["AAPL"]) { symbol }'
        "  promoPrograms(first: 1) { edges { node { id } } } }",
        caller=staff("loans:read"),
    )
    assert result.data is not None
    assert result.data["borrowers"] is None and result.data["nodes"] is None
    assert result.data["stockQuotes"] is None
    assert len(result.data["promoPrograms"]["edges"]) == 1
    assert sorted(tuple(e.path or ()) for e in result.errors or []) == [
        ("borrowers",),
        ("nodes",),
        ("stockQuotes",),
    ]
