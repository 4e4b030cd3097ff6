"""Finos sandbox: brokerage accounts, positions, transactions and settings."""

from __future__ import annotations

from decimal import Decimal

from tests.sandbox.test_finos_support import (
    CASH_ACCOUNT,
    INVESTMENT_PROFILE,
    USER,
    error,
    finos,
    seeded_user,
    state,
    walk,
)
from tests.support import SandboxControl

JOINT_MEMBER = {**USER, "first_name": "Marry", "email_address": "marry@finos.example"}


async def test_opening_an_individual_cash_account_answers_the_short_form(
    sandbox: SandboxControl,
) -> None:
    user = seeded_user(sandbox)
    async with finos(sandbox) as http:
        answer = await http.post(f"/v1/users/{user['id']}/accounts", json=CASH_ACCOUNT)
        account = answer.json()
        fetched = await http.get(f"/v1/accounts/{account['id']}")
    assert answer.status_code == 201
    assert account == {
        "user_id": user["id"],
        "id": account["id"],
        "account_number": account["account_number"],
        "ownership": "individual",
        "account_type": "cash",
    }
    assert account["account_number"].startswith("FOBN")
    body = fetched.json()
    assert body["owner"]["id"] == user["id"]
    assert body["joint_member"] is None
    assert body["available_cash"] == "0.00" and body["portfolio_market_value"] == "0.00"
    assert body["employment_status"] == "Employed / Self-Employed"


async def test_opening_a_joint_investment_account_keeps_the_joint_member(
    sandbox: SandboxControl,
) -> None:
    user = seeded_user(sandbox)
    body = {
        **CASH_ACCOUNT,
        **INVESTMENT_PROFILE,
        "ownership": "joint",
        "account_type": "investment",
        "joint_member": JOINT_MEMBER,
    }
    async with finos(sandbox) as http:
        answer = await http.post(f"/v1/users/{user['id']}/accounts", json=body)
        fetched = await http.get(f"/v1/accounts/{answer.json()['id']}")
    assert answer.status_code == 201
    assert answer.json()["ownership"] == "joint"
    member = fetched.json()["joint_member"]
    assert member["first_name"] == "Marry" and "ssn_number" not in member
    assert fetched.json()["risk_tolerance"] == "moderate"


async def test_account_rules_refuse_incomplete_profiles(sandbox: SandboxControl) -> None:
    user = seeded_user(sandbox)
    path = f"/v1/users/{user['id']}/accounts"
    async with finos(sandbox) as http:
        joint = await http.post(path, json={**CASH_ACCOUNT, "ownership": "joint"})
        investment = await http.post(
            path, json={**CASH_ACCOUNT, "account_type": "investment", "annual_income": "$200,000+"}
        )
        status = await http.post(path, json={**CASH_ACCOUNT, "martial_status": "complicated"})
        missing = await http.post(path, json={"ownership": "individual"})
        bad_type = await http.post(path, json={**CASH_ACCOUNT, "account_type": "margin"})
    assert joint.status_code == 400
    assert joint.json() == error("invalid_request", "joint_member is required for joint accounts")
    assert investment.json()["error"]["message"].startswith(
        "investment_objective is required for investment accounts; "
    )
    assert status.json() == error(
        "validation_error", "martial_status must be one of single, divorced, married, widowed"
    )
    assert missing.json()["error"] == {
        "type": "invalid_request",
        "message": "account_type is required; martial_status is required; "
        "country_of_citizenship is required; employment_status is required; "
        "employment_position is required; employer_name is required",
    }
    assert bad_type.json()["error"]["type"] == "validation_error"
    assert bad_type.json()["error"]["message"].startswith("account_type is invalid: ")


async def test_a_user_without_passed_kyc_cannot_open_an_account(sandbox: SandboxControl) -> None:
    user = seeded_user(sandbox, "action_required")
    async with finos(sandbox) as http:
        answer = await http.post(f"/v1/users/{user['id']}/accounts", json=CASH_ACCOUNT)
        unknown = await http.post("/v1/users/unknown/accounts", json=CASH_ACCOUNT)
    assert answer.status_code == 402
    assert answer.json() == error(
        "invalid_request", f"user {user['id']} has not passed KYC (status action_required)"
    )
    assert unknown.status_code == 404


async def test_a_seeded_account_shows_owner_cash_and_market_value(
    sandbox: SandboxControl,
) -> None:
    st = state(sandbox)
    ident = next(i for i in st.accounts.order if st.positions[i])
    async with finos(sandbox) as http:
        answer = await http.get(f"/v1/accounts/{ident}")
        missing = await http.get("/v1/accounts/unknown")
    body = answer.json()
    assert body["id"] == ident
    assert body["owner"]["id"] == st.accounts.by_id[ident]["user_id"]
    assert Decimal(body["available_cash"]) == st.cash[ident].quantize(Decimal("0.01"))
    assert Decimal(body["portfolio_market_value"]) > 0
    assert missing.status_code == 404
    assert missing.json() == error("not_found", "account unknown not found")


async def test_some_seeded_accounts_are_joint(sandbox: SandboxControl) -> None:
    accounts = state(sandbox).accounts.by_id.values()
    joint = [a for a in accounts if a["ownership"] == "joint"]
    assert 100 <= len(accounts) and 0 < len(joint) < len(accounts) / 2


async def test_updating_an_account_converts_cash_to_investment_and_to_joint(
    sandbox: SandboxControl,
) -> None:
    user = seeded_user(sandbox)
    async with finos(sandbox) as http:
        created = (await http.post(f"/v1/users/{user['id']}/accounts", json=CASH_ACCOUNT)).json()
        path = f"/v1/accounts/{created['id']}"
        refused = await http.put(path, json={"account_type": "investment"})
        invested = await http.put(path, json={"account_type": "investment", **INVESTMENT_PROFILE})
        joint = await http.put(path, json={"ownership": "joint", "joint_member": JOINT_MEMBER})
        fetched = await http.get(path)
    assert refused.status_code == 400
    assert refused.json()["error"]["type"] == "invalid_request"
    assert invested.status_code == 200
    assert invested.json() == {**created, "account_type": "investment"}
    assert joint.json()["ownership"] == "joint"
    assert fetched.json()["joint_member"]["email_address"] == "marry@finos.example"


async def test_listing_a_users_accounts_walks_them_all(sandbox: SandboxControl) -> None:
    st = state(sandbox)
    user_id = max(st.accounts_of_user, key=lambda u: len(st.accounts_of_user[u]))
    async with finos(sandbox) as http:
        ids, _ = await walk(http, f"/v1/users/{user_id}/accounts", limit=1)
        missing = await http.get("/v1/users/unknown/accounts")
        everyone = await http.get("/v1/accounts", params={"user_id": user_id})
    assert ids == list(reversed(st.accounts_of_user[user_id]))
    assert len(ids) > 1
    assert missing.status_code == 404
    assert [a["id"] for a in everyone.json()["data"]] == ids


async def test_positions_list_the_accounts_holdings_at_current_prices(
    sandbox: SandboxControl,
) -> None:
    st = state(sandbox)
    ident = max(st.positions, key=lambda a: len(st.positions[a]))
    async with finos(sandbox) as http:
        ids, _ = await walk(http, f"/v1/accounts/{ident}/positions", limit=2)
        page = (await http.get(f"/v1/accounts/{ident}/positions")).json()
        missing = await http.get("/v1/accounts/unknown/positions")
    assert sorted(ids) == sorted(st.positions[ident]) and len(ids) == len(set(ids))
    first = page["data"][0]
    assert set(first) == {
        "asset_id",
        "symbol",
        "exchange",
        "average_purchase_price",
        "quantity",
        "side",
        "market_value",
        "cost_basis",
        "current_price",
        "lastday_price",
        "change_today",
    }
    quantity, price = Decimal(first["quantity"]), Decimal(first["current_price"])
    assert Decimal(first["market_value"]) == (quantity * price).quantize(Decimal("0.01"))
    assert missing.status_code == 404


async def test_transactions_list_deposits_withdrawals_and_trades(sandbox: SandboxControl) -> None:
    st = state(sandbox)
    ident = max(st.funding_of_account, key=lambda a: len(st.funding_of_account[a]))
    async with finos(sandbox) as http:
        ids, _ = await walk(http, f"/v1/accounts/{ident}/transactions", limit=2)
        data = await http.get(f"/v1/accounts/{ident}/transactions", params={"limit": 100})
    assert ids == list(reversed(st.funding_of_account[ident]))
    types = {t["type"] for t in data.json()["data"]}
    assert types <= {"deposit", "withdrawal", "trade"} and "deposit" in types


async def test_settings_default_to_unmanaged_and_take_a_portfolio(
    sandbox: SandboxControl,
) -> None:
    st = state(sandbox)
    ident = st.accounts.order[0]
    portfolio = st.portfolios.order[0]
    path = f"/v1/accounts/{ident}/settings"
    async with finos(sandbox) as http:
        before = await http.get(path)
        updated = await http.put(
            path,
            json={
                "managed": True,
                "min_cash_percent": "1",
                "max_cash_percent": "5",
                "portfolio_id": portfolio,
            },
        )
        after = await http.get(path)
        unknown = await http.put(path, json={"portfolio_id": "nope"})
        inverted = await http.put(path, json={"min_cash_percent": 9, "max_cash_percent": 2})
        too_big = await http.put(path, json={"max_cash_percent": 150})
    assert before.json()["managed"] is False and before.json()["portfolio_id"] is None
    assert updated.status_code == 200
    assert updated.json() == {
        "id": ident,
        "portfolio_id": portfolio,
        "managed": True,
        "min_cash_percent": "1",
        "max_cash_percent": "5",
    }
    assert after.json() == updated.json()
    assert unknown.status_code == 404
    assert inverted.json() == error(
        "validation_error", "min_cash_percent must not be greater than max_cash_percent"
    )
    assert too_big.json() == error("validation_error", "max_cash_percent must be between 0 and 100")
