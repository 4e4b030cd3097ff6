"""FinmoClient against the loopback sandbox: every method returns typed records."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal

import pytest
from pydantic import SecretStr

from resolvers import CacheConfig, FinmoConfig, ProviderNotFound, make_ref_cache
from resolvers.finmo import (
    AddressInput,
    Application,
    Asset,
    AssetInput,
    Borrower,
    Broker,
    FinmoClient,
    Income,
    IncomeInput,
    Liability,
    LiabilityInput,
    MortgageInformation,
    MortgageInformationInput,
    NewApplicant,
    Property,
    PropertyInput,
    Team,
)
from sandbox import SandboxConfig
from tests.support import SandboxControl


@pytest.fixture(scope="module")
def seeded_sandbox(_sandbox_server: SandboxControl) -> SandboxControl:
    """Reseeded once for this module; tests only read, or add and check what they added."""
    for provider, limit in SandboxConfig().rate_limits.items():
        _sandbox_server.set_rate_limit(provider, limit)
    _sandbox_server.reset()
    return _sandbox_server


@pytest.fixture
async def finmo(seeded_sandbox: SandboxControl) -> AsyncIterator[FinmoClient]:
    seeded_sandbox.clear_stats()
    cache = make_ref_cache(CacheConfig())
    client = FinmoClient.create(FinmoConfig(), seeded_sandbox.url("finmo"), cache=cache)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture
async def team_client(seeded_sandbox: SandboxControl) -> AsyncIterator[FinmoClient]:
    config = FinmoConfig(token=SecretStr("sandbox-finmo-team-2"))
    cache = make_ref_cache(CacheConfig())
    client = FinmoClient.create(config, seeded_sandbox.url("finmo"), cache=cache)
    try:
        yield client
    finally:
        await client.aclose()


async def test_teams_and_one_team_are_typed(finmo: FinmoClient) -> None:
    teams = await finmo.teams()
    assert 4 <= len(teams) <= 6 and all(isinstance(t, Team) for t in teams)
    assert await finmo.team(teams[1].id) == teams[1]
    assert teams[0].created_at is not None and teams[0].created_at.tzinfo is not None


async def test_brokers_of_every_team_and_of_one_team(finmo: FinmoClient) -> None:
    brokers = await finmo.brokers()
    assert len(brokers) == 12 and all(isinstance(b, Broker) for b in brokers)
    team_id = brokers[0].team_id
    assert await finmo.brokers(team_id) == [b for b in brokers if b.team_id == team_id]
    assert await finmo.broker(brokers[3].id) == brokers[3]


async def test_team_borrowers_are_typed(finmo: FinmoClient, seeded_sandbox: SandboxControl) -> None:
    team = (await finmo.teams())[0]
    borrowers = await finmo.team_borrowers(team.id)
    assert borrowers and all(isinstance(b, Borrower) for b in borrowers)
    assert {b.team_id for b in borrowers} == {team.id}
    assert seeded_sandbox.calls("finmo", "GET /api/v1/teams/{teamId}/borrowers") == 1


async def test_applications_newest_first_and_iterated_with_a_cap(
    finmo: FinmoClient, seeded_sandbox: SandboxControl
) -> None:
    applications = await finmo.applications()
    assert all(isinstance(a, Application) for a in applications)
    assert [a.created_at for a in applications] == sorted(
        (a.created_at for a in applications), reverse=True
    )
    assert applications[0].assets is None, "the list carries no sub-resources"
    walked = [a async for a in finmo.iter_applications()]
    assert [a.id for a in walked] == [a.id for a in applications]
    capped = [a async for a in finmo.iter_applications(cap=7)]
    assert [a.id for a in capped] == [a.id for a in applications[:7]]
    team_id = applications[0].team_id
    assert [a.id async for a in finmo.iter_applications(team_id)] == [
        a.id for a in applications if a.team_id == team_id
    ]
    # Finmo does not paginate: one request per walk, however long the list.
    assert seeded_sandbox.calls("finmo", "GET /api/v1/applications") == 4


async def test_one_application_with_its_sub_resources(finmo: FinmoClient) -> None:
    summary = next(a for a in await finmo.applications() if len(a.applicants) == 2)
    detail = await finmo.application(summary.id)
    assert detail.applicants == summary.applicants and detail.team == summary.team
    assert detail.incomes == await finmo.incomes(summary.id)
    assert detail.assets == await finmo.assets(summary.id)
    assert detail.liabilities == await finmo.liabilities(summary.id)
    assert detail.properties == await finmo.properties(summary.id)
    assert detail.mortgage_information == await finmo.mortgage_information(summary.id)
    assert all(isinstance(i.amount, Decimal) and i.currency == "CAD" for i in detail.incomes or [])


async def test_create_application_for_a_new_applicant(finmo: FinmoClient) -> None:
    team = (await finmo.teams())[2]
    broker = (await finmo.brokers(team.id))[0]
    applicant = NewApplicant(
        first_name="Jane",
        last_name="Doe",
        email="jane.client@example.com",
        phone_number="6135550117",
    )
    created = await finmo.create_application(
        team.id, [broker.id], applicant=applicant, send_invite=True, goal="purchase"
    )
    assert created.team_id == team.id and created.status == "invited"
    assert created.applicants[0].email == "jane.client@example.com"
    assert [i.channel for i in created.invitations] == ["email"]
    assert created.incomes == [] and created.mortgage_information is not None
    borrowers = await finmo.team_borrowers(team.id)
    assert created.applicants[0].user_id in {b.user_id for b in borrowers}


async def test_create_application_for_an_existing_borrower(finmo: FinmoClient) -> None:
    team = (await finmo.teams())[2]
    brokers = await finmo.brokers(team.id)
    borrower = (await finmo.team_borrowers(team.id))[0]
    created = await finmo.create_application(
        team.id, [b.id for b in brokers], applicant_id=borrower.user_id, goal="renewal"
    )
    assert [a.user_id for a in created.applicants] == [borrower.user_id]
    assert (created.goal, created.status) == ("renewal", "draft")
    assert (await finmo.application(created.id)).id == created.id


async def test_sub_resources_are_added_and_returned_typed(finmo: FinmoClient) -> None:
    app_id = (await finmo.applications())[10].id
    asset = await finmo.add_asset(app_id, AssetInput(type="tfsa", value=Decimal("15000.25")))
    income = await finmo.add_income(
        app_id, IncomeInput(type="pension", amount=Decimal("2400"), period="monthly")
    )
    liability = await finmo.add_liability(
        app_id,
        LiabilityInput(type="auto_loan", balance=Decimal("18000"), monthly_payment=Decimal("450")),
    )
    address = AddressInput(street="9 Elgin St", city="Ottawa", province="ON", postal_code="K2P 1L4")
    prop = await finmo.add_property(
        app_id,
        PropertyInput(
            address=address, property_type="detached", occupancy="rental", value=Decimal("720000")
        ),
    )
    assert isinstance(asset, Asset) and asset.value == Decimal("15000.25")
    assert isinstance(income, Income) and income.period == "monthly"
    assert isinstance(liability, Liability) and liability.monthly_payment == Decimal("450")
    assert isinstance(prop, Property) and prop.address.postal_code == "K2P 1L4"
    assert (await finmo.assets(app_id))[-1] == asset
    assert (await finmo.incomes(app_id))[-1] == income
    assert (await finmo.liabilities(app_id))[-1] == liability
    assert (await finmo.properties(app_id))[-1] == prop


async def test_mortgage_information_is_set_and_read_back(finmo: FinmoClient) -> None:
    app_id = (await finmo.applications())[11].id
    info = MortgageInformationInput(
        loan_amount=Decimal("520000"),
        amortization_years=30,
        term_months=60,
        rate_type="variable",
        purchase_price=Decimal("650000"),
        down_payment=Decimal("130000"),
        interest_rate=Decimal("5.09"),
        closing_date=date(2026, 9, 15),
    )
    saved = await finmo.set_mortgage_information(app_id, info)
    assert isinstance(saved, MortgageInformation)
    assert (saved.loan_amount, saved.interest_rate, saved.closing_date) == (
        Decimal("520000"),
        Decimal("5.09"),
        date(2026, 9, 15),
    )
    assert await finmo.mortgage_information(app_id) == saved


async def test_team_client_sees_only_its_team(finmo: FinmoClient, team_client: FinmoClient) -> None:
    teams = await finmo.teams()
    assert await team_client.teams() == [teams[1]]
    assert {b.team_id for b in await team_client.brokers()} == {teams[1].id}
    assert {a.team_id for a in await team_client.applications()} == {teams[1].id}
    foreign = next(a for a in await finmo.applications() if a.team_id != teams[1].id)
    for call in (
        team_client.team(teams[0].id),
        team_client.team_borrowers(teams[0].id),
        team_client.application(foreign.id),
        team_client.broker((await finmo.brokers(teams[0].id))[0].id),
    ):
        with pytest.raises(ProviderNotFound):
            await call


async def test_ids_are_sent_as_one_path_segment(
    finmo: FinmoClient, seeded_sandbox: SandboxControl
) -> None:
    for odd in ("?teamId=x", "#top"):
        with pytest.raises(ProviderNotFound) as caught:
            await finmo.team(odd)
        assert caught.value.message == "Team not found"
    assert seeded_sandbox.calls("finmo", "GET /api/v1/teams/{teamId}") == 2
    assert seeded_sandbox.calls("finmo", "GET /api/v1/teams") == 0
