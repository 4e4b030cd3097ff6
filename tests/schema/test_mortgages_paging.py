"""Walking the merged Finmo + Molo applications list: every record once, newest first."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from schema.mortgages.types import Application
from tests.schema.conftest import Gql

PAGE = """query($first: Int, $after: String, $provider: Provider) {
  applications(first: $first, after: $after, provider: $provider) {
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { provider providerId createdAt } } } }"""

OLDEST = datetime.min.replace(tzinfo=UTC)


async def walk(gql: Gql, first: int, provider: str | None = None) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        data = await gql.data(PAGE, first=first, after=after, provider=provider)
        page = data["applications"]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if page["edges"]:
            assert page["pageInfo"]["startCursor"] == page["edges"][0]["cursor"]
            assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        nodes += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        assert len(page["edges"]) == first
        after = page["pageInfo"]["endCursor"]


async def expected_order(gql: Gql) -> list[tuple[str, str]]:
    finmo = await gql.providers.finmo.applications()
    molo = await gql.providers.molo.list_applications()
    keyed = [(a.created_at, "finmo", a.id) for a in finmo]
    keyed += [(a.created_at or OLDEST, "molo", str(a.id)) for a in molo]
    return [(p.upper(), i) for _, p, i in sorted(keyed, reverse=True)]


async def test_walking_the_merged_list_yields_every_application_once_newest_first(
    gql: Gql,
) -> None:
    expected = await expected_order(gql)
    assert {p for p, _ in expected} == {"FINMO", "MOLO"}
    nodes = await walk(gql, first=37)
    seen = [(n["provider"], n["providerId"]) for n in nodes]
    assert len(seen) == len(set(seen))  # no duplicates
    assert seen == expected  # no gaps, merged newest first
    stamps = [datetime.fromisoformat(n["createdAt"]) for n in nodes]
    assert stamps == sorted(stamps, reverse=True)


async def test_a_walk_of_pages_of_one_crosses_provider_boundaries_without_gaps(gql: Gql) -> None:
    expected = (await expected_order(gql))[:12]
    assert len({p for p, _ in expected}) == 2  # the first twelve mix both providers
    nodes: list[dict[str, Any]] = []
    after = None
    for _ in expected:
        page = (await gql.data(PAGE, first=1, after=after))["applications"]
        nodes += [e["node"] for e in page["edges"]]
        after = page["pageInfo"]["endCursor"]
    assert [(n["provider"], n["providerId"]) for n in nodes] == expected


async def test_a_walk_of_full_pages_yields_the_same_order(gql: Gql) -> None:
    nodes = await walk(gql, first=100)
    assert [(n["provider"], n["providerId"]) for n in nodes] == await expected_order(gql)


async def test_one_providers_walk_holds_only_its_applications(gql: Gql) -> None:
    expected = [e for e in await expected_order(gql) if e[0] == "MOLO"]
    nodes = await walk(gql, first=100, provider="MOLO")
    assert [(n["provider"], n["providerId"]) for n in nodes] == expected


async def test_each_page_reads_each_provider_list_once(gql: Gql) -> None:
    await gql.data(PAGE, first=1)  # the Molo token
    gql.sandbox.clear_stats()
    await gql.data(PAGE, first=50)
    assert gql.sandbox.stats() == {
        "finmo": {"GET /api/v1/applications": 1},
        "molo": {"GET /api/v1/applications/": 1},
    }


async def test_a_page_of_zero_is_empty_and_says_more_follow(gql: Gql) -> None:
    data = await gql.data(PAGE, first=0)
    assert data["applications"]["edges"] == []
    assert data["applications"]["pageInfo"]["hasNextPage"] is True


async def test_a_page_maps_only_the_molo_summaries_it_reaches(
    gql: Gql, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Molo's list answers every summary at once; a page of 5 maps 6 of them (the sixth
    says a next page exists), not the whole list."""
    mapped: list[object] = []
    original = Application.from_molo

    def counting(summary: Any) -> Application:
        mapped.append(summary)
        return original(summary)

    monkeypatch.setattr(Application, "from_molo", staticmethod(counting))
    data = await gql.data(PAGE, first=5, provider="MOLO")
    assert len(data["applications"]["edges"]) == 5
    assert data["applications"]["pageInfo"]["hasNextPage"]
    assert len(await gql.providers.molo.list_applications()) > 20
    assert len(mapped) == 6
