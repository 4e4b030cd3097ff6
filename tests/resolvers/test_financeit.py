"""FinanceItClient against the loopback sandbox: one test per route, typed records, errors."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from datetime import UTC, date
from decimal import Decimal
from typing import cast

import pytest

from resolvers.cache import RefCache
from resolvers.config import CacheConfig, FinanceItConfig
from resolvers.errors import (
    FieldError,
    ProviderAuthError,
    ProviderNotFound,
    ProviderValidationError,
)
from resolvers.financeit import (
    Calculation,
    CommissionTotals,
    DirectInvite,
    FinanceItClient,
    Loan,
    LoanPage,
    Partner,
)
from sandbox.financeit import FinanceItSandbox
from tests.support import SandboxControl

API = "/en/api/v3"


def provider(sandbox: SandboxControl) -> FinanceItSandbox:
    return cast(FinanceItSandbox, sandbox.sandbox.providers["financeit"])


def new_cache() -> RefCache:
    return RefCache(CacheConfig().model_dump(exclude={"maxsize"}))


@pytest.fixture
async def client(sandbox: SandboxControl) -> AsyncIterator[FinanceItClient]:
    client = FinanceItClient.create(FinanceItConfig(), sandbox.url("financeit"), cache=new_cache())
    try:
        yield client
    finally:
        await client.aclose()


def shop_id(sandbox: SandboxControl, verticals: int = 1) -> int:
    store = provider(sandbox).store
    return next(
        pid for pid in store.location_ids if len(store.partners[pid]["verticals"]) == verticals
    )


async def test_partners_are_typed_and_cached(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    partners = await client.partners()
    again = await client.partners()
    store = provider(sandbox).store
    assert all(isinstance(p, Partner) for p in partners)
    assert [p.id for p in partners] == [store.broker_id, *store.location_ids]
    assert again == partners
    assert sandbox.calls("financeit", f"GET {API}/partners") == 1


async def test_partner_details_and_commission_totals(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    pid = shop_id(sandbox)
    partner = await client.partner(pid)
    assert (partner.id, partner.verticals) == (
        pid,
        provider(sandbox).store.partners[pid]["verticals"],
    )
    totals = await client.commission_totals(pid, earned_start_date=date(2026, 1, 1))
    everything = await client.commission_totals(pid)
    assert isinstance(totals, CommissionTotals)
    assert Decimal(0) < totals.earned < everything.earned
    assert totals.currency == "CAD"


async def test_unknown_partner_is_provider_not_found(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    outsider = int(provider(sandbox).store.outsider["id"])
    with pytest.raises(ProviderNotFound) as caught:
        await client.partner(outsider)
    assert caught.value.status == 404
    assert caught.value.message == "Partner not found"


async def test_calculator_results_are_typed_options(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    quote = await client.calculate(
        Decimal("12500"), partner_id=shop_id(sandbox), payment_frequency="f", insurance=False
    )
    assert isinstance(quote, Calculation)
    assert quote.application_link is not None
    assert quote.results[0].promo_program_id == 0
    assert all(isinstance(r.payment_amount, Decimal) for r in quote.results)
    assert {r.payment_frequency for r in quote.results} == {"f"}


async def test_validation_errors_carry_field_messages(client: FinanceItClient) -> None:
    with pytest.raises(ProviderValidationError) as caught:
        await client.calculate(100, vertical_name="Retail", payment_frequency="d")
    error = caught.value
    assert error.status == 422
    assert error.field_errors == (FieldError("payment_frequency", "must be one of: m, f or w"),)
    with pytest.raises(ProviderValidationError) as caught:
        await client.calculate(100, vertical_name="Retail")
    assert caught.value.field_errors == (
        FieldError("requested_amount", "must be between 500 and 100000"),
    )
    assert caught.value.message == "requested_amount must be between 500 and 100000"


async def test_promo_programs_and_subverticals_are_typed(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    pid = shop_id(sandbox)
    programs = await client.promo_programs(partner_id=pid)
    subverticals = await client.subverticals(partner_id=pid)
    vertical = provider(sandbox).store.partners[pid]["verticals"][0]
    assert len(programs) == 2
    assert {p.vertical_name for p in programs} == {vertical}
    assert all(p.amortization_periods for p in programs)
    assert {s.vertical_name for s in subverticals} == {vertical}
    assert all(s.product_types for s in subverticals)


async def test_loans_page_is_a_typed_page(client: FinanceItClient, sandbox: SandboxControl) -> None:
    page = await client.loans_page(page=2, limit=10, state="all")
    assert isinstance(page, LoanPage)
    assert (page.page, page.limit, page.maybe_more) == (2, 10, True)
    expected = [loan["id"] for loan in provider(sandbox).store.newest_first[10:20]]
    assert [loan.id for loan in page.loans] == expected
    assert all(loan.created_at.tzinfo is UTC for loan in page.loans)


async def test_iter_loans_walks_every_page_once(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    loans = [loan async for loan in client.iter_loans(state="all", limit=50)]
    total = len(provider(sandbox).store.loans)
    assert [loan.id for loan in loans] == [ln["id"] for ln in provider(sandbox).store.newest_first]
    assert len({loan.id for loan in loans}) == total
    pages = math.floor(total / 50) + 1  # a short (possibly empty) page ends the walk
    assert sandbox.calls("financeit", f"GET {API}/loans") == pages


async def test_iter_loans_stops_at_the_cap_without_fetching_more(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    loans = [loan async for loan in client.iter_loans(state="all", limit=20, cap=30)]
    assert len(loans) == 30
    assert sandbox.calls("financeit", f"GET {API}/loans") == 2


async def test_loan_details_and_lookup_by_lead_id(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    seeded = provider(sandbox).store.newest_first[7]
    loan = await client.loan(seeded["id"])
    assert isinstance(loan, Loan)
    assert loan.promo_program is not None and loan.promo_program.id == seeded["promo_program"]["id"]
    assert loan.borrower is not None and loan.borrower.email == seeded["borrower"]["email"]
    assert loan.principal_amount == Decimal(seeded["principal_amount"])
    found = await client.loan_id_by_lead_id(seeded["lead_id"], partner_id=seeded["partner_id"])
    assert found == seeded["id"]
    with pytest.raises(ProviderNotFound):
        await client.loan(1)


async def test_direct_invite_is_sent_once_and_rejections_name_the_fields(
    client: FinanceItClient, sandbox: SandboxControl
) -> None:
    pid = shop_id(sandbox)
    sent = await client.send_direct_invite(
        promo_program_id=0, send_via="sms", partner_id=pid, mobile_number="416-555-1234"
    )
    assert isinstance(sent, DirectInvite)
    assert sandbox.calls("financeit", f"POST {API}/direct_invites") == 1
    assert len(provider(sandbox).store.invites) == 1
    with pytest.raises(ProviderValidationError) as caught:
        await client.send_direct_invite(
            promo_program_id=0,
            send_via="sms",
            partner_id=pid,
            mobile_number="4165551234",
            message="x" * 300,
        )
    assert [f.field for f in caught.value.field_errors] == ["mobile_number", "message"]
    assert len(provider(sandbox).store.invites) == 1


async def test_links_are_created(client: FinanceItClient, sandbox: SandboxControl) -> None:
    loan_id = provider(sandbox).store.newest_first[0]["id"]
    single = await client.create_single_access_link(loan_id, email="clerk@shop.example.com")
    assert (single.loan_id, single.email) == (loan_id, "clerk@shop.example.com")
    custom = await client.create_customized_link(
        4242, partner_id=shop_id(sandbox), contacts=[{"email": "boss@shop.example.com"}]
    )
    assert (custom.lead_id, custom.partner_id) == (4242, shop_id(sandbox))
    assert single.link != custom.link


async def test_anonymous_client_gets_the_calculator_and_403_elsewhere(
    sandbox: SandboxControl,
) -> None:
    config = FinanceItConfig(anonymous=True, login=None, password=None)
    client = FinanceItClient.create(config, sandbox.url("financeit"), cache=new_cache())
    try:
        quote = await client.calculate(5000, vertical_name="Power")
        programs = await client.promo_programs(vertical_name="Power")
        with pytest.raises(ProviderAuthError) as caught:
            await client.loans_page()
    finally:
        await client.aclose()
    assert quote.application_link is None and programs
    assert caught.value.status == 403
    assert caught.value.message == "This action is not available to anonymous users"
    assert sandbox.calls("financeit", f"POST {API}/accounts/create_user_oauth_token") == 1
    assert sandbox.calls("financeit", f"GET {API}/loans") == 1  # a 403 is not retried


async def test_merchant_client_reads_its_own_reference_data_without_a_partner_id(
    sandbox: SandboxControl,
) -> None:
    config = FinanceItConfig(login="sandbox-merchant")
    client = FinanceItClient.create(config, sandbox.url("financeit"), cache=new_cache())
    store = provider(sandbox).store
    own = store.users[store.merchant_user_id]
    try:
        programs = await client.promo_programs()
        partners = await client.partners()
        loans = [loan async for loan in client.iter_loans(state="all")]
    finally:
        await client.aclose()
    assert {p.vertical_name for p in programs} == set(store.partners[own]["verticals"])
    assert [p.id for p in partners] == [own]
    assert loans and {loan.partner_id for loan in loans} == {own}
