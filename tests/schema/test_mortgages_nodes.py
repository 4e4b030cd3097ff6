"""node() and nodes() for every mortgages type, and what they cost upstream."""

from __future__ import annotations

from schema.ids import to_global_id
from tests.schema.conftest import Gql

NODE = """query($id: ID!) { node(id: $id) { __typename id
  ... on Application { providerId provider }
  ... on Team { providerId name }
  ... on Broker { providerId email }
  ... on MaxLoanQuote { providerId maxLoan { amount currency } }
  ... on MortgageAsset { providerId value { amount } }
  ... on MortgageIncome { providerId amount { amount } }
  ... on MortgageLiability { providerId balance { amount } }
  ... on MortgageProperty { providerId value { amount } }
  ... on MortgageInformation { providerId loanAmount { amount } }
} }"""


async def test_node_round_trips_every_mortgages_type(gql: Gql) -> None:
    finmo, molo = gql.providers.finmo, gql.providers.molo
    app = (await finmo.applications())[0]
    detail = await finmo.application(app.id)
    assert detail.assets and detail.incomes and detail.liabilities and detail.properties
    molo_app = (await molo.list_applications())[0]
    team = (await finmo.teams())[0]
    broker = (await finmo.brokers())[0]
    quote = await gql.data(
        """{ maxLoanQuote(input: {mortgageType: REMORTGAGE, borrowerType: LIMITED_COMPANY,
        propertyValue: "300000", estimatedRentPerMonth: "1500.50", isHmo: true}) { id } }"""
    )
    cases = [
        (to_global_id("Application", "finmo", app.id), "Application", app.id),
        (to_global_id("Application", "molo", str(molo_app.id)), "Application", str(molo_app.id)),
        (to_global_id("Team", "finmo", team.id), "Team", team.id),
        (to_global_id("Broker", "finmo", broker.id), "Broker", broker.id),
        (quote["maxLoanQuote"]["id"], "MaxLoanQuote", None),
        (
            to_global_id("MortgageAsset", "finmo", f"{app.id}:{detail.assets[0].id}"),
            "MortgageAsset",
            detail.assets[0].id,
        ),
        (
            to_global_id("MortgageIncome", "finmo", f"{app.id}:{detail.incomes[0].id}"),
            "MortgageIncome",
            detail.incomes[0].id,
        ),
        (
            to_global_id("MortgageLiability", "finmo", f"{app.id}:{detail.liabilities[0].id}"),
            "MortgageLiability",
            detail.liabilities[0].id,
        ),
        (
            to_global_id("MortgageProperty", "finmo", f"{app.id}:{detail.properties[0].id}"),
            "MortgageProperty",
            detail.properties[0].id,
        ),
        (to_global_id("MortgageInformation", "finmo", app.id), "MortgageInformation", app.id),
    ]
    for gid, typename, provider_id in cases:
        node = (await gql.data(NODE, id=gid))["node"]
        assert node["__typename"] == typename
        assert node["id"] == gid
        if provider_id is not None:
            assert node["providerId"] == provider_id
    quote_node = (await gql.data(NODE, id=quote["maxLoanQuote"]["id"]))["node"]
    assert quote_node["providerId"] == "remortgage_current|ltd_company|300000|1500.5|||1|"
    assert quote_node["maxLoan"]["currency"] == "GBP"


async def test_ids_from_lists_round_trip_through_node(gql: Gql) -> None:
    data = await gql.data(
        """{ applications(first: 4, provider: FINMO) { edges { node { id assets { id }
             incomes { id } liabilities { id } properties { id } mortgageInformation { id } } } }
           molo: applications(first: 4, provider: MOLO) { edges { node { id } } } }"""
    )
    ids = [e["node"]["id"] for e in data["molo"]["edges"]]
    for edge in data["applications"]["edges"]:
        node = edge["node"]
        ids.append(node["id"])
        ids.append(node["mortgageInformation"]["id"])
        for kind in ("assets", "incomes", "liabilities", "properties"):
            ids += [item["id"] for item in node[kind]]
    found = await gql.data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=ids)
    assert [n["id"] for n in found["nodes"]] == ids


async def test_unknown_mortgages_ids_are_not_found(gql: Gql) -> None:
    app = (await gql.providers.finmo.applications())[0].id
    for gid in (
        to_global_id("Application", "finmo", "missing"),
        to_global_id("Application", "molo", "12"),
        to_global_id("Team", "finmo", "missing"),
        to_global_id("Broker", "finmo", "missing"),
        to_global_id("MaxLoanQuote", "molo", "not|a|quote"),
        to_global_id("MaxLoanQuote", "molo", "new_purchase|ltd_company|0|1||||"),
        to_global_id("MortgageAsset", "finmo", f"{app}:missing"),
        to_global_id("MortgageInformation", "finmo", "missing"),
    ):
        result = await gql(NODE, id=gid)
        assert result.data == {"node": None}
        assert result.errors is not None
        assert result.errors[0].extensions == {"code": "NOT_FOUND"}, gid


async def test_many_finmo_application_nodes_cost_one_list_call(gql: Gql) -> None:
    # Floor: Finmo has no batch read by ids, but its list is whole and unpaginated,
    # so one GET /applications answers any number of ids.
    ids = [
        to_global_id("Application", "finmo", a.id) for a in await gql.providers.finmo.applications()
    ]
    gql.sandbox.clear_stats()
    found = await gql.data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=ids[:60])
    assert [n["id"] for n in found["nodes"]] == ids[:60]
    assert gql.sandbox.stats() == {"finmo": {"GET /api/v1/applications": 1}}
