"""Finos objects by global id (`node`, `nodes`) and Finos users as borrowers."""

from __future__ import annotations

from decimal import Decimal

from resolvers.finos import (
    Custodian,
    CustodianAddress,
    CustodianPhone,
    RolloverAsset,
    RolloverRequest,
)
from sandbox.people import EPOCH
from schema.ids import to_global_id
from tests.schema.conftest import Gql

NODE = "query($id: ID!) { node(id: $id) { __typename id ... on Node { id } } }"


async def round_trip(gql: Gql, type_name: str, provider_id: str) -> None:
    gid = to_global_id(type_name, "finos", provider_id)
    data = await gql.data(
        "query($id: ID!) { node(id: $id) { __typename id"
        f" ... on {type_name} {{ providerId provider }} }} }}",
        id=gid,
    )
    assert data["node"] == {
        "__typename": type_name,
        "id": gid,
        "providerId": provider_id,
        "provider": "FINOS",
    }


async def test_node_round_trips_every_brokerage_type(gql: Gql) -> None:
    client = gql.providers.finos
    account = (await client.list_all_accounts(limit=1)).items[0]
    assert account.user_id is not None
    held = [a async for a in client.iter_all_accounts() if a.portfolio_market_value][0]
    position = (await client.list_positions(held.id, limit=1)).items[0]
    order = (await client.list_orders(status="all", limit=1)).items[0]
    bank = (await client.list_bank_accounts(account.user_id, limit=1)).items[0]
    deposit = (await client.list_deposits(limit=1)).items[0]
    withdrawal = (await client.list_withdrawals(limit=1)).items[0]
    oldest = [a async for a in client.iter_all_accounts()][-1]
    statement = (await client.list_statements(oldest.id, limit=1)).items[0]
    for type_name, provider_id in (
        ("Account", account.id),
        ("Order", order.id),
        ("Position", f"{held.id}:{position.asset_id}"),
        ("BankAccount", bank.id),
        ("Deposit", deposit.id),
        ("Withdrawal", withdrawal.id),
        ("Statement", statement.id),
        ("StockQuote", "AAPL"),
        ("Transaction", deposit.id),
        ("Transaction", withdrawal.id),
        ("Transaction", order.id),
        ("Borrower", account.user_id),
    ):
        await round_trip(gql, type_name, provider_id)


async def test_a_transaction_node_says_what_it_stands_for(gql: Gql) -> None:
    client = gql.providers.finos
    account = (await client.list_all_accounts(limit=1)).items[0]
    listed = (await client.list_transactions(account.id, limit=100)).items
    query = (
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Transaction { providerId type"
        " amount { amount currency } providerStatus createdAt symbol side"
        " account { providerId } } } }"
    )
    data = await gql.data(query, ids=[to_global_id("Transaction", "finos", t.id) for t in listed])
    # a trade's node is built from its order, whose submitted_at has whole seconds only
    for node in data["nodes"]:
        node["createdAt"] = node["createdAt"][:19]
    assert data["nodes"] == [
        {
            "providerId": t.id,
            "type": t.type.upper(),
            "amount": {"amount": str(t.amount), "currency": "USD"},
            "providerStatus": t.status,
            "createdAt": t.created_at.isoformat()[:19] if t.created_at else None,
            "symbol": (t.model_extra or {}).get("symbol"),
            "side": ((t.model_extra or {}).get("side") or "").upper() or None,
            "account": {"providerId": account.id},
        }
        for t in listed
    ]


async def test_nodes_ask_finos_once_per_distinct_account(gql: Gql) -> None:
    accounts = (await gql.providers.finos.list_all_accounts(limit=3)).items
    ids = [to_global_id("Account", "finos", a.id) for a in accounts]
    gql.sandbox.clear_stats()
    data = await gql.data(
        "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Account { providerId } } }",
        ids=[*ids, *ids],
    )
    assert [n["providerId"] for n in data["nodes"]] == [a.id for a in accounts] * 2
    assert gql.sandbox.stats("finos") == {"GET /v1/accounts/{account_id}": 3}


async def test_an_unknown_finos_id_is_not_found(gql: Gql) -> None:
    for type_name, provider_id in (
        ("Account", "nope"),
        ("Position", "nope"),
        ("Position", "nope:nope"),
        ("StockQuote", "ZZZZZ"),
        ("Transaction", "nope"),
    ):
        result = await gql(NODE, id=to_global_id(type_name, "finos", provider_id))
        assert result.data == {"node": None}, type_name
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "NOT_FOUND"}, type_name


async def test_finos_borrowers_come_newest_first_and_walk_without_gaps(gql: Gql) -> None:
    users = [u async for u in gql.providers.finos.iter_users()]
    expected = sorted(users, key=lambda u: (u.created_at, u.id), reverse=True)
    seen: list[str] = []
    after: str | None = None
    while True:
        data = await gql.data(
            "query($after: String) { borrowers(first: 25, after: $after, providers: [FINOS]) {"
            " edges { node { providerId } } pageInfo { hasNextPage endCursor } } }",
            after=after,
        )
        seen += [e["node"]["providerId"] for e in data["borrowers"]["edges"]]
        if not data["borrowers"]["pageInfo"]["hasNextPage"]:
            break
        after = data["borrowers"]["pageInfo"]["endCursor"]
    assert seen == [u.id for u in expected]


async def test_a_finos_borrower_maps_the_user(gql: Gql) -> None:
    user = (await gql.providers.finos.list_users(limit=1)).items[0]
    gid = to_global_id("Borrower", "finos", user.id)
    data = await gql.data(
        "query($id: ID!) { borrower(id: $id) { id provider providerId firstName lastName email"
        " phone createdAt providerKind address { line1 line2 city region postalCode country }"
        " profiles(includeSelf: true) { id } } }",
        id=gid,
    )
    assert data["borrower"] == {
        "id": gid,
        "provider": "FINOS",
        "providerId": user.id,
        "firstName": user.first_name,
        "lastName": user.last_name,
        "email": user.email_address,
        "phone": user.phone_number,
        "createdAt": user.created_at.isoformat() if user.created_at else None,
        "providerKind": "user",
        "address": {
            "line1": user.address_line_1,
            "line2": user.address_line_2,
            "city": user.address_city,
            "region": user.address_state,
            "postalCode": user.address_postal_code,
            "country": user.address_country_code,
        },
        "profiles": [p for p in data["borrower"]["profiles"]],
    }
    assert {"id": gid} in data["borrower"]["profiles"]


async def test_an_unknown_finos_borrower_is_not_found(gql: Gql) -> None:
    gid = to_global_id("Borrower", "finos", "nobody")
    result = await gql("query($id: ID!) { borrower(id: $id) { id } }", id=gid)
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_a_finos_borrowers_accounts_are_that_users_accounts_page_by_page(
    gql: Gql,
) -> None:
    client = gql.providers.finos
    users = [u async for u in client.iter_users()]
    counts = {u.id: len([a async for a in client.iter_accounts(u.id)]) for u in users[:30]}
    user_id = max(counts, key=lambda k: counts[k])
    assert counts[user_id] >= 2
    expected = [a.id async for a in client.iter_accounts(user_id)]
    seen: list[str] = []
    after: str | None = None
    while True:
        data = await gql.data(
            "query($id: ID!, $after: String) { borrower(id: $id) { accounts(first: 1,"
            " after: $after) { edges { node { providerId owner { providerId } } }"
            " pageInfo { hasNextPage endCursor } } } }",
            id=to_global_id("Borrower", "finos", user_id),
            after=after,
        )
        conn = data["borrower"]["accounts"]
        seen += [e["node"]["providerId"] for e in conn["edges"]]
        assert all(e["node"]["owner"]["providerId"] == user_id for e in conn["edges"])
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == expected


async def test_a_rollover_is_read_by_its_id_with_every_field_it_was_made_with(gql: Gql) -> None:

    client = gql.providers.finos
    account = (await client.list_all_accounts(limit=1)).items[0]
    request = RolloverRequest(
        ira_account_id=account.id,
        extent="partial",
        custodian=Custodian(
            name="Rollover Custodian - 52TTK409",
            address=CustodianAddress(
                street_address_1="123 Main St",
                street_address_2="Suite 300",
                city="New York",
                zip_code="10012",
                state="NY",
                country="USA",
            ),
            phone_numbers=[CustodianPhone(phone_type="Work", phone="+18885554545")],
        ),
        source_account_number="RIA15678",
        source_account_type="EST",
        cash_amount=Decimal("5000.00"),
        tax_year=EPOCH.year,
        description="Rollover from external custodian",
        assets=[RolloverAsset(asset_code="VTI", CashAmount=Decimal("1000.00"))],
    )
    created = await client.create_rollover(request)
    gid = to_global_id("Rollover", "finos", created.id)
    data = await gql.data(
        "query($id: ID!) { rollover(id: $id) { id status providerStatus direction extent"
        " indirect processingMethod sourceAccountNumber sourceAccountType"
        " sourceAccountInherited cashAmount { amount currency } taxYear description"
        " custodian { name address { line1 line2 city region postalCode country }"
        "  phoneNumbers { phoneType phone } }"
        " assets { assetCode cashAmount { amount currency } } iraAccount { providerId } } }",
        id=gid,
    )
    assert data["rollover"] == {
        "id": gid,
        "status": "INITIATED",
        "providerStatus": "initiated",
        "direction": "in",
        "extent": "partial",
        "indirect": False,
        "processingMethod": "ACATS",
        "sourceAccountNumber": "****5678",
        "sourceAccountType": "EST",
        "sourceAccountInherited": False,
        "cashAmount": {"amount": "5000.00", "currency": "USD"},
        "taxYear": EPOCH.year,
        "description": "Rollover from external custodian",
        "custodian": {
            "name": "Rollover Custodian - 52TTK409",
            "address": {
                "line1": "123 Main St",
                "line2": "Suite 300",
                "city": "New York",
                "region": "NY",
                "postalCode": "10012",
                "country": "USA",
            },
            "phoneNumbers": [{"phoneType": "Work", "phone": "+18885554545"}],
        },
        "assets": [{"assetCode": "VTI", "cashAmount": {"amount": "1000.00", "currency": "USD"}}],
        "iraAccount": {"providerId": account.id},
    }
    await round_trip(gql, "Rollover", created.id)
    unknown = await gql(
        "query($id: ID!) { rollover(id: $id) { id } }", id=to_global_id("Rollover", "finos", "x")
    )
    assert unknown.errors is not None
    assert unknown.errors[0].extensions == {"code": "NOT_FOUND"}
