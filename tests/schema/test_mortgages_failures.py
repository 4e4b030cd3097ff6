"""A failing provider costs only the fields that need it, with an error a client can act on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from graphql import GraphQLError

from sandbox.finmo import FinmoSandbox
from tests.schema.conftest import Gql


def provider_errors(errors: Sequence[GraphQLError] | None, provider: str) -> list[dict[str, Any]]:
    """Every error's extensions, each checked to name `provider`."""
    assert errors is not None
    found = []
    for error in errors:
        extensions = error.extensions or {}
        assert extensions.get("provider") == provider, extensions
        found.append(extensions)
    return found


async def test_a_failing_molo_applicant_read_costs_only_borrowers(gql: Gql) -> None:
    gql.sandbox.fault(provider="molo", route="GET /api/v1/applicants/{pk}/", status=500)
    result = await gql(
        """{ applications(provider: MOLO, first: 3) { edges { node {
          providerId loanTerm borrowers { email } } } } }"""
    )
    assert result.data is not None
    nodes = [e["node"] for e in result.data["applications"]["edges"]]
    assert len(nodes) == 3
    assert all(n["loanTerm"] and n["borrowers"] is None for n in nodes)
    extensions = provider_errors(result.errors, "molo")
    assert {e["code"] for e in extensions} == {"PROVIDER_UNAVAILABLE"}
    assert result.errors is not None
    assert {tuple(e.path or ())[-1] for e in result.errors} == {"borrowers"}


async def test_a_failing_finmo_detail_read_costs_only_the_sub_resources(gql: Gql) -> None:
    await gql.data("{ teams { edges { cursor } } brokers(first: 1) { edges { cursor } } }")
    gql.sandbox.fault(
        provider="finmo", route="GET /api/v1/applications/{applicationId}", status=503
    )
    result = await gql(
        """{ applications(provider: FINMO, first: 2) { edges { node {
          providerId team { name } brokers { email } assets { type } } } } }"""
    )
    assert result.data is not None
    for edge in result.data["applications"]["edges"]:
        node = edge["node"]
        assert node["team"]["name"] and node["brokers"] and node["assets"] is None
    extensions = provider_errors(result.errors, "finmo")
    assert [e["code"] for e in extensions] == ["PROVIDER_UNAVAILABLE"] * 2


async def test_a_failing_molo_list_leaves_finmo_fields_whole(gql: Gql) -> None:
    gql.sandbox.fault(provider="molo", route="GET /api/v1/applications/", status=500)
    result = await gql(
        """{ finmo: applications(provider: FINMO, first: 2) { edges { node { providerId } } }
             molo: applications(provider: MOLO, first: 2) { edges { node { providerId } } }
             teams { edges { node { name } } } }"""
    )
    assert result.data is not None
    assert len(result.data["finmo"]["edges"]) == 2
    assert result.data["teams"]["edges"]
    assert result.data["molo"] is None
    [extensions] = provider_errors(result.errors, "molo")
    assert extensions["code"] == "PROVIDER_UNAVAILABLE"
    assert extensions["status"] == 500


async def test_a_malformed_finmo_record_costs_only_the_pages_that_show_it(gql: Gql) -> None:
    """Finmo's list is validated as far as it is read (resolvers.records): the oldest
    record broken upstream leaves the newer pages whole, and the page that reaches it
    fails as a bad Finmo answer."""
    finmo = cast(FinmoSandbox, gql.sandbox.sandbox.providers["finmo"])
    oldest = min(finmo.store.applications.values(), key=lambda r: r["createdAt"])
    oldest["goal"] = None  # Finmo's own field, wrongly typed
    query = """query($after: String) { applications(provider: FINMO, first: 100, after: $after) {
      edges { node { providerId purpose } } pageInfo { hasNextPage endCursor } } }"""
    after, seen = None, 0
    while True:
        result = await gql(query, after=after)
        assert result.data is not None
        if result.data["applications"] is None:
            break
        page = result.data["applications"]
        assert result.errors is None and page["pageInfo"]["hasNextPage"]
        seen += len(page["edges"])
        after = page["pageInfo"]["endCursor"]
    assert 0 < seen < len(finmo.store.applications)
    [extensions] = provider_errors(result.errors, "finmo")
    assert extensions["code"] == "PROVIDER_BAD_RESPONSE"
