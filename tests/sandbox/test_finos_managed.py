"""Finos sandbox: asset classes, portfolios, rollovers and statements."""

from __future__ import annotations

from tests.sandbox.test_finos_support import error, finos, state, walk
from tests.support import SandboxControl

ROLLOVER = {
    "ira_account_id": "",
    "direction": "in",
    "extent": "partial",
    "indirect": False,
    "processing_method": "ACATS",
    "custodian": {
        "name": "Rollover Custodian - 52TTK409",
        "address": {"street_address_1": "123 Main St", "city": "New York", "state": "NY"},
        "phone_numbers": [{"phone_type": "Work", "phone": "+18885554545"}],
    },
    "source_account_number": "RIA15678",
    "source_account_type": "EST",
    "source_account_inherited": False,
    "cash_amount": 5000.0,
    "tax_year": 2026,
    "description": "Rollover from external custodian, initiated by client",
    "assets": [{"asset_code": "VTI", "CashAmount": 1000.00}],
}


async def test_the_default_asset_classes_are_listed_and_retrievable(
    sandbox: SandboxControl,
) -> None:
    async with finos(sandbox) as http:
        ids, _ = await walk(http, "/v1/asset_classes", order="asc")
        one = await http.get("/v1/asset_classes/us-stocks")
        missing = await http.get("/v1/asset_classes/us-equity")
    assert len(ids) == 9 and ids[0] == "us-stocks"
    assert one.json() == {
        "id": "us-stocks",
        "name": "U.S. Stocks",
        "primary": "VTI",
        "secondary": ["SCHB", "ITOT"],
    }
    assert missing.status_code == 404


async def test_creating_and_updating_an_asset_class(sandbox: SandboxControl) -> None:
    body = {"name": "Gold Miners", "primary": "GDX", "secondary": ["RING"]}
    async with finos(sandbox) as http:
        created = await http.post("/v1/asset_classes/", json=body)
        duplicate = await http.post("/v1/asset_classes", json=body)
        as_put = await http.put("/v1/asset_classes/", json={**body, "name": "Silver"})
        updated = await http.put(
            "/v1/asset_classes/gold-miners", json={"primary": "RING", "secondary": ["GDX"]}
        )
        bad = await http.post("/v1/asset_classes", json={**body, "primary": "gdx"})
    assert created.status_code == 201
    assert created.json() == {"id": "gold-miners", **body}
    assert duplicate.status_code == 409
    assert as_put.status_code == 201 and as_put.json()["id"] == "silver"
    assert updated.json() == {**created.json(), "primary": "RING", "secondary": ["GDX"]}
    assert bad.json() == error("validation_error", "primary must be an upper-case ticker symbol")


async def test_creating_and_updating_a_portfolio(sandbox: SandboxControl) -> None:
    allocations = [
        {"asset_class_id": "us-stocks", "weight": "80.0"},
        {"asset_class_id": "emerging-market-bonds", "weight": "20.0"},
    ]
    async with finos(sandbox) as http:
        created = await http.post(
            "/v1/portfolios/", json={"name": "mine", "allocations": allocations}
        )
        ident = created.json()["id"]
        renamed = await http.put(f"/v1/portfolios/{ident}", json={"name": "ours"})
        by_name = await http.put(
            "/v1/portfolios/", json={"name": "ours", "allocations": allocations[:1]}
        )
        fetched = await http.get(f"/v1/portfolios/{ident}")
        listed, _ = await walk(http, "/v1/portfolios")
    assert created.status_code == 201
    assert created.json() == {"id": ident, "name": "mine", "allocations": allocations}
    assert renamed.json()["name"] == "ours"
    assert by_name.status_code == 400
    assert by_name.json() == error(
        "validation_error", "allocations weights must add up to 100, not 80"
    )
    assert fetched.json() == {**created.json(), "name": "ours"}
    assert listed[0] == ident and len(listed) == 4


async def test_portfolio_allocations_must_name_known_asset_classes(
    sandbox: SandboxControl,
) -> None:
    body = {
        "name": "moderate",
        "allocations": [
            {"asset_class_id": "us-stocks", "weight": "30.0"},
            {"asset_class_id": "emerging-market-stocks", "weight": "70.0"},
        ],
    }
    async with finos(sandbox) as http:
        unknown = await http.post("/v1/portfolios", json=body)
        empty = await http.post("/v1/portfolios", json={"name": "x", "allocations": []})
        missing = await http.get("/v1/portfolios/unknown")
    assert unknown.status_code == 404
    assert unknown.json() == error("not_found", "asset class emerging-market-stocks not found")
    assert empty.status_code == 400 and empty.json()["error"]["type"] == "validation_error"
    assert missing.status_code == 404


async def test_a_rollover_is_initiated_then_pending(sandbox: SandboxControl) -> None:
    account = state(sandbox).accounts.by_id[state(sandbox).accounts.order[0]]
    body = {**ROLLOVER, "ira_account_id": account["account_number"]}
    async with finos(sandbox) as http:
        created = await http.post("/v1/rollovers/", json=body)
        first = await http.get(f"/v1/rollovers/{created.json()['id']}")
        sandbox.advance(61)
        later = await http.get(f"/v1/rollovers/{created.json()['id']}")
        missing = await http.get("/v1/rollovers/unknown")
    assert created.status_code == 201
    assert created.json() == {"id": created.json()["id"], "status": "initiated"}
    assert first.json()["status"] == "initiated"
    assert first.json()["source_account_type"] == "EST"
    assert later.json()["status"] == "pending"
    assert missing.status_code == 404


async def test_rollover_fields_are_validated(sandbox: SandboxControl) -> None:
    account_id = state(sandbox).accounts.order[0]
    body = {**ROLLOVER, "ira_account_id": account_id}
    async with finos(sandbox) as http:
        extent = await http.post("/v1/rollovers", json={**body, "extent": "half"})
        year = await http.post("/v1/rollovers", json={**body, "tax_year": 2019})
        kind = await http.post("/v1/rollovers", json={**body, "source_account_type": "XYZ"})
        missing = await http.post("/v1/rollovers", json={"ira_account_id": account_id})
        unknown = await http.post("/v1/rollovers", json={**body, "ira_account_id": "XBN34731"})
    assert extent.status_code == 400 and extent.json()["error"]["type"] == "validation_error"
    assert year.json() == error("validation_error", "tax_year must be 2026 or 2025")
    assert kind.json()["error"]["message"].startswith("source_account_type must be one of TIA")
    assert missing.json()["error"]["type"] == "invalid_request"
    assert unknown.status_code == 404


async def test_statements_list_an_accounts_months_in_a_date_window(
    sandbox: SandboxControl,
) -> None:
    st = state(sandbox)
    account_id = max(st.statements_of_account, key=lambda a: len(st.statements_of_account[a]))
    every = st.statements_of_account[account_id]
    async with finos(sandbox) as http:
        recent = await http.get("/v1/statements", params={"account_id": account_id})
        ids, pages = await walk(
            http, "/v1/statements", account_id=account_id, start_date="2020-01-01", limit=2
        )
        one = await http.get(f"/v1/statements/{every[0]}")
        no_account = await http.get("/v1/statements")
        bad_date = await http.get(
            "/v1/statements", params={"account_id": account_id, "start_date": "June"}
        )
        missing = await http.get("/v1/statements/unknown")
    assert len(every) > 3
    assert ids == list(reversed(every))
    assert pages[0]["start_date"] == "2020-01-01T00:00:00Z"
    assert pages[0]["end_date"] == "2026-06-30T00:00:00Z"
    assert 1 <= len(recent.json()["data"]) <= 3
    assert recent.json()["pagination"]["start_date"] == "2026-03-03T00:00:00Z"
    assert one.json()["id"] == every[0] and one.json()["url"].startswith("https://")
    assert no_account.json() == error("invalid_request", "account_id is required")
    assert bad_date.json() == error("invalid_request", "start_date must be an ISO date")
    assert missing.status_code == 404
