"""What brokerage queries cost upstream: exact Finos request counts.

Finos has no token to warm (a static API key) and no endpoint that fetches
several records by id, so a field that needs another record costs one call
per distinct record, once per request, never one per place that asks.
"""

from __future__ import annotations

from schema import ExecutionOptions
from schema.ids import to_global_id
from tests.schema.conftest import Gql

ORDERS = """
{ orders(first: 50) { edges { node {
    symbol quote { latestPrice } account { providerId accountNumber } } } } }
"""


async def test_fifty_orders_with_quote_and_account_cost_one_call_per_distinct_symbol_and_account(
    gql: Gql,
) -> None:
    await gql.data(ORDERS)  # warm: Finos has no token; orders use no reference data
    gql.providers.cache.invalidate("quotes")
    gql.sandbox.clear_stats()
    data = await gql.data(ORDERS)
    nodes = [e["node"] for e in data["orders"]["edges"]]
    assert len(nodes) == 50
    symbols = {n["symbol"] for n in nodes}
    accounts = {n["account"]["providerId"] for n in nodes}
    assert len(symbols) < 50 and len(accounts) < 50  # repeats exist, so batching shows
    # Floor: GET /v1/orders is one page of 50. Quotes are one symbol per call
    # (GET /v1/stocks/{symbol}, no batch endpoint) and accounts one id per call
    # (GET /v1/accounts/{id}; GET /v1/accounts cannot filter by id), so one call per
    # distinct symbol and per distinct account is the least the API allows.
    assert gql.sandbox.stats("finos") == {
        "GET /v1/orders": 1,
        "GET /v1/stocks/{symbol}": len(symbols),
        "GET /v1/accounts/{account_id}": len(accounts),
    }
    assert all(n["quote"]["latestPrice"] is not None for n in nodes)
    assert all(n["account"]["accountNumber"] for n in nodes)

    # Within the quotes' TTL (5 s) the same query asks for no quote at all. Accounts
    # are not reference data: they are fetched again, once per distinct account.
    gql.sandbox.clear_stats()
    again = await gql.data(ORDERS)
    assert again == data
    assert gql.sandbox.stats("finos") == {
        "GET /v1/orders": 1,
        "GET /v1/accounts/{account_id}": len(accounts),
    }


async def test_without_batching_the_same_orders_ask_once_per_order(gql: Gql) -> None:
    """The naive baseline the loaders save: one account call per order."""
    gql.options = ExecutionOptions(batching=False)
    gql.sandbox.clear_stats()
    data = await gql.data(ORDERS)
    nodes = [e["node"] for e in data["orders"]["edges"]]
    distinct = {n["account"]["providerId"] for n in nodes}
    stats = gql.sandbox.stats("finos")
    assert stats["GET /v1/accounts/{account_id}"] == 50 > len(distinct)


BORROWER_ACCOUNTS = """
query($id: ID!) { borrower(id: $id) {
  accounts { edges { node { availableCash { amount } } } }
  profiles(includeSelf: true) { provider accounts { edges { node { availableCash { amount } } } } }
} }
"""


async def test_a_borrowers_profiles_ask_finos_for_accounts_once_per_level(gql: Gql) -> None:
    account = (await gql.providers.finos.list_all_accounts(limit=1)).items[0]
    assert account.user_id is not None
    gid = to_global_id("Borrower", "finos", account.user_id)
    await gql.data(BORROWER_ACCOUNTS, id=gid)  # warm: the Finos people index
    gql.sandbox.clear_stats()
    data = await gql.data(BORROWER_ACCOUNTS, id=gid)
    finos_profiles = [p for p in data["borrower"]["profiles"] if p["provider"] == "FINOS"]
    assert finos_profiles[0]["accounts"] == data["borrower"]["accounts"]
    assert data["borrower"]["accounts"]["edges"]
    # Floor: the borrower is one GET /v1/users/{id}; profiles come from the cached email
    # index (no call while warm); the user's accounts are asked at two levels but are one
    # GET /v1/users/{id}/accounts, shared through the request's loader.
    assert gql.sandbox.stats("finos") == {
        "GET /v1/users/{user_id}": 1,
        "GET /v1/users/{user_id}/accounts": 1,
    }


BORROWERS_ACCOUNTS = """
{ borrowers(first: 10, providers: [FINOS]) { edges { node {
  accounts { edges { node { availableCash { amount } } } }
  profiles(includeSelf: true) { accounts { edges { node { availableCash { amount } } } } }
} } } }
"""


async def test_ten_finos_borrowers_accounts_cost_one_call_per_user_at_every_level(
    gql: Gql,
) -> None:
    await gql.data(BORROWERS_ACCOUNTS)  # warm: the Finos people index
    gql.sandbox.clear_stats()
    await gql.data(BORROWERS_ACCOUNTS)
    # Floor: the borrowers list and the profiles come from the warm index (no call). Finos
    # lists accounts per user (GET /v1/users/{id}/accounts); the only other way,
    # GET /v1/accounts, walks every account of the key. So one call per distinct user,
    # however many levels ask for the same user's accounts.
    assert gql.sandbox.stats("finos") == {"GET /v1/users/{user_id}/accounts": 10}


async def test_a_page_of_accounts_with_owners_and_positions_costs_a_call_per_account(
    gql: Gql,
) -> None:
    query = (
        "{ accounts(first: 20) { edges { node { owner { email }"
        " positions { edges { node { symbol } } } } } } }"
    )
    gql.sandbox.clear_stats()
    await gql.data(query)
    # Floor: one GET /v1/accounts page; the owner is embedded in each account record
    # (no GET /v1/users/{id}); positions are listed per account (no multi-account list).
    assert gql.sandbox.stats("finos") == {
        "GET /v1/accounts": 1,
        "GET /v1/accounts/{account_id}/positions": 20,
    }


PROFILES_ACCOUNTS = """
query($id: ID!) { borrower(id: $id) { profiles { provider providerId
  accounts { edges { node { availableCash { amount } } } } } } }
"""


async def test_a_borrower_elsewhere_reaches_finos_accounts_in_one_call_per_level(
    gql: Gql,
) -> None:
    finos_emails = {
        (u.email_address or "").strip().lower(): u.id
        async for u in gql.providers.finos.iter_users()
    }
    data = await gql.data(
        "{ borrowers(first: 100, providers: [FINMO, MOLO, FINANCEIT]) {"
        " edges { node { id normalizedEmail } } } }"
    )
    root = next(
        e["node"]
        for e in data["borrowers"]["edges"]
        if e["node"]["normalizedEmail"] in finos_emails
    )
    user_id = finos_emails[root["normalizedEmail"]]
    expected = [a.available_cash async for a in gql.providers.finos.iter_accounts(user_id)]
    await gql.data(PROFILES_ACCOUNTS, id=root["id"])  # warm: every provider's people index
    gql.sandbox.clear_stats()
    data = await gql.data(PROFILES_ACCOUNTS, id=root["id"])
    finos = [p for p in data["borrower"]["profiles"] if p["provider"] == "FINOS"]
    assert [p["providerId"] for p in finos] == [user_id]
    edges = finos[0]["accounts"]["edges"]
    assert [e["node"]["availableCash"]["amount"] for e in edges] == [str(c) for c in expected]
    # Floor: the Finos profile comes from the warm email index (no call); its accounts
    # are one GET /v1/users/{id}/accounts. Other providers' profiles cost Finos nothing.
    assert gql.sandbox.stats("finos") == {"GET /v1/users/{user_id}/accounts": 1}
