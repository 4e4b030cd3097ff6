"""Finos client: cached reference data (asset classes, portfolios), rollovers,
statements and webhooks."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal

import pytest
from pydantic import SecretStr

from resolvers.cache import RefCache
from resolvers.config import CacheConfig, FinosConfig
from resolvers.errors import ProviderAuthError, ProviderNotFound, ProviderValidationError
from resolvers.finos import (
    Custodian,
    CustodianAddress,
    CustodianPhone,
    FinosClient,
    RolloverAsset,
    RolloverRequest,
)
from sandbox.people import EPOCH
from tests.resolvers import test_finos_helpers as helpers
from tests.resolvers.test_finos_helpers import FakeTimer
from tests.support import SandboxControl

# the shared fixtures, under their own names so pytest finds them here
cache = helpers.cache
finos = helpers.finos
timer = helpers.timer

TTL = CacheConfig().asset_classes


async def test_asset_classes_are_fetched_once_within_the_ttl_and_again_after(
    sandbox: SandboxControl, finos: FinosClient, timer: FakeTimer
) -> None:
    first = await finos.all_asset_classes()
    assert "us-stocks" in {a.id for a in first}
    us = next(a for a in first if a.id == "us-stocks")
    assert us.primary == "VTI" and us.secondary == ["SCHB", "ITOT"]
    timer.advance(TTL - 1)
    assert await finos.all_asset_classes() == first
    assert sandbox.calls("finos", "GET /v1/asset_classes") == 1
    timer.advance(2)
    await finos.all_asset_classes()
    assert sandbox.calls("finos", "GET /v1/asset_classes") == 2


async def test_asset_class_and_portfolio_pages_bypass_the_cache(
    sandbox: SandboxControl, finos: FinosClient, cache: RefCache
) -> None:
    page = await finos.list_asset_classes(limit=4, order="asc")
    assert [a.id for a in page.items][:2] == ["us-stocks", "foreign-stocks"]
    assert page.next_cursor == page.items[-1].id
    ids = [a.id async for a in finos.iter_asset_classes(limit=4)]
    assert len(ids) == len(set(ids)) == len(helpers.finos_state(sandbox).asset_classes)
    assert sandbox.calls("finos", "GET /v1/asset_classes") == 1 + -(-len(ids) // 4)
    portfolios = [p async for p in finos.iter_portfolios(limit=1, cap=2)]
    assert len(portfolios) == 2
    assert sandbox.calls("finos", "GET /v1/portfolios") == 2
    assert cache.loads == 0


async def test_one_asset_class_is_cached_by_id(sandbox: SandboxControl, finos: FinosClient) -> None:
    assert (await finos.get_asset_class("us-stocks")).name == "U.S. Stocks"
    assert (await finos.get_asset_class("us-stocks")).name == "U.S. Stocks"
    assert sandbox.calls("finos", "GET /v1/asset_classes/{asset_class_id}") == 1


async def test_creating_an_asset_class_refreshes_the_cached_list(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    sandbox.clear_stats()
    before = await finos.all_asset_classes()
    created = await finos.create_asset_class(
        name="Tech Stocks", primary="QQQ", secondary=["VGT"], idempotency_key="ac-1"
    )
    assert created.name == "Tech Stocks" and created.secondary == ["VGT"]
    after = await finos.all_asset_classes()
    assert len(after) == len(before) + 1
    assert sandbox.calls("finos", "GET /v1/asset_classes") == 2
    updated = await finos.update_asset_class(created.id, primary="VGT", secondary=["QQQ"])
    assert updated.primary == "VGT"
    assert (await finos.get_asset_class(created.id)).primary == "VGT"
    put = await finos.put_asset_class(name="Small Caps", primary="VB", secondary=["IJR"])
    assert put.id == "small-caps"
    assert put.id in {a.id for a in await finos.all_asset_classes()}
    assert sandbox.calls("finos", "GET /v1/asset_classes") == 3


async def test_an_asset_class_without_a_primary_fund_is_refused(finos: FinosClient) -> None:
    with pytest.raises(ProviderValidationError) as caught:
        await finos.create_asset_class(name="Nothing", primary="")
    assert "primary" in caught.value.message


async def test_portfolios_are_fetched_once_within_the_ttl_and_again_after(
    sandbox: SandboxControl, finos: FinosClient, timer: FakeTimer
) -> None:
    portfolios = await finos.all_portfolios()
    moderate = next(p for p in portfolios if p.name == "moderate")
    assert sum(a.weight for a in moderate.allocations) == Decimal("100")
    assert await finos.get_portfolio(moderate.id) == moderate
    assert await finos.get_portfolio(moderate.id) == moderate
    await finos.all_portfolios()
    assert sandbox.calls("finos", "GET /v1/portfolios") == 1
    assert sandbox.calls("finos", "GET /v1/portfolios/{portfolio_id}") == 1
    timer.advance(CacheConfig().portfolios + 1)
    await finos.all_portfolios()
    assert sandbox.calls("finos", "GET /v1/portfolios") == 2


async def test_concurrent_reads_of_reference_data_make_one_request(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    results = await asyncio.gather(*(finos.all_portfolios() for _ in range(5)))
    assert all(r == results[0] for r in results)
    assert sandbox.calls("finos", "GET /v1/portfolios") == 1


async def test_cached_reference_data_is_not_served_to_another_credential(
    sandbox: SandboxControl, cache: RefCache, finos: FinosClient
) -> None:
    await finos.all_portfolios()
    config = FinosConfig(api_key=SecretStr("sk_other_finos_key"))
    async with FinosClient.create(config, sandbox.url("finos"), cache=cache) as other:
        with pytest.raises(ProviderAuthError):
            await other.all_portfolios()
    assert cache.loads == 1
    assert sandbox.calls("finos", "GET /v1/portfolios") == 2


async def test_create_and_update_a_portfolio(finos: FinosClient) -> None:
    created = await finos.create_portfolio(
        name="balanced", allocations={"us-stocks": "60.0", "corporate-bonds": Decimal("40")}
    )
    assert {a.asset_class_id: a.weight for a in created.allocations} == {
        "us-stocks": Decimal("60.0"),
        "corporate-bonds": Decimal("40"),
    }
    updated = await finos.update_portfolio(
        created.id, name="conservative-2", allocations={"us-stocks": "80", "corporate-bonds": "20"}
    )
    assert updated.name == "conservative-2"
    assert (await finos.get_portfolio(created.id)).name == "conservative-2"
    replaced = await finos.put_portfolio(
        name="moderate", allocations={"us-stocks": "70", "corporate-bonds": "30"}
    )
    assert replaced.name == "moderate"
    assert [a.weight for a in replaced.allocations] == [Decimal("70"), Decimal("30")]
    by_id = await finos.put_portfolio(
        portfolio_id=created.id, name="renamed", allocations={"us-stocks": "100"}
    )
    assert by_id.id == created.id and by_id.name == "renamed"


async def test_a_portfolio_whose_weights_do_not_add_up_is_refused(finos: FinosClient) -> None:
    with pytest.raises(ProviderValidationError) as caught:
        await finos.create_portfolio(name="bad", allocations={"us-stocks": "30"})
    assert "allocations" in caught.value.message


def _rollover(ira_account_id: str) -> RolloverRequest:
    return RolloverRequest(
        ira_account_id=ira_account_id,
        extent="partial",
        custodian=Custodian(
            name="Rollover Custodian - 52TTK409",
            address=CustodianAddress(
                street_address_1="123 Main St",
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
        description="Rollover from external custodian, initiated by client",
        assets=[RolloverAsset(asset_code="VTI", cash_amount=Decimal("1000.00"))],
    )


async def test_create_and_get_a_rollover(sandbox: SandboxControl, finos: FinosClient) -> None:
    account = helpers.finos_state(sandbox).accounts.order[0]
    created = await finos.create_rollover(_rollover(account), idempotency_key="ro-1")
    assert created.status == "initiated"
    fetched = await finos.get_rollover(created.id)
    assert (fetched.id, fetched.ira_account_id, fetched.extent) == (created.id, account, "partial")
    assert fetched.cash_amount == Decimal("5000.00") and fetched.tax_year == EPOCH.year
    sandbox.advance(3600)
    assert (await finos.get_rollover(created.id)).status == "pending"
    assert sandbox.calls("finos", "POST /v1/rollovers") == 1


async def test_a_rollover_for_an_unknown_account_or_an_old_tax_year_is_refused(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    with pytest.raises(ProviderNotFound) as caught:
        await finos.create_rollover(_rollover("no-such-account"))
    assert caught.value.message == "account no-such-account not found"
    account = helpers.finos_state(sandbox).accounts.order[0]
    too_old = _rollover(account).model_copy(update={"tax_year": 1999})
    with pytest.raises(ProviderValidationError) as refused:
        await finos.create_rollover(too_old)
    assert refused.value.field_errors[0].field == "tax_year"


async def test_statements_list_and_get(sandbox: SandboxControl, finos: FinosClient) -> None:
    state = helpers.finos_state(sandbox)
    account = next(a for a, ids in state.statements_of_account.items() if len(ids) > 3)
    since = dt.date(2000, 1, 1)
    statements = [s async for s in finos.iter_statements(account, start_date=since, limit=2)]
    assert len(statements) > 2 and len({s.id for s in statements}) == len(statements)
    assert all(s.account_id == account for s in statements)
    one = await finos.get_statement(statements[0].id)
    assert one.url and one.period_end == statements[0].period_end
    sandbox.clear_stats()
    capped = [s async for s in finos.iter_statements(account, start_date=since, limit=1, cap=2)]
    assert [s.id for s in capped] == [s.id for s in statements[:2]]
    assert sandbox.calls("finos", "GET /v1/statements") == 2


async def test_webhooks_create_get_update_list_and_delete(
    sandbox: SandboxControl, finos: FinosClient
) -> None:
    hook = await finos.create_webhook(
        name="My_Webhook_Name",
        url="https://example.com/finos-webhook",
        events=["usertransition.*"],
        basic_auth_username="finos_user",
        basic_auth_password="finos_passwd",
        idempotency_key="wh-1",
    )
    assert hook.active is True
    assert hook.config is not None and hook.config.url == "https://example.com/finos-webhook"
    assert "finos_passwd" not in repr(hook)
    assert (await finos.get_webhook(hook.id)).events == ["usertransition.*"]
    updated = await finos.update_webhook(hook.id, active=False)
    assert updated.active is False and updated.name == "My_Webhook_Name"
    listed = [h.id async for h in finos.iter_webhooks()]
    assert hook.id in listed
    deleted = await finos.delete_webhook(hook.id)
    assert deleted.deleted is True
    assert sandbox.calls("finos", "DELETE /v1/webhooks/{webhook_id}") == 1
    with pytest.raises(ProviderNotFound):
        await finos.get_webhook(hook.id)


async def test_a_webhook_without_a_url_is_refused(finos: FinosClient) -> None:
    with pytest.raises(ProviderValidationError) as caught:
        await finos.create_webhook(name="x", url="")
    assert "url" in caught.value.message
