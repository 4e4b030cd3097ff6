"""One client intent, one Finmo or Molo write: replays, reused keys, concurrent
duplicates, answers lost after the write was sent, and a restart in between."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from resolvers import (
    CacheConfig,
    FinanceItConfig,
    FinmoConfig,
    FinosConfig,
    HttpConfig,
    MemoryTokenStore,
    MoloConfig,
    ProviderEndpoints,
    make_ref_cache,
    open_providers,
)
from resolvers.idempotency import IdempotencyStore, SqliteIdempotencyStore
from tests.schema import test_mortgages_mutations as fm
from tests.schema import test_mortgages_mutations_molo as mm
from tests.schema.conftest import Gql

Case = tuple[str, dict[str, Any], dict[str, Any]]  # query, input, another input
Setup = Callable[[Gql], Awaitable[Case]]


async def create_application(gql: Gql) -> Case:
    team, brokers = await fm.team_setup(gql.providers.finmo)
    data = fm.new_applicant_input(team, brokers[0], "replay@example.com")
    return fm.CREATE_APPLICATION, data, data | {"goal": "PRE_APPROVAL"}


async def finmo_detail(gql: Gql, query: str, data: dict[str, Any], key: str) -> Case:
    app = fm.gid("Application", await fm.some_application(gql.providers.finmo))
    full = {"applicationId": app, **data}
    return query, full, full | {key: "777"}


async def add_asset(gql: Gql) -> Case:
    return await finmo_detail(gql, fm.ADD_ASSET, {"type": "gift", "value": "5000"}, "value")


async def add_income(gql: Gql) -> Case:
    data = {"type": "pension", "amount": "2000", "period": "monthly"}
    return await finmo_detail(gql, fm.ADD_INCOME, data, "amount")


async def add_liability(gql: Gql) -> Case:
    data = {"type": "auto_loan", "balance": "9000", "monthlyPayment": "300"}
    return await finmo_detail(gql, fm.ADD_LIABILITY, data, "balance")


async def add_property(gql: Gql) -> Case:
    address = {"street": "2 Elm St", "city": "Toronto", "province": "ON", "postalCode": "M5V 2T6"}
    data = {"address": address, "propertyType": "detached", "occupancy": "rental"}
    return await finmo_detail(gql, fm.ADD_PROPERTY, data | {"value": "900000"}, "value")


async def set_mortgage_information(gql: Gql) -> Case:
    data = {
        "loanAmount": "300000",
        "amortizationYears": 30,
        "termMonths": 36,
        "rateType": "variable",
    }
    return await finmo_detail(gql, fm.SET_MORTGAGE, data, "loanAmount")


async def create_mortgage_application(_gql: Gql) -> Case:
    return mm.CREATE, mm.NEW_APPLICATION, mm.NEW_APPLICATION | {"loanTerm": 9}


async def update_mortgage_application(gql: Gql) -> Case:
    data = {"applicationId": await mm.new_application(gql), "loanTerm": 11}
    return mm.UPDATE, data, data | {"loanTerm": 12}


async def request_decision_in_principle(gql: Gql) -> Case:
    application, _ = await mm.with_lead(gql)
    other = await mm.new_application(gql)
    data = {"applicationId": application, "allowSoftCreditSearch": True}
    return mm.DIP, data, data | {"applicationId": other}


async def add_applicant(gql: Gql) -> Case:
    application, _ = await mm.with_lead(gql)
    data = mm.person(application, "co@example.com", lead=False)
    return mm.ADD, data, data | {"email": "other@example.com"}


async def update_applicant(gql: Gql) -> Case:
    _, lead = await mm.with_lead(gql)
    data = {"applicantId": lead, "mobile": "+447700900001"}
    return mm.PATCH, data, data | {"mobile": "+447700900002"}


async def replace_applicant(gql: Gql) -> Case:
    application, lead = await mm.with_lead(gql)
    data = mm.person(application, "put@example.com", lead=True) | {"applicantId": lead}
    del data["applicationId"], data["isPrivacyPolicyAccepted"]
    return mm.PUT, data, data | {"email": "put2@example.com"}


async def remove_applicant(gql: Gql) -> Case:
    application, _ = await mm.with_lead(gql)
    ids = []
    for email in ("co1@example.com", "co2@example.com"):
        added = await fm.run(gql, mm.ADD, mm.person(application, email, lead=False))
        ids.append(added["applicant"]["borrower"]["id"])
    return mm.REMOVE, {"applicantId": ids[0]}, {"applicantId": ids[1]}


CASES: dict[str, tuple[str, Setup]] = {
    "createApplication": ("finmo", create_application),
    "addAsset": ("finmo", add_asset),
    "addIncome": ("finmo", add_income),
    "addLiability": ("finmo", add_liability),
    "addProperty": ("finmo", add_property),
    "setMortgageInformation": ("finmo", set_mortgage_information),
    "createMortgageApplication": ("molo", create_mortgage_application),
    "updateMortgageApplication": ("molo", update_mortgage_application),
    "requestDecisionInPrinciple": ("molo", request_decision_in_principle),
    "addApplicant": ("molo", add_applicant),
    "updateApplicant": ("molo", update_applicant),
    "replaceApplicant": ("molo", replace_applicant),
    "removeApplicant": ("molo", remove_applicant),
}


@pytest.mark.parametrize("mutation", list(CASES))
async def test_a_replay_with_the_same_key_answers_the_same_payload_without_a_call(
    gql: Gql, mutation: str
) -> None:
    provider, setup = CASES[mutation]
    query, data, _ = await setup(gql)
    first = await fm.run(gql, query, data | {"idempotencyKey": f"k-{mutation}"})
    assert first["userErrors"] == [], first
    gql.sandbox.clear_stats()
    again = await fm.run(gql, query, data | {"idempotencyKey": f"k-{mutation}"})
    assert again == first
    assert gql.sandbox.calls(provider) == 0


@pytest.mark.parametrize("mutation", list(CASES))
async def test_the_same_key_with_another_input_is_refused_without_a_call(
    gql: Gql, mutation: str
) -> None:
    provider, setup = CASES[mutation]
    query, data, other = await setup(gql)
    await fm.run(gql, query, data, idempotency_key="same-key")  # the key as a header
    gql.sandbox.clear_stats()
    result = await gql.execute(query, {"input": other}, idempotency_key="same-key")
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "IDEMPOTENCY_KEY_REUSED"}
    assert gql.sandbox.calls(provider) == 0


async def test_twenty_concurrent_create_applications_with_one_key_write_once(gql: Gql) -> None:
    query, data, _ = await create_application(gql)
    gql.sandbox.clear_stats()
    variables = {"input": data | {"idempotencyKey": "tap-tap-tap"}}
    results = await asyncio.gather(*(gql.execute(query, variables) for _ in range(20)))
    assert all(r.errors is None for r in results), [r.errors for r in results if r.errors]
    payloads = [r.data for r in results]
    assert all(p == payloads[0] for p in payloads)
    assert gql.sandbox.calls("finmo", "POST /api/v1/applications") == 1


async def test_twenty_concurrent_molo_creates_with_one_key_write_once(gql: Gql) -> None:
    gql.sandbox.clear_stats()
    variables = {"input": mm.NEW_APPLICATION | {"idempotencyKey": "once"}}
    results = await asyncio.gather(*(gql.execute(mm.CREATE, variables) for _ in range(20)))
    assert all(r.errors is None and r.data == results[0].data for r in results)
    assert gql.sandbox.calls("molo", "POST /api/v1/applications/") == 1


# answers lost after the write was sent ----------------------------------------------


@asynccontextmanager
async def impatient(gql: Gql, store: IdempotencyStore) -> AsyncIterator[Gql]:
    """A gateway whose Finmo and Molo clients give up after half a second, on `store`."""
    sandbox = gql.sandbox
    short = HttpConfig(read_timeout=0.5)
    async with open_providers(
        finmo=FinmoConfig(http=short),
        financeit=FinanceItConfig(),
        finos=FinosConfig(),
        molo=MoloConfig(http=short),
        endpoints=ProviderEndpoints(
            finmo=sandbox.url("finmo"),
            financeit=sandbox.url("financeit"),
            finos=sandbox.url("finos"),
            molo=sandbox.url("molo"),
        ),
        token_store=MemoryTokenStore(),
        cache=make_ref_cache(CacheConfig()),
    ) as providers:
        other = Gql(providers, sandbox)
        other.idempotency = store
        yield other


async def outcome_unknown(gql: Gql, query: str, data: dict[str, Any]) -> None:
    result = await asyncio.wait_for(gql.execute(query, {"input": data}), timeout=10)
    assert result.errors is not None
    assert result.errors[0].extensions is not None
    assert result.errors[0].extensions["code"] == "OUTCOME_UNKNOWN"


async def test_a_finmo_create_lost_in_a_timeout_is_retried_into_exactly_one(gql: Gql) -> None:
    query, data, _ = await create_application(gql)
    data = data | {"idempotencyKey": "lost-1"}
    async with impatient(gql, gql.idempotency) as slow:
        gql.sandbox.fault(provider="finmo", route="POST /api/v1/applications", latency_ms=3000)
        await outcome_unknown(slow, query, data)
        gql.sandbox.clear_faults()
        retried = await fm.run(slow, query, data)
    again = await fm.run(gql, query, data)
    assert again == retried and retried["application"] is not None
    assert retried["application"]["team"]["id"] == data["teamId"]
    finmo = gql.providers.finmo
    found = [
        a
        for a in await finmo.applications()
        if any(x.email == "replay@example.com" for x in a.applicants)
    ]
    assert [a.id for a in found] == [retried["application"]["providerId"]]


async def test_a_molo_create_answered_too_late_survives_a_restart_as_one_write(
    gql: Gql, tmp_path: Path
) -> None:
    data = mm.NEW_APPLICATION | {"referenceId": "lead-restart", "idempotencyKey": "lost-2"}
    path = tmp_path / "idempotency.sqlite"
    first_store = SqliteIdempotencyStore(path)
    async with impatient(gql, first_store) as slow:
        # the create lands; the read of the new application gets no answer in time
        gql.sandbox.fault(provider="molo", route="GET /api/v1/applications/{pk}/", latency_ms=3000)
        await outcome_unknown(slow, mm.CREATE, data)
        gql.sandbox.clear_faults()
    await first_store.aclose()
    restarted = SqliteIdempotencyStore(path)  # a new process on the same data directory
    try:
        async with impatient(gql, restarted) as fresh:
            retried = await fm.run(fresh, mm.CREATE, data)
            replayed = await fm.run(fresh, mm.CREATE, data)
    finally:
        await restarted.aclose()
    assert replayed == retried and retried["application"]["referenceId"] == "lead-restart"
    assert gql.sandbox.calls("molo", "POST /api/v1/applications/") == 1
    molo = gql.providers.molo
    mine = []
    for summary in (await molo.list_applications())[:5]:
        detail = await molo.get_application(summary.id)
        if detail.reference_id == "lead-restart":
            mine.append(str(detail.id))
    assert mine == [retried["application"]["providerId"]]


async def test_a_molo_applicant_added_without_an_answer_is_found_not_added_twice(
    gql: Gql,
) -> None:
    application = await mm.new_application(gql)
    data = mm.person(application, "late@example.com", lead=True) | {"idempotencyKey": "lost-3"}
    async with impatient(gql, gql.idempotency) as slow:
        gql.sandbox.fault(provider="molo", route="GET /api/v1/applicants/{pk}/", latency_ms=3000)
        await outcome_unknown(slow, mm.ADD, data)
        gql.sandbox.clear_faults()
        gql.sandbox.clear_stats()
        retried = await fm.run(slow, mm.ADD, data)
    assert retried["applicant"]["email"] == "late@example.com"
    assert gql.sandbox.calls("molo", "POST /api/v1/applicants/") == 0
    assert retried["application"]["applicantIds"] == [retried["applicant"]["providerId"]]
