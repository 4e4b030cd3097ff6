"""Brokerage (Finos) accounts through the schema, checked against what Finos answers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from resolvers import finos
from schema.ids import to_global_id
from tests.schema.conftest import Gql

ACCOUNT_FIELDS = """
  id provider providerId accountNumber ownership providerOwnership accountType
  providerAccountType status providerStatus martialStatus countryOfCitizenship
  employmentStatus employmentPosition employerName annualIncome investmentObjective
  investmentExperience netLiquidWorth netTotalWorth riskTolerance isDirector directorOf
  availableCash { amount currency } buyingPower { amount currency }
  portfolioMarketValue { amount currency } equity { amount currency } managed createdAt
  holder { userId status kycToken firstName lastName emailAddress phoneNumber createdAt
           address { line1 line2 city region postalCode country } }
  jointMember { firstName lastName emailAddress }
"""
TX_STATUS = {
    "pending": "PENDING",
    "complete": "COMPLETE",
    "filled": "COMPLETE",
    "partially_filled": "PENDING",
    "canceled": "CANCELLED",
    "rejected": "FAILED",
}


def money(amount: Decimal | None) -> dict[str, str] | None:
    return None if amount is None else {"amount": str(amount), "currency": "USD"}


def expected_account(a: finos.Account) -> dict[str, Any]:
    owner = a.owner
    assert owner is not None
    cash, held = a.available_cash or Decimal(0), a.portfolio_market_value or Decimal(0)
    return {
        "id": to_global_id("Account", "finos", a.id),
        "provider": "FINOS",
        "providerId": a.id,
        "accountNumber": a.account_number,
        "ownership": (a.ownership or "").upper(),
        "providerOwnership": a.ownership,
        "accountType": (a.account_type or "").upper(),
        "providerAccountType": a.account_type,
        "status": "ACTIVE" if owner.status == "active" else "PENDING",
        "providerStatus": owner.status,
        "martialStatus": a.martial_status,
        "countryOfCitizenship": a.country_of_citizenship,
        "employmentStatus": a.employment_status,
        "employmentPosition": a.employment_position,
        "employerName": a.employer_name,
        "annualIncome": a.annual_income,
        "investmentObjective": a.investment_objective,
        "investmentExperience": a.investment_experience,
        "netLiquidWorth": a.net_liquid_worth,
        "netTotalWorth": a.net_total_worth,
        "riskTolerance": a.risk_tolerance,
        "isDirector": a.is_director,
        "directorOf": a.director_of,
        "availableCash": money(a.available_cash),
        "buyingPower": money(a.available_cash),
        "portfolioMarketValue": money(a.portfolio_market_value),
        "equity": money(cash + held),
        "managed": a.managed,
        "createdAt": a.created_at.isoformat() if a.created_at else None,
        "holder": {
            "userId": owner.id,
            "status": owner.status,
            "kycToken": owner.kyc_token,
            "firstName": owner.first_name,
            "lastName": owner.last_name,
            "emailAddress": owner.email_address,
            "phoneNumber": owner.phone_number,
            "createdAt": owner.created_at.isoformat() if owner.created_at else None,
            "address": {
                "line1": owner.address_line_1,
                "line2": owner.address_line_2,
                "city": owner.address_city,
                "region": owner.address_state,
                "postalCode": owner.address_postal_code,
                "country": owner.address_country_code,
            },
        },
        "jointMember": None
        if a.joint_member is None
        else {
            "firstName": a.joint_member.first_name,
            "lastName": a.joint_member.last_name,
            "emailAddress": a.joint_member.email_address,
        },
    }


async def test_accounts_map_every_documented_field_of_the_finos_record(gql: Gql) -> None:
    upstream = await gql.providers.finos.list_all_accounts(limit=10)
    data = await gql.data(
        f"{{ accounts(first: 10) {{ edges {{ node {{ {ACCOUNT_FIELDS} }} }} }} }}"
    )
    got = [e["node"] for e in data["accounts"]["edges"]]
    assert got == [expected_account(a) for a in upstream.items]
    assert any(a.portfolio_market_value for a in upstream.items)  # equity adds both


async def test_walking_accounts_yields_each_account_once_at_one_call_per_page(gql: Gql) -> None:
    everyone = [a.id async for a in gql.providers.finos.iter_all_accounts()]
    gql.sandbox.clear_stats()
    seen: list[str] = []
    after: str | None = None
    pages = 0
    while True:
        data = await gql.data(
            "query($after: String) { accounts(first: 40, after: $after) {"
            " edges { cursor node { providerId } } pageInfo { hasNextPage endCursor } } }",
            after=after,
        )
        conn = data["accounts"]
        pages += 1
        seen += [e["node"]["providerId"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert seen == everyone  # same order, no duplicates, no gaps
    assert len(everyone) > 40 * 2
    assert gql.sandbox.stats("finos") == {"GET /v1/accounts": pages}


async def test_accounts_of_an_owner_are_that_finos_users_accounts(gql: Gql) -> None:
    some = (await gql.providers.finos.list_all_accounts(limit=1)).items[0]
    assert some.user_id is not None
    theirs = [a.id async for a in gql.providers.finos.iter_accounts(some.user_id)]
    owner = to_global_id("Borrower", "finos", some.user_id)
    data = await gql.data(
        "query($o: ID) { accounts(ownerId: $o) { edges { node { providerId owner { id } } } } }",
        o=owner,
    )
    edges = data["accounts"]["edges"]
    assert [e["node"]["providerId"] for e in edges] == theirs
    assert {e["node"]["owner"]["id"] for e in edges} == {owner}


async def test_accounts_of_a_borrower_of_another_provider_are_empty_without_a_call(
    gql: Gql,
) -> None:
    other = to_global_id("Borrower", "molo", "123")
    data = await gql.data("query($o: ID) { accounts(ownerId: $o) { edges { cursor } } }", o=other)
    assert data == {"accounts": {"edges": []}}
    assert gql.sandbox.stats("finos") == {}


async def test_a_bad_owner_id_or_cursor_or_page_size_is_bad_user_input(gql: Gql) -> None:
    for query, extensions in (
        ('{ accounts(ownerId: "nope") { edges { cursor } } }', {"code": "BAD_USER_INPUT"}),
        (
            '{ accounts(after: "nope") { edges { cursor } } }',
            {"code": "BAD_USER_INPUT", "field": "after"},
        ),
        (
            "{ accounts(first: 101) { edges { cursor } } }",
            {"code": "BAD_USER_INPUT", "field": "first"},
        ),
    ):
        result = await gql(query)
        assert result.errors is not None
        assert result.errors[0].extensions == extensions, query


async def test_account_by_id_answers_the_account_with_its_owner(gql: Gql) -> None:
    some = (await gql.providers.finos.list_all_accounts(limit=3)).items[2]
    gid = to_global_id("Account", "finos", some.id)
    data = await gql.data(
        f"query($id: ID!) {{ account(id: $id) {{ {ACCOUNT_FIELDS}"
        " owner { id provider providerId email firstName lastName phone providerKind } } }",
        id=gid,
    )
    owner = some.owner
    assert owner is not None and owner.id is not None
    assert data["account"] == {
        **expected_account(some),
        "owner": {
            "id": to_global_id("Borrower", "finos", owner.id),
            "provider": "FINOS",
            "providerId": owner.id,
            "email": owner.email_address,
            "firstName": owner.first_name,
            "lastName": owner.last_name,
            "phone": owner.phone_number,
            "providerKind": "user",
        },
    }


async def test_an_unknown_or_malformed_account_id_is_not_found(gql: Gql) -> None:
    for gid in (to_global_id("Account", "finos", "no-such-account"), "garbage"):
        result = await gql("query($id: ID!) { account(id: $id) { id } }", id=gid)
        assert result.data == {"account": None}
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_positions_map_the_finos_positions_with_their_quotes(gql: Gql) -> None:
    client = gql.providers.finos
    held = [a async for a in client.iter_all_accounts() if a.portfolio_market_value]
    account = held[0]
    upstream = (await client.list_positions(account.id, limit=100)).items
    assert upstream
    data = await gql.data(
        "query($id: ID!) { account(id: $id) { positions(first: 100) { edges { node {"
        " id providerId assetId symbol exchange side providerSide quantity"
        " averagePurchasePrice { amount currency } marketValue { amount currency }"
        " costBasis { amount currency } currentPrice { amount currency }"
        " lastdayPrice { amount currency } changeToday quote { symbol }"
        " account { providerId } } } } } }",
        id=to_global_id("Account", "finos", account.id),
    )
    got = [e["node"] for e in data["account"]["positions"]["edges"]]
    assert got == [
        {
            "id": to_global_id("Position", "finos", f"{account.id}:{p.asset_id}"),
            "providerId": f"{account.id}:{p.asset_id}",
            "assetId": p.asset_id,
            "symbol": p.symbol,
            "exchange": p.exchange,
            "side": "BUY",
            "providerSide": p.side,
            "quantity": str(p.quantity),
            "averagePurchasePrice": money(p.average_purchase_price),
            "marketValue": money(p.market_value),
            "costBasis": money(p.cost_basis),
            "currentPrice": money(p.current_price),
            "lastdayPrice": money(p.lastday_price),
            "changeToday": str(p.change_today),
            "quote": {"symbol": p.symbol},
            "account": {"providerId": account.id},
        }
        for p in upstream
    ]


async def test_transactions_bank_accounts_and_transfers_map_the_finos_records(gql: Gql) -> None:
    client = gql.providers.finos
    account = (await client.list_all_accounts(limit=1)).items[0]
    assert account.user_id is not None
    txs = (await client.list_transactions(account.id, limit=100)).items
    banks = (await client.list_bank_accounts(account.user_id, limit=100)).items
    deposits = (await client.list_deposits(account_id=account.id, limit=100)).items
    withdrawals = (await client.list_withdrawals(account_id=account.id, limit=100)).items
    assert {t.type for t in txs} == {"deposit", "withdrawal", "trade"}
    data = await gql.data(
        "query($id: ID!) { account(id: $id) {"
        " transactions(first: 100) { edges { node { id providerId type providerType"
        "  amount { amount currency } status providerStatus createdAt symbol side"
        "  deposit { providerId } withdrawal { providerId } order { providerId } } } }"
        " bankAccounts(first: 100) { edges { node { id providerId bankAccountNumber"
        "  bankAccountNumberLast4 bankRoutingNumber default bankAccountNickname createdAt } } }"
        " deposits(first: 100) { edges { node { providerId status providerStatus"
        "  amount { amount currency } createdAt completedAt account { providerId }"
        "  bankAccount { providerId } } } }"
        " withdrawals(first: 100) { edges { node { providerId status amount { amount } } } }"
        "} }",
        id=to_global_id("Account", "finos", account.id),
    )
    got = data["account"]
    kinds = {"deposit": "DEPOSIT", "withdrawal": "WITHDRAWAL", "trade": "TRADE"}
    assert [e["node"] for e in got["transactions"]["edges"]] == [
        {
            "id": to_global_id("Transaction", "finos", t.id),
            "providerId": t.id,
            "type": kinds[t.type],
            "providerType": t.type,
            "amount": money(t.amount),
            "status": TX_STATUS[t.status or ""],
            "providerStatus": t.status,
            "createdAt": t.created_at.isoformat() if t.created_at else None,
            "symbol": (t.model_extra or {}).get("symbol"),
            "side": (t.model_extra or {}).get("side", "").upper() or None,
            "deposit": {"providerId": t.id} if t.type == "deposit" else None,
            "withdrawal": {"providerId": t.id} if t.type == "withdrawal" else None,
            "order": {"providerId": t.id} if t.type == "trade" else None,
        }
        for t in txs
    ]
    assert [e["node"] for e in got["bankAccounts"]["edges"]] == [
        {
            "id": to_global_id("BankAccount", "finos", b.id),
            "providerId": b.id,
            "bankAccountNumber": "*" * (len(b.bank_account_number or "") - 4)
            + (b.bank_account_number or "")[-4:],
            "bankAccountNumberLast4": (b.bank_account_number or "")[-4:],
            "bankRoutingNumber": b.bank_routing_number,
            "default": b.default,
            "bankAccountNickname": b.bank_account_nickname,
            "createdAt": b.created_at.isoformat() if b.created_at else None,
        }
        for b in banks
    ]
    assert all(b.bank_account_number not in str(got) for b in banks if b.bank_account_number)
    assert [e["node"] for e in got["deposits"]["edges"]] == [
        {
            "providerId": d.id,
            "status": "COMPLETE" if d.status == "complete" else "PENDING",
            "providerStatus": d.status,
            "amount": money(d.amount),
            "createdAt": d.created_at.isoformat() if d.created_at else None,
            "completedAt": d.completed_at.isoformat() if d.completed_at else None,
            "account": {"providerId": account.id},
            "bankAccount": {"providerId": d.bank_account_id},
        }
        for d in deposits
    ]
    assert [e["node"]["providerId"] for e in got["withdrawals"]["edges"]] == [
        w.id for w in withdrawals
    ]


async def test_settings_statements_and_portfolios_map_the_finos_records(gql: Gql) -> None:
    client = gql.providers.finos
    oldest = [a async for a in client.iter_all_accounts()][-1]
    settings = await client.get_account_settings(oldest.id)
    statements = (await client.list_statements(oldest.id, limit=100)).items
    assert statements
    data = await gql.data(
        "query($id: ID!) { account(id: $id) {"
        " settings { portfolioId managed minCashPercent maxCashPercent }"
        " statements(first: 100) { edges { node { id providerId url accountId periodStart"
        "  periodEnd createdAt } } } } }",
        id=to_global_id("Account", "finos", oldest.id),
    )
    assert data["account"]["settings"] == {
        "portfolioId": settings.portfolio_id,
        "managed": settings.managed,
        "minCashPercent": str(settings.min_cash_percent),
        "maxCashPercent": str(settings.max_cash_percent),
    }
    assert [e["node"] for e in data["account"]["statements"]["edges"]] == [
        {
            "id": to_global_id("Statement", "finos", s.id),
            "providerId": s.id,
            "url": s.url,
            "accountId": s.account_id,
            "periodStart": s.period_start.isoformat() if s.period_start else None,
            "periodEnd": s.period_end.isoformat() if s.period_end else None,
            "createdAt": s.created_at.isoformat() if s.created_at else None,
        }
        for s in statements
    ]


async def test_a_managed_accounts_portfolio_and_asset_classes_come_from_the_cache(
    gql: Gql,
) -> None:
    client = gql.providers.finos
    portfolios = {p.id: p for p in await client.all_portfolios()}
    classes = {c.id: c for c in await client.all_asset_classes()}
    account = (await client.list_all_accounts(limit=1)).items[0]
    # the seed manages no account: Finos picks the default portfolio for its risk tolerance
    settings = await client.update_account_settings(account.id, managed=True)
    assert settings.portfolio_id is not None
    gql.sandbox.clear_stats()
    data = await gql.data(
        "query($id: ID!) { account(id: $id) { settings { portfolio { id name allocations {"
        " assetClassId weight assetClass { id name primary secondary } } } } } }",
        id=to_global_id("Account", "finos", account.id),
    )
    portfolio = portfolios[settings.portfolio_id]
    assert data["account"]["settings"]["portfolio"] == {
        "id": portfolio.id,
        "name": portfolio.name,
        "allocations": [
            {
                "assetClassId": a.asset_class_id,
                "weight": str(a.weight),
                "assetClass": {
                    "id": a.asset_class_id,
                    "name": classes[a.asset_class_id].name,
                    "primary": classes[a.asset_class_id].primary,
                    "secondary": classes[a.asset_class_id].secondary,
                },
            }
            for a in portfolio.allocations
        ],
    }
    # portfolios and asset classes were warm: only the account and its settings were asked
    assert gql.sandbox.stats("finos") == {
        "GET /v1/accounts/{account_id}": 1,
        "GET /v1/accounts/{account_id}/settings": 1,
    }


async def test_a_failing_positions_call_costs_only_the_positions_field(gql: Gql) -> None:
    account = (await gql.providers.finos.list_all_accounts(limit=1)).items[0]
    gql.sandbox.fault(provider="finos", route="GET /v1/accounts/{account_id}/positions", status=500)
    result = await gql(
        "query($id: ID!) { account(id: $id) { accountNumber positions { edges { cursor } } } }",
        id=to_global_id("Account", "finos", account.id),
    )
    assert result.data == {"account": {"accountNumber": account.account_number, "positions": None}}
    assert result.errors is not None and len(result.errors) == 1
    assert result.errors[0].path == ["account", "positions"]
    assert result.errors[0].extensions is not None
    assert result.errors[0].extensions["code"] == "PROVIDER_UNAVAILABLE"
    assert result.errors[0].extensions["provider"] == "finos"
