"""Finmo borrowers and Molo applicants as people: lists, lookups, profiles, applications."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from schema.ids import to_global_id
from tests.schema.conftest import Gql

OLDEST = datetime.min.replace(tzinfo=UTC)

BORROWERS = """query($providers: [Provider!], $after: String) {
  borrowers(providers: $providers, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id provider providerId firstName lastName email phone createdAt } } } }"""


async def all_borrowers(gql: Gql, providers: list[str]) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await gql.data(BORROWERS, providers=providers, after=after))["borrowers"]
        nodes += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def molo_people(gql: Gql) -> tuple[dict[int, Any], dict[int, Any]]:
    """Applicant id -> applicant and -> its application detail, read straight from Molo."""
    molo = gql.providers.molo
    limit = asyncio.Semaphore(8)

    async def bounded(read: Any) -> Any:
        async with limit:
            return await read

    summaries = await molo.list_applications()
    details = await asyncio.gather(*(bounded(molo.get_application(s.id)) for s in summaries))
    owner = {pk: d for d in details for pk in d.applicants}
    found = await asyncio.gather(*(bounded(molo.get_applicant(pk)) for pk in owner))
    return {a.id: a for a in found}, owner


async def test_finmo_borrowers_are_every_teams_borrowers_newest_first(gql: Gql) -> None:
    finmo = gql.providers.finmo
    records = [b for t in await finmo.teams() for b in await finmo.team_borrowers(t.id)]
    nodes = await all_borrowers(gql, ["FINMO"])
    newest = sorted(records, key=lambda b: (b.created_at, b.user_id), reverse=True)
    assert nodes == [
        {
            "id": to_global_id("Borrower", "finmo", b.user_id),
            "provider": "FINMO",
            "providerId": b.user_id,
            "firstName": b.first_name,
            "lastName": b.last_name,
            "email": b.email,
            "phone": b.phone,
            "createdAt": b.created_at.isoformat(),
        }
        for b in newest
    ]


async def test_the_molo_index_costs_one_read_per_record_once_then_nothing(gql: Gql) -> None:
    # Molo has no applicant list or search: the people index reads the list, every
    # application's detail and every applicant once (bounded concurrency), then serves
    # every later request from the reference cache.
    applicants, owner = await molo_people(gql)
    applications = len(await gql.providers.molo.list_applications())
    gql.sandbox.clear_stats()
    nodes = await all_borrowers(gql, ["MOLO"])
    assert gql.sandbox.stats() == {
        "molo": {
            "GET /api/v1/applications/": 1,
            "GET /api/v1/applications/{pk}/": applications,
            "GET /api/v1/applicants/{pk}/": len(applicants),
        }
    }
    newest = sorted(
        applicants.values(),
        key=lambda a: (owner[a.id].created_at or OLDEST, str(a.id)),
        reverse=True,
    )
    assert [(n["providerId"], n["email"], n["createdAt"]) for n in nodes] == [
        (str(a.id), a.email, owner[a.id].created_at.isoformat()) for a in newest
    ]
    gql.sandbox.clear_stats()
    assert await all_borrowers(gql, ["MOLO"]) == nodes
    assert gql.sandbox.stats() == {}


async def test_borrower_by_id_finds_finmo_borrowers_and_molo_applicants(gql: Gql) -> None:
    finmo = gql.providers.finmo
    team = (await finmo.teams())[0]
    borrower = (await finmo.team_borrowers(team.id))[0]
    molo_app = await gql.providers.molo.get_application(
        (await gql.providers.molo.list_applications())[0].id
    )
    applicant = await gql.providers.molo.get_applicant(molo_app.applicants[0])
    query = "query($id: ID!) { borrower(id: $id) { providerId email } }"
    for provider, provider_id, email in (
        ("finmo", borrower.user_id, borrower.email),
        ("molo", str(applicant.id), applicant.email),
    ):
        data = await gql.data(query, id=to_global_id("Borrower", provider, provider_id))
        assert data["borrower"] == {"providerId": provider_id, "email": email}
    # Floor for one Molo applicant by id: its read, and its application's for createdAt.
    gql.sandbox.clear_stats()
    await gql.data(query, id=to_global_id("Borrower", "molo", str(applicant.id)))
    assert gql.sandbox.stats() == {
        "molo": {"GET /api/v1/applicants/{pk}/": 1, "GET /api/v1/applications/{pk}/": 1}
    }
    result = await gql(query, id=to_global_id("Borrower", "molo", "1"))
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "NOT_FOUND"}


async def test_a_finmo_borrowers_applications_are_those_naming_them(gql: Gql) -> None:
    apps = await gql.providers.finmo.applications()
    counts: dict[str, int] = {}
    for app in apps:
        for a in app.applicants:
            counts[a.user_id] = counts.get(a.user_id, 0) + 1
    user = max(counts, key=lambda u: counts[u])
    assert counts[user] > 1
    query = """query($id: ID!) { borrower(id: $id) { applications(first: 100) {
      edges { node { providerId status } } } } }"""
    data = await gql.data(query, id=to_global_id("Borrower", "finmo", user))
    expected = [a.id for a in apps if user in {p.user_id for p in a.applicants}]
    assert [e["node"]["providerId"] for e in data["borrower"]["applications"]["edges"]] == expected


async def test_a_molo_applicants_applications_are_the_one_they_are_on(gql: Gql) -> None:
    summary = (await gql.providers.molo.list_applications())[3]
    detail = await gql.providers.molo.get_application(summary.id)
    query = """query($id: ID!) { borrower(id: $id) { applications {
      edges { node { providerId providerStatus } } } } }"""
    data = await gql.data(query, id=to_global_id("Borrower", "molo", str(detail.applicants[0])))
    assert [e["node"] for e in data["borrower"]["applications"]["edges"]] == [
        {"providerId": str(summary.id), "providerStatus": summary.status}
    ]


async def test_borrowers_applications_ask_each_provider_once_per_level(gql: Gql) -> None:
    # Floor: one applications list per provider for the whole page of borrowers
    # (neither provider can filter applications by borrower in a batch), once the
    # people indexes (reference cache) are warm.
    await all_borrowers(gql, ["FINMO", "MOLO"])
    query = """query($providers: [Provider!]) { borrowers(providers: $providers, first: 40) {
      edges { node { provider applications { edges { node { status } } } } } } }"""
    for provider, route in (
        ("FINMO", {"finmo": {"GET /api/v1/applications": 1}}),
        ("MOLO", {"molo": {"GET /api/v1/applications/": 1}}),
    ):
        gql.sandbox.clear_stats()
        data = await gql.data(query, providers=[provider])
        edges = data["borrowers"]["edges"]
        assert len(edges) == 40
        assert any(e["node"]["applications"]["edges"] for e in edges)
        assert gql.sandbox.stats() == route


async def test_profiles_match_finmo_borrowers_and_molo_applicants_by_email(gql: Gql) -> None:
    # the Molo side is checked against Molo itself in the index test above
    molo_by_email: dict[str, set[str]] = {}
    for node in await all_borrowers(gql, ["MOLO"]):
        if node["email"]:
            molo_by_email.setdefault(node["email"].strip().lower(), set()).add(node["providerId"])
    finmo = gql.providers.finmo
    finmo_people = [b for t in await finmo.teams() for b in await finmo.team_borrowers(t.id)]
    both = [b for b in finmo_people if b.email.strip().lower() in molo_by_email]
    assert both
    person = both[0]
    query = """query($id: ID!) { borrower(id: $id) { profiles { provider providerId
      applications { edges { node { provider } } } } } }"""
    data = await gql.data(query, id=to_global_id("Borrower", "finmo", person.user_id))
    profiles = data["borrower"]["profiles"]
    molo = {p["providerId"] for p in profiles if p["provider"] == "MOLO"}
    assert molo == molo_by_email[person.email.strip().lower()]
    for profile in profiles:
        if profile["provider"] == "MOLO":
            assert [e["node"]["provider"] for e in profile["applications"]["edges"]] == ["MOLO"]


async def test_other_providers_borrowers_have_no_mortgage_applications_and_cost_nothing(
    gql: Gql,
) -> None:
    from schema.borrower import Borrower
    from schema.common import Provider
    from schema.context import Context
    from schema.mortgages.links import applications_of_borrower

    class FakeInfo:
        context = Context(providers=gql.providers)

    gql.sandbox.clear_stats()
    for provider in (Provider.FINOS, Provider.FINANCEIT):
        someone = Borrower.build(provider, "x", first_name="A", last_name="B", email="a@b.c")
        found = await applications_of_borrower(FakeInfo(), someone, first=None, after=None)  # type: ignore[arg-type]
        assert found.edges == [] and found.page_info.has_next_page is False
    assert gql.sandbox.stats() == {}


async def test_without_batching_each_borrower_would_read_the_whole_list_again(gql: Gql) -> None:
    # The naive cost the dataloaders save: one applications list per borrower.
    from schema import ExecutionOptions

    await all_borrowers(gql, ["FINMO"])
    gql.options = ExecutionOptions(batching=False)
    gql.sandbox.clear_stats()
    await gql.data(
        """{ borrowers(providers: [FINMO], first: 25) {
          edges { node { applications { edges { cursor } } } } } }"""
    )
    assert gql.sandbox.stats() == {"finmo": {"GET /api/v1/applications": 25}}
