"""Upstream-call floors of mortgages queries (issue 4), on a warm token and reference cache.

Each test warms what a running gateway keeps warm (the Molo token, Finmo's
teams and brokers), clears the sandbox counters, runs the measured query and
asserts the exact requests each provider saw.
"""

from __future__ import annotations

from tests.schema.conftest import Gql

WARM = """{ teams { edges { node { id } } } brokers(first: 1) { edges { node { id } } }
  applications(provider: MOLO, first: 1) { edges { node { id } } } }"""


async def test_twenty_molo_applications_with_borrowers_cost_one_call_per_distinct_record(
    gql: Gql,
) -> None:
    # Floor: Molo's list answers summaries without applicants, the detail answers
    # applicant ids only, and Molo has no batch read of either: the least any client
    # can do is the list, one detail per application and one read per distinct applicant.
    await gql.data(WARM)
    molo = gql.providers.molo
    page = (await molo.list_applications())[:20]
    details = [await molo.get_application(s.id) for s in page]
    applicants = {pk for d in details for pk in d.applicants}
    assert len(page) == 20 and len(applicants) >= 20
    gql.sandbox.clear_stats()
    data = await gql.data(
        "{ applications(provider: MOLO, first: 20)"
        " { edges { node { borrowers { firstName email } } } } }"
    )
    assert len(data["applications"]["edges"]) == 20
    assert gql.sandbox.stats() == {
        "molo": {
            "GET /api/v1/applications/": 1,
            "GET /api/v1/applications/{pk}/": 20,
            "GET /api/v1/applicants/{pk}/": len(applicants),
        }
    }


async def test_molo_detail_fields_and_borrowers_share_one_read_per_record(gql: Gql) -> None:
    # Floor as above: every detail field of an application (amounts, DIP, applicants)
    # comes from the same detail read, so asking for more fields costs nothing more.
    await gql.data(WARM)
    page = (await gql.providers.molo.list_applications())[:10]
    details = [await gql.providers.molo.get_application(s.id) for s in page]
    applicants = {pk for d in details for pk in d.applicants}
    gql.sandbox.clear_stats()
    await gql.data(
        """{ applications(provider: MOLO, first: 10) { edges { node {
          desiredLoanAmount { amount } propertyValue { amount } monthlyRent { amount } loanTerm
          referenceId applicantIds decisionInPrinciple { status hasPdf }
          borrowers { email } applicants { isLead taxableIncome { amount } } } } } }"""
    )
    assert gql.sandbox.stats() == {
        "molo": {
            "GET /api/v1/applications/": 1,
            "GET /api/v1/applications/{pk}/": 10,
            "GET /api/v1/applicants/{pk}/": len(applicants),
        }
    }


async def test_a_finmo_page_with_team_and_brokers_costs_one_list_call(gql: Gql) -> None:
    # Floor: one GET /applications (Finmo's list is whole, with applicants and
    # broker references); teams and brokers are reference data already cached.
    await gql.data(WARM)
    gql.sandbox.clear_stats()
    data = await gql.data(
        """{ applications(provider: FINMO, first: 50) { edges { node {
          team { name } brokers { firstName } borrowers { email } } } } }"""
    )
    edges = data["applications"]["edges"]
    assert len(edges) == 50
    assert all(e["node"]["team"]["name"] and e["node"]["brokers"] for e in edges)
    assert gql.sandbox.stats() == {"finmo": {"GET /api/v1/applications": 1}}


async def test_finmo_sub_resources_cost_one_detail_read_per_application(gql: Gql) -> None:
    # Floor: the list does not carry assets, incomes, liabilities, properties or the
    # mortgage information, and Finmo has no batch detail read: one
    # GET /applications/{id} per application serves all five.
    await gql.data(WARM)
    gql.sandbox.clear_stats()
    await gql.data(
        """{ applications(provider: FINMO, first: 10) { edges { node {
          assets { value { amount } } incomes { amount { amount } }
          liabilities { balance { amount } } properties { value { amount } }
          mortgageInformation { loanAmount { amount } } } } } }"""
    )
    assert gql.sandbox.stats() == {
        "finmo": {"GET /api/v1/applications": 1, "GET /api/v1/applications/{applicationId}": 10}
    }


async def test_the_merged_page_asks_each_provider_once_per_level(gql: Gql) -> None:
    # Floor: one list per provider, then per-record reads only where the list lacks data
    # (Molo details and applicants); Finmo's team, brokers and borrowers are free.
    await gql.data(WARM)
    merged = await gql.data(
        "{ applications(first: 30) { edges { node { provider providerId } } } }"
    )
    molo_ids = [
        int(e["node"]["providerId"])
        for e in merged["applications"]["edges"]
        if e["node"]["provider"] == "MOLO"
    ]
    details = [await gql.providers.molo.get_application(pk) for pk in molo_ids]
    applicants = {pk for d in details for pk in d.applicants}
    assert 0 < len(molo_ids) < 30
    gql.sandbox.clear_stats()
    await gql.data(
        "{ applications(first: 30) { edges { node { team { name } brokers { email }"
        " borrowers { email } } } } }"
    )
    assert gql.sandbox.stats() == {
        "finmo": {"GET /api/v1/applications": 1},
        "molo": {
            "GET /api/v1/applications/": 1,
            "GET /api/v1/applications/{pk}/": len(molo_ids),
            "GET /api/v1/applicants/{pk}/": len(applicants),
        },
    }
