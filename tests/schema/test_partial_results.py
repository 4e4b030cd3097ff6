"""Partial results: a failing provider costs its own records, never the whole list."""

from __future__ import annotations

from typing import Any

from tests.schema.conftest import Gql

BORROWERS = """
query ($providers: [Provider!]) {
  borrowers(first: 60, providers: $providers) { edges { node { id provider } } }
}
"""
APPLICATIONS = """
query ($provider: Provider) {
  applications(first: 60, provider: $provider) { edges { node { id provider } } }
}
"""


def _nodes(data: dict[str, Any], field: str) -> list[dict[str, Any]]:
    return [edge["node"] for edge in data[field]["edges"]]


async def test_borrowers_keep_the_healthy_providers_records_and_report_the_failing_one(
    gql: Gql,
) -> None:
    healthy = await gql.data(BORROWERS, providers=["FINMO", "MOLO", "FINANCEIT"])
    gql.sandbox.fault(provider="finos", status=503)
    result = await gql(BORROWERS)
    assert result.data is not None
    assert _nodes(result.data, "borrowers") == _nodes(healthy, "borrowers")
    assert result.errors is not None
    assert [(e.path, e.extensions) for e in result.errors] == [
        (["borrowers"], {"code": "PROVIDER_UNAVAILABLE", "provider": "finos", "status": 503})
    ]


async def test_applications_over_both_providers_keep_finmos_when_molo_is_down(gql: Gql) -> None:
    finmo = await gql.data(APPLICATIONS, provider="FINMO")
    gql.sandbox.fault(provider="molo", status=500)
    result = await gql(APPLICATIONS)
    assert result.data is not None
    assert _nodes(result.data, "applications") == _nodes(finmo, "applications")
    assert result.errors is not None
    assert len(result.errors) == 1
    assert result.errors[0].extensions == {
        "code": "PROVIDER_UNAVAILABLE",
        "provider": "molo",
        "status": 500,
    }


async def test_one_providers_list_still_fails_as_a_whole(gql: Gql) -> None:
    gql.sandbox.fault(provider="molo", status=503)
    result = await gql(APPLICATIONS, provider="MOLO")
    assert result.data == {"applications": None}
    assert result.errors is not None
    assert result.errors[0].extensions is not None
    assert result.errors[0].extensions["code"] == "PROVIDER_UNAVAILABLE"


async def test_when_every_provider_fails_the_field_fails(gql: Gql) -> None:
    gql.sandbox.fault(provider="finmo", status=503)
    gql.sandbox.fault(provider="molo", status=503)
    result = await gql(APPLICATIONS)
    assert result.data == {"applications": None}
    assert result.errors is not None
    assert {e.extensions["provider"] for e in result.errors if e.extensions} <= {"finmo", "molo"}


async def test_profiles_keep_the_other_providers_when_one_fails(gql: Gql) -> None:
    query = """
    query ($providers: [Provider!]) {
      borrowers(first: 40, providers: $providers) {
        edges { node { id email profiles { provider } } }
      }
    }
    """
    before = await gql.data(query, providers=["FINMO"])
    gql.providers.cache.invalidate("people_index")  # the people indexes are read again
    gql.sandbox.fault(provider="finos", status=503)
    result = await gql(query, providers=["FINMO"])
    assert result.data is not None
    for old, new in zip(_nodes(before, "borrowers"), _nodes(result.data, "borrowers"), strict=True):
        expected = [p for p in old["profiles"] if p["provider"] != "FINOS"]
        assert new["profiles"] == expected
    assert result.errors is not None
    assert {e.extensions["provider"] for e in result.errors if e.extensions} == {"finos"}
    assert all(e.path[-1] == "profiles" for e in result.errors if e.path)
